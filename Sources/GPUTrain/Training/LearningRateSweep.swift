import Foundation

/// The record of a learning-rate finder run (fastai's `lr_find`), with the learning rates it suggests.
///
/// ``Trainer/findLearningRate(start:end:steps:progress:)`` trains on one mini-batch per step with a learning rate
/// that grows exponentially from `start` towards `end`, and records each batch's loss. The losses are smoothed as
/// fastai's `Recorder` smooths them (an exponential moving average with β = 0.98, divided by 1 − β^(i+1) so the first
/// values are not pulled towards 0), and the run stops early once the smoothed loss is more than 4 × its minimum so
/// far, or a loss is NaN or infinite.
///
/// Two suggestions are read from the smoothed curve, on the points fastai's `lr_find` looks at: all but the first
/// `steps / 10` and the last 5 (and none from the first NaN on):
/// - ``valley``: fastai's default `valley` rule: the longest run of decreasing losses (the longest decreasing
///   subsequence), and the point about half-way along it (see ``valleyIndex(_:)``);
/// - ``steep``: the point where the loss falls fastest against log lr (see ``steepestIndex(learningRates:losses:)``).
///
/// ```swift
/// let sweep = try trainer.findLearningRate()
/// print(sweep.valley?.learningRate ?? "no suggestion")
/// ```
public struct LearningRateSweep: Sendable, Equatable {
    /// Why the sweep ended.
    public enum Ending: String, Sendable {
        /// Every planned step ran.
        case completed
        /// The smoothed loss passed ``LearningRateSweep/stopFactor`` × its minimum.
        case lossExploded
        /// A batch's loss was NaN or infinite.
        case diverged
    }

    /// A suggested learning rate and the point of the curve it comes from.
    public struct Suggestion: Sendable, Equatable {
        /// The step (an index into ``LearningRateSweep/learningRates``).
        public let index: Int
        /// The learning rate of that step.
        public let learningRate: Float
        /// The smoothed loss at that step.
        public let loss: Double
    }

    /// fastai's smoothing factor: each smoothed value is 0.98 of the previous one and 0.02 of the new loss.
    public static let beta = 0.98
    /// The sweep stops once the smoothed loss exceeds this many times its minimum.
    public static let stopFactor = 4.0
    /// Points left out at the end of the curve for the suggestions and the plot, as fastai's `skip_end`.
    public static let skipEnd = 5

    /// The learning rate of each step that ran.
    public let learningRates: [Float]
    /// Each step's batch loss (mean over the batch's rows), before that step's update.
    public let losses: [Double]
    /// ``losses`` smoothed (see ``smoothed(_:beta:)``).
    public let smoothedLosses: [Double]
    /// The steps the sweep was to run; fewer ran when it stopped early.
    public let plannedSteps: Int
    /// Why it ended.
    public let ending: Ending

    /// A sweep from its raw record; the smoothed losses and the suggestions are computed from it.
    /// - Parameters:
    ///   - learningRates: the learning rate of each step, increasing.
    ///   - losses: each step's loss, as many as `learningRates`.
    ///   - plannedSteps: the steps the sweep was to run (`steps / 10` of them are skipped at the start).
    ///   - ending: why it ended.
    public init(learningRates: [Float], losses: [Double], plannedSteps: Int, ending: Ending) {
        precondition(learningRates.count == losses.count, "\(learningRates.count) learning rates for \(losses.count) losses")
        self.learningRates = learningRates
        self.losses = losses
        self.smoothedLosses = Self.smoothed(losses)
        self.plannedSteps = plannedSteps
        self.ending = ending
    }

    /// The learning rate of step `i` of `steps` from `start` towards `end`: `start · (end / start)^(i / steps)`, as
    /// fastai's `SchedExp` at `train_iter / num_it` (so the last of 100 steps from 1e-7 to 10 is 10^0.92 ≈ 8.3).
    public static func learningRate(step i: Int, of steps: Int, start: Float, end: Float) -> Float {
        Float(Double(start) * pow(Double(end) / Double(start), Double(i) / Double(steps)))
    }

    /// fastai's `AvgSmoothLoss`: `a ← β·a + (1 − β)·loss` from `a = 0`, each value divided by `1 − β^(i+1)`.
    /// A NaN or infinite loss makes it and every later value non-finite.
    public static func smoothed(_ losses: [Double], beta: Double = beta) -> [Double] {
        var average = 0.0
        return losses.enumerated().map { i, loss in
            average = beta * average + (1 - beta) * loss
            return average / (1 - pow(beta, Double(i + 1)))
        }
    }

    /// The steps the suggestions are taken from: fastai's `losses[num_it // 10 : -5]`, cut before the first NaN.
    public var suggestionRange: Range<Int> {
        let first = plannedSteps / 10
        var end = max(first, smoothedLosses.count - Self.skipEnd)
        if let nan = smoothedLosses[first ..< end].firstIndex(where: \.isNaN) { end = nan }
        return first ..< end
    }

    /// fastai's `valley` suggestion, on ``suggestionRange``; nil when it holds fewer than 2 points.
    public var valley: Suggestion? {
        let range = suggestionRange
        guard range.count >= 2, let i = Self.valleyIndex(Array(smoothedLosses[range])) else { return nil }
        return suggestion(range.lowerBound + i)
    }

    /// fastai's `steep` suggestion (the steepest descent against log lr), on ``suggestionRange``; nil when it holds
    /// fewer than 2 points.
    public var steep: Suggestion? {
        let range = suggestionRange
        guard range.count >= 2,
              let i = Self.steepestIndex(learningRates: Array(learningRates[range]), losses: Array(smoothedLosses[range]))
        else { return nil }
        return suggestion(range.lowerBound + i)
    }

    private func suggestion(_ i: Int) -> Suggestion {
        Suggestion(index: i, learningRate: learningRates[i], loss: smoothedLosses[i])
    }

    /// fastai's `valley` rule, exactly: `lds[i]` is the length of the longest strictly decreasing subsequence ending at
    /// `i` (an O(n²) scan); `end` is the first index with the longest, `start = end − lds[end]` (one before the
    /// subsequence's first point, as fastai has it), and the suggestion is
    /// `start + ⌊(end − start)/3⌋ + ⌊(end − start)/3/2⌋`, about half-way (fastai's docs say "roughly 2/3 through";
    /// its code, followed here, is this). Where fastai's index would be −1 (a curve whose longest
    /// valley is its first two points), which Python reads as the last point, this returns 0.
    /// - Returns: an index into `losses`; nil for an empty array.
    public static func valleyIndex(_ losses: [Double]) -> Int? {
        let n = losses.count
        guard n > 0 else { return nil }
        var lds = [Int](repeating: 1, count: n)
        var maxStart = 0, maxEnd = 0
        for i in 1 ..< max(n, 1) {
            for j in 0 ..< i {
                if losses[i] < losses[j], lds[i] < lds[j] + 1 { lds[i] = lds[j] + 1 }
                if lds[maxEnd] < lds[i] {
                    maxEnd = i
                    maxStart = maxEnd - lds[maxEnd]
                }
            }
        }
        let sections = Double(maxEnd - maxStart) / 3
        let index = maxStart + Int(sections) + Int(sections / 2)
        return min(max(index, 0), n - 1)
    }

    /// fastai's `steep` rule: the slopes `(loss[i+1] − loss[i]) / (ln lr[i+1] − ln lr[i])`, and the `i` of the most
    /// negative (the first of equals; NaN slopes are skipped).
    /// - Returns: an index into the arrays; nil with fewer than 2 points or no finite slope.
    public static func steepestIndex(learningRates: [Float], losses: [Double]) -> Int? {
        precondition(learningRates.count == losses.count, "\(learningRates.count) learning rates for \(losses.count) losses")
        var best: (index: Int, slope: Double)?
        for i in 0 ..< max(0, losses.count - 1) {
            let slope = (losses[i + 1] - losses[i]) / (log(Double(learningRates[i + 1])) - log(Double(learningRates[i])))
            if !slope.isNaN, best == nil || slope < best!.slope { best = (i, slope) }
        }
        return best?.index
    }
}
