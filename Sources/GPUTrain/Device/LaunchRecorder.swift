import Dispatch

/// The part of a training step a launch belongs to.
public enum LaunchPass: String, Sendable, Codable, CaseIterable {
    /// A layer's forward pass.
    case forward
    /// The loss and its gradient.
    case loss
    /// A layer's backward pass: its parameter gradients and the gradient reaching its input.
    case backward
    /// The optimizer's step.
    case step
    /// Work on the data set itself, such as an epoch's shuffle.
    case data
}

/// What the caller says it is doing when it queues ops: the model layer and pass, and the epoch, phase and
/// batch. ``Backend`` copies it into every ``KernelLaunch`` it records.
public struct LaunchTag: Sendable, Equatable {
    /// The layer as ``ModelSpec/layers`` names it (`dense 1`, `ReLU 1`, `sum`), or `loss`, `sgd`, `shuffle`.
    public var layer: String?
    /// The part of the step.
    public var pass: LaunchPass?
    /// The epoch, from 0.
    public var epoch: Int?
    /// The phase of the epoch.
    public var phase: Phase?
    /// The batch within its phase, from 0.
    public var batch: Int?

    /// A tag; every field is optional.
    public init(layer: String? = nil, pass: LaunchPass? = nil, epoch: Int? = nil, phase: Phase? = nil, batch: Int? = nil) {
        (self.layer, self.pass, self.epoch, self.phase, self.batch) = (layer, pass, epoch, phase, batch)
    }
}

/// One kernel launch (on the CPU backend, one op), as a ``LaunchRecorder`` saw it.
public struct KernelLaunch: Sendable, Equatable {
    /// The kernel's name in `Kernels/` (`matmul_direct`, `bias_act`, …). The CPU backend names each op after the
    /// kernel that does the same work on OpenCL, so the two backends' profiles line up.
    public var kernel: String
    /// The operands, e.g. `64×12 · 12×20 → 64×20` for a GEMM or `64×20` for an elementwise op; empty when the
    /// recorder does not keep launches (only its totals), which saves formatting it.
    public var shape: String
    /// Floating-point operations: 2·M·N·K for a GEMM, 0 for the rest (they are limited by memory, not arithmetic).
    public var flops: Double
    /// What the caller said it was doing.
    public var tag: LaunchTag
    /// When the launch started running, in nanoseconds of ``LaunchRecorder/now()``'s clock; 0 when not timed.
    /// OpenCL's device clock is mapped onto it with one offset per recorder (see ``OpenCLBackend``).
    public var start: UInt64
    /// How long it ran, in nanoseconds; 0 when not timed.
    public var duration: UInt64

    /// A launch record.
    public init(kernel: String, shape: String, flops: Double = 0, tag: LaunchTag = LaunchTag(),
                start: UInt64 = 0, duration: UInt64 = 0) {
        (self.kernel, self.shape, self.flops, self.tag, self.start, self.duration) = (kernel, shape, flops, tag, start, duration)
    }
}

/// Every launch of one kernel over a run: what `--profile` prints.
public struct KernelTotals: Sendable, Equatable {
    /// Number of launches.
    public var launches = 0
    /// Their summed duration, in nanoseconds.
    public var nanoseconds: UInt64 = 0
    /// Their summed floating-point operations (GEMMs only).
    public var flops: Double = 0

    /// Empty totals.
    public init() {}
}

/// Watches a backend's kernel launches: attach one as ``Backend/launchRecorder`` and every launch is recorded
/// with the ``tag`` in force when it was queued.
///
/// Off by default, and free when off: a backend without a recorder does nothing extra. With ``timesLaunches``,
/// the OpenCL backend creates its command queue with `CL_QUEUE_PROFILING_ENABLE` and reads each launch's
/// `CL_PROFILING_COMMAND_START`/`END` once the queue has run it, at the next ``Backend/download(_:)`` or
/// ``Backend/finish()``, so timing a launch never makes the host wait for it; the CPU backend times each op on
/// the host's clock. Launches therefore reach ``launches`` and ``totals`` only after such a synchronisation.
///
/// ```swift
/// let backend = CPUBackend()
/// let recorder = LaunchRecorder(timesLaunches: true)
/// backend.launchRecorder = recorder
/// // … queue ops, then download or finish …
/// for (kernel, t) in recorder.totals { print(kernel, t.launches, t.nanoseconds) }
/// ```
///
/// Like a backend, a recorder is used from one thread at a time.
public final class LaunchRecorder {
    /// Whether launches are timed; without it each ``KernelLaunch`` has a start and duration of 0.
    public let timesLaunches: Bool
    /// Whether each launch is kept in ``launches`` (for a trace); the ``totals`` are kept either way, so a long
    /// run can stop keeping launches after its first epochs and still be profiled to the end.
    public var keepsLaunches: Bool
    /// What the next launches are for; callers set it before they queue ops.
    public var tag = LaunchTag()
    /// The launches kept so far, in the order they were queued.
    public private(set) var launches: [KernelLaunch] = []
    /// Per kernel name, every launch recorded (kept or not).
    public private(set) var totals: [String: KernelTotals] = [:]

    /// A recorder that times launches when `timesLaunches`, and keeps each one when `keepsLaunches`.
    public init(timesLaunches: Bool, keepsLaunches: Bool = true) {
        self.timesLaunches = timesLaunches
        self.keepsLaunches = keepsLaunches
    }

    /// The clock of every time a recorder reports: nanoseconds since boot, monotonic (`DispatchTime`).
    public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Adds a finished launch to the totals and, when ``keepsLaunches``, to ``launches``.
    /// - Parameter launch: the launch, timed or not.
    public func record(_ launch: KernelLaunch) {
        func add(_ t: inout KernelTotals) {
            t.launches += 1
            t.nanoseconds += launch.duration
            t.flops += launch.flops
        }
        add(&totals[launch.kernel, default: KernelTotals()])  // one lookup: this runs once per launch
        if keepsLaunches { launches.append(launch) }
    }

    /// Returns the launches kept so far and forgets them (the totals stay).
    public func takeLaunches() -> [KernelLaunch] {
        defer { launches.removeAll() }
        return launches
    }

    /// Sets the layer and pass of ``tag``, keeping its epoch, phase and batch.
    func enter(_ layer: String, _ pass: LaunchPass) {
        tag.layer = layer
        tag.pass = pass
    }
}

extension LaunchRecorder {
    /// A GEMM's operands as text: `64×12 · 12×20 → 64×20`, a transposed operand as `(64×12)ᵀ`.
    static func gemmShape(_ a: Matrix, _ b: Matrix, _ c: Matrix, _ transposeA: Bool, _ transposeB: Bool) -> String {
        "\(transposeA ? "(\(a.shape))ᵀ" : a.shape) · \(transposeB ? "(\(b.shape))ᵀ" : b.shape) → \(c.shape)"
    }

    /// The per-row loss kernel of `kind` in `Kernels/loss.cl`.
    static func lossKernel(_ kind: LossKind) -> String {
        switch kind {
        case .binaryCrossEntropy: "bce_logits"
        case .meanSquaredError, .regression: "mse"
        case .softmaxCrossEntropy: "softmax_xent"
        }
    }
}
