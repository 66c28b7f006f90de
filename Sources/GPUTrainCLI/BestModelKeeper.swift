import GPUTrain

/// The best epoch by `--monitor` and, when `--save-best` or `--checkpoint` needs them, its weights.
struct BestModelKeeper {
    private(set) var tracker: BestEpochTracker
    private(set) var best: Checkpoint.BestModel?
    let needsWeights: Bool

    init(monitor: Monitor, needsWeights: Bool) {
        tracker = BestEpochTracker(monitor: monitor)
        self.needsWeights = needsWeights
    }

    /// Takes in a finished epoch; the trainer is between epochs, so its weights are that epoch's.
    mutating func observe(_ record: EpochRecord, trainer: Trainer) throws {
        guard tracker.observe(record), needsWeights else { return }
        best = Checkpoint.BestModel(monitor: tracker.monitor, epoch: record.epoch, parameters: try trainer.parameters())
    }

    /// Replays a checkpoint's epochs and takes its best weights when they are the monitor's best.
    /// - Throws: when `saveBest` needs weights of an epoch before the checkpoint that it does not hold (it was
    ///   written with another `--monitor`).
    mutating func resume(from checkpoint: Checkpoint, saveBest: Bool, path: String) throws {
        for record in checkpoint.history { tracker.observe(record) }
        if let kept = checkpoint.best, kept.monitor == tracker.monitor, kept.epoch == tracker.bestEpoch {
            best = kept
        } else if saveBest, tracker.bestEpoch != nil {
            throw CLIFailure("--resume \(path): the checkpoint keeps the best model by "
                + "\(checkpoint.best?.monitor.rawValue ?? "no metric"), not \(tracker.monitor.rawValue); "
                + "resume with the --monitor of the run that wrote it")
        }
    }
}
