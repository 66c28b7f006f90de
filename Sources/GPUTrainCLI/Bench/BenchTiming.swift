import Foundation

/// How one measured thing was timed: the median and best of the timed calls, how many there were, and the
/// untimed-in-the-median first call (which includes any one-off cost, e.g. a kernel compile or a page-in).
struct Timing: Codable, Equatable {
    var medianSeconds: Double
    var bestSeconds: Double
    var timed: Int
    var warmupSeconds: Double
}

/// The timing method of the project's reference harness (`gemm_bench.c`, `gemm_numpy.py`, `mlp_anchor.py`):
/// one warm-up call, then `rounds` rounds of back-to-back timed calls, as many per round as fill about
/// `roundSeconds` (at least 3, at most 200; 1 when a call takes over a second). Reported: the median of all
/// timed calls, and the best.
enum Stopwatch {
    /// Seconds on a monotonic clock.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Times `body` (which must include whatever waits for the device, e.g. `backend.finish()`).
    static func measure(rounds: Int, roundSeconds: Double = 0.25, _ body: () throws -> Void) throws -> Timing {
        var t0 = now()
        try body()
        let warmup = now() - t0
        // A second call estimates the steady per-call time (the warm-up may include compiling); skipped when slow.
        var estimate = warmup
        if warmup < 2 {
            t0 = now()
            try body()
            estimate = now() - t0
        }
        let reps = estimate > 1 ? 1 : max(3, min(200, Int(roundSeconds / max(estimate, 1e-7))))
        var times: [Double] = []
        for _ in 0..<max(1, rounds) {
            for _ in 0..<reps {
                t0 = now()
                try body()
                times.append(now() - t0)
            }
        }
        return Timing(medianSeconds: median(times), bestSeconds: times.min()!, timed: times.count, warmupSeconds: warmup)
    }

    /// Times `count` calls after one warm-up call: for whole training epochs, too long to repeat adaptively.
    static func repeated(_ count: Int, _ body: () throws -> Double) throws -> Timing {
        let warmup = try body()
        var times: [Double] = []
        for _ in 0..<max(1, count) { times.append(try body()) }
        return Timing(medianSeconds: median(times), bestSeconds: times.min()!, timed: times.count, warmupSeconds: warmup)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
