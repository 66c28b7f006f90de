import Foundation

/// A training run as a Chrome trace: the JSON Trace Event Format that Perfetto (ui.perfetto.dev) and
/// chrome://tracing open, and that PyTorch's profiler exports.
///
/// One process, two tracks: the host's (`tid` 1), with a complete event (`"ph": "X"`) for the run, each
/// epoch, its train and validation phases, each batch and the read-back of the epoch's metrics; and the device's
/// (`tid` 2), with one complete event per kernel launch, named after the kernel, its operands, layer, pass,
/// epoch, phase and batch in `args`. Times (`ts`, `dur`) are microseconds from the start of the run.
///
/// Feed it the trainer's events (``observe(_:)``) and the recorder's launches (``add(_:)``); it keeps the first
/// ``maxEpochs`` epochs and ignores the rest, which bounds the file's size.
public final class ChromeTrace {
    /// Epochs kept, counted from the first one the run trains.
    public let maxEpochs: Int
    private let processName: String, deviceName: String
    private var origin: UInt64?
    /// Host spans that have ended: (name, start, duration, args).
    private var spans: [(String, UInt64, UInt64, [(String, String)])] = []
    /// Launches, formatted in ``json()``: the run is not slowed by it.
    private var launches: [KernelLaunch] = []
    private var open: [String: (name: String, start: UInt64, args: [(String, String)])] = [:]
    private var epochsSeen = 0
    private var lastKeptEnd: UInt64?
    private var firstEpoch: Int?
    /// Whether an epoch began that the trace does not keep.
    private var truncated = false

    /// An empty trace.
    /// - Parameters:
    ///   - processName: the process's name in the viewer.
    ///   - deviceName: the device track's name (the backend's name).
    ///   - maxEpochs: how many epochs to keep, at least 1.
    public init(processName: String = "gputrain", deviceName: String, maxEpochs: Int) {
        (self.processName, self.deviceName, self.maxEpochs) = (processName, deviceName, max(1, maxEpochs))
    }

    /// Whether every epoch the trace keeps has ended: later launches need not be kept.
    public var isFull: Bool { epochsSeen >= maxEpochs && open["epoch"] == nil }

    /// Whether `epoch` is one the trace keeps.
    private func keeps(_ epoch: Int?) -> Bool {
        guard let epoch, let firstEpoch else { return true }
        return epoch - firstEpoch < maxEpochs
    }

    /// Adds a host event; the trace pairs each `before_…` with its `after_…` into one complete event.
    /// - Parameter event: the trainer's event.
    public func observe(_ event: TrainingEvent) {
        if origin == nil { origin = event.time }
        if event.name == .beforeEpoch, firstEpoch == nil { firstEpoch = event.epoch }
        if event.name != .afterFit, !keeps(event.epoch) {
            if event.name == .beforeEpoch { truncated = true }
            return
        }
        let t = event.time
        switch event.name {
        case .beforeFit:
            begin("fit", "fit", t, [])
        case .beforeEpoch:
            epochsSeen += 1
            begin("epoch", "epoch \(event.epoch ?? 0)", t, [("epoch", "\(event.epoch ?? 0)")])
        case .beforeTrain:
            begin("phase", "train", t, [("batches", "\(event.count ?? 0)")])
        case .beforeValidate:
            begin("phase", "validate", t, [("batches", "\(event.count ?? 0)")])
        case .beforeBatch:
            begin("batch", "\(event.phase == .valid ? "valid" : "train") batch \(event.batch ?? 0)", t,
                  [("rows", "\(event.count ?? 0)"), ("phase", Self.string(event.phase?.rawValue ?? "")),
                   ("batch", "\(event.batch ?? 0)")])
        case .afterBatch:
            end("batch", t)
        case .afterTrain:
            end("phase", t)
        case .afterValidate:
            end("phase", t)
            // Until the metrics are back the host waits for the device to finish the epoch.
            begin("readback", "read back metrics", t, [])
        case .afterEpoch:
            var args: [(String, String)] = []
            if let r = event.record {
                args = [("train_loss", Self.number(r.trainLoss)), ("valid_loss", Self.number(r.validLoss)),
                        ("accuracy", Self.number(r.accuracy))]
            }
            end("readback", t, extra: args)
            end("epoch", t)
            lastKeptEnd = t
        case .afterFit:
            // A trace cut short ends with its last epoch; anything still open (a stopped run) ends here.
            let end = truncated ? (lastKeptEnd ?? t) : t
            for key in ["batch", "readback", "phase", "epoch", "fit"] { self.end(key, end) }
        }
    }

    /// Adds kernel launches (timed ones: a launch without a duration is left out) that belong to kept epochs.
    /// - Parameter launches: launches from a ``LaunchRecorder``.
    public func add(_ launches: [KernelLaunch]) {
        for launch in launches where launch.duration > 0 && keeps(launch.tag.epoch) {
            if origin == nil { origin = launch.start }
            self.launches.append(launch)
        }
    }

    private func format(_ launch: KernelLaunch) -> String {
        var args: [(String, String)] = [("shape", Self.string(launch.shape))]
        if let layer = launch.tag.layer { args.append(("layer", Self.string(layer))) }
        if let pass = launch.tag.pass { args.append(("pass", Self.string(pass.rawValue))) }
        if let epoch = launch.tag.epoch { args.append(("epoch", "\(epoch)")) }
        if let phase = launch.tag.phase { args.append(("phase", Self.string(phase.rawValue))) }
        if let batch = launch.tag.batch { args.append(("batch", "\(batch)")) }
        if launch.flops > 0 { args.append(("gflop", Self.number(launch.flops / 1e9))) }
        return complete(launch.kernel, category: "kernel", tid: 2, start: launch.start,
                        duration: launch.duration, args: args)
    }

    /// The trace as JSON: `{"traceEvents": [...], "displayTimeUnit": "ms"}`.
    /// - Returns: the UTF-8 text.
    public func json() -> String {
        let metadata = [
            #"{"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":\#(Self.string(processName))}}"#,
            #"{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"host"}}"#,
            #"{"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":\#(Self.string("device: " + deviceName))}}"#,
            #"{"name":"thread_sort_index","ph":"M","pid":1,"tid":1,"args":{"sort_index":1}}"#,
            #"{"name":"thread_sort_index","ph":"M","pid":1,"tid":2,"args":{"sort_index":2}}"#,
        ]
        return "{\"traceEvents\":[\n" + (metadata + spans.map { complete($0.0, category: "host", tid: 1, start: $0.1, duration: $0.2, args: $0.3) }
            + launches.map(format)).joined(separator: ",\n") + "\n],\"displayTimeUnit\":\"ms\"}\n"
    }

    /// Writes ``json()`` to `path` atomically (``writeFileAtomically(_:to:)-(String,_)``).
    /// - Parameter path: the file.
    /// - Throws: ``ReportError`` when it cannot be written; an existing file is then left as it was.
    public func write(to path: String) throws {
        try writeFileAtomically(json(), to: path)
    }

    // MARK: Building events

    private func begin(_ key: String, _ name: String, _ time: UInt64, _ args: [(String, String)]) {
        open[key] = (name, time, args)
    }

    private func end(_ key: String, _ time: UInt64, extra: [(String, String)] = []) {
        guard let span = open.removeValue(forKey: key) else { return }
        spans.append((span.name, span.start, time > span.start ? time - span.start : 0, span.args + extra))
    }

    private func complete(_ name: String, category: String, tid: Int, start: UInt64, duration: UInt64,
                          args: [(String, String)]) -> String {
        let ts = start > (origin ?? 0) ? start - (origin ?? 0) : 0
        let argText = args.map { "\(Self.string($0.0)):\($0.1)" }.joined(separator: ",")
        return #"{"name":\#(Self.string(name)),"cat":"\#(category)","ph":"X","ts":\#(Self.micros(ts)),"dur":\#(Self.micros(duration)),"pid":1,"tid":\#(tid),"args":{\#(argText)}}"#
    }

    /// Nanoseconds as microseconds with three decimals: the clocks' own resolution.
    static func micros(_ ns: UInt64) -> String {
        "\(ns / 1000).\(String(repeating: "0", count: 3 - String(ns % 1000).count))\(ns % 1000)"
    }

    /// A JSON number (null for NaN or infinity, which JSON lacks).
    static func number(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6g", x) : "null"
    }

    /// A JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
