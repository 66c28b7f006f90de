import Foundation
import GPUTrain
import Testing

/// fastai's `valley` and `steep` rules and the sweep's bookkeeping, on curves with known answers.
@Suite("Learning-rate finder: the rules")
struct LearningRateRuleTests {
    /// Each expected index was computed by fastai's own `valley` (fastai/callback/schedule.py) run on the same list in
    /// Python. The third and fourth show its `start = end − length` quirk: the start is not where the valley begins.
    @Test("valley: fastai's answers on fixed curves", arguments: [
        ([3, 5, 4, 3, 2, 1, 0.5, 6, 7], 3),
        ([5, 4, 3, 2, 1, 0], 2),
        ([1.0, 0.9, 0.95, 0.8, 0.85, 0.7, 0.75, 0.6, 0.65, 0.5, 2, 3], 6),
        ([0.7, 0.69, 0.71, 0.7, 0.68, 0.66, 0.67, 0.6, 0.62, 0.55, 0.5, 0.52, 0.45, 0.9, 1.5, 0.4, 0.3], 10),
        ([1, 1, 1, 1], 0),
        ([2, 1], 0),  // fastai's index is −1 here, which Python reads as the last point
    ] as [([Double], Int)])
    func valleyFixed(losses: [Double], expected: Int) {
        #expect(LearningRateSweep.valleyIndex(losses) == expected)
    }

    @Test("valley: on a random U-shaped curve falling for d + 1 points, fastai's −1 + ⌊(d+1)/3⌋ + ⌊(d+1)/6⌋")
    func valleyRandomU() {
        var g = SystemRandomNumberGenerator()
        for _ in 0 ..< 50 {
            let d = Int.random(in: 5 ... 80, using: &g)
            var loss = Double.random(in: 1 ... 3, using: &g), curve: [Double] = []
            for _ in 0 ... d { curve.append(loss); loss -= Double.random(in: 0.001 ... 0.1, using: &g) }
            // The rise starts above the bottom and is shorter than the fall, so the longest valley is the fall.
            var rise = curve.last! + 0.01
            for _ in 0 ..< Int.random(in: 0 ... d / 2, using: &g) { curve.append(rise); rise += Double.random(in: 0.001 ... 1, using: &g) }
            let sections = Double(d + 1) / 3
            #expect(LearningRateSweep.valleyIndex(curve) == -1 + Int(sections) + Int(sections / 2), "\(curve)")
        }
        #expect(LearningRateSweep.valleyIndex([]) == nil)
    }

    @Test("steep: the most negative slope against ln lr, not the largest drop")
    func steep() {
        var g = SystemRandomNumberGenerator()
        for _ in 0 ..< 50 {
            let n = Int.random(in: 4 ... 60, using: &g), k = Int.random(in: 0 ..< n - 1, using: &g)
            let lrs = (0 ..< n).map { Float(1e-5 * pow(10, Double($0) * 0.1)) }
            var losses = [Double.random(in: 1 ... 2, using: &g)]
            for i in 0 ..< n - 1 { losses.append(losses[i] + (i == k ? -0.5 : Double.random(in: -0.2 ... 0.2, using: &g))) }
            #expect(LearningRateSweep.steepestIndex(learningRates: lrs, losses: losses) == k)
        }
        // The drop of 0.3 spans 3 decades, the drop of 0.2 one: the second is steeper.
        #expect(LearningRateSweep.steepestIndex(learningRates: [1e-6, 1e-3, 1e-2], losses: [1.0, 0.7, 0.5]) == 1)
        #expect(LearningRateSweep.steepestIndex(learningRates: [1e-3], losses: [1]) == nil)
    }

    @Test("smoothing is fastai's debiased moving average: a weighted mean with weights β^(i−j)")
    func smoothing() {
        let losses = (0 ..< 100).map { _ in Double.random(in: 0 ... 5) }
        let smoothed = LearningRateSweep.smoothed(losses)
        for i in [0, 1, 7, 50, 99] {
            let weights = (0 ... i).map { pow(0.98, Double(i - $0)) }
            let mean = zip(weights, losses).map { $0 * $1 }.reduce(0, +) / weights.reduce(0, +)
            #expect(abs(smoothed[i] - mean) <= 1e-12 * max(1, mean), "step \(i): \(smoothed[i]) vs \(mean)")
        }
        #expect(LearningRateSweep.smoothed([0.7, 0.7, 0.7]).allSatisfy { abs($0 - 0.7) < 1e-12 })
    }

    @Test("the schedule is fastai's SchedExp(1e-7, 10) at i/100")
    func schedule() {
        for i in [0, 1, 50, 99] {
            let expected = 1e-7 * pow(1e8, Double(i) / 100)
            let lr = Double(LearningRateSweep.learningRate(step: i, of: 100, start: 1e-7, end: 10))
            #expect(abs(lr - expected) <= 1e-6 * expected, "step \(i): \(lr)")
        }
    }

    @Test("the suggestions read losses[steps/10 : -5], cut at the first NaN")
    func suggestionRange() {
        func sweep(_ losses: [Double]) -> LearningRateSweep {
            LearningRateSweep(learningRates: losses.indices.map { Float(1e-7 * pow(10, Double($0) * 0.08)) },
                              losses: losses, plannedSteps: 100, ending: .completed)
        }
        #expect(sweep(Array(repeating: 1, count: 100)).suggestionRange == 10 ..< 95)
        #expect(sweep(Array(repeating: 1, count: 30)).suggestionRange == 10 ..< 25)
        #expect(sweep(Array(repeating: 1, count: 12)).suggestionRange == 10 ..< 10)
        #expect(sweep(Array(repeating: 1, count: 12)).valley == nil)
        #expect(sweep(Array(repeating: 1, count: 20) + [.nan] + Array(repeating: 1, count: 79)).suggestionRange == 10 ..< 20)
        // The suggestion is an index into the whole sweep: a valley in 10..<95 is offset by 10.
        let curve: [Double] = (0 ..< 100).map { (i: Int) -> Double in
            i < 60 ? 2 - Double(i) * 0.01 : 1.4 + Double(i - 60) * 0.1
        }
        let s = sweep(curve)
        let inner = LearningRateSweep.valleyIndex(Array(s.smoothedLosses[10 ..< 95]))!
        #expect(s.valley?.index == 10 + inner)
        #expect(s.valley?.learningRate == s.learningRates[10 + inner])
    }
}

@Suite("Learning-rate finder on the CPU backend")
struct LearningRateFinderTests {
    @Test("the sweep follows the schedule, restores the weights, and a fit after it is the fit without it",
          arguments: [Optimizer.sgd, .adam])
    func restores(optimizer: Optimizer) throws {
        let backend = CPUBackend()
        let a = try titanicTrainer(.mlp, on: backend, epochs: 2, optimizer: optimizer)
        let before = try a.parameters()
        let sweep = try a.findLearningRate()
        #expect(try a.parameters() == before)
        #expect(sweep.learningRates.count == sweep.losses.count && sweep.losses.count == sweep.smoothedLosses.count)
        #expect(sweep.learningRates.count > 20 && sweep.learningRates.count <= 100)
        for (i, lr) in sweep.learningRates.enumerated() {
            #expect(lr == LearningRateSweep.learningRate(step: i, of: 100, start: 1e-7, end: 10))
        }
        // At lr 1e-7 the model barely moves: the first losses are the untrained network's, near ln 2 for 2 classes.
        #expect(abs(sweep.losses[0] - log(2.0)) < 0.1, "\(sweep.losses[0])")
        let b = try titanicTrainer(.mlp, on: backend, epochs: 2, optimizer: optimizer)
        #expect(try a.fit().map(\.trainLoss) == b.fit().map(\.trainLoss))
        let valley = try #require(sweep.valley), steep = try #require(sweep.steep)
        #expect(sweep.suggestionRange.contains(valley.index) && sweep.suggestionRange.contains(steep.index))
    }

    @Test("it stops once the smoothed loss passes 4 × its minimum, and only then")
    func stopsOnExplosion() throws {
        let trainer = try titanicTrainer(.linear, on: CPUBackend())
        let sweep = try trainer.findLearningRate(start: 1e-3, end: 1e6, steps: 100)
        #expect(sweep.ending != .completed)
        #expect(sweep.learningRates.count < 100)
        let s = sweep.smoothedLosses
        if sweep.ending == .lossExploded {
            #expect(s.last! > 4 * s.dropLast().min()!)
            for i in 1 ..< s.count - 1 { #expect(s[i] <= 4 * s[0 ... i].min()!, "step \(i)") }
        } else {
            #expect(!s.last!.isFinite)
        }
    }

    @Test("the steps use the trainer's optimizer and momentum: with none, the first two losses on a full batch follow plain SGD")
    func usesOptimizer() throws {
        let split = try titanicSplit()
        let spec = ModelSpec(kind: .linear, inputs: split.train.cols, outputs: 1, loss: .binaryCrossEntropy)
        func sweep(_ momentum: Float, _ optimizer: Optimizer = .sgd) throws -> LearningRateSweep {
            var options = TrainingOptions()
            options.momentum = momentum
            options.optimizer = optimizer
            options.batchSize = split.train.rows  // one batch: the same rows every step
            return try Trainer(spec: spec, backend: CPUBackend(), train: split.train, valid: split.valid, options: options)
                .findLearningRate(start: 0.5, end: 50, steps: 10)
        }
        let plain = try sweep(0), heavy = try sweep(0.9)
        // Step 0 is the same initial model; from step 2 the momentum's carried velocity changes the path.
        #expect(plain.losses[0] == heavy.losses[0])
        #expect(plain.losses[1] == heavy.losses[1])
        #expect(plain.losses[2] != heavy.losses[2])
        // Adam's first step moves every weight by about lr whatever its gradient: another loss after one step.
        let adam = try sweep(0.9, .adam)
        #expect(adam.losses[0] == plain.losses[0] && adam.losses[1] != plain.losses[1])
    }

    @Test("fewer training rows than one batch is an error")
    func tooFewRows() throws {
        let split = try titanicSplit()
        var options = TrainingOptions()
        options.batchSize = split.train.rows + 1
        let spec = ModelSpec(kind: .linear, inputs: split.train.cols, outputs: 1, loss: .binaryCrossEntropy)
        let trainer = try Trainer(spec: spec, backend: CPUBackend(), train: split.train, valid: split.valid, options: options)
        #expect(throws: TrainingError.self) { try trainer.findLearningRate() }
        #expect(throws: TrainingError.self) { try titanicTrainer(.linear, on: CPUBackend()).findLearningRate(steps: 5) }
        #expect(throws: TrainingError.self) { try titanicTrainer(.linear, on: CPUBackend()).findLearningRate(start: 1, end: 1) }
    }

    @Test("the plot: the smoothed curve without its last 5 points, both suggestions, decade ticks")
    func plot() throws {
        let sweep = try titanicTrainer(.mlp, on: CPUBackend()).findLearningRate()
        let svg = learningRatePlotSVG(sweep, title: "a <b> & c")
        let points = try #require(svg.firstMatch(of: #/points="([^"]*)"/#)).output.1.split(separator: " ")
        #expect(points.count == sweep.learningRates.count - 5)
        #expect(svg.contains("<circle id=\"valley\"") && svg.contains("<circle id=\"steep\""))
        #expect(svg.contains(">1e-7</text>") && svg.contains(">1e1</text>"))
        #expect(svg.contains("a &lt;b&gt; &amp; c"))
        #expect(svg.contains(String(format: "valley %.2e", Double(sweep.valley!.learningRate))))
    }
}
