import Foundation

/// How the parameters are updated from their gradients.
public enum Optimizer: String, Codable, Sendable, CaseIterable {
    /// SGD with momentum and L2 weight decay (``Backend/sgdStep(weights:gradient:velocity:learningRate:momentum:weightDecay:)``).
    case sgd
    /// AdamW (``Backend/adamStep(weights:gradient:firstMoment:secondMoment:learningRate:beta1:beta2:epsilon:weightDecay:step:)``)
    /// with fastai's settings: β₁ the (scheduled) momentum, β₂ 0.99, ε 1e-5, decoupled weight decay.
    case adam

    /// AdamW's β₂ and ε, as fastai's `Adam` has them.
    static let adamBeta2 = 0.99, adamEpsilon: Float = 1e-5
}

/// Settings of one training run (the CLI's flags).
public struct TrainingOptions: Codable, Sendable, Equatable {
    /// Passes over the training rows.
    public var epochs = 10
    /// The peak learning rate (the constant one with ``Schedule/constant``).
    public var learningRate: Float = 0.1
    /// Rows per training batch; validation batches are larger, as they need no backward pass.
    public var batchSize = 64
    /// SGD momentum (Adam's β₁); with ``Schedule/onecycle`` the maximum, cycled down to 0.85/0.95 of it and back.
    public var momentum: Float = 0.9
    /// Weight decay: for SGD L2, added to each gradient as `weightDecay · w`; for Adam decoupled, `w -= lr · weightDecay · w`.
    public var weightDecay: Float = 0
    /// How the learning rate (and, for one-cycle, the momentum) moves over the run.
    public var schedule = Schedule.onecycle
    /// Seeds the weights and each epoch's shuffle: the same seed on the same device gives the same metrics.
    public var seed: UInt64 = 42
    /// How the parameters are updated.
    public var optimizer = Optimizer.sgd

    /// The defaults; set the fields to change them.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case epochs, learningRate, batchSize, momentum, weightDecay, schedule, seed, optimizer
    }

    /// Decodes settings; a checkpoint from before the optimizer was a setting used SGD.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try c.decode(Int.self, forKey: .epochs)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        momentum = try c.decode(Float.self, forKey: .momentum)
        weightDecay = try c.decode(Float.self, forKey: .weightDecay)
        schedule = try c.decode(Schedule.self, forKey: .schedule)
        seed = try c.decode(UInt64.self, forKey: .seed)
        optimizer = try c.decodeIfPresent(Optimizer.self, forKey: .optimizer) ?? .sgd
    }

    /// Throws ``TrainingError/invalidSetting(_:)`` for a value no run can use.
    public func validate() throws {
        func bad(_ s: String) -> TrainingError { .invalidSetting(s) }
        guard epochs > 0 else { throw bad("--epochs must be at least 1, got \(epochs)") }
        guard learningRate.isFinite, learningRate > 0 else { throw bad("--lr must be a positive number, got \(learningRate)") }
        guard batchSize > 0 else { throw bad("--batch-size must be at least 1, got \(batchSize)") }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else { throw bad("--momentum must be in [0, 1), got \(momentum)") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw bad("--weight-decay must be ≥ 0, got \(weightDecay)") }
    }
}

/// Which part of an epoch is running, for progress reports.
public enum Phase: String, Sendable {
    /// Forward, loss, backward and an optimizer step per batch.
    case train
    /// Forward and loss only, on the validation rows.
    case valid
}

/// Trains a network on one device with mini-batch SGD, fastai-style: each epoch a training phase over
/// shuffled batches, then a validation phase, then one ``EpochRecord``.
///
/// The data sets are uploaded once; each epoch uploads only its shuffle (a permutation of row indices)
/// and reads back only its loss and correct-count totals, which each batch's loss adds to on the device.
///
/// ```swift
/// let split = try Table(csv: TitanicData.trainCSV, source: "train.csv")
///     .split(validPct: 0.2, seed: 42, options: FeatureOptions(target: "Survived"))
/// let spec = ModelSpec(kind: .linear, inputs: split.train.cols, outputs: 1, loss: .binaryCrossEntropy)
/// let trainer = try Trainer(spec: spec, backend: CPUBackend(), train: split.train, valid: split.valid,
///                           options: TrainingOptions())
/// let history = try trainer.fit()
/// print(history.last!.accuracy)
/// ```
public final class Trainer {
    /// The architecture being trained.
    public let spec: ModelSpec
    /// The run's settings.
    public let options: TrainingOptions
    /// Where the data, the weights and every op live.
    public let backend: any Backend
    /// The ranks this trainer runs with, each computing its share of every batch; ``SingleProcess`` when it trains alone.
    public let communicator: any Communicator
    let network: Network
    private let train: DeviceData, valid: DeviceData
    /// Each epoch's shuffled copy of the training set and the permutation that made it; nil when one batch
    /// holds every row, where a shuffle would change nothing but the order of a sum.
    private let shuffled: (x: Matrix, y: Matrix, permutation: IndexBuffer)?
    /// Where each training batch's share for this rank starts in `shuffled`, one more than there are batches: with one
    /// rank, every `batchSize` rows; with several, the shuffle gathers only this rank's shares.
    private let shareOffsets: [Int]
    /// The epoch's (loss sum, correct count): row 0 training, row 1 validation, each phase's first batch
    /// overwriting its row and the others adding to it; read back once per epoch.
    private let totals: Matrix
    private let validBatch: Int
    private var rng: SeededGenerator
    /// The host copies, kept (shared, not copied) for ``dataFingerprint``.
    /// A regression's target scale, to report RMSE and MAE in the target's units (1 for classes).
    private let targetScale: Double
    /// The records of the epochs finished so far: by the last `fit`, or restored from a checkpoint.
    public private(set) var history: [EpochRecord] = []
    /// Seconds this rank spent in the gradient allreduce of each step (the collective alone, not the copies to and
    /// from the device), and how many it made; 0 when training alone.
    public private(set) var allreduceTime: (seconds: Double, count: Int) = (0, 0)
    /// Training rows per second over the whole run (wall time of whole epochs, validation included), set by ``fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)``.
    public private(set) var trainingRowsPerSecond: Double = 0
    /// Called at each moment of ``fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)`` that fastai has a
    /// callback for (`before_fit`, `before_train`, `after_batch`, …), on the thread running `fit`.
    public var onEvent: ((TrainingEvent) -> Void)?

    /// Uploads both data sets to `backend` once and initialises the weights from ``TrainingOptions/seed``.
    /// - Parameters:
    ///   - spec: the architecture; its inputs must match the data sets' columns.
    ///   - backend: the device to train on.
    ///   - train: the rows the model learns from.
    ///   - valid: the rows that measure it each epoch.
    ///   - options: the run's settings.
    ///   - communicator: the ranks of a data-parallel run, each with its own trainer, backend and the same data and
    ///     options; ``SingleProcess`` (the default) trains alone. With several, each rank computes its share of every
    ///     batch and the gradients are summed across ranks before each step (see ``Communicator``); the ranks check
    ///     here that they agree on the options, the model and the data.
    /// - Throws: ``TrainingError/invalidSetting(_:)`` for bad settings or shapes, ``DistributedError/disagreement(_:)``
    ///   when the ranks differ, or a device error.
    public init(spec: ModelSpec, backend: any Backend, train: Dataset, valid: Dataset, options: TrainingOptions,
                communicator: any Communicator = SingleProcess()) throws {
        try options.validate()
        guard train.rows > 0, valid.rows > 0 else { throw TrainingError.invalidSetting("the training and validation sets need at least one row each") }
        guard train.cols == spec.inputs, valid.cols == spec.inputs else {
            throw TrainingError.invalidSetting("the model takes \(spec.inputs) features but the data has \(train.cols)")
        }
        guard (spec.loss == .regression) == (train.task == .regression) else {
            throw TrainingError.invalidSetting(train.task == .regression
                ? "a regression target trains with the regression loss, not \(spec.loss)"
                : "the regression loss needs a numeric target (a regression data set)")
        }
        self.spec = spec
        self.options = options
        self.backend = backend
        self.communicator = communicator
        let batch = min(options.batchSize, train.rows)
        validBatch = min(valid.rows, max(2 * batch, 1024))  // no backward pass: bigger batches are free
        rng = SeededGenerator(seed: options.seed)
        network = try Network(spec: spec, backend: backend, maxRows: max(batch, validBatch), momentum: options.momentum > 0,
                              adam: options.optimizer == .adam)
        try network.initialize(using: &rng)
        targetScale = valid.targetScale
        self.train = try DeviceData(train, on: backend)
        self.valid = try DeviceData(valid, on: backend)
        var offsets = [0]
        for b in 0 ..< Self.batches(train.rows, batch) {
            offsets.append(offsets.last! + communicator.share(of: b * batch ..< min(train.rows, (b + 1) * batch)).count)
        }
        shareOffsets = offsets
        let shuffledRows = max(offsets.last!, 1)
        shuffled = batch < train.rows ? (try backend.makeMatrix(rows: shuffledRows, cols: train.cols),
                                         try backend.makeMatrix(rows: shuffledRows, cols: 1),
                                         try backend.makeIndices(count: shuffledRows)) : nil
        totals = try backend.makeMatrix(rows: 2, cols: 2)
        try communicator.agree(on: try agreementItems())
    }

    private static func batches(_ rows: Int, _ size: Int) -> Int { (rows + size - 1) / size }
    private var trainBatches: Int { Self.batches(train.rows, min(options.batchSize, train.rows)) }
    private var distributed: Bool { communicator.size > 1 }

    /// Training batch `b`'s rows, across all ranks.
    private func batchRows(_ b: Int) -> Range<Int> {
        let batch = min(options.batchSize, train.rows)
        return b * batch ..< min(train.rows, (b + 1) * batch)
    }

    /// This rank's share of training batch `b`, as rows of the epoch's data: of the shuffled copy when there is one,
    /// else of the training set itself.
    private func shareRows(_ b: Int) -> Range<Int> {
        shuffled == nil ? communicator.share(of: batchRows(b)) : shareOffsets[b] ..< shareOffsets[b + 1]
    }

    /// Uploads the rows of `permutation` this rank trains on, batch by batch, and gathers them into `shuffled`.
    private func shuffle(_ permutation: [Int], into shuffled: (x: Matrix, y: Matrix, permutation: IndexBuffer)) throws {
        var indices: [Int32]
        if distributed {
            indices = []
            indices.reserveCapacity(shareOffsets.last!)
            for b in 0 ..< trainBatches { for i in communicator.share(of: batchRows(b)) { indices.append(Int32(permutation[i])) } }
            guard !indices.isEmpty else { return }  // every share empty: nothing of this rank's to gather
        } else {
            indices = permutation.map { Int32($0) }
        }
        try backend.upload(indices, to: shuffled.permutation)
        try shuffle(into: shuffled)
    }

    /// Runs the epochs from the first (or, resuming, from the checkpoint's) to ``TrainingOptions/epochs``.
    ///
    /// `progress(phase, batchesDone, batchesTotal)` is called after each batch is queued (and, when
    /// `synchronizeProgress`, after the device has run it); `onEpoch` after each epoch's record, when the trainer
    /// is between epochs, so it may take a ``checkpoint()`` or read ``parameters()``.
    ///
    /// - Parameters:
    ///   - checkpoint: a checkpoint of this run (same model, settings and data) to continue from; its epochs'
    ///     records start the returned history.
    ///   - stop: looked at after every batch and every `onEpoch`. A stop requested mid-epoch drops that epoch and
    ///     puts the weights, velocities and shuffle generator back as they were when the last whole epoch ended,
    ///     so ``parameters()`` and ``checkpoint()`` describe the run as if that epoch had been the final one.
    ///     This costs a read-back of the weights each epoch, so it is only done when `stop` is given.
    ///   - progress: `(phase, batchesDone, batchesTotal)` after each batch, e.g. to draw a progress bar.
    ///   - synchronizeProgress: wait for the device to run each batch before reporting it, so a bar shows the
    ///     device's pace rather than the queue's.
    ///   - onEpoch: each epoch's record, between epochs; throwing ends the run with that error.
    /// - Returns: one record per finished epoch, the checkpoint's included.
    /// - Throws: ``TrainingError/diverged(epoch:learningRate:)`` when a loss becomes NaN or infinite;
    ///   ``TrainingError/invalidSetting(_:)`` when `checkpoint` is not from this run; whatever `onEpoch` throws.
    @discardableResult
    public func fit(resumingFrom checkpoint: Checkpoint? = nil, stop: StopRequest? = nil,
                    progress: ((Phase, Int, Int) -> Void)? = nil, synchronizeProgress: Bool = false,
                    onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> [EpochRecord] {
        let trainBatches = self.trainBatches, validBatches = Self.batches(valid.rows, validBatch)
        let totalSteps = options.epochs * trainBatches
        if let checkpoint { try restore(checkpoint) } else { history = [] }
        if distributed { try broadcastState() }
        // With several ranks, a stop is taken only when the ranks agree on it (see `stopAgreed`), and always kept.
        var lastEpochEnd = stop == nil && !distributed ? nil : try state()
        func stopping(agreed: Bool = false) throws -> Bool {
            guard let lastEpochEnd, distributed ? agreed : stop?.isRequested == true else { return false }
            try setState(lastEpochEnd)
            return true
        }
        let fitStart = Date()
        var epochsRun = 0
        emit(.beforeFit)
        defer {
            emit(.afterFit)
            backend.launchRecorder?.tag = LaunchTag()
        }
        epochs: for epoch in history.count..<options.epochs {
            if try stopAgreed(stop) { break }
            let start = Date()
            emit(.beforeEpoch, epoch: epoch)
            tagLaunches(epoch, nil, nil)
            var (epochX, epochY) = (train.x, train.y)
            if let shuffled {
                try shuffle(rng.permutation(train.rows), into: shuffled)
                (epochX, epochY) = (shuffled.x, shuffled.y)
            }
            // A rank whose share of a phase's first batch is empty would leave last epoch's totals: start from zero.
            if distributed { try backend.upload([0, 0, 0, 0], to: totals) }
            emit(.beforeTrain, epoch: epoch, count: trainBatches)
            for b in 0..<trainBatches {
                let rows = shareRows(b)
                emit(.beforeBatch, epoch: epoch, phase: .train, batch: b, count: rows.count)
                tagLaunches(epoch, .train, b)
                let step = epoch * trainBatches + b
                let lr = options.schedule.learningRate(options.learningRate, step: step, totalSteps: totalSteps)
                let momentum = options.schedule.momentum(options.momentum, step: step, totalSteps: totalSteps)
                let agreed = try trainStep(network, rows.isEmpty ? nil : (epochX.rows(rows), epochY.rows(rows)),
                                           totals: totals.rows(0..<1), accumulate: b > 0 || distributed,
                                           batchRows: batchRows(b).count, learningRate: lr, momentum: momentum, step: step,
                                           stopRequested: stop?.isRequested == true)
                try report(progress, .train, b + 1, trainBatches, synchronizeProgress)
                emit(.afterBatch, epoch: epoch, phase: .train, batch: b, count: rows.count)
                if try stopping(agreed: agreed) { break epochs }
            }
            emit(.afterTrain, epoch: epoch, count: trainBatches)
            emit(.beforeValidate, epoch: epoch, count: validBatches)
            for b in 0..<validBatches {
                tagLaunches(epoch, .valid, b)
                try evaluate(batch: b, of: validBatches, epoch: epoch, progress: progress, synchronizeProgress: synchronizeProgress)
                // No collective runs per validation batch, so ranks could not agree on a stop here: the next epoch's
                // start takes it.
                if !distributed, try stopping() { break epochs }
            }
            emit(.afterValidate, epoch: epoch, count: validBatches)
            let (trainTotal, validTotal) = try readTotals()
            let trainLoss = trainTotal.loss / Double(train.rows)
            guard trainLoss.isFinite, validTotal.loss.isFinite else {
                throw TrainingError.diverged(epoch: epoch, learningRate: options.learningRate)
            }
            let validLoss = validTotal.loss / Double(valid.rows), seconds = Date().timeIntervalSince(start)
            // A regression's second total is Σ|p − y| of the standardised target: its units come back with the scale.
            let record = spec.loss == .regression
                ? EpochRecord(epoch: epoch, trainLoss: trainLoss, validLoss: validLoss,
                              rmse: validLoss.squareRoot() * targetScale,
                              mae: validTotal.correct / Double(valid.rows) * targetScale, seconds: seconds)
                : EpochRecord(epoch: epoch, trainLoss: trainLoss, validLoss: validLoss,
                              accuracy: validTotal.correct / Double(valid.rows), seconds: seconds)
            history.append(record)
            emit(.afterEpoch, epoch: epoch, record: record)
            epochsRun += 1
            if lastEpochEnd != nil { lastEpochEnd = try state() }
            try onEpoch(record)
        }
        // Over whole epochs, validation included: the device runs asynchronously, so the end of the
        // training phase is only known when the epoch's metrics come back.
        trainingRowsPerSecond = Double(train.rows * epochsRun) / max(Date().timeIntervalSince(fitStart), 1e-9)
        if distributed { try checkReplicas() }
        return history
    }

    /// What changes from epoch to epoch, besides the records.
    private struct State {
        var parameters: [[Float]], velocities: [[Float]]?, secondMoments: [[Float]]?, generator: SeededGenerator
    }

    private func state() throws -> State {
        State(parameters: try network.parameters(), velocities: try network.velocities(),
              secondMoments: try network.secondMoments(), generator: rng)
    }

    private func setState(_ state: State) throws {
        try network.setParameters(state.parameters)
        try network.setVelocities(state.velocities)
        try network.setSecondMoments(state.secondMoments)
        rng = state.generator
    }

    /// The run as it stands between epochs, to continue later with `fit(resumingFrom:)`. Taken during an epoch
    /// (from a progress callback) it would mix that epoch's weights with the last one's records: take it from
    /// `onEpoch` or after `fit`.
    public func checkpoint() throws -> Checkpoint {
        Checkpoint(format: Checkpoint.currentFormat, spec: spec, options: options, dataFingerprint: try dataFingerprint(),
                   features: nil, epoch: history.count, step: history.count * trainBatches, generatorState: rng.state,
                   parameters: try network.parameters(), velocities: try network.velocities(),
                   secondMoments: try network.secondMoments(), history: history, best: nil)
    }

    /// Checks that `c` is a checkpoint of this run (model, settings, data) that ``fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)``
    /// can continue, without changing anything.
    /// - Throws: ``TrainingError/invalidSetting(_:)`` saying what differs, e.g. `--epochs 10 there, 20 here`.
    public func validate(_ c: Checkpoint) throws {
        let differences = try self.differences(from: c)
        guard differences.isEmpty else {
            throw TrainingError.invalidSetting("the checkpoint is of another run: " + differences.joined(separator: "; "))
        }
        guard c.epoch <= options.epochs, c.history.count == c.epoch, c.step == c.epoch * trainBatches else {
            throw TrainingError.invalidSetting("the checkpoint's epoch \(c.epoch) and step \(c.step) do not fit a run of "
                + "\(options.epochs) epochs of \(trainBatches) batches")
        }
    }

    /// Puts the run back where `c` left it, after checking it is a checkpoint of this run.
    private func restore(_ c: Checkpoint) throws {
        try validate(c)
        try network.setParameters(c.parameters)
        try network.setVelocities(c.velocities)
        try network.setSecondMoments(c.secondMoments)
        rng = SeededGenerator(seed: c.generatorState)  // a generator's seed is its state
        history = c.history
    }

    /// What makes `c` a checkpoint of another run, one phrase each; empty when it is of this one.
    func differences(from c: Checkpoint) throws -> [String] {
        let model = Self.describe
        var found: [String] = []
        if c.spec != spec { found.append("the model is \(model(c.spec)) there, \(model(spec)) here") }
        let (was, now) = (c.options, options)
        for (flag, value) in Self.runSettings where value(was) != value(now) {
            let note = flag == "--epochs" ? " (the schedule spans all the epochs)" : ""
            found.append("\(flag) \(value(was).base) there, \(value(now).base) here\(note)")
        }
        if c.dataFingerprint != (try dataFingerprint()) { found.append("the training or validation data differ") }
        return found
    }

    /// Rows and a 64-bit FNV-1a hash over every feature and target, 32 bits at a time: enough to tell another
    /// data set or split from this one (it guards against mistakes, not against forgery).
    ///
    /// Read back from the device when first asked for (a checkpoint), so the trainer keeps no host copy of the data:
    /// the caller may let its data sets go once the trainer has uploaded them.
    func dataFingerprint() throws -> String {
        if let fingerprint { return fingerprint }
        var hash = FNV1a()
        for set in [train, valid] {
            hash.add([UInt32(truncatingIfNeeded: set.rows), UInt32(truncatingIfNeeded: set.x.cols)])
            for matrix in [set.x, set.y] { hash.add(try backend.download(matrix).map(\.bitPattern)) }
        }
        let text = "\(train.rows)+\(valid.rows)x\(train.x.cols):" + String(hash.value, radix: 16)
        fingerprint = text
        return text
    }
    private var fingerprint: String?

    /// Validation batch `b` of `batches`, its loss added to the epoch's validation totals.
    private func evaluate(batch b: Int, of batches: Int, epoch: Int, progress: ((Phase, Int, Int) -> Void)?,
                          synchronizeProgress: Bool) throws {
        let rows = communicator.share(of: b * validBatch ..< min(valid.rows, (b + 1) * validBatch))
        emit(.beforeBatch, epoch: epoch, phase: .valid, batch: b, count: rows.count)
        if !rows.isEmpty {
            try validStep(network, x: valid.x.rows(rows), y: valid.y.rows(rows), totals: totals.rows(1..<2),
                          accumulate: b > 0 || distributed)
        }
        try report(progress, .valid, b + 1, batches, synchronizeProgress)
        emit(.afterBatch, epoch: epoch, phase: .valid, batch: b, count: rows.count)
    }

    // MARK: The launches of an epoch, shared by fit and summary

    /// The shuffle's launches: the training set's rows gathered in the order of `shuffled.permutation`.
    private func shuffle(into shuffled: (x: Matrix, y: Matrix, permutation: IndexBuffer)) throws {
        backend.launchRecorder?.enter("shuffle", .data)
        try backend.gatherRows(train.x, indices: shuffled.permutation, into: shuffled.x)
        try backend.gatherRows(train.y, indices: shuffled.permutation, into: shuffled.y)
    }

    /// One training batch of `batchRows` rows across the ranks, of which this rank computes `share` (nil when empty): forward, loss (added to `totals`, or overwriting it unless `accumulate`), backward, then with several
    /// ranks the gradients summed across them (unless `reduce` is false), then the optimizer's step.
    ///
    /// Each rank's gradient is its rows' share of the batch's mean (the loss gradient scaled by 1 / `batchRows`), so
    /// the sum over ranks is the mean over the batch: the step one process would take, up to the order of the sums.
    /// - Returns: whether any rank asked to stop (`stopRequested`); alone, `stopRequested` itself.
    @discardableResult
    private func trainStep(_ network: Network, _ share: (x: Matrix, y: Matrix)?, totals: Matrix, accumulate: Bool,
                           batchRows: Int, learningRate: Float, momentum: Float, step: Int, reduce: Bool = true,
                           stopRequested: Bool = false) throws -> Bool {
        if let (x, y) = share {
            let prediction = try network.forward(x)
            let gradient = network.lossGradientBuffer(rows: x.rows)
            backend.launchRecorder?.enter(ModelLayer.lossName, .loss)
            try backend.lossTotals(spec.loss, predictions: prediction, targets: y, gradient: gradient,
                                   gradientScale: 1 / Float(batchRows), totals: totals, accumulate: accumulate)
            try network.backward(x, gradient: gradient)
        }
        var stop = stopRequested
        if reduce, distributed { stop = try sumGradients(localRows: share?.x.rows ?? 0, batchRows: batchRows, stopRequested: stopRequested) }
        try network.step(learningRate: learningRate, momentum: momentum, weightDecay: options.weightDecay,
                         optimizer: options.optimizer, step: step + 1)
        return stop
    }

    // MARK: Data-parallel training

    /// Sums every rank's gradients into each rank's gradient buffer in one allreduce, which also carries the rows
    /// each rank computed (their sum must be the batch's) and whether it was asked to stop.
    /// - Returns: whether any rank was asked to stop.
    private func sumGradients(localRows: Int, batchRows: Int, stopRequested: Bool) throws -> Bool {
        func exchange(_ buffer: UnsafeMutableBufferPointer<Float>) throws -> (rows: Float, stops: Float) {
            let n = buffer.count - 2
            if localRows == 0 { buffer.update(repeating: 0) }  // an empty share adds nothing, not the last batch's
            (buffer[n], buffer[n + 1]) = (Float(localRows), stopRequested ? 1 : 0)
            let start = LaunchRecorder.now()
            try communicator.allreduceSum(buffer)
            allreduceTime = (allreduceTime.seconds + Double(LaunchRecorder.now() - start) / 1e9, allreduceTime.count + 1)
            return (buffer[n], buffer[n + 1])
        }
        let store = network.gradientExchange
        let summed: (rows: Float, stops: Float)
        if let cpu = backend as? CPUBackend {
            summed = try cpu.withUnsafeMutableElements(of: store, exchange)  // in place: no copies
        } else {
            var host = try backend.download(store)
            summed = try host.withUnsafeMutableBufferPointer { try exchange($0) }
            try backend.upload(host, to: store)
        }
        guard summed.rows == Float(batchRows) else {
            throw DistributedError.outOfStep("the ranks computed \(Int(summed.rows)) rows of a \(batchRows)-row batch between them")
        }
        return summed.stops > 0
    }

    /// Whether to stop before the next epoch: alone, whether `stop` was requested; with several ranks, whether any
    /// rank's was, agreed in one small allreduce so that every rank stops at the same epoch.
    private func stopAgreed(_ stop: StopRequest?) throws -> Bool {
        guard distributed else { return stop?.isRequested == true }
        var flag: [Double] = [stop?.isRequested == true ? 1 : 0]
        try communicator.allreduceSum(&flag)
        return flag[0] > 0
    }

    /// A 64-bit FNV-1a hash of the parameters' bits, in hexadecimal: equal on every rank of a data-parallel run whose
    /// replicas are identical, as they should be after every step.
    public func parameterChecksum() throws -> String {
        var hash = FNV1a()
        hash.add(try backend.download(network.stateStores[0]).map(\.bitPattern))
        return String(hash.value, radix: 16)
    }

    /// Checks that every rank ends with the same weights: a replica that drifted (from a bug, or a device computing
    /// differently) would otherwise go unnoticed, as only rank 0's are saved.
    private func checkReplicas() throws {
        let all = try communicator.allgather(Array(try parameterChecksum().utf8)).map { String(decoding: $0, as: UTF8.self) }
        guard Set(all).count == 1 else {
            throw DistributedError.outOfStep("the ranks' weights differ after training (checksums "
                + all.enumerated().map { "\($0.element) on rank \($0.offset)" }.joined(separator: ", ") + ")")
        }
    }

    /// Gives every rank rank 0's parameters and optimizer state, so the replicas start (or resume) alike.
    private func broadcastState() throws {
        for store in network.stateStores {
            var values = try backend.download(store)
            try communicator.broadcast(&values, from: 0)
            try backend.upload(values, to: store)
        }
    }

    /// What the ranks of a data-parallel run must share: the settings, the model and the data.
    private func agreementItems() throws -> [(name: String, value: String)] {
        guard distributed else { return [] }
        return [("the model", Self.describe(spec))] + Self.runSettings.map { ($0.flag, "\($0.value(options).base)") }
            + [("the data (rows and checksum)", try dataFingerprint())]
    }

    /// The settings that make a run what it is, by their flags: what a checkpoint must share with the run resuming
    /// it, and the ranks of a data-parallel run with each other.
    private static var runSettings: [(flag: String, value: (TrainingOptions) -> AnyHashable)] {
        [("--epochs", { $0.epochs }), ("--lr", { $0.learningRate }), ("--batch-size", { $0.batchSize }),
         ("--momentum", { $0.momentum }), ("--weight-decay", { $0.weightDecay }), ("--schedule", { $0.schedule }),
         ("--opt", { $0.optimizer }), ("--seed", { $0.seed })]
    }

    private static func describe(_ s: ModelSpec) -> String {
        "\(s.kind) \(s.layerShapes.map { "\($0.0)×\($0.1)" }.joined(separator: ", ")) with \(s.loss) loss"
    }

    /// One validation batch: forward and loss, no gradient.
    private func validStep(_ network: Network, x: Matrix, y: Matrix, totals: Matrix, accumulate: Bool) throws {
        let prediction = try network.forward(x)
        backend.launchRecorder?.enter(ModelLayer.lossName, .loss)
        try backend.lossTotals(spec.loss, predictions: prediction, targets: y, gradient: nil,
                               gradientScale: 0, totals: totals, accumulate: accumulate)
    }

    /// Tells the backend's ``LaunchRecorder``, if any, which epoch, phase and batch the next launches are for.
    private func tagLaunches(_ epoch: Int, _ phase: Phase?, _ batch: Int?) {
        guard let recorder = backend.launchRecorder else { return }
        recorder.tag = LaunchTag(epoch: epoch, phase: phase, batch: batch)
    }

    private func emit(_ name: TrainingEvent.Name, epoch: Int? = nil, phase: Phase? = nil, batch: Int? = nil,
                      count: Int? = nil, record: EpochRecord? = nil) {
        guard let onEvent else { return }
        onEvent(TrainingEvent(name, epoch: epoch, phase: phase, batch: batch, count: count, record: record))
    }

    /// The model as `--summary` shows it: each layer's output shape for one batch, its parameters and the kernels
    /// it launches on this backend, with the data and batch sizes and the bytes held on the device.
    ///
    /// The kernels are not a list kept by hand: this runs one training batch (forward, loss, backward, SGD) and
    /// one validation batch, at the run's batch sizes, through the code ``fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)``
    /// runs, on a copy of the network with its own weights, and records the launches each layer makes. The
    /// trainer's weights, velocities and shuffle are left as they were; only the shuffled copy of the training
    /// set, which each epoch overwrites, is written.
    /// - Returns: the summary.
    /// - Throws: a ``DeviceError`` or ``OpenCLError`` from the device.
    public func summary() throws -> ModelSummary {
        let batch = min(options.batchSize, train.rows)
        let probe = try Network(spec: spec, backend: backend, maxRows: max(batch, validBatch), momentum: options.momentum > 0,
                                adam: options.optimizer == .adam)
        var generator = SeededGenerator(seed: options.seed)
        try probe.initialize(using: &generator)
        let scratch = try backend.makeMatrix(rows: 2, cols: 2)
        let saved = backend.launchRecorder
        let recorder = LaunchRecorder(timesLaunches: false)
        backend.launchRecorder = recorder
        defer { backend.launchRecorder = saved }
        var epochLaunches: [KernelLaunch] = []
        if let shuffled {
            try backend.upload((0..<shuffled.permutation.count).map { Int32($0) }, to: shuffled.permutation)
            try shuffle(into: shuffled)
            epochLaunches = recorder.takeLaunches()
        }
        recorder.tag = LaunchTag(phase: .train, batch: 0)
        try trainStep(probe, (train.x.rows(0..<batch), train.y.rows(0..<batch)), totals: scratch.rows(0..<1),
                      accumulate: false, batchRows: batch, learningRate: options.learningRate, momentum: options.momentum,
                      step: 0, reduce: false)
        let trainLaunches = recorder.takeLaunches()
        recorder.tag = LaunchTag(phase: .valid, batch: 0)
        try validStep(probe, x: valid.x.rows(0..<validBatch), y: valid.y.rows(0..<validBatch), totals: scratch.rows(1..<2),
                      accumulate: false)
        let validLaunches = recorder.takeLaunches()
        try backend.finish()
        let bytes = network.deviceBytes
        let dataBytes = 4 * (train.x.count + train.y.count + valid.x.count + valid.y.count)
            + (shuffled.map { 4 * ($0.x.count + $0.y.count + $0.permutation.count) } ?? 0)
        return ModelSummary(spec: spec, device: backend.name, trainRows: train.rows, validRows: valid.rows,
                            trainBatchRows: batch, validBatchRows: validBatch, momentum: options.momentum > 0,
                            trainLaunches: trainLaunches, validLaunches: validLaunches, epochLaunches: epochLaunches,
                            deviceBytes: ModelSummary.DeviceBytes(data: dataBytes, parameters: bytes.parameters,
                                                                  activations: bytes.activations, metrics: 4 * totals.count))
    }

    /// Reads back the epoch's totals: training, then validation.
    private func readTotals() throws -> (train: (loss: Double, correct: Double), valid: (loss: Double, correct: Double)) {
        var t = try backend.download(totals).map(Double.init)
        try communicator.allreduceSum(&t)
        return ((t[0], t[1]), (t[2], t[3]))
    }

    private func report(_ progress: ((Phase, Int, Int) -> Void)?, _ phase: Phase, _ done: Int, _ total: Int,
                        _ synchronize: Bool) throws {
        guard let progress else { return }
        if synchronize { try backend.finish() }
        progress(phase, done, total)
    }

    /// The model's parameters, layer by layer (weights, then bias), row-major.
    public func parameters() throws -> [[Float]] { try network.parameters() }

    /// Replaces the parameters (as ``parameters()`` returns them).
    public func setParameters(_ values: [[Float]]) throws { try network.setParameters(values) }

    /// The network's output for every validation row, in order, from the copy already on the device (as
    /// ``predict(_:)`` gives it for the validation set, without a host copy of its features).
    public func validationOutputs() throws -> [Float] {
        var out: [Float] = []
        for start in stride(from: 0, to: valid.rows, by: network.maxRows) {
            out += try backend.download(try network.forward(valid.x.rows(start ..< min(valid.rows, start + network.maxRows))))
        }
        return out
    }

    /// The network's output for every row of `data`: one value per row (a logit, or the spreadsheet's
    /// prediction) or, for k classes, k logits per row.
    public func predict(_ data: Dataset) throws -> [Float] {
        guard data.cols == spec.inputs else {
            throw TrainingError.badModel("the model takes \(spec.inputs) features but the data has \(data.cols)")
        }
        let x = try backend.matrix(rows: data.rows, cols: data.cols, data.features)
        var out: [Float] = []
        for start in stride(from: 0, to: data.rows, by: network.maxRows) {
            out += try backend.download(try network.forward(x.rows(start ..< min(data.rows, start + network.maxRows))))
        }
        return out
    }
}

/// A data set's features and targets on the device.
struct DeviceData {
    let x: Matrix, y: Matrix
    var rows: Int { x.rows }

    init(_ data: Dataset, on backend: any Backend) throws {
        guard data.targets.count == data.rows else {
            throw TrainingError.invalidSetting("the data set has no targets to train on")
        }
        x = try backend.matrix(rows: data.rows, cols: data.cols, data.features)
        y = try backend.matrix(rows: data.rows, cols: 1, data.targets)
    }
}

extension Trainer {
    /// A trainer holding a saved model's weights, for ``predict(_:)``; it has no data to train on.
    public static func forInference(_ model: SavedModel, backend: any Backend, batchRows: Int = 4096) throws -> Trainer {
        let regression = model.task == .regression
        let dummy = Dataset(rows: 1, cols: model.spec.inputs, features: [Float](repeating: 0, count: model.spec.inputs),
                            targets: [0], featureNames: (0..<model.spec.inputs).map { "x\($0)" },
                            classCount: regression ? 1 : max(2, model.classNames.count),
                            classNames: regression ? nil : model.classNames, ids: nil,
                            task: model.task, targetScale: regression ? model.features?.targetScale ?? 1 : 1)
        var options = TrainingOptions()
        options.batchSize = batchRows
        options.momentum = 0
        let trainer = try Trainer(spec: model.spec, backend: backend, train: dummy, valid: dummy, options: options)
        try trainer.setParameters(model.parameters)
        return trainer
    }
}

extension Trainer {
    /// fastai's `lr_find`: trains one mini-batch per step with a constant learning rate per step, growing
    /// exponentially from `start` towards `end` (see ``LearningRateSweep/learningRate(step:of:start:end:)``), and
    /// records each batch's loss, stopping once the smoothed loss passes 4 × its minimum or a loss is not finite.
    ///
    /// The steps use this trainer's optimizer (``TrainingOptions/optimizer``; Adam's bias correction counts from the
    /// sweep's first step), momentum (held constant, not cycled) and weight decay, over batches of
    /// ``TrainingOptions/batchSize`` rows, reshuffled with the trainer's generator each time the data runs out. No
    /// validation runs. Afterwards the weights, the optimizer's state and the shuffle generator are put back as they
    /// were, so a ``fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)`` that follows is the one it would
    /// have been; the records of ``history`` are untouched.
    ///
    /// - Parameters:
    ///   - start: the first step's learning rate, > 0.
    ///   - end: the learning rate the sweep grows towards, > `start`.
    ///   - steps: how many steps to run at most, ≥ 6.
    ///   - progress: `(stepsDone, steps)` after each step.
    /// - Returns: the learning rates, raw and smoothed losses, and the suggestions.
    /// - Throws: ``TrainingError/invalidSetting(_:)`` for a bad range, or when the training set has fewer rows than
    ///   one batch; a device error.
    public func findLearningRate(start: Float = 1e-7, end: Float = 10, steps: Int = 100,
                                 progress: ((Int, Int) -> Void)? = nil) throws -> LearningRateSweep {
        guard start > 0, start.isFinite, end.isFinite, end > start else {
            throw TrainingError.invalidSetting("the learning-rate sweep needs 0 < start < end, got \(start) to \(end)")
        }
        guard steps >= 6 else { throw TrainingError.invalidSetting("the learning-rate sweep needs at least 6 steps, got \(steps)") }
        guard train.rows >= options.batchSize else {
            throw TrainingError.invalidSetting("finding a learning rate needs at least one batch of training rows: "
                + "\(train.rows) training row\(train.rows == 1 ? "" : "s"), batch size \(options.batchSize)")
        }
        let saved = try state()
        let batches = trainBatches
        var learningRates: [Float] = [], losses: [Double] = []
        var ending = LearningRateSweep.Ending.completed
        var best = Double.infinity
        var (x, y) = (train.x, train.y)
        do {
            for step in 0 ..< steps {
                let b = step % batches
                if b == 0, let shuffled {
                    try shuffle(rng.permutation(train.rows), into: shuffled)
                    (x, y) = (shuffled.x, shuffled.y)
                }
                let rows = shareRows(b), batchRows = batchRows(b).count
                let lr = LearningRateSweep.learningRate(step: step, of: steps, start: start, end: end)
                try trainStep(network, rows.isEmpty ? nil : (x.rows(rows), y.rows(rows)), totals: totals.rows(0..<1),
                              accumulate: false, batchRows: batchRows, learningRate: lr, momentum: options.momentum, step: step)
                var lossSum = [rows.isEmpty ? 0 : Double(try backend.download(totals)[0])]
                try communicator.allreduceSum(&lossSum)
                let loss = lossSum[0] / Double(batchRows)
                learningRates.append(lr)
                losses.append(loss)
                progress?(step + 1, steps)
                // Smoothed from the start each step: 100 steps make this 5,000 multiply-adds, nothing beside a batch.
                let smooth = LearningRateSweep.smoothed(losses).last!
                guard smooth.isFinite else { ending = .diverged; break }
                best = min(best, smooth)
                if smooth > LearningRateSweep.stopFactor * best { ending = .lossExploded; break }
            }
        } catch {
            try? setState(saved)
            throw error
        }
        try setState(saved)
        return LearningRateSweep(learningRates: learningRates, losses: losses, plannedSteps: steps, ending: ending)
    }
}

/// 64-bit FNV-1a over 32-bit words: the data's fingerprint and the weights' checksum.
private struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    mutating func add(_ words: [UInt32]) {
        for word in words { value = (value ^ UInt64(word)) &* 0x100_0000_01B3 }
    }
}
