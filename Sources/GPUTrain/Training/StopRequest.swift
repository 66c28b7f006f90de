import Foundation

/// Asks a running ``Trainer/fit(resumingFrom:stop:progress:synchronizeProgress:onEpoch:)`` to stop, from any thread.
///
/// The trainer looks at it after every batch: a stop requested mid-epoch drops that epoch and leaves the trainer as
/// it was when the last whole epoch ended, as if that epoch had been the final one. A signal handler, a UI's cancel
/// button or an epoch-end hook (early stopping) can all request it.
///
/// ```swift
/// let stop = StopRequest()
/// let history = try trainer.fit(stop: stop, onEpoch: { record in
///     if record.validLoss < 0.4 { stop.request() }
/// })
/// ```
public final class StopRequest: @unchecked Sendable {
    // A lock, not an atomic: the trainer reads it once per batch, and `Atomic` needs macOS 15.
    private let lock = NSLock()
    private var requested = false

    /// A request not yet made.
    public init() {}

    /// Asks the run to stop after the batch in flight. Safe from any thread; asking twice is asking once.
    public func request() {
        lock.withLock { requested = true }
    }

    /// Whether ``request()`` has been called.
    public var isRequested: Bool {
        lock.withLock { requested }
    }
}
