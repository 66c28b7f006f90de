import Foundation
import GPUTrain
import Testing

/// A fresh seed per test run (printed with every failure), so inputs differ from run to run yet any
/// failure can be replayed with GPUTRAIN_TEST_SEED.
let testSeed: UInt64 = {
    if let s = ProcessInfo.processInfo.environment["GPUTRAIN_TEST_SEED"], let v = UInt64(s) { return v }
    return UInt64.random(in: 1...UInt64.max)
}()

/// SplitMix64: small, fast, and good enough for test inputs.
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    /// A stream for one test: the run's seed mixed with the salt's FNV-1a hash (not `hashValue`, which Swift seeds
    /// anew in every process, so that GPUTRAIN_TEST_SEED replays a failure).
    init(_ salt: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in salt.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = testSeed ^ hash
    }
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A seed for a generator of another type, from this run's seed and `salt`.
    static func seed(_ salt: String) -> UInt64 {
        var rng = TestRNG(salt)
        return rng.next()
    }
    mutating func floats(_ n: Int, in range: ClosedRange<Float> = -1...1) -> [Float] {
        (0..<n).map { _ in Float.random(in: range, using: &self) }
    }
}

/// Whether the OpenCL tests run: when a platform exists, and always under CI (where a missing platform
/// must fail the run, not skip it).
enum OpenCLTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
    static let platformPresent = ((try? OpenCLPlatforms.list())?.contains { !$0.devices.isEmpty }) ?? false
    static let enabled = inCI || platformPresent
    static let skipReason: Comment = "no OpenCL platform with a device on this machine (install pocl-opencl-icd); set CI=1 to make this a failure"

    private static let thread = OneThread()
    nonisolated(unsafe) private static var opened: Result<OpenCLBackend, Error>?

    /// Runs `body` on the shared OpenCL backend (the one `--device gpu` picks, never the CPU fallback),
    /// one test at a time and always on the same thread: a backend is not thread-safe, building the kernels
    /// once saves seconds, and oclgrind's checker crashes when kernels come from several threads.
    static func withBackend<T>(_ body: (OpenCLBackend) throws -> T) throws -> T {
        try thread.run { try withBackendOnThread(body) }
    }

    /// `withBackend` with `kernel` as the backend's GEMM at every size for the duration of `body` (all are
    /// built, so the tests check each on the one device).
    static func withBackend<T>(matmulKernel kernel: OpenCLMatmulKernel, _ body: (OpenCLBackend) throws -> T) throws -> T {
        try withBackend { cl in
            let saved = (cl.matmulKernel, cl.directProductLimit, cl.smallTileGroupLimit)
            (cl.matmulKernel, cl.directProductLimit, cl.smallTileGroupLimit) = (kernel, 0, 0)
            defer { (cl.matmulKernel, cl.directProductLimit, cl.smallTileGroupLimit) = saved }
            return try body(cl)
        }
    }

    private static func withBackendOnThread<T>(_ body: (OpenCLBackend) throws -> T) throws -> T {
        if opened == nil {
            opened = Result {
                let device = try Devices.open(.gpu, allowFallback: false)
                let backend = device.backend as! OpenCLBackend
                print("OpenCL tests run on \(backend.name); seed \(testSeed); kernels: \(backend.kernelSummary)")
                return backend
            }
        }
        return try body(opened!.get())
    }
}

/// Writes NaN over every element, so an output a kernel fails to write shows up as a mismatch.
func poison(_ m: Matrix, on backend: any Backend) throws {
    try backend.upload([Float](repeating: .nan, count: m.count), to: m)
}

/// The largest |actual − expected| / bound over all elements (≤ 1 passes), where bound[i] is the allowed
/// error of element i. NaN anywhere makes the result infinite.
func worstRatio(_ actual: [Float], _ expected: [Float], bound: (Int) -> Float) -> Float {
    precondition(actual.count == expected.count)
    var worst: Float = 0
    for i in actual.indices {
        let d = abs(actual[i] - expected[i])
        if !d.isFinite { return .infinity }
        worst = max(worst, d / bound(i))
    }
    return worst
}

/// Elementwise tolerance: relative error ≤ rtol, measured against max(|expected|, 1) so that values which
/// cancel to nearly zero (a gradient σ(z) − y with σ(z) ≈ y) are held to rtol absolute.
func expectClose(_ actual: [Float], _ expected: [Float], rtol: Float, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let r = worstRatio(actual, expected) { rtol * max(abs(expected[$0]), 1) }
    print("\(what): worst error \(String(format: "%.3g", r)) of tolerance rtol \(rtol)")
    #expect(r <= 1, "\(what): error is \(r)× the tolerance (rtol \(rtol), seed \(testSeed))", sourceLocation: sourceLocation)
}

/// Runs closures one at a time on one dedicated thread, the caller waiting for each.
final class OneThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var job: (() -> Void)?

    init() {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while job == nil { condition.wait() }
                var work = job
                condition.unlock()
                work?()
                work = nil  // drop the closure before the caller's withoutActuallyEscaping ends
                condition.lock()
                job = nil
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }

    func run<T>(_ body: () throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var result: Result<T, Error>?
            condition.lock()
            while job != nil { condition.wait() }  // another caller's job is running
            job = { result = Result { try body() } }
            condition.broadcast()
            while job != nil || result == nil { condition.wait() }
            condition.unlock()
            return try result!.get()
        }
    }
}
