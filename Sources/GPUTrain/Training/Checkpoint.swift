import Foundation

/// Everything a run needs to go on from the end of an epoch as if it had never stopped: the weights, the
/// optimizer's state (momentum velocities or Adam's moments, schedule position), the shuffle generator's state, the epochs so far,
/// and what the run was (model, settings, a fingerprint of its data) so that a mismatched resume is refused.
///
/// Take one with ``Trainer/checkpoint()`` between epochs (in an `onEpoch` hook, or after `fit`) and continue
/// with ``Trainer/fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)``: the same settings on the same
/// backend give the same per-epoch metrics as a run that was never stopped.
public struct Checkpoint: Codable, Equatable, Sendable {
    /// The format this version writes and reads.
    public static let currentFormat = "gputrain-checkpoint-1"
    /// The file's format, checked on load.
    public var format: String
    /// The architecture.
    public var spec: ModelSpec
    /// The run's settings; a resume must give the same.
    public var options: TrainingOptions
    /// A hash of the training and validation rows (features and targets) the run was fitted on.
    public var dataFingerprint: String
    /// The feature statistics of the run's data, when the caller records them (the CLI does, for CSV data).
    public var features: FeatureStats?
    /// Epochs finished; the next run starts at this epoch.
    public var epoch: Int
    /// Optimizer steps taken, the learning-rate and momentum schedule's position (epoch × batches per epoch).
    public var step: Int
    /// The state of the generator that shuffles each epoch (``SeededGenerator/state``).
    public var generatorState: UInt64
    /// Layer by layer, weights then bias, row-major (see ``Trainer/parameters()``).
    public var parameters: [[Float]]
    /// The SGD velocities (Adam's first moments) in the same layout; nil for SGD without momentum.
    public var velocities: [[Float]]?
    /// Adam's second moments in the same layout; nil for SGD.
    public var secondMoments: [[Float]]?
    /// The finished epochs' records, one per epoch.
    public var history: [EpochRecord]
    /// The best epoch's weights, when the caller keeps a best model (`--save-best`).
    public var best: BestModel?

    /// One epoch's weights, chosen by a ``Monitor``.
    public struct BestModel: Codable, Equatable, Sendable {
        /// The metric that chose it.
        public var monitor: Monitor
        /// The epoch it comes from.
        public var epoch: Int
        /// Its weights, in ``Trainer/parameters()``'s layout.
        public var parameters: [[Float]]

        /// The weights of `epoch`, chosen by `monitor`.
        public init(monitor: Monitor, epoch: Int, parameters: [[Float]]) {
            self.monitor = monitor
            self.epoch = epoch
            self.parameters = parameters
        }
    }

    /// Writes the checkpoint as JSON, atomically: a failure (a full disk, a read-only folder) leaves the previous
    /// file at `path` as it was.
    /// - Throws: ``TrainingError/badModel(_:)`` for a non-finite number; ``ReportError`` when the file cannot be written.
    public func save(to path: String) throws {
        let numbers = parameters + (velocities ?? []) + (secondMoments ?? []) + (best?.parameters ?? [])
        guard numbers.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw TrainingError.badModel("not saving checkpoint \(path): the weights are not all finite")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeFileAtomically(try encoder.encode(self), to: path)
    }

    /// Reads a checkpoint written by ``save(to:)`` and checks that it is whole and self-consistent.
    /// - Throws: ``TrainingError/badModel(_:)`` naming the file and what is wrong with it.
    public static func load(from path: String) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError.badModel("cannot read checkpoint \(path)")
        }
        let c: Checkpoint
        do { c = try JSONDecoder().decode(Checkpoint.self, from: data) } catch {
            throw TrainingError.badModel("\(path) is not a gputrain checkpoint (\(SavedModel.reason(error)))")
        }
        guard c.format == currentFormat else {
            throw TrainingError.badModel("\(path) has format '\(c.format)', this gputrain reads '\(currentFormat)'")
        }
        let shapes = c.spec.parameterCounts
        func fits(_ p: [[Float]]) -> Bool { p.map(\.count) == shapes }
        guard fits(c.parameters), c.velocities.map(fits) ?? true, c.secondMoments.map(fits) ?? true,
              c.best.map({ fits($0.parameters) }) ?? true else {
            throw TrainingError.badModel("\(path): the weights do not fit its \(c.spec.kind) architecture")
        }
        guard c.epoch >= 0, c.history.count == c.epoch, c.history.map(\.epoch) == Array(0..<c.epoch) else {
            throw TrainingError.badModel("\(path): its \(c.history.count) epoch records do not match its epoch \(c.epoch)")
        }
        return c
    }
}
