import Foundation
import GPUTrain
import Testing

/// The CPU backend is the reference the OpenCL kernels are compared with, so it is checked here against
/// independent, obvious computations written in the test: naive loops in Double, and losses worked out by
/// hand. Tolerances are stated per test; elementwise float ops that round exactly like the test's own
/// float arithmetic are compared for equality.
@Suite("CPU backend against naive references")
struct CPUBackendTests {
    let cpu = CPUBackend()

    // MARK: matmul

    /// `op(A)·op(B)` in Double by the textbook triple loop, with the scale `(|op(A)|·|op(B)|)ᵢⱼ` of each entry's
    /// rounding error. A is stored `ar × ac`, B `br × bc`; op transposes when asked.
    static func naiveMatmul(_ a: [Float], _ ar: Int, _ ac: Int, _ b: [Float], _ br: Int, _ bc: Int,
                            transposeA: Bool, transposeB: Bool) -> (c: [Double], scale: [Double], m: Int, n: Int) {
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let n = transposeB ? br : bc
        func aAt(_ i: Int, _ p: Int) -> Double { Double(transposeA ? a[p * ac + i] : a[i * ac + p]) }
        func bAt(_ p: Int, _ j: Int) -> Double { Double(transposeB ? b[j * bc + p] : b[p * bc + j]) }
        var c = [Double](repeating: 0, count: m * n), s = c
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    c[i * n + j] += aAt(i, p) * bAt(p, j)
                    s[i * n + j] += abs(aAt(i, p) * bAt(p, j))
                }
            }
        }
        return (c, s, m, n)
    }

    /// Largest |actual − expected| / (rtol·scale + atol); ≤ 1 passes, NaN gives infinity.
    static func worst(_ actual: [Float], _ expected: [Double], scale: [Double], rtol: Double, atol: Double = 1e-30) -> Double {
        precondition(actual.count == expected.count)
        var w = 0.0
        for i in actual.indices {
            let d = abs(Double(actual[i]) - expected[i])
            if !d.isFinite { return .infinity }
            w = max(w, d / (rtol * scale[i] + atol))
        }
        return w
    }

    @Test("matmul A·B, Aᵀ·B, A·Bᵀ and Aᵀ·Bᵀ match a naive Double triple loop",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmul(transposeA: Bool, transposeB: Bool) throws {
        var rng = TestRNG("cpu-matmul\(transposeA)\(transposeB)")
        // (M, K, N): 1×1·1×1, 7×3·3×5, 33×65·65×17, and one large enough (rows·N·K ≥ 2·32768) to be split
        // over threads.
        for (m, k, n) in [(1, 1, 1), (7, 3, 5), (33, 65, 17), (130, 40, 30)] {
            let (ar, ac) = transposeA ? (k, m) : (m, k)
            let (br, bc) = transposeB ? (n, k) : (k, n)
            let av = rng.floats(ar * ac), bv = rng.floats(br * bc)
            let a = try cpu.matrix(rows: ar, cols: ac, av), b = try cpu.matrix(rows: br, cols: bc, bv)
            let c = try cpu.matrix(rows: m, cols: n, [Float](repeating: .nan, count: m * n))
            try cpu.matmul(a, b, into: c, transposeA: transposeA, transposeB: transposeB)
            let ref = Self.naiveMatmul(av, ar, ac, bv, br, bc, transposeA: transposeA, transposeB: transposeB)
            #expect(ref.m == m && ref.n == n)
            // A K-term float dot product is within K·2⁻²⁴·Σ|aᵢbᵢ| of the exact one; K ≤ 65 keeps that under
            // 4e-6·Σ|aᵢbᵢ|, so 1e-5·(|A|·|B|)ᵢⱼ is a safe bound that still catches a single wrong term.
            let r = Self.worst(try cpu.download(c), ref.c, scale: ref.scale, rtol: 1e-5)
            #expect(r <= 1, "matmul ta \(transposeA) tb \(transposeB) \(m)×\(k)·\(k)×\(n): error \(r)× tolerance (seed \(testSeed))")
        }
    }

    @Test("matmul overwrites its output rather than accumulating into it")
    func matmulOverwrites() throws {
        var rng = TestRNG("cpu-matmul-overwrite")
        let av = rng.floats(4 * 3), bv = rng.floats(3 * 2)
        let a = try cpu.matrix(rows: 4, cols: 3, av), b = try cpu.matrix(rows: 3, cols: 2, bv)
        for tb in [false, true] {
            let bt = tb ? try cpu.matrix(rows: 2, cols: 3, (0..<6).map { bv[($0 % 3) * 2 + $0 / 3] }) : b
            let c = try cpu.matrix(rows: 4, cols: 2, rng.floats(8, in: 100...1000))
            try cpu.matmul(a, bt, into: c, transposeA: false, transposeB: tb)
            let ref = Self.naiveMatmul(av, 4, 3, bv, 3, 2, transposeA: false, transposeB: false)
            // Same bound as above (K = 3); stale 100…1000 values would be off by far more.
            #expect(Self.worst(try cpu.download(c), ref.c, scale: ref.scale, rtol: 1e-5) <= 1, "tb \(tb) (seed \(testSeed))")
        }
    }

    @Test("one thread and several threads give bit-identical matmul results")
    func threadsAgree() throws {
        var rng = TestRNG("cpu-threads")
        let one = CPUBackend(threads: 1), many = CPUBackend(threads: 4), auto = CPUBackend()
        #expect(one.threads == 1 && one.name == "CPU (Swift, 1 thread)")
        #expect(CPUBackend(threads: 0).threads == 1, "threads are clamped to at least 1")
        #expect(many.name == "CPU (Swift, 4 threads)")
        // 300×200·200×100: 300·100·200 multiply-adds is ~180 blocks' worth of work, so `many` and `auto`
        // really split the rows. Each row's sum runs in the same order whatever the split: results must be equal.
        let av = rng.floats(300 * 200), bv = rng.floats(200 * 100)
        var results: [[Float]] = []
        for backend in [one, many, auto] {
            let a = try backend.matrix(rows: 300, cols: 200, av), b = try backend.matrix(rows: 200, cols: 100, bv)
            let c = try backend.makeMatrix(rows: 300, cols: 100)
            try backend.matmul(a, b, into: c)
            results.append(try backend.download(c))
            let at = try backend.matrix(rows: 300, cols: 100, Array(av[0..<30_000]))   // Aᵀ·B: 100×300·300×100
            let ct = try backend.makeMatrix(rows: 100, cols: 100)
            try backend.matmul(at, at, into: ct, transposeA: true, transposeB: false)
            results.append(try backend.download(ct))
        }
        #expect(results[0] == results[2], "threads 1 vs 4, A·B (seed \(testSeed))")
        #expect(results[0] == results[4], "threads 1 vs default (\(auto.threads)), A·B (seed \(testSeed))")
        #expect(results[1] == results[3], "threads 1 vs 4, Aᵀ·B (seed \(testSeed))")
        #expect(results[1] == results[5], "threads 1 vs default, Aᵀ·B (seed \(testSeed))")
        // And the result is right, not just consistent: spot-check against Double at full tolerance (K = 200:
        // 200·2⁻²⁴ ≈ 1.2e-5, bound 2e-5·Σ|ab|).
        let ref = Self.naiveMatmul(Array(av[0..<(5 * 200)]), 5, 200, bv, 200, 100, transposeA: false, transposeB: false)
        #expect(Self.worst(Array(results[0][0..<500]), ref.c, scale: ref.scale, rtol: 2e-5) <= 1, "first rows (seed \(testSeed))")
    }

    // MARK: elementwise

    /// Shapes for the elementwise ops: 1×1, ragged, and 1000×129 (large enough to be split over threads).
    static let shapes = [(1, 1), (7, 3), (33, 65), (1000, 129)]

    @Test("addBias adds the bias to every row, with and without ReLU")
    func addBias() throws {
        var rng = TestRNG("cpu-bias")
        for (r, c) in Self.shapes {
            let xv = rng.floats(r * c), bv = rng.floats(c)
            for relu in [false, true] {
                let x = try cpu.matrix(rows: r, cols: c, xv), b = try cpu.matrix(rows: 1, cols: c, bv)
                try cpu.addBias(b, to: x, relu: relu)
                // One float addition per element, rounded the same way here: exact equality.
                let expected = xv.indices.map { i -> Float in
                    let v = xv[i] + bv[i % c]
                    return relu ? (v > 0 ? v : 0) : v
                }
                #expect(try cpu.download(x) == expected, "addBias(relu: \(relu)) \(r)×\(c) (seed \(testSeed))")
                #expect(try cpu.download(b) == bv, "the bias is read, not written")
            }
        }
    }

    @Test("relu and reluBackward, into another matrix and in place")
    func relu() throws {
        var rng = TestRNG("cpu-relu")
        for (r, c) in Self.shapes {
            let n = r * c
            // Some exact zeros, so that reluBackward's `y > 0` (not `y ≥ 0`) is exercised.
            let xv = rng.floats(n).enumerated().map { $0.offset % 7 == 0 ? 0 : $0.element }
            let x = try cpu.matrix(rows: r, cols: c, xv)
            let y = try cpu.matrix(rows: r, cols: c, [Float](repeating: .nan, count: n))
            try cpu.relu(x, into: y)
            let yv = xv.map { $0 > 0 ? $0 : 0 }
            #expect(try cpu.download(y) == yv, "relu \(r)×\(c) (seed \(testSeed))")
            #expect(try cpu.download(x) == xv, "relu leaves its input alone")

            let dyv = rng.floats(n)
            let dy = try cpu.matrix(rows: r, cols: c, dyv)
            let dx = try cpu.matrix(rows: r, cols: c, [Float](repeating: .nan, count: n))
            try cpu.reluBackward(dy, output: y, into: dx)
            let dxv = (0..<n).map { yv[$0] > 0 ? dyv[$0] : 0 }
            #expect(try cpu.download(dx) == dxv, "reluBackward \(r)×\(c) (seed \(testSeed))")

            try cpu.reluBackward(dy, output: y, into: dy)   // dx may be dy
            #expect(try cpu.download(dy) == dxv, "reluBackward in place \(r)×\(c)")
            try cpu.relu(x, into: x)                       // y may be x
            #expect(try cpu.download(x) == yv, "relu in place \(r)×\(c)")
        }
    }

    @Test("columnSum, rowSum and rowSumBackward against Double sums")
    func sums() throws {
        var rng = TestRNG("cpu-sums")
        for (r, c) in Self.shapes {
            let xv = rng.floats(r * c)
            let x = try cpu.matrix(rows: r, cols: c, xv)
            var colExact = [Double](repeating: 0, count: c), colAbs = colExact
            var rowExact = [Double](repeating: 0, count: r), rowAbs = rowExact
            for i in 0..<r * c {
                colExact[i % c] += Double(xv[i]); colAbs[i % c] += Double(abs(xv[i]))
                rowExact[i / c] += Double(xv[i]); rowAbs[i / c] += Double(abs(xv[i]))
            }
            // An n-term float sum is within n·2⁻²⁴·Σ|x| of the exact one; n ≤ 1000 gives 6e-5, so the bound
            // is 1e-4·Σ|x| (and a missing or doubled term, ~|x|, is far outside it).
            let cs = try cpu.matrix(rows: 1, cols: c, rng.floats(c, in: 50...60))
            try cpu.columnSum(x, into: cs)
            let rc = Self.worst(try cpu.download(cs), colExact, scale: colAbs, rtol: 1e-4)
            #expect(rc <= 1, "columnSum \(r)×\(c): \(rc)× tolerance (seed \(testSeed))")

            let rs = try cpu.matrix(rows: r, cols: 1, rng.floats(r, in: 50...60))
            try cpu.rowSum(x, into: rs)
            let rr = Self.worst(try cpu.download(rs), rowExact, scale: rowAbs, rtol: 1e-4)
            #expect(rr <= 1, "rowSum \(r)×\(c): \(rr)× tolerance (seed \(testSeed))")

            // The backward copies each row's gradient into every column: exact.
            let dyv = rng.floats(r)
            let dy = try cpu.matrix(rows: r, cols: 1, dyv)
            let dx = try cpu.matrix(rows: r, cols: c, [Float](repeating: .nan, count: r * c))
            try cpu.rowSumBackward(dy, into: dx)
            #expect(try cpu.download(dx) == (0..<r * c).map { dyv[$0 / c] }, "rowSumBackward \(r)×\(c) (seed \(testSeed))")
        }
    }

    // MARK: SGD

    @Test("sgdStep over 3 steps matches PyTorch's update (momentum, weight decay)",
          arguments: [(Float(0.1), Float(0.9), Float(0.01)), (0.05, 0, 0.1), (0.3, 0.5, 0)])
    func sgd(learningRate lr: Float, momentum mu: Float, weightDecay wd: Float) throws {
        var rng = TestRNG("cpu-sgd\(lr)\(mu)\(wd)")
        for (r, c) in [(1, 1), (7, 3), (1000, 129)] {
            let n = r * c
            let w0 = rng.floats(n)
            let w = try cpu.matrix(rows: r, cols: c, w0)
            let v = try cpu.matrix(rows: r, cols: c, [Float](repeating: 0, count: n))
            let plain = try cpu.matrix(rows: r, cols: c, w0)     // the same steps without a velocity
            var ew = w0.map(Double.init), ev = [Double](repeating: 0, count: n), ep = ew
            for step in 0..<3 {
                let gv = rng.floats(n)
                let g = try cpu.matrix(rows: r, cols: c, gv)
                try cpu.sgdStep(weights: w, gradient: g, velocity: v, learningRate: lr, momentum: mu, weightDecay: wd)
                try cpu.sgdStep(weights: plain, gradient: g, velocity: nil, learningRate: lr, momentum: mu, weightDecay: wd)
                // torch.optim.SGD: g += wd·w; v = μ·v + g (buffer starts at 0, so step 1 gives v = g); w -= lr·v.
                for i in 0..<n {
                    let gi = Double(gv[i]) + Double(wd) * ew[i]
                    ev[i] = Double(mu) * ev[i] + gi
                    ew[i] -= Double(lr) * ev[i]
                    ep[i] -= Double(lr) * (Double(gv[i]) + Double(wd) * ep[i])
                }
                // A handful of float roundings per step: rtol 1e-5 of max(|w|, 1). A misplaced weight decay
                // or momentum changes w by ≥ lr·wd·|w| or lr·μ·|v|, at least 1e-3 here.
                expectClose(try cpu.download(w), ew.map(Float.init), rtol: 1e-5, "sgd w \(r)×\(c) step \(step + 1) lr \(lr) μ \(mu) wd \(wd)")
                expectClose(try cpu.download(v), ev.map(Float.init), rtol: 1e-5, "sgd v \(r)×\(c) step \(step + 1)")
                expectClose(try cpu.download(plain), ep.map(Float.init), rtol: 1e-5, "sgd without velocity \(r)×\(c) step \(step + 1)")
                #expect(try cpu.download(g) == gv, "the gradient is read, not written")
            }
        }
    }

    // MARK: AdamW

    /// One setting of `torch.optim.AdamW` and the parameters and state it left after each of 4 steps.
    struct AdamCase: Sendable, CustomTestStringConvertible {
        let learningRate: Float
        let beta1, beta2: Double
        let epsilon, weightDecay: Float
        let w, m, v: [[Float]]
        var testDescription: String { "lr \(learningRate) β \(beta1), \(beta2) ε \(epsilon) wd \(weightDecay)" }
    }

    /// A 2×5 parameter matrix and 4 steps of gradients: a sign that flips, a zero gradient on a nonzero weight
    /// (decay and momentum alone), a 1e-6 gradient (where ε = 1e-8 still shows), one of 100, a weight of 40.
    static let adamW0: [Float] = [0.5, -1.25, 2.0, 0.0, -0.3, 1e-3, 3.5, -0.75, 1.0, 40.0]
    static let adamGradients: [[Float]] = [
        [0.1, -2.0, 0.0, 1e-6, 0.5, -0.25, 100.0, 0.0, -1.0, 0.02],
        [-0.2, -1.5, 0.0, 1e-6, -0.5, 0.25, 1.0, 3.0, -1.0, 0.02],
        [0.3, 0.5, 0.0, -1e-6, 0.5, 0.0, -50.0, 0.0, 2.0, -0.02],
        [0.05, -0.01, 1.0, 0.0, 0.0, 0.125, 0.0, -3.0, 0.0, 0.01],
    ]

    /// Printed by PyTorch 2.15.0 (CPU, float32) with:
    ///
    /// ```python
    /// import torch
    /// for kw in [dict(lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01),
    ///            dict(lr=0.05, betas=(0.8, 0.99), eps=1e-3, weight_decay=0.5)]:
    ///     w = torch.tensor(adamW0, requires_grad=True)
    ///     opt = torch.optim.AdamW([w], **kw)
    ///     for g in adamGradients:
    ///         w.grad = torch.tensor(g)
    ///         opt.step()
    ///         s = opt.state[w]
    ///         for t in (w.detach(), s['exp_avg'], s['exp_avg_sq']):
    ///             print(", ".join("%.9g" % x for x in t.tolist()))
    /// ```
    static let adamCases: [AdamCase] = [
        AdamCase(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01,
                 w: [
                     [0.399500012, -1.14874995, 1.99800003, -0.0990098938, -0.399700016, 0.10099899, 3.39650011, -0.749249995, 1.09899998, 39.8600006],
                     [0.435710877, -1.04934371, 1.99600208, -0.197920769, -0.394037157, 0.095634833, 3.32535672, -0.822914422, 1.19790101, 39.7201424],
                     [0.400951058, -0.986356437, 1.99400616, -0.223662704, -0.427222431, 0.0914707631, 3.30379081, -0.879613519, 1.18913817, 39.6542244],
                     [0.364979327, -0.934406459, 1.93389928, -0.244654834, -0.454301357, 0.0688452199, 3.28554535, -0.870922565, 1.18175232, 39.5778198],
                 ],
                 m: [
                     [0.0100000007, -0.200000003, 0, 1.00000001e-07, 0.0500000007, -0.0250000004, 10, 0, -0.100000001, 0.00200000009],
                     [-0.0110000009, -0.330000013, 0, 1.89999994e-07, -0.00500000129, 0.00250000064, 9.10000038, 0.300000012, -0.189999998, 0.00380000006],
                     [0.0201000012, -0.247000009, 0, 7.09999881e-08, 0.0454999991, 0.0022500006, 3.19000053, 0.270000011, 0.0290000122, 0.00141999999],
                     [0.0230900012, -0.22330001, 0.100000001, 6.38999893e-08, 0.0409500003, 0.0145250009, 2.87100053, -0.0569999926, 0.0261000115, 0.00227800012],
                 ],
                 v: [
                     [1.00000007e-05, 0.00400000019, 0, 1.00000011e-15, 0.000250000012, 6.2500003e-05, 10, 0, 0.00100000005, 4.00000005e-07],
                     [4.99900016e-05, 0.00624600006, 0, 1.99900008e-15, 0.000499750022, 0.000124937505, 9.99100018, 0.00899999961, 0.00199900009, 7.99600002e-07],
                     [0.000139940021, 0.00648975419, 0, 2.9970012e-15, 0.000749250292, 0.000124812563, 12.4810095, 0.00899099931, 0.00599700119, 1.19880042e-06],
                     [0.000142300094, 0.00648336485, 0.00100000005, 2.99400418e-15, 0.000748501043, 0.000140312754, 12.4685287, 0.0179820079, 0.00599100441, 1.29760156e-06],
                 ]),
        AdamCase(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3, weightDecay: 0.5,
                 w: [
                     [0.437995046, -1.16877496, 1.95000005, -4.99500493e-05, -0.342400223, 0.0507757999, 3.36250067, -0.731250048, 1.02495003, 38.9523811],
                     [0.447963208, -1.090837, 1.90125012, -9.86513478e-05, -0.328295767, 0.043972984, 3.24654031, -0.752135813, 1.04927635, 37.930954],
                     [0.417557001, -1.03594017, 1.85371888, -0.000105192456, -0.337267131, 0.0388676338, 3.16066456, -0.761710823, 1.01495624, 36.9740944],
                     [0.388095558, -0.98876375, 1.77382052, -0.000108519562, -0.341981202, 0.0237375423, 3.07804108, -0.73407048, 0.983391643, 36.0345497],
                 ],
                 m: [
                     [0.0200000014, -0.400000006, 0, 2.00000002e-07, 0.100000001, -0.0500000007, 20, 0, -0.200000003, 0.00400000019],
                     [-0.0239999983, -0.620000005, 0, 3.60000001e-07, -0.0200000051, 0.0100000026, 16.2000008, 0.600000024, -0.360000014, 0.00719999988],
                     [0.0408000015, -0.395999998, 0, 8.80000073e-08, 0.0839999914, 0.00800000224, 2.96000123, 0.480000019, 0.112000018, 0.00176000013],
                     [0.0426400006, -0.318800002, 0.200000003, 7.04000058e-08, 0.0671999902, 0.0314000025, 2.36800098, -0.215999991, 0.0896000117, 0.00340800011],
                 ],
                 v: [
                     [0.000100000005, 0.0399999991, 0, 9.99999982e-15, 0.00249999994, 0.000624999986, 100, 0, 0.00999999978, 3.99999999e-06],
                     [0.000499000016, 0.0621000007, 0, 1.99000006e-14, 0.00497499993, 0.00124374998, 99.0100021, 0.0899999961, 0.0198999997, 7.95999949e-06],
                     [0.00139401015, 0.0639789999, 0, 2.97010002e-14, 0.00742525002, 0.00123131252, 123.019905, 0.0890999958, 0.0597009994, 1.18803991e-05],
                     [0.00140507007, 0.0633402094, 0.00999999978, 2.94039898e-14, 0.00735099753, 0.00137524935, 121.789711, 0.178208992, 0.0591039918, 1.27615958e-05],
                 ]),
    ]

    @Test("adamStep over 4 steps matches PyTorch's torch.optim.AdamW (weights and both moments)", arguments: adamCases)
    func adamAgainstPyTorch(_ t: AdamCase) throws {
        let w = try cpu.matrix(rows: 2, cols: 5, Self.adamW0)
        let zeros = [Float](repeating: 0, count: 10)
        let m = try cpu.matrix(rows: 2, cols: 5, zeros), v = try cpu.matrix(rows: 2, cols: 5, zeros)
        for (i, gv) in Self.adamGradients.enumerated() {
            let g = try cpu.matrix(rows: 2, cols: 5, gv)
            try cpu.adamStep(weights: w, gradient: g, firstMoment: m, secondMoment: v, learningRate: t.learningRate,
                             beta1: t.beta1, beta2: t.beta2, epsilon: t.epsilon, weightDecay: t.weightDecay, step: i + 1)
            // Both sides float32 with the same formula, the operations in a slightly different order
            // (torch's m is a lerp): a few roundings apart. w: rtol 2e-6 of max(|w|, 1); m and v, whose values
            // go down to 1e-15: 2e-6 of their own size. Dropping the bias correction, ε or the decay, or
            // coupling the decay into the gradient, moves w by more than 1e-4 at step 1.
            let name = "adam \(t.testDescription) step \(i + 1)"
            expectClose(try cpu.download(w), t.w[i], rtol: 2e-6, "\(name) w")
            expectRelative(try cpu.download(m), t.m[i], rtol: 2e-6, "\(name) m")
            expectRelative(try cpu.download(v), t.v[i], rtol: 2e-6, "\(name) v")
            #expect(try cpu.download(g) == gv, "the gradient is read, not written")
        }
    }

    /// |actual − expected| ≤ rtol·|expected| for every element (exact where the expected value is 0).
    func expectRelative(_ actual: [Float], _ expected: [Float], rtol: Float, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        let r = worstRatio(actual, expected) { rtol * max(abs(expected[$0]), .leastNonzeroMagnitude) }
        print("\(what): worst error \(String(format: "%.3g", r)) of tolerance rtol \(rtol) (relative)")
        #expect(r <= 1, "\(what): error is \(r)× the tolerance (rtol \(rtol) relative)", sourceLocation: sourceLocation)
    }

    @Test("adamStep over 5 steps with a changing learning rate matches torch's AdamW algorithm in Double",
          arguments: [(Float(0.001), 0.9, 0.999, Float(1e-8), Float(0.01)), (0.1, 0.5, 0.9, 1e-4, 0.2), (0.01, 0, 0.999, 1e-8, 0)])
    func adamAgainstDouble(learningRate lr: Float, beta1 b1: Double, beta2 b2: Double, epsilon eps: Float, weightDecay wd: Float) throws {
        var rng = TestRNG("cpu-adam\(lr)\(b1)\(b2)\(wd)")
        // 1000×129: large enough that the update runs on every thread.
        for (r, c) in [(1, 1), (7, 3), (1000, 129)] {
            let n = r * c
            let w0 = rng.floats(n)
            let w = try cpu.matrix(rows: r, cols: c, w0)
            let zeros = [Float](repeating: 0, count: n)
            let m = try cpu.matrix(rows: r, cols: c, zeros), v = try cpu.matrix(rows: r, cols: c, zeros)
            var ew = w0.map(Double.init), em = [Double](repeating: 0, count: n), ev = em
            for step in 1...5 {
                let gv = rng.floats(n)
                let rate = lr * Float(6 - step) / 5      // a schedule: the rate changes every step
                try cpu.adamStep(weights: w, gradient: try cpu.matrix(rows: r, cols: c, gv), firstMoment: m, secondMoment: v,
                                 learningRate: rate, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, step: step)
                // torch.optim.AdamW (decoupled weight decay), as its documentation writes the algorithm.
                let (lrD, b1D, b2D) = (Double(rate), b1, b2)
                for i in 0..<n {
                    let g = Double(gv[i])
                    ew[i] -= lrD * Double(wd) * ew[i]
                    em[i] = b1D * em[i] + (1 - b1D) * g
                    ev[i] = b2D * ev[i] + (1 - b2D) * g * g
                    let mHat = em[i] / (1 - pow(b1D, Double(step))), vHat = ev[i] / (1 - pow(b2D, Double(step)))
                    ew[i] -= lrD * mHat / (vHat.squareRoot() + Double(eps))
                }
                // Float against Double, a handful of roundings per step: rtol 1e-5 of max(|x|, 1) (|g| ≤ 1 sets
                // the moments' scale). An update is about lr, at least 2e-4 here, so a wrong formula fails.
                let name = "adam \(r)×\(c) step \(step) lr \(rate) β \(b1), \(b2) ε \(eps) wd \(wd)"
                expectClose(try cpu.download(w), ew.map(Float.init), rtol: 1e-5, "\(name) w")
                expectClose(try cpu.download(m), em.map(Float.init), rtol: 1e-5, "\(name) m")
                expectClose(try cpu.download(v), ev.map(Float.init), rtol: 1e-5, "\(name) v")
            }
        }
    }

    // MARK: losses

    /// Runs `kind` on `z` (`rows × k`) and `y` with gradient scale 1/rows; returns (stats, gradient).
    func runLoss(_ kind: LossKind, _ z: [Float], k: Int, _ y: [Float]) throws -> (stats: [Float], grad: [Float]) {
        let rows = y.count
        let p = try cpu.matrix(rows: rows, cols: k, z), t = try cpu.matrix(rows: rows, cols: 1, y)
        let g = try cpu.matrix(rows: rows, cols: k, [Float](repeating: .nan, count: rows * k))
        let s = try cpu.matrix(rows: rows, cols: 2, [Float](repeating: .nan, count: rows * 2))
        try cpu.loss(kind, predictions: p, targets: t, gradient: g, gradientScale: 1 / Float(rows), stats: s)
        // The stats without a gradient must be the same.
        let s2 = try cpu.matrix(rows: rows, cols: 2, [Float](repeating: .nan, count: rows * 2))
        try cpu.loss(kind, predictions: p, targets: t, gradient: nil, gradientScale: 1, stats: s2)
        let stats = try cpu.download(s), stats2 = try cpu.download(s2)
        #expect(zip(stats, stats2).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(kind): stats differ without a gradient")
        let grad = try cpu.download(g)
        try checkTotals(kind, p, t, k: k, stats: stats, grad: grad)
        return (stats, grad)
    }

    /// lossTotals on the same inputs: the stats' column sums (in Double, rounded once), the same gradient,
    /// and with `accumulate` those sums added to what the totals held.
    func checkTotals(_ kind: LossKind, _ p: Matrix, _ t: Matrix, k: Int, stats: [Float], grad: [Float]) throws {
        let rows = t.rows
        let lossSum = stride(from: 0, to: 2 * rows, by: 2).reduce(0.0) { $0 + Double(stats[$1]) }
        let rightSum = stride(from: 1, to: 2 * rows, by: 2).reduce(0.0) { $0 + Double(stats[$1]) }
        func same(_ a: Float, _ b: Double) -> Bool { a == Float(b) || (a.isNaN && b.isNaN) }
        let totals = try cpu.matrix(rows: 1, cols: 2, [.nan, .nan])
        let g = try cpu.matrix(rows: rows, cols: k, [Float](repeating: .nan, count: rows * k))
        try cpu.lossTotals(kind, predictions: p, targets: t, gradient: g, gradientScale: 1 / Float(rows), totals: totals, accumulate: false)
        var got = try cpu.download(totals)
        #expect(same(got[0], lossSum) && same(got[1], rightSum), "\(kind) totals \(got), expected \(lossSum), \(rightSum)")
        #expect(zip(try cpu.download(g), grad).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(kind): lossTotals' gradient differs")
        try cpu.upload([0.5, 3], to: totals)
        try cpu.lossTotals(kind, predictions: p, targets: t, gradient: nil, gradientScale: 0, totals: totals, accumulate: true)
        got = try cpu.download(totals)
        #expect(same(got[0], 0.5 + lossSum) && same(got[1], 3 + rightSum), "\(kind) accumulated totals \(got)")
    }

    /// Splits stats (`rows × 2`) into losses and right/wrong flags.
    static func split(_ stats: [Float]) -> ([Float], [Float]) {
        (stride(from: 0, to: stats.count, by: 2).map { stats[$0] }, stride(from: 1, to: stats.count, by: 2).map { stats[$0] })
    }

    @Test("binary cross-entropy with logits: hand-computed values, gradient 1/n·(σ(z) − y), right/wrong")
    func bce() throws {
        // z = 0, y = 1: ln 2, gradient (½ − 1)/4, wrong (z > 0 is false). z = 0, y = 0: ln 2, +⅛, right.
        // z = 2, y = 1: ln(1 + e⁻²) = 0.12692801, (σ(2) − 1)/4 = −0.02980068, right.
        // z = −3, y = 1: 3 + ln(1 + e⁻³) = 3.04858735, (σ(−3) − 1)/4 = −0.23814352, wrong.
        let (stats, grad) = try runLoss(.binaryCrossEntropy, [0, 0, 2, -3], k: 1, [1, 0, 1, 1])
        let (loss, right) = Self.split(stats)
        // Float evaluation of exp/log1p: within a few ulps; 1e-6 absolute is ~10 ulps at these magnitudes.
        expectClose(loss, [0.69314718, 0.69314718, 0.12692801, 3.04858735], rtol: 1e-6, "bce loss")
        expectClose(grad, [-0.125, 0.125, -0.02980068, -0.23814352], rtol: 1e-6, "bce gradient")
        #expect(right == [0, 1, 1, 0])

        // Large |z| stays finite: z = 100, y = 0 costs 100; z = −100, y = 1 costs 100; right answers cost ~0.
        let (s2, g2) = try runLoss(.binaryCrossEntropy, [100, -100, 100, -100], k: 1, [0, 1, 1, 0])
        let (l2, r2) = Self.split(s2)
        #expect(l2.allSatisfy { $0.isFinite } && g2.allSatisfy { $0.isFinite }, "bce at |z| = 100: \(l2), \(g2)")
        expectClose(l2, [100, 100, 0, 0], rtol: 1e-6, "bce loss at |z| = 100")
        expectClose(g2, [0.25, -0.25, 0, 0], rtol: 1e-6, "bce gradient at |z| = 100")
        #expect(r2 == [0, 0, 1, 1])

        // Random logits against the textbook −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] in Double; |z| ≤ 6 keeps that
        // formula accurate. rtol 1e-5 of max(|value|, 1).
        var rng = TestRNG("cpu-bce")
        let z = rng.floats(257, in: -6...6), y = (0..<257).map { _ in Float(Int.random(in: 0...1, using: &rng)) }
        let (s3, g3) = try runLoss(.binaryCrossEntropy, z, k: 1, y)
        let (l3, r3) = Self.split(s3)
        let sig = z.map { 1 / (1 + exp(-Double($0))) }
        var el = [Float](), eg = [Float](), er = [Float]()
        for i in 0..<257 {
            let yi = Double(y[i])
            el.append(Float(-(yi * log(sig[i]) + (1 - yi) * log(1 - sig[i]))))
            eg.append(Float((sig[i] - yi) / 257))
            er.append((z[i] > 0) == (y[i] > 0.5) ? 1 : 0)
        }
        expectClose(l3, el, rtol: 1e-5, "bce loss, random")
        expectClose(g3, eg, rtol: 1e-5, "bce gradient, random")
        #expect(r3 == er, "bce right/wrong, random (seed \(testSeed))")
    }

    @Test("mean squared error: (p − y)², gradient 1/n·2(p − y), right when (p > ½) == (y > ½)")
    func mse() throws {
        // p = 0.75, y = 1: 0.0625, 2·(−0.25)/4 = −0.125, right. p = 0.25, y = 1: 0.5625, −0.375, wrong.
        // p = 0.5, y = 0: 0.25, +0.25, right (0.5 > 0.5 is false on both sides). p = −1, y = 0: 1, −0.5, right.
        // These are exact in binary floating point.
        let (stats, grad) = try runLoss(.meanSquaredError, [0.75, 0.25, 0.5, -1], k: 1, [1, 1, 0, 0])
        let (loss, right) = Self.split(stats)
        #expect(loss == [0.0625, 0.5625, 0.25, 1])
        #expect(grad == [-0.125, -0.375, 0.25, -0.5])
        #expect(right == [1, 0, 1, 1])

        let (s2, g2) = try runLoss(.meanSquaredError, [100, -100], k: 1, [0, 1])
        let (l2, _) = Self.split(s2)
        #expect(l2 == [10_000, 10_201] && g2 == [100, -101], "mse at |p| = 100: \(l2), \(g2)")

        var rng = TestRNG("cpu-mse")
        let p = rng.floats(300, in: -2...2), y = rng.floats(300, in: 0...1)
        let (s3, g3) = try runLoss(.meanSquaredError, p, k: 1, y)
        let (l3, r3) = Self.split(s3)
        // One subtraction and one product: rtol 1e-6.
        expectClose(l3, (0..<300).map { Float((Double(p[$0]) - Double(y[$0])) * (Double(p[$0]) - Double(y[$0]))) }, rtol: 1e-6, "mse loss, random")
        expectClose(g3, (0..<300).map { Float(2 * (Double(p[$0]) - Double(y[$0])) / 300) }, rtol: 1e-6, "mse gradient, random")
        #expect(r3 == (0..<300).map { (p[$0] > 0.5) == (y[$0] > 0.5) ? 1 : 0 }, "mse right/wrong (seed \(testSeed))")
    }

    @Test("softmax cross-entropy: hand-computed values, ties, large logits, labels outside 0..<k give NaN")
    func softmax() throws {
        // Row 0: z = (0, 0, 0), label 0: ln 3 = 1.09861229; gradient (⅓ − 1, ⅓, ⅓)/4; right (ties go to the first index).
        // Row 1: z = (1, 2, 3), label 2: ln(e + e² + e³) − 3 = 0.40760596; softmax (0.09003057, 0.24472847, 0.66524096).
        // Row 2: same z, label 0: 2.40760596, wrong.
        // Row 3: z = (100, −100, 0), label 1: 200, finite; gradient (1, −1, 0)/4 (e⁻¹⁰⁰ underflows harmlessly).
        let z: [Float] = [0, 0, 0, 1, 2, 3, 1, 2, 3, 100, -100, 0]
        let (stats, grad) = try runLoss(.softmaxCrossEntropy, z, k: 3, [0, 2, 0, 1])
        let (loss, right) = Self.split(stats)
        expectClose(loss, [1.09861229, 0.40760596, 2.40760596, 200], rtol: 1e-6, "softmax loss")
        let third: Float = 1.0 / 3.0
        let sm: [Float] = [0.09003057, 0.24472847, 0.66524096]
        expectClose(grad, [third - 1, third, third,
                           sm[0], sm[1], sm[2] - 1,
                           sm[0] - 1, sm[1], sm[2],
                           1, -1, 0].map { $0 / 4 }, rtol: 1e-6, "softmax gradient")
        #expect(right == [1, 1, 0, 0])

        // Labels k, −1 and NaN have no class: that row's loss and gradient are NaN and it counts as wrong;
        // the valid row next to them is unaffected.
        let (s2, g2) = try runLoss(.softmaxCrossEntropy, [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], k: 3, [3, -1, .nan, 2])
        let (l2, r2) = Self.split(s2)
        #expect(l2[0].isNaN && l2[1].isNaN && l2[2].isNaN, "losses for labels 3, −1, NaN: \(l2)")
        #expect(g2[0..<9].allSatisfy { $0.isNaN }, "gradients for labels outside 0..<3: \(g2)")
        #expect(r2 == [0, 0, 0, 1])
        expectClose([l2[3]], [0.40760596], rtol: 1e-6, "softmax loss of the valid row next to invalid ones")
        expectClose(Array(g2[9...]), [sm[0] / 4, sm[1] / 4, (sm[2] - 1) / 4], rtol: 1e-6, "softmax gradient of the valid row")

        // Random logits against the plain formula log Σ eᶻ − z[y] in Double (|z| ≤ 6, no overflow).
        var rng = TestRNG("cpu-softmax")
        let rows = 200, k = 10
        let zr = rng.floats(rows * k, in: -6...6), yr = (0..<rows).map { _ in Float(Int.random(in: 0..<k, using: &rng)) }
        let (s3, g3) = try runLoss(.softmaxCrossEntropy, zr, k: k, yr)
        let (l3, r3) = Self.split(s3)
        var el = [Float](), eg = [Float](), er = [Float]()
        for r in 0..<rows {
            let row = zr[r * k ..< (r + 1) * k].map(Double.init), label = Int(yr[r])
            let sum = row.map(exp).reduce(0, +)
            el.append(Float(log(sum) - row[label]))
            eg += (0..<k).map { Float((exp(row[$0]) / sum - ($0 == label ? 1 : 0)) / Double(rows)) }
            er.append(row.firstIndex(of: row.max()!) == label ? 1 : 0)
        }
        // rtol 1e-5: k exponentials and a log in float.
        expectClose(l3, el, rtol: 1e-5, "softmax loss, random")
        expectClose(g3, eg, rtol: 1e-5, "softmax gradient, random")
        #expect(r3 == er, "softmax right/wrong, random (seed \(testSeed))")
    }

    @Test("the correct-count column totals with columnSum")
    func correctCount() throws {
        var rng = TestRNG("cpu-count")
        let rows = 500
        let z = rng.floats(rows, in: -4...4), y = (0..<rows).map { _ in Float(Int.random(in: 0...1, using: &rng)) }
        let p = try cpu.matrix(rows: rows, cols: 1, z), t = try cpu.matrix(rows: rows, cols: 1, y)
        let s = try cpu.makeMatrix(rows: rows, cols: 2), total = try cpu.makeMatrix(rows: 1, cols: 2)
        try cpu.loss(.binaryCrossEntropy, predictions: p, targets: t, gradient: nil, gradientScale: 0, stats: s)
        try cpu.columnSum(s, into: total)
        let expected = (0..<rows).filter { (z[$0] > 0) == (y[$0] > 0.5) }.count
        // Counting 0/1 floats up to 500 is exact.
        #expect(try cpu.download(total)[1] == Float(expected), "correct count (seed \(testSeed))")
    }

    // MARK: gather and views

    @Test("gatherRows copies rows by a permutation, and by indices with repeats")
    func gather() throws {
        var rng = TestRNG("cpu-gather")
        for (r, c) in Self.shapes {
            let xv = rng.floats(r * c)
            let x = try cpu.matrix(rows: r, cols: c, xv)
            let perm = (0..<Int32(r)).shuffled(using: &rng)
            let picks = (0..<max(1, r / 2)).map { _ in Int32.random(in: 0..<Int32(r), using: &rng) }
            for indices in [perm, picks] {
                let idx = try cpu.makeIndices(count: indices.count)
                try cpu.upload(indices, to: idx)
                let d = try cpu.matrix(rows: indices.count, cols: c, [Float](repeating: .nan, count: indices.count * c))
                try cpu.gatherRows(x, indices: idx, into: d)
                let expected = indices.flatMap { i in xv[Int(i) * c ..< (Int(i) + 1) * c] }
                #expect(try cpu.download(d) == expected, "gatherRows \(r)×\(c) by \(indices.count) indices (seed \(testSeed))")
            }
        }
    }

    @Test("row views work as inputs and outputs and leave the other rows untouched")
    func views() throws {
        var rng = TestRNG("cpu-views")
        // matmul: rows 3..<40 of a 50×11 A times B into rows 20..<57 of a 100×5 C.
        let tall = rng.floats(50 * 11), bv = rng.floats(11 * 5), fill = rng.floats(100 * 5)
        let a = try cpu.matrix(rows: 50, cols: 11, tall), b = try cpu.matrix(rows: 11, cols: 5, bv)
        let c = try cpu.matrix(rows: 100, cols: 5, fill)
        let av = c.rows(20..<57)
        #expect(av.rows == 37 && av.cols == 5 && av.shape == "37×5" && av.count == 185)
        try cpu.matmul(a.rows(3..<40), b, into: av)
        let out = try cpu.download(c)
        let ref = Self.naiveMatmul(Array(tall[33..<440]), 37, 11, bv, 11, 5, transposeA: false, transposeB: false)
        // K = 11: bound 1e-5·(|A|·|B|) as in the matmul test.
        #expect(Self.worst(Array(out[100..<285]), ref.c, scale: ref.scale, rtol: 1e-5) <= 1, "matmul into a view (seed \(testSeed))")
        #expect(Array(out[0..<100]) == Array(fill[0..<100]), "rows before the view changed")
        #expect(Array(out[285...]) == Array(fill[285...]), "rows after the view changed")
        #expect(try cpu.download(av) == Array(out[100..<285]), "downloading a view reads its rows only")

        // A view of a view: rows 2..<4 of rows 20..<57 are rows 22..<24.
        let inner = av.rows(2..<4)
        let newRows = rng.floats(10)
        try cpu.upload(newRows, to: inner)
        let out2 = try cpu.download(c)
        #expect(Array(out2[110..<120]) == newRows, "upload into a view of a view")
        #expect(Array(out2[0..<110]) == Array(out[0..<110]) && Array(out2[120...]) == Array(out[120...]), "upload touched other rows")

        // addBias, relu, rowSum and a loss's stats on views.
        let xv = rng.floats(10 * 4), biasv = rng.floats(4)
        let x = try cpu.matrix(rows: 10, cols: 4, xv), bias = try cpu.matrix(rows: 1, cols: 4, biasv)
        try cpu.addBias(bias, to: x.rows(2..<5), relu: true)
        let xo = try cpu.download(x)
        let biased: [Float] = (8..<20).map { i in max(xv[i] + biasv[i % 4], 0) }
        #expect(Array(xo[8..<20]) == biased, "addBias on rows 2..<5")
        #expect(Array(xo[0..<8]) == Array(xv[0..<8]) && Array(xo[20...]) == Array(xv[20...]), "addBias touched other rows")

        let y = try cpu.matrix(rows: 10, cols: 4, [Float](repeating: .nan, count: 40))
        try cpu.relu(x.rows(6..<10), into: y.rows(0..<4))
        let yo = try cpu.download(y)
        #expect(Array(yo[0..<16]) == xo[24..<40].map { max($0, 0) } && yo[16...].allSatisfy { $0.isNaN }, "relu view → view")

        // A statistics table with one 1×2 row per batch: each batch's column sum goes into its own row.
        let table = try cpu.matrix(rows: 3, cols: 2, [Float](repeating: -7, count: 6))
        let stats = try cpu.matrix(rows: 10, cols: 2, [Float](repeating: .nan, count: 20))
        let p = try cpu.matrix(rows: 10, cols: 1, rng.floats(10, in: -3...3))
        let t = try cpu.matrix(rows: 10, cols: 1, (0..<10).map { Float($0 % 2) })
        try cpu.loss(.binaryCrossEntropy, predictions: p.rows(5..<10), targets: t.rows(5..<10), gradient: nil,
                     gradientScale: 0, stats: stats.rows(5..<10))
        try cpu.columnSum(stats.rows(5..<10), into: table.rows(1..<2))
        let so = try cpu.download(stats), to = try cpu.download(table)
        #expect(so[0..<10].allSatisfy { $0.isNaN } && so[10...].allSatisfy { $0.isFinite }, "loss stats into rows 5..<10 only")
        let lossSum = stride(from: 10, to: 20, by: 2).map { Double(so[$0]) }.reduce(0, +)
        let rightSum = stride(from: 11, to: 20, by: 2).map { so[$0] }.reduce(0, +)
        #expect(to[0] == -7 && to[1] == -7 && to[4] == -7 && to[5] == -7, "columnSum touched other table rows: \(to)")
        // Five terms: 1e-5 relative.
        #expect(abs(Double(to[2]) - lossSum) <= 1e-5 * max(lossSum, 1) && to[3] == rightSum, "table row 1: \(to)")

        // rowSum of a view into a view; gatherRows from a view (indices relative to the view) into a view.
        let sums = try cpu.matrix(rows: 6, cols: 1, [Float](repeating: .nan, count: 6))
        try cpu.rowSum(x.rows(0..<3), into: sums.rows(3..<6))
        let su = try cpu.download(sums)
        #expect(su[0..<3].allSatisfy { $0.isNaN }, "rowSum touched rows before the view")
        for r in 0..<3 {
            let e = (0..<4).map { Double(xo[r * 4 + $0]) }.reduce(0, +)
            #expect(abs(Double(su[3 + r]) - e) <= 1e-6 * max(abs(e), 1), "rowSum into a view, row \(r)")
        }
        let idx = try cpu.makeIndices(count: 3)
        try cpu.upload([2, 0, 1], to: idx)
        let g = try cpu.matrix(rows: 5, cols: 4, [Float](repeating: .nan, count: 20))
        try cpu.gatherRows(x.rows(7..<10), indices: idx, into: g.rows(1..<4))
        let go = try cpu.download(g)
        #expect(Array(go[4..<16]) == Array(xo[36..<40] + xo[28..<32] + xo[32..<36]), "gatherRows view → view")
        #expect(go[0..<4].allSatisfy { $0.isNaN } && go[16...].allSatisfy { $0.isNaN }, "gatherRows touched other rows")
    }
}
