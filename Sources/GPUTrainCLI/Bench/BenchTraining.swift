import Foundation
import GPUTrain

/// The training workloads, run through the library's ``Trainer`` so the real training path is what is timed.
enum TrainingBench {
    /// The MNIST workload's shape: 784 → 256 ReLU → 10, softmax cross-entropy, batch 256, SGD momentum 0.9.
    static let hidden = 256, batchSize = 256, classes = 10
    /// The reference harness's learning rate (`mlp_anchor.py`); it does not change the time.
    static let learningRate: Float = 0.05

    /// 60,000 × 784 training and 10,000 validation rows of uniform [0, 1) "pixels", labelled by the arg max of a
    /// random linear teacher (as `mlp_anchor.py` makes its data): the shape and cost of MNIST without the files.
    static func syntheticMNIST(seed: UInt64 = 1) -> DataSplit {
        var rng = SeededGenerator(seed: seed)
        let d = 784
        let teacher = (0..<d * classes).map { _ in rng.nextNormal() }
        func part(_ rows: Int) -> Dataset {
            var x = [Float](repeating: 0, count: rows * d)
            var y = [Float](repeating: 0, count: rows)
            for r in 0..<rows {
                for c in 0..<d { x[r * d + c] = rng.nextUniform() }
                var best = 0, bestScore = -Float.infinity
                for k in 0..<classes {
                    var s: Float = 0
                    for c in 0..<d { s += (x[r * d + c] - 0.5) * teacher[c * classes + k] }
                    if s > bestScore { (best, bestScore) = (k, s) }
                }
                y[r] = Float(best)
            }
            return Dataset(rows: rows, cols: d, features: x, targets: y, featureNames: (0..<d).map { "px\($0)" },
                           classCount: classes)
        }
        return DataSplit(train: part(60_000), valid: part(10_000), stats: nil)
    }

    /// Seconds of whole training epochs (shuffle, gather, forward, loss, backward, SGD step, and the read-back
    /// of the epoch's totals), each a `fit` of one epoch timed around the call: one warm-up epoch, then `epochs`
    /// timed ones. Validation runs on only the first 256 validation rows (under 1% of an epoch's work), so
    /// the figure is training throughput, comparable with a training loop that does not validate.
    static func mnistThroughput(_ split: DataSplit, on backend: any Backend, epochs: Int) throws -> Timing {
        let trainer = try mnistTrainer(split, on: backend)
        return try Stopwatch.repeated(epochs) { try timeEpoch(trainer) }
    }

    /// The MNIST workload's trainer (one epoch per `fit`), alone or as one rank of `communicator`'s group, where
    /// each rank trains its share of every batch (see ``Trainer``).
    static func mnistTrainer(_ split: DataSplit, on backend: any Backend,
                             communicator: any Communicator = SingleProcess()) throws -> Trainer {
        let spec = ModelSpec(kind: .mlp, inputs: split.train.cols, hidden: [hidden], outputs: classes,
                             loss: .softmaxCrossEntropy)
        var options = TrainingOptions()
        options.epochs = 1
        options.batchSize = batchSize
        options.learningRate = learningRate
        options.momentum = 0.9
        options.schedule = .constant
        let valid = split.valid.subset(Array(0..<min(256, split.valid.rows)))
        return try Trainer(spec: spec, backend: backend, train: split.train, valid: valid, options: options,
                           communicator: communicator)
    }

    /// Seconds of one `fit` of `trainer`.
    static func timeEpoch(_ trainer: Trainer) throws -> Double {
        let t0 = Stopwatch.now()
        try trainer.fit()
        return Stopwatch.now() - t0
    }

    /// Training steps of one epoch of `split`.
    static func mnistSteps(_ split: DataSplit) -> Int { (split.train.rows + batchSize - 1) / batchSize }

    /// Parameters of the MNIST workload's model, 784 → 256 → 10 with biases.
    static let mnistParameters = (784 + 1) * hidden + (hidden + 1) * classes

    /// The default Titanic model (features of the lesson, 80/20 split with seed 42, 12 → 20 ReLU → 1, binary
    /// cross-entropy) trained for 100 epochs of one full batch each (all 713 training rows), validation
    /// included, as `gputrain --epochs 100 --batch-size 713` runs it: wall seconds of `fit`, one warm-up run,
    /// then `runs` timed ones, each on a fresh trainer.
    static func titanic(on backend: any Backend, runs: Int) throws -> Timing {
        let split = try Table(csv: TitanicData.trainCSV, source: "embedded Titanic train.csv")
            .split(validPct: 0.2, seed: 42, options: FeatureOptions(target: "Survived"))
        let spec = ModelSpec(kind: .mlp, inputs: split.train.cols, hidden: [20], outputs: 1, loss: .binaryCrossEntropy)
        var options = TrainingOptions()
        options.epochs = titanicEpochs
        options.batchSize = split.train.rows
        return try Stopwatch.repeated(runs) {
            let trainer = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options)
            let t0 = Stopwatch.now()
            try trainer.fit()
            return Stopwatch.now() - t0
        }
    }

    static let titanicEpochs = 100
    /// The Titanic split's shape, for the numpy reference: 713 training and 178 validation rows of 12 features.
    static let titanicShape = (train: 713, valid: 178, features: 12, hidden: 20)
}
