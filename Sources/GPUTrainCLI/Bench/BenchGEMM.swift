import Foundation
import GPUTrain

/// Which operands of `C = op(A)·op(B)` are read transposed, as ``Backend/matmul(_:_:into:transposeA:transposeB:)``
/// takes them; the stored shape of the transposed operand changes accordingly.
enum GEMMVariant: String, CaseIterable, Codable {
    /// `A·B`: A stored M×K, B stored K×N (a forward pass).
    case nn = "NN"
    /// `Aᵀ·B`: A stored K×M (a weight gradient, `xᵀ·dz`).
    case tn = "TN"
    /// `A·Bᵀ`: B stored N×K (an input gradient, `dz·wᵀ`).
    case nt = "NT"

    var op: String { ["NN": "A·B", "TN": "Aᵀ·B", "NT": "A·Bᵀ"][rawValue]! }
    var transposeA: Bool { self == .tn }
    var transposeB: Bool { self == .nt }
}

/// One GEMM to measure: `C (M×N) = op(A)·op(B)` with inner dimension K.
struct GEMMCase: Equatable {
    let m, k, n: Int
    let variant: GEMMVariant

    var shape: String { "\(m)x\(k)x\(n)" }
    var storedA: (rows: Int, cols: Int) { variant.transposeA ? (k, m) : (m, k) }
    var storedB: (rows: Int, cols: Int) { variant.transposeB ? (n, k) : (k, n) }
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    /// Square 4096 runs only on GPUs: on a CPU one call takes tens of seconds.
    var gpuOnly: Bool { m >= 4096 && k >= 4096 && n >= 4096 }

    /// The shapes `gputrain bench` measures, each in every variant: square 256…2048 (4096 for GPUs; `quick`
    /// stops at 1024), then the training shapes (Titanic 891×12·12×2, MNIST's first and second layers at
    /// 4096 rows). `override` (the hidden `--shapes`) replaces the whole list.
    static func all(quick: Bool, override: [(Int, Int, Int)]? = nil) -> [GEMMCase] {
        let squares = [256, 512, 1024] + (quick ? [] : [2048, 4096])
        let shapes = override ?? (squares.map { ($0, $0, $0) } + [(891, 12, 2), (4096, 784, 256), (4096, 256, 10)])
        return shapes.flatMap { s in GEMMVariant.allCases.map { GEMMCase(m: s.0, k: s.1, n: s.2, variant: $0) } }
    }
}

/// The correctness check each GEMM passes before it is timed, on fresh random inputs uniform in [−1, 1]:
/// every entry is compared with the CPU backend's result, and 256 sampled entries (corners included) with a
/// Double-precision dot product (which checks the CPU backend too). An entry passes when
/// `|C − C_ref|ᵢⱼ ≤ 1e-4 · (|A|·|B|)ᵢⱼ`, the rounding scale of a K-term float dot product (the kernel tests'
/// tolerance). Above 2048³ (square 4096, GPUs only) the CPU reference would take minutes: only the samples are
/// compared there.
struct GEMMReference {
    static let relativeTolerance = 1e-4
    static let fullCheckLimit = 2048.0 * 2048 * 2048
    static let toleranceText = "|C−C_ref|ij ≤ 1e-4·(|A|·|B|)ij: all entries vs the CPU backend (up to 2048³), "
        + "256 sampled entries vs a Double dot product"

    let gemm: GEMMCase
    let a: [Float], b: [Float]
    /// The CPU backend's `C` and `|A|·|B|`, nil above ``fullCheckLimit``.
    let c: [Float]?, scale: [Float]?
    let samples: [(index: Int, exact: Double, scale: Double)]

    init(_ gemm: GEMMCase, seed: UInt64, cpu: CPUBackend) throws {
        self.gemm = gemm
        var rng = SeededGenerator(seed: seed)
        let (ra, ca) = gemm.storedA, (rb, cb) = gemm.storedB
        a = (0..<ra * ca).map { _ in rng.nextUniform() * 2 - 1 }
        b = (0..<rb * cb).map { _ in rng.nextUniform() * 2 - 1 }
        if gemm.flops / 2 <= Self.fullCheckLimit {
            func product(_ x: [Float], _ y: [Float]) throws -> [Float] {
                let mx = try cpu.matrix(rows: ra, cols: ca, x), my = try cpu.matrix(rows: rb, cols: cb, y)
                let out = try cpu.makeMatrix(rows: gemm.m, cols: gemm.n)
                try cpu.matmul(mx, my, into: out, transposeA: gemm.variant.transposeA, transposeB: gemm.variant.transposeB)
                return try cpu.download(out)
            }
            c = try product(a, b)
            scale = try product(a.map(abs), b.map(abs))
        } else {
            c = nil
            scale = nil
        }
        var picks = [(0, 0), (gemm.m - 1, gemm.n - 1), (0, gemm.n - 1), (gemm.m - 1, 0)]
        while picks.count < 256 { picks.append((rng.next(below: gemm.m), rng.next(below: gemm.n))) }
        let (m, k, n) = (gemm.m, gemm.k, gemm.n)
        let ta = gemm.variant.transposeA, tb = gemm.variant.transposeB
        let (a, b) = (a, b)
        samples = picks.map { i, j in
            var exact = 0.0, s = 0.0
            for p in 0..<k {
                let x = Double(ta ? a[p * m + i] : a[i * k + p]), y = Double(tb ? b[j * k + p] : b[p * n + j])
                exact += x * y
                s += abs(x * y)
            }
            return (i * n + j, exact, s)
        }
    }

    /// The worst `|error| / tolerance` of `result` over the checked entries: ≤ 1 passes; NaN or a missing
    /// write (the output is poisoned with NaN first) gives infinity.
    func worstRatio(_ result: [Float]) -> Double {
        var worst = 0.0
        func add(_ got: Float, _ want: Double, _ s: Double) {
            let r = abs(Double(got) - want) / (Self.relativeTolerance * max(s, 1e-30))
            worst = r.isNaN || !got.isFinite ? .infinity : max(worst, r)
        }
        if let c, let scale {
            for i in result.indices where worst.isFinite { add(result[i], Double(c[i]), Double(scale[i])) }
        }
        for sample in samples where worst.isFinite { add(result[sample.index], sample.exact, sample.scale) }
        return worst
    }
}

/// Checks, then times, one GEMM on one device.
enum GEMMBench {
    struct Outcome {
        var worstRatio: Double
        var timing: Timing?
        var error: String?
    }

    static func run(_ reference: GEMMReference, on backend: any Backend, rounds: Int) -> Outcome {
        let gemm = reference.gemm
        var worst = Double.infinity
        do {
            let a = try backend.matrix(rows: gemm.storedA.rows, cols: gemm.storedA.cols, reference.a)
            let b = try backend.matrix(rows: gemm.storedB.rows, cols: gemm.storedB.cols, reference.b)
            let c = try backend.matrix(rows: gemm.m, cols: gemm.n, [Float](repeating: .nan, count: gemm.m * gemm.n))
            func call() throws {
                try backend.matmul(a, b, into: c, transposeA: gemm.variant.transposeA, transposeB: gemm.variant.transposeB)
            }
            try call()
            worst = reference.worstRatio(try backend.download(c))
            guard worst <= 1 else { return Outcome(worstRatio: worst, timing: nil, error: nil) }
            let timing = try Stopwatch.measure(rounds: rounds) {
                try call()
                try backend.finish()
            }
            return Outcome(worstRatio: worst, timing: timing, error: nil)
        } catch {
            return Outcome(worstRatio: worst, timing: nil, error: "\(error)")
        }
    }
}
