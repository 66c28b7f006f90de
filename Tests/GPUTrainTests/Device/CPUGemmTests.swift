import CGemm
import Foundation
@testable import GPUTrain
import Testing

/// The CPU backend's matmul paths — the packed SGEMM in C with its best micro-kernel (AVX2+FMA where the CPU
/// has it; what `matmul` runs), the same SGEMM forced onto its portable micro-kernel, and the reference Swift
/// loops — each against a naive Double product, on shapes chosen to hit every edge of the blocking.
///
/// Tolerance: |C − C_exact| ≤ 1e-4·(|op(A)|·|op(B)|)ᵢⱼ + 1e-6 per element. A K-term float sum (plain or fused
/// multiply-adds, in any order) is within K·2⁻²⁴·Σ|aₚbₚ| of the exact one; K ≤ 600 here keeps that under
/// 3.6e-5·Σ|aₚbₚ|, while a missing, doubled or misplaced term is off by far more than 1e-4 of the sum.
@Suite("CPU matmul: packed SGEMM, generic kernel and reference against naive Double")
struct CPUGemmTests {
    static let paths: [CPUBackend.MatmulPath] = [.packed, .packedGeneric, .reference]

    /// (M, K, N) for C = op(A)·op(B): M×K·K×N. The blocking is MR = 6 rows × NR = 16 columns per micro-tile,
    /// KC = 256 deep, MC = 144 rows, NC = 3072 columns, and C is split over threads from 2²⁰ multiply-adds.
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1),
        (1, 1, 17),       // one row, K = 1, one column past a micro-tile
        (7, 1, 5),        // K = 1, M = 6 + 1
        (6, 16, 16),      // exactly one micro-tile
        (37, 129, 61),    // primes
        (25, 17, 33),     // 6·4 + 1 rows, 16·2 + 1 columns
        (145, 257, 49),   // just over MC = 144 rows and KC = 256 deep (two 129-deep slices)
        (170, 300, 61),   // split over threads by rows (3.1M multiply-adds: 3 blocks on 3 threads), two slices
        (7, 420, 1100),   // wider than tall: split by columns (3.2M), two slices
        (4099, 3, 10),    // tall and skinny
        (2, 5, 3073),     // wide: just over NC = 3072 columns
        (13, 600, 1),     // one column, three slices
    ]

    /// `op(A)·op(B)` in Double by the textbook triple loop, and the scale `(|op(A)|·|op(B)|)ᵢⱼ` of each entry.
    static func naive(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool) -> (c: [Double], scale: [Double]) {
        var c = [Double](repeating: 0, count: m * n), s = c
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0, abssum = 0.0
                for p in 0..<k {
                    let x = Double(transposeA ? a[p * m + i] : a[i * k + p])
                    let y = Double(transposeB ? b[j * k + p] : b[p * n + j])
                    sum += x * y
                    abssum += abs(x * y)
                }
                c[i * n + j] = sum
                s[i * n + j] = abssum
            }
        }
        return (c, s)
    }

    /// Largest |actual − expected| / (1e-4·scale + 1e-6); ≤ 1 passes, NaN gives infinity.
    static func worst(_ actual: [Float], _ expected: (c: [Double], scale: [Double])) -> Double {
        var w = 0.0
        for i in actual.indices {
            let d = abs(Double(actual[i]) - expected.c[i])
            if !d.isFinite { return .infinity }
            w = max(w, d / (1e-4 * expected.scale[i] + 1e-6))
        }
        return w
    }

    /// A `rows × cols` view at row offset `offset` of a larger matrix whose other rows hold `fill`.
    static func view(_ cpu: CPUBackend, rows: Int, cols: Int, offset: Int, _ values: [Float], fill: Float) throws -> (view: Matrix, whole: Matrix) {
        let whole = try cpu.matrix(rows: rows + offset + 2, cols: cols,
                                   [Float](repeating: fill, count: offset * cols) + values
                                   + [Float](repeating: fill, count: 2 * cols))
        return (whole.rows(offset..<(offset + rows)), whole)
    }

    @Test("every path, ragged and block-edge shapes, row-offset views, NaN-poisoned output",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func pathsMatchNaive(transposeA: Bool, transposeB: Bool) throws {
        var rng = TestRNG("cpu-gemm\(transposeA)\(transposeB)")
        for backend in [CPUBackend(), CPUBackend(threads: 3)] {
            for (m, k, n) in Self.shapes {
                let (ar, ac) = transposeA ? (k, m) : (m, k)
                let (br, bc) = transposeB ? (n, k) : (k, n)
                let av = rng.floats(ar * ac), bv = rng.floats(br * bc)
                let expected = Self.naive(av, bv, m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB)
                // A and B are views 3 and 1 rows into larger matrices full of a huge value that would show
                // up in any read outside the view; C is a NaN-poisoned view 2 rows in, between sentinel rows.
                let a = try Self.view(backend, rows: ar, cols: ac, offset: 3, av, fill: 1e30).view
                let b = try Self.view(backend, rows: br, cols: bc, offset: 1, bv, fill: 1e30).view
                for path in Self.paths {
                    let (c, whole) = try Self.view(backend, rows: m, cols: n, offset: 2,
                                                   [Float](repeating: .nan, count: m * n), fill: 7)
                    try backend.matmul(a, b, into: c, transposeA: transposeA, transposeB: transposeB, path: path)
                    let what = "\(path) ta \(transposeA) tb \(transposeB) \(m)×\(k)·\(k)×\(n), \(backend.threads) threads (seed \(testSeed))"
                    let r = Self.worst(try backend.download(c), expected)
                    #expect(r <= 1, "\(what): error \(r)× tolerance")
                    let all = try backend.download(whole)
                    let outside = all[0..<(2 * n)] + all[((2 + m) * n)...]
                    #expect(outside.allSatisfy { $0 == 7 }, "\(what): wrote outside C")
                }
            }
        }
    }

    @Test("the packed SGEMM gives bit-identical results on 1, 2 and 3 threads, split by rows or by columns")
    func threadSplitsAgree() throws {
        var rng = TestRNG("cpu-gemm-threads")
        // 170×300·300×61 splits rows and 7×420·420×1100 columns (both over 3·2²⁰ multiply-adds, so 3 blocks on 3 threads).
        for (m, k, n) in [(170, 300, 61), (7, 420, 1100)] {
            let av = rng.floats(m * k), bv = rng.floats(k * n)
            for kernel in [CPUBackend.MatmulPath.packed, .packedGeneric] {
                var results: [[Float]] = []
                for threads in [1, 2, 3] {
                    let cpu = CPUBackend(threads: threads)
                    let a = try cpu.matrix(rows: m, cols: k, av), b = try cpu.matrix(rows: k, cols: n, bv)
                    let c = try cpu.makeMatrix(rows: m, cols: n)
                    try cpu.matmul(a, b, into: c, transposeA: false, transposeB: false, path: kernel)
                    results.append(try cpu.download(c))
                }
                #expect(results[0] == results[1] && results[0] == results[2],
                        "\(kernel) \(m)×\(k)·\(k)×\(n): thread counts disagree (seed \(testSeed))")
            }
        }
    }

    @Test("a row's result does not depend on how many rows are multiplied with it (batch size)")
    func rowsIndependentOfBatch() throws {
        var rng = TestRNG("cpu-gemm-batch")
        let cpu = CPUBackend()
        // Predicting in batches of another size must give the same outputs bit for bit: rows 0..<r of a 900-row
        // product against the same rows multiplied alone, for batch sizes on both sides of every tile and thread
        // boundary, with B as stored and transposed.
        for (k, n) in [(12, 2), (12, 20), (300, 61)] {
            let av = rng.floats(900 * k), bv = rng.floats(k * n)
            let a = try cpu.matrix(rows: 900, cols: k, av)
            for transposeB in [false, true] {
                let b = transposeB ? try cpu.matrix(rows: n, cols: k, bv) : try cpu.matrix(rows: k, cols: n, bv)
                for path in [CPUBackend.MatmulPath.packed, .packedGeneric] {
                    let whole = try cpu.makeMatrix(rows: 900, cols: n)
                    try cpu.matmul(a, b, into: whole, transposeA: false, transposeB: transposeB, path: path)
                    let all = try cpu.download(whole)
                    for r in [1, 5, 6, 7, 64, 97, 899] {
                        let part = try cpu.makeMatrix(rows: r, cols: n)
                        try cpu.matmul(a.rows(0..<r), b, into: part, transposeA: false, transposeB: transposeB, path: path)
                        #expect(try cpu.download(part) == Array(all[0..<(r * n)]),
                                "\(path) tb \(transposeB) K \(k) N \(n): first \(r) rows differ from the 900-row product (seed \(testSeed))")
                    }
                }
            }
        }
    }

    @Test("the AVX2+FMA kernel's availability is reported")
    func kernelAvailability() {
        let native = cgemm_has_avx2_fma() != 0
        #if arch(x86_64)
        print("CPU matmul micro-kernel: \(native ? "AVX2+FMA" : "generic (no AVX2+FMA on this CPU)")")
        #else
        #expect(!native, "AVX2 is an x86-64 feature")
        #endif
    }
}
