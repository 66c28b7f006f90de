/// A moment in a training run, named as fastai's callbacks name it: what ``Trainer/onEvent`` receives.
///
/// The host reaches these moments when it has queued the work before them: on an OpenCL device the kernels
/// may still be running. Only ``Name/afterEpoch`` comes after the device has finished the epoch, since it
/// follows the read-back of the epoch's metrics.
public struct TrainingEvent: Sendable {
    /// The callback names, in the order they come.
    public enum Name: String, Sendable, CaseIterable {
        /// The run starts.
        case beforeFit = "before_fit"
        /// An epoch starts, before its shuffle.
        case beforeEpoch = "before_epoch"
        /// The training phase starts.
        case beforeTrain = "before_train"
        /// A batch (training or validation) starts.
        case beforeBatch = "before_batch"
        /// A batch has been queued (with progress bars on a terminal: and run).
        case afterBatch = "after_batch"
        /// The training phase's batches are queued.
        case afterTrain = "after_train"
        /// The validation phase starts.
        case beforeValidate = "before_validate"
        /// The validation phase's batches are queued; the metrics read-back follows.
        case afterValidate = "after_validate"
        /// The epoch's metrics are back from the device: the epoch has run.
        case afterEpoch = "after_epoch"
        /// The run ends (also after a stop or an early stop).
        case afterFit = "after_fit"
    }

    /// Which moment.
    public var name: Name
    /// When, on ``LaunchRecorder/now()``'s clock (nanoseconds).
    public var time: UInt64
    /// The epoch, from 0 (nil for the run's own events).
    public var epoch: Int?
    /// The phase, for batch events.
    public var phase: Phase?
    /// The batch within its phase, from 0, for batch events.
    public var batch: Int?
    /// Rows in the batch (batch events), or batches in the phase (`before_train`, `before_validate`).
    public var count: Int?
    /// The epoch's record, for `after_epoch`.
    public var record: EpochRecord?

    /// An event.
    public init(_ name: Name, time: UInt64 = LaunchRecorder.now(), epoch: Int? = nil, phase: Phase? = nil,
                batch: Int? = nil, count: Int? = nil, record: EpochRecord? = nil) {
        (self.name, self.time, self.epoch, self.phase, self.batch, self.count, self.record) = (name, time, epoch, phase, batch, count, record)
    }
}
