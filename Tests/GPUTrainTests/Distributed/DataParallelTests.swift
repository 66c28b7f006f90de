import Foundation
import GPUTrain
import Testing

/// Relative difference, with a floor so that losses near zero compare absolutely.
private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-6) }

/// A fresh random 3-class table of `rows` rows (targets from a linear rule, so there is something to learn).
private func randomData(rows: Int, cols: Int, _ rng: inout TestRNG) -> Dataset {
    let x = rng.floats(rows * cols)
    let y = (0..<rows).map { r -> Float in
        let s = (0..<cols).reduce(Float(0)) { $0 + x[r * cols + $1] * Float($1 % 3 - 1) }
        return s < -0.3 ? 0 : s < 0.3 ? 1 : 2
    }
    return Dataset(rows: rows, cols: cols, features: x, targets: y, featureNames: (0..<cols).map { "x\($0)" }, classCount: 3)
}

/// Trains the same run alone and on `ranks` threads of a ``ThreadGroup``; returns the lone run's history and, per
/// rank, its history and final parameters.
private func trainBoth(ranks: Int, spec: ModelSpec, train: Dataset, valid: Dataset, options: TrainingOptions)
    throws -> (alone: [EpochRecord], ranks: [(history: [EpochRecord], parameters: [[Float]])]) {
    let alone = try Trainer(spec: spec, backend: CPUBackend(threads: 1), train: train, valid: valid, options: options).fit()
    let group = ThreadGroup(size: ranks)
    let each = try group.run { rank in
        let trainer = try Trainer(spec: spec, backend: CPUBackend(threads: 1), train: train, valid: valid, options: options,
                                  communicator: rank)
        return (try trainer.fit(), try trainer.parameters())
    }
    return (alone, each)
}

@Suite("Data-parallel training (ranks as threads)")
struct DataParallelTests {
    @Test("N ranks reproduce one process's per-epoch losses within 1e-5 relative, and end with bitwise-identical weights",
          arguments: [(2, ModelKind.mlp, Optimizer.sgd), (3, .mlp, .adam), (4, .excel, .sgd), (4, .linear, .adam)])
    func titanic(ranks: Int, kind: ModelKind, optimizer: Optimizer) throws {
        let validRows = try titanicSplit().valid.rows
        let lr: Float = optimizer == .adam ? 0.01 : kind == .excel ? 0.2 : 0.1
        let alone = try titanicTrainer(kind, on: CPUBackend(threads: 1), epochs: 4, lr: lr, optimizer: optimizer).fit()
        let ranked = try ThreadGroup(size: ranks).run { rank in
            let trainer = try titanicTrainer(kind, on: CPUBackend(threads: 1), epochs: 4, lr: lr, optimizer: optimizer,
                                             communicator: rank)
            return (history: try trainer.fit(), parameters: try trainer.parameters())
        }
        for (r, run) in ranked.enumerated() {
            #expect(run.history.count == alone.count)
            for (a, b) in zip(run.history, alone) {
                let worst = max(relative(a.trainLoss, b.trainLoss), relative(a.validLoss, b.validLoss))
                if r == 0 { print("\(ranks) ranks, \(kind) \(optimizer), epoch \(a.epoch): train \(a.trainLoss) vs \(b.trainLoss), valid \(a.validLoss) vs \(b.validLoss), worst relative \(worst)") }
                #expect(worst <= 1e-5, "rank \(r) epoch \(a.epoch)")
                #expect(abs(a.accuracy - b.accuracy) <= 1.0 / Double(validRows) + 1e-12)
            }
            #expect(run.parameters == ranked[0].parameters, "rank \(r)'s weights differ from rank 0's")
        }
    }

    @Test("ragged batches, with ranks whose share of a batch is empty, still give one process's run")
    func ragged() throws {
        var rng = TestRNG("data-parallel ragged")
        // 37 training rows in batches of 5: the last batch has 2 rows for 4 ranks. 3 validation rows for 4 ranks.
        let train = randomData(rows: 37, cols: 6, &rng), valid = randomData(rows: 3, cols: 6, &rng)
        let spec = ModelSpec(kind: .mlp, inputs: 6, hidden: [7], outputs: 3, loss: .softmaxCrossEntropy)
        var options = TrainingOptions()
        options.epochs = 3
        options.batchSize = 5
        options.seed = rng.next()
        let (alone, ranked) = try trainBoth(ranks: 4, spec: spec, train: train, valid: valid, options: options)
        for (r, run) in ranked.enumerated() {
            for (a, b) in zip(run.history, alone) {
                #expect(relative(a.trainLoss, b.trainLoss) <= 1e-5, "rank \(r) epoch \(a.epoch): \(a.trainLoss) vs \(b.trainLoss)")
                #expect(relative(a.validLoss, b.validLoss) <= 1e-5, "rank \(r) epoch \(a.epoch): \(a.validLoss) vs \(b.validLoss)")
            }
            #expect(run.parameters == ranked[0].parameters)
        }
    }

    @Test("a stop asked of one rank mid-epoch stops every rank at the same epoch, with the same weights")
    func stopOnOneRank() throws {
        let group = ThreadGroup(size: 2)
        let results = try group.run { rank in
            let trainer = try titanicTrainer(.mlp, on: CPUBackend(threads: 1), epochs: 5, communicator: rank)
            let stop = StopRequest()
            var epoch = 0
            let history = try trainer.fit(stop: stop, progress: { phase, done, _ in
                if rank.rank == 1, epoch == 2, phase == .train, done == 3 { stop.request() }
            }, onEpoch: { epoch = $0.epoch + 1 })
            return (history.count, try trainer.parameters())
        }
        #expect(results.map(\.0) == [2, 2], "each rank's finished epochs")
        #expect(results[0].1 == results[1].1)
        // The weights are those at the end of epoch 2 of an unstopped run.
        let alone = try titanicTrainer(.mlp, on: CPUBackend(threads: 1), epochs: 5)
        var atTwo: [[Float]] = []
        try alone.fit(onEpoch: { if $0.epoch == 1 { atTwo = try alone.parameters() } })
        for (a, b) in zip(results[0].1.joined(), atTwo.joined()) { #expect(abs(a - b) <= 1e-5 * max(abs(b), 1e-3)) }
    }

    @Test("ranks started with other settings or data all fail at once, naming what differs")
    func disagreement() throws {
        let split = try titanicSplit()
        let spec = ModelSpec(kind: .mlp, inputs: split.train.cols, hidden: [20], outputs: 1, loss: .binaryCrossEntropy)
        let t = split.train
        var features = t.features
        features[17] += 1
        let changed = Dataset(rows: t.rows, cols: t.cols, features: features, targets: t.targets, featureNames: t.featureNames,
                              classCount: t.classCount)
        for (what, lr, data) in [("--lr", Float(0.2), split.train), ("the data", Float(0.1), changed)] {
            let group = ThreadGroup(size: 3)
            let messages = try group.run { rank -> String in
                var options = TrainingOptions()
                if rank.rank == 2 { options.learningRate = lr }
                do {
                    _ = try Trainer(spec: spec, backend: CPUBackend(threads: 1), train: rank.rank == 2 ? data : split.train,
                                    valid: split.valid, options: options, communicator: rank)
                    return "no error"
                } catch let error as DistributedError {
                    return error.description
                }
            }
            print(messages[0])
            #expect(Set(messages).count == 1, "every rank throws the same error")
            #expect(messages[0].contains(what) && messages[0].contains("on rank 2"), "\(messages[0])")
            if what == "--lr" { #expect(messages[0].contains("'0.1' on rank 0, '0.1' on rank 1, '0.2' on rank 2")) }
        }
    }

    @Test("lr-find on N ranks sweeps the losses one process does")
    func learningRateFinder() throws {
        let alone = try titanicTrainer(.mlp, on: CPUBackend(threads: 1)).findLearningRate(steps: 40)
        let sweeps = try ThreadGroup(size: 3).run { rank in
            try titanicTrainer(.mlp, on: CPUBackend(threads: 1), communicator: rank).findLearningRate(steps: 40)
        }
        for sweep in sweeps {
            #expect(sweep.losses.count == alone.losses.count)
            for (a, b) in zip(sweep.losses, alone.losses) where b.isFinite { #expect(relative(a, b) <= 1e-4, "\(a) vs \(b)") }
        }
    }

    @Test("each rank's shares of a batch are contiguous, in rank order, and cover it exactly")
    func shares() throws {
        var rng = TestRNG("data-parallel shares")
        for _ in 0..<200 {
            let size = Int.random(in: 1...9, using: &rng)
            let start = Int.random(in: 0...1000, using: &rng), count = Int.random(in: 0...40, using: &rng)
            let range = start ..< start + count
            let shares = (0..<size).map { rank in ThreadRank(group: ThreadGroup(size: size), rank: rank).share(of: range) }
            #expect(shares.first!.lowerBound == range.lowerBound && shares.last!.upperBound == range.upperBound)
            for (a, b) in zip(shares, shares.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            #expect(shares.map(\.count).max()! - shares.map(\.count).min()! <= 1)
        }
        #expect(SingleProcess().share(of: 5..<9) == 5..<9)
    }

    @Test("a collective one rank never reaches fails the test group instead of hanging")
    func outOfStep() throws {
        let group = ThreadGroup(size: 2, timeout: 0.5)
        #expect(throws: ThreadGroup.Timeout.self) {
            _ = try group.run { rank in
                var x: [Float] = [1]
                if rank.rank == 0 { try rank.allreduceSum(&x) }
                return x
            }
        }
    }

    @Test("the launch environment: OpenMPI's, PMI's and PMIx's variables, and none")
    func launchEnvironment() {
        #expect(LaunchEnvironment.current([:]) == nil)
        #expect(LaunchEnvironment.current(["PATH": "/bin"]) == nil)
        #expect(LaunchEnvironment.current(["OMPI_COMM_WORLD_RANK": "3", "OMPI_COMM_WORLD_SIZE": "4"]) == LaunchEnvironment(rank: 3, size: 4))
        #expect(LaunchEnvironment.current(["PMI_RANK": "0", "PMI_SIZE": "2"]) == LaunchEnvironment(rank: 0, size: 2))
        #expect(LaunchEnvironment.current(["PMIX_RANK": "1", "SLURM_NTASKS": "8"]) == LaunchEnvironment(rank: 1, size: 8))
        #expect(LaunchEnvironment.current(["PMIX_RANK": "2"]) == LaunchEnvironment(rank: 2, size: 3))
        #expect(LaunchEnvironment.current(["OMPI_COMM_WORLD_RANK": "x", "OMPI_COMM_WORLD_SIZE": "4"]) == nil)
    }
}
