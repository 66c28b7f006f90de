import Foundation
import GPUTrain
import Testing

/// 713 training rows in batches of 100: 8 batches an epoch, so a stop can land mid-epoch.
private func smallBatchTrainer(on backend: any Backend, epochs: Int = 6, seed: UInt64 = 42,
                               kind: ModelKind = .mlp, optimizer: Optimizer = .sgd) throws -> Trainer {
    let split = try titanicSplit(seed: seed)
    var options = TrainingOptions()
    options.epochs = epochs
    options.batchSize = 100
    options.seed = seed
    options.optimizer = optimizer
    if optimizer == .adam { (options.learningRate, options.weightDecay) = (0.01, 0.01) }
    let spec = ModelSpec(kind: kind, inputs: split.train.cols, hidden: [20], outputs: 1, loss: .binaryCrossEntropy)
    return try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options)
}

/// The largest |a − b| / |b| over two equally long lists (0 where both are 0).
private func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    #expect(a.count == b.count)
    return zip(a, b).map { $1 == $0 ? 0 : abs($0 - $1) / max(abs($1), 1e-30) }.max() ?? 0
}

private func flat(_ p: [[Float]]) -> [Double] { p.flatMap { $0.map(Double.init) } }

private func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-ckpt-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Trains 6 epochs straight, and again in two parts: a first fit stopped mid-epoch 3 (so epochs 0–2 are kept and
/// the partial epoch must be undone), its checkpoint saved and loaded, then a fresh trainer resuming from it.
/// Returns the largest relative difference of the per-epoch metrics and of the final weights.
private func resumeVersusStraight(_ optimizer: Optimizer = .sgd,
                                  on makeBackend: () throws -> any Backend) throws -> (metrics: Double, weights: Double) {
    let straight = try smallBatchTrainer(on: makeBackend(), optimizer: optimizer)
    let whole = try straight.fit()

    let first = try smallBatchTrainer(on: makeBackend(), optimizer: optimizer)
    let stop = StopRequest()
    let part = try first.fit(stop: stop, progress: { phase, done, _ in
        if first.history.count == 3, phase == .train, done == 4 { stop.request() }
    })
    #expect(part.map(\.epoch) == [0, 1, 2], "the stopped fit keeps exactly the finished epochs")
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try first.checkpoint().save(to: "\(dir)/c.json")

    let second = try smallBatchTrainer(on: makeBackend(), optimizer: optimizer)
    let resumed = try second.fit(resumingFrom: try Checkpoint.load(from: "\(dir)/c.json"))
    #expect(resumed.map(\.epoch) == Array(0..<6))
    let metrics = [\EpochRecord.trainLoss, \.validLoss, \.accuracy].map { (key: KeyPath<EpochRecord, Double>) in
        maxRelativeDifference(resumed.map { $0[keyPath: key] }, whole.map { $0[keyPath: key] })
    }.max()!
    return (metrics, maxRelativeDifference(flat(try second.parameters()), flat(try straight.parameters())))
}

@Suite("Stopping, checkpoints and resuming a fit")
struct CheckpointTests {
    @Test("a stop mid-epoch drops that epoch and puts back the weights of the last finished one")
    func stopMidEpoch() throws {
        let trainer = try smallBatchTrainer(on: CPUBackend())
        let stop = StopRequest()
        var atEpochEnd: [[[Float]]] = []
        var calls = 0
        let history = try trainer.fit(stop: stop, progress: { phase, _, _ in
            calls += 1
            if trainer.history.count == 2, phase == .train { stop.request() }
        }, onEpoch: { _ in atEpochEnd.append(try trainer.parameters()) })
        #expect(history.map(\.epoch) == [0, 1])
        #expect(try trainer.parameters() == atEpochEnd[1], "the weights are epoch 1's, not those of epoch 2's first batch")
        #expect(calls == 2 * 9 + 1, "two whole epochs of 8 training and 1 validation batch, then one batch")
    }

    @Test("an epoch-end hook can stop the run early without dropping the epoch it saw")
    func stopFromHook() throws {
        let trainer = try smallBatchTrainer(on: CPUBackend())
        let stop = StopRequest()
        let history = try trainer.fit(stop: stop, onEpoch: { record in if record.epoch == 3 { stop.request() } })
        #expect(history.map(\.epoch) == [0, 1, 2, 3])
    }

    @Test("resuming from a checkpoint gives the same metrics and weights as an uninterrupted run (CPU, within 1e-6)",
          arguments: Optimizer.allCases)
    func resumeCPU(optimizer: Optimizer) throws {
        let d = try resumeVersusStraight(optimizer) { CPUBackend() }
        print("CPU \(optimizer) resume vs uninterrupted: metrics \(d.metrics), weights \(d.weights) max relative difference")
        #expect(d.metrics <= 1e-6)
        #expect(d.weights <= 1e-6)
    }

    @Test("resuming on OpenCL gives the same metrics and weights as an uninterrupted run (within 1e-6)",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason), arguments: Optimizer.allCases)
    func resumeOpenCL(optimizer: Optimizer) throws {
        let d = try OpenCLTests.withBackend { backend in try resumeVersusStraight(optimizer) { backend } }
        print("OpenCL \(optimizer) resume vs uninterrupted: metrics \(d.metrics), weights \(d.weights) max relative difference")
        #expect(d.metrics <= 1e-6)
        #expect(d.weights <= 1e-6)
    }

    @Test("a checkpoint round-trips through its file exactly")
    func roundTrip() throws {
        let trainer = try smallBatchTrainer(on: CPUBackend(), epochs: 2)
        try trainer.fit()
        var checkpoint = try trainer.checkpoint()
        checkpoint.best = .init(monitor: .accuracy, epoch: 1, parameters: checkpoint.parameters)
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try checkpoint.save(to: "\(dir)/c.json")
        #expect(try Checkpoint.load(from: "\(dir)/c.json") == checkpoint)
        #expect(checkpoint.epoch == 2 && checkpoint.step == 16 && checkpoint.velocities != nil)
    }

    @Test("a checkpoint of another run is refused, saying what differs")
    func mismatch() throws {
        let source = try smallBatchTrainer(on: CPUBackend(), epochs: 2)
        try source.fit()
        let checkpoint = try source.checkpoint()
        let cases: [(Trainer, String)] = [
            (try smallBatchTrainer(on: CPUBackend(), epochs: 4), "--epochs 2 there, 4 here"),
            (try smallBatchTrainer(on: CPUBackend(), epochs: 2, seed: 7), "--seed 42 there, 7 here"),
            (try smallBatchTrainer(on: CPUBackend(), epochs: 2, seed: 7), "the training or validation data differ"),
            (try smallBatchTrainer(on: CPUBackend(), epochs: 2, kind: .linear), "the model is mlp"),
        ]
        for (trainer, expected) in cases {
            #expect {
                try trainer.fit(resumingFrom: checkpoint)
            } throws: { error in
                "\(error)".contains(expected) && "\(error)".contains("the checkpoint is of another run")
            }
            #expect(trainer.history.isEmpty)
        }
    }

    @Test("a truncated or corrupt checkpoint file is refused with a one-line reason")
    func corrupt() throws {
        let trainer = try smallBatchTrainer(on: CPUBackend(), epochs: 1)
        try trainer.fit()
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/c.json"
        try trainer.checkpoint().save(to: path)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for broken in [whole.prefix(whole.count / 2), whole.prefix(whole.count - 1), Data("{}".utf8)] {
            try broken.write(to: URL(fileURLWithPath: path))
            #expect(throws: TrainingError.self) { try Checkpoint.load(from: path) }
        }
        var wrongHistory = try trainer.checkpoint()
        wrongHistory.history = []
        try wrongHistory.save(to: path)
        #expect { try Checkpoint.load(from: path) } throws: { "\($0)".contains("epoch records do not match") }
    }

    @Test("the best-epoch tracker follows the monitor's direction, ignores NaN and counts epochs without improvement")
    func tracker() {
        func record(_ epoch: Int, _ loss: Double, _ accuracy: Double) -> EpochRecord {
            EpochRecord(epoch: epoch, trainLoss: 1, validLoss: loss, accuracy: accuracy, seconds: 0)
        }
        let records = [record(0, 0.5, 0.70), record(1, .nan, .nan), record(2, 0.4, 0.70), record(3, 0.4, 0.80),
                       record(4, 0.45, 0.75)]
        var loss = BestEpochTracker(monitor: .validLoss), accuracy = BestEpochTracker(monitor: .accuracy)
        var rmse = BestEpochTracker(monitor: .rmse)
        for r in records { loss.observe(r); accuracy.observe(r); rmse.observe(r) }
        #expect(loss.bestEpoch == 2 && loss.epochsWithoutImprovement == 2)
        #expect(loss.isExhausted(patience: 2) && !loss.isExhausted(patience: 3))
        #expect(accuracy.bestEpoch == 3 && accuracy.bestValue == 0.8 && accuracy.epochsWithoutImprovement == 1)
        #expect(rmse.bestEpoch == 2 && abs(rmse.bestValue - 0.4.squareRoot()) < 1e-15)
        #expect(!Monitor.rmse.applies(to: .binaryCrossEntropy) && Monitor.rmse.applies(to: .meanSquaredError))
    }
}
