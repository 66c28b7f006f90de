import Foundation

/// How the learning rate and the momentum move over a run.
public enum Schedule: String, Codable, Sendable, CaseIterable {
    /// The same rate and momentum for every step.
    case constant
    /// fastai's `fit_one_cycle`: a cosine warm-up from lr/25 to lr over the first 25% of the steps,
    /// then a cosine decay to lr/100000; the momentum moves the opposite way over the same two phases, a cosine
    /// from its maximum down to 0.85/0.95 of it, then back up (fastai's `moms=(0.95, 0.85, 0.95)` for a
    /// maximum of 0.95).
    case onecycle

    /// fastai's `pct_start`: the share of the steps spent warming up.
    static let warmUpFraction = 0.25
    /// fastai's `div`: the warm-up starts at lr / 25.
    static let startDivisor = 25.0
    /// fastai's `div_final`: the decay ends at lr / 100000.
    static let finalDivisor = 100_000.0
    /// The momentum at the learning rate's peak, as a fraction of the maximum: 0.85 / 0.95 as in fastai.
    public static let momentumDip = 0.85 / 0.95

    /// The rate at `step` of `totalSteps` (0-based) for a peak rate `lr`.
    public func learningRate(_ lr: Float, step: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant: return lr
        case .onecycle:
            let peak = Double(lr)
            return Float(Self.oneCycle(step: step, totalSteps: totalSteps, start: peak / Self.startDivisor,
                                       middle: peak, end: peak / Self.finalDivisor))
        }
    }

    /// The SGD momentum at `step` of `totalSteps` (0-based) for a maximum momentum `momentum` (`--momentum`).
    ///
    /// Constant: `momentum` throughout. One-cycle: `momentum` at the first step, `momentum · 0.85/0.95` where the
    /// learning rate peaks, `momentum` again at the last step, each phase a cosine; high momentum while the rate
    /// is low and low momentum while it is high, which fastai found trains faster and more stably. A maximum of
    /// 0.95 gives fastai's 0.95 → 0.85 → 0.95; 0 stays 0.
    public func momentum(_ momentum: Float, step: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant: return momentum
        case .onecycle:
            let top = Double(momentum)
            return Float(Self.oneCycle(step: step, totalSteps: totalSteps, start: top, middle: top * Self.momentumDip,
                                       end: top))
        }
    }

    /// A cosine from `start` to `middle` over the warm-up steps, then a cosine from `middle` to `end` reaching it
    /// at the last step.
    static func oneCycle(step: Int, totalSteps: Int, start: Double, middle: Double, end: Double) -> Double {
        func cosine(from a: Double, to b: Double, _ t: Double) -> Double { b + (a - b) * (1 + cos(.pi * t)) / 2 }
        let warm = max(1, Int((Double(totalSteps) * warmUpFraction).rounded()))
        if step < warm {
            return cosine(from: start, to: middle, Double(step) / Double(warm))
        }
        let t = Double(step - warm) / Double(max(1, totalSteps - warm - 1))
        return cosine(from: middle, to: end, min(1, t))
    }
}
