import Foundation
import GPUTrain
import Testing

/// Every kernel against the CPU reference on fresh random inputs at ragged shapes, outputs poisoned with
/// NaN before each run. Tolerances: elementwise ops and losses rtol 1e-5 (see `expectClose`); GEMM and
/// column sums |error| ≤ 1e-4 · (|A|·|B|)ᵢⱼ, the scale of a K-term float dot product's rounding.
@Suite("OpenCL kernels match the CPU reference", .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
struct OpenCLKernelTests {
    /// Small shapes (`GPUTRAIN_SMALL_SHAPES=1`) keep a run under oclgrind's simulator to seconds.
    static let small = ProcessInfo.processInfo.environment["GPUTRAIN_SMALL_SHAPES"] == "1"

    /// (M, K, N): C is M×N. 1×1, the Titanic layer, primes and non-multiples of every tile size, 1×N and N×1,
    /// and the blocked kernel's edges: its 6-row × 16-column register blocks (6k±1, 16k±1), 8-deep pack
    /// chunks of K, and 384-row groups of Aᵀ panels (Aᵀ is packed only when N > 16; 389 rows take both the
    /// whole-group and the ragged path). matmul_direct's ragged column blocks of 2–8 and 9–15 columns load
    /// all but B's last row or so as float8s past N (N = 5, 13, 15, 20, 31…): oclgrind checks that those
    /// reads stay inside B.
    static let gemmShapes: [(Int, Int, Int)] = small
        ? [(1, 1, 1), (1, 7, 5), (9, 1, 3), (70, 13, 2), (33, 17, 65), (5, 9, 17), (49, 8, 16), (7, 16, 33), (389, 3, 17),
           (10, 7, 13)]
        : [(1, 1, 1), (891, 12, 2), (1000, 37, 129), (513, 1024, 65), (1, 300, 17), (300, 17, 1), (64, 64, 64),
           (5, 9, 17), (6, 8, 16), (7, 15, 31), (11, 1, 33), (47, 16, 15), (49, 17, 32), (97, 7, 47), (257, 257, 257),
           (64, 12, 20)]

    /// Every combination of transposes: the trainer uses A·B, Aᵀ·B and A·Bᵀ; Aᵀ·Bᵀ must work too.
    static let transposes = [(false, false), (true, false), (false, true), (true, true)]

    /// The epilogue cases of `dense` (bias, ReLU) and of the gradient ops (bias or mask on). Under oclgrind
    /// only those that read memory differently (a bias; none, with a null aux): without an epilogue they are
    /// the plain products the matmul test already runs there, and the simulator's minutes go to each launch.
    static let denseEpilogues = small ? [(true, true), (false, true)] : [(true, true), (true, false), (false, true), (false, false)]
    static let gradientEpilogues = small ? [true] : [true, false]

    static let matrixShapes: [(Int, Int)] = small
        ? [(1, 1), (70, 13), (3, 33)]
        : [(1, 1), (891, 12), (891, 2), (1000, 129), (5000, 3), (1, 300), (300, 1)]

    let cpu = CPUBackend()

    /// Uploads `values` to both backends.
    func both(_ cl: OpenCLBackend, _ rows: Int, _ cols: Int, _ values: [Float]) throws -> (Matrix, Matrix) {
        (try cpu.matrix(rows: rows, cols: cols, values), try cl.matrix(rows: rows, cols: cols, values))
    }

    /// NaN-filled outputs on both backends.
    func poisoned(_ cl: OpenCLBackend, _ rows: Int, _ cols: Int) throws -> (Matrix, Matrix) {
        let nan = [Float](repeating: .nan, count: rows * cols)
        return try both(cl, rows, cols, nan)
    }

    @Test("matmul C = op(A)·op(B) with each GEMM kernel", arguments: OpenCLMatmulKernel.allCases, transposes)
    func matmul(kernel: OpenCLMatmulKernel, transposes: (Bool, Bool)) throws {
        let (transposeA, transposeB) = transposes
        try OpenCLTests.withBackend(matmulKernel: kernel) { cl in
            var rng = TestRNG("matmul\(kernel)\(transposeA)\(transposeB)")
            for (m, k, n) in Self.gemmShapes {
                let (ar, ac) = transposeA ? (k, m) : (m, k)
                let (br, bc) = transposeB ? (n, k) : (k, n)
                let av = rng.floats(ar * ac), bv = rng.floats(br * bc)
                let (a0, a1) = try both(cl, ar, ac, av)
                let (b0, b1) = try both(cl, br, bc, bv)
                let (c0, c1) = try poisoned(cl, m, n)
                try cpu.matmul(a0, b0, into: c0, transposeA: transposeA, transposeB: transposeB)
                try cl.matmul(a1, b1, into: c1, transposeA: transposeA, transposeB: transposeB)
                // The bound's scale: (|A|·|B|)ᵢⱼ, computed by the reference on absolute values.
                let (absA, absB) = (try cpu.matrix(rows: ar, cols: ac, av.map(abs)), try cpu.matrix(rows: br, cols: bc, bv.map(abs)))
                let scale = try cpu.makeMatrix(rows: m, cols: n)
                try cpu.matmul(absA, absB, into: scale, transposeA: transposeA, transposeB: transposeB)
                let s = try cpu.download(scale)
                let expected = try cpu.download(c0), actual = try cl.download(c1)
                let r = worstRatio(actual, expected) { 1e-4 * max(s[$0], 1e-30) }
                let name = "\(kernel) \(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") \(m)×\(k)·\(k)×\(n)"
                print("matmul \(name): worst error \(String(format: "%.3g", r)) of tolerance 1e-4·(|A||B|)")
                #expect(r <= 1, "matmul \(name): error is \(r)× the tolerance (seed \(testSeed))")
            }
        }
    }

    @Test("matmul writes only its rows when the output is a view of a larger matrix", arguments: OpenCLMatmulKernel.allCases)
    func matmulIntoView(kernel: OpenCLMatmulKernel) throws {
        try OpenCLTests.withBackend(matmulKernel: kernel) { cl in
            var rng = TestRNG("view")
            let (a0, a1) = try both(cl, 37, 11, rng.floats(37 * 11))
            let (b0, b1) = try both(cl, 11, 5, rng.floats(55))
            let fill = rng.floats(100 * 5)
            let (c0, c1) = try both(cl, 100, 5, fill)
            // Inputs are views too: rows 3..<40 of a taller A.
            let (t0, t1) = try both(cl, 50, 11, [Float](repeating: 7, count: 3 * 11) + (try cpu.download(a0)) + rng.floats(10 * 11))
            try cpu.matmul(t0.rows(3..<40), b0, into: c0.rows(20..<57))
            try cl.matmul(t1.rows(3..<40), b1, into: c1.rows(20..<57))
            let actual = try cl.download(c1), expected = try cpu.download(c0)
            expectClose(actual, expected, rtol: 1e-5, "\(kernel) matmul into rows 20..<57 of 100")
            #expect(Array(actual[0..<100]) == Array(fill[0..<100]), "rows before the view changed")
            #expect(Array(actual[285...]) == Array(fill[285...]), "rows after the view changed")
            _ = a1
        }
    }

    @Test("matmul reads and writes views at row offsets, every transpose", arguments: OpenCLMatmulKernel.allCases, transposes)
    func matmulViews(kernel: OpenCLMatmulKernel, transposes: (Bool, Bool)) throws {
        let (transposeA, transposeB) = transposes
        try OpenCLTests.withBackend(matmulKernel: kernel) { cl in
            var rng = TestRNG("views\(kernel)\(transposeA)\(transposeB)")
            // N > 16 and M past one 48-row pack group, so Aᵀ goes through the blocked kernel's packing.
            let (m, k, n) = Self.small ? (13, 9, 18) : (53, 29, 35)
            let (ar, ac) = transposeA ? (k, m) : (m, k)
            let (br, bc) = transposeB ? (n, k) : (k, n)
            // Each operand is rows 2..<2+r of a matrix with 5 more rows, whose other rows are huge: a read
            // past the view would show in the result.
            func padded(_ r: Int, _ c: Int, _ v: [Float]) -> [Float] {
                [Float](repeating: 1e30, count: 2 * c) + v + [Float](repeating: -1e30, count: 3 * c)
            }
            let av = rng.floats(ar * ac), bv = rng.floats(br * bc)
            let (a0, a1) = try both(cl, ar, ac, av)
            let (b0, b1) = try both(cl, br, bc, bv)
            let (_, ta) = try both(cl, ar + 5, ac, padded(ar, ac, av))
            let (_, tb) = try both(cl, br + 5, bc, padded(br, bc, bv))
            let fill = [Float](repeating: .nan, count: (m + 7) * n)
            let (c0, c1) = try poisoned(cl, m, n)
            let (_, tc) = try both(cl, m + 7, n, fill)
            try cpu.matmul(a0, b0, into: c0, transposeA: transposeA, transposeB: transposeB)
            try cl.matmul(ta.rows(2..<2 + ar), tb.rows(2..<2 + br), into: tc.rows(4..<4 + m),
                          transposeA: transposeA, transposeB: transposeB)
            let actual = try cl.download(tc), expected = try cpu.download(c0)
            let name = "\(kernel) \(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") views"
            expectClose(Array(actual[(4 * n)..<((4 + m) * n)]), expected, rtol: 1e-4, name)
            let before = actual[0..<(4 * n)].allSatisfy { $0.isNaN }, after = actual[((4 + m) * n)...].allSatisfy { $0.isNaN }
            #expect(before, "\(name): rows before the view changed")
            #expect(after, "\(name): rows after the view changed")
            _ = (a1, b1, c1)
        }
    }

    @Test("dense y = act(x·w + bias), bias and ReLU fused into each GEMM kernel, into a view", arguments: OpenCLMatmulKernel.allCases)
    func dense(kernel: OpenCLMatmulKernel) throws {
        try OpenCLTests.withBackend(matmulKernel: kernel) { cl in
            var rng = TestRNG("dense\(kernel)")
            for (m, k, n) in Self.gemmShapes {
                let xv = rng.floats(m * k), wv = rng.floats(k * n), bv = rng.floats(n)
                let (x0, x1) = try both(cl, m, k, xv)
                let (w0, w1) = try both(cl, k, n, wv)
                // The bias is row 1 of 3 and y rows 2..<2+m of m+3, so offsets are exercised, and nothing
                // outside y may change.
                let (b0, b1) = try both(cl, 3, n, rng.floats(n) + bv + rng.floats(n))
                let scale = try cpu.makeMatrix(rows: m, cols: n)
                try cpu.dense(try cpu.matrix(rows: m, cols: k, xv.map(abs)), try cpu.matrix(rows: k, cols: n, wv.map(abs)),
                              bias: try cpu.matrix(rows: 1, cols: n, bv.map(abs)), relu: false, into: scale)
                let s = try cpu.download(scale)
                for (bias, relu) in Self.denseEpilogues {
                    let (y0, _) = try poisoned(cl, m, n)
                    let (_, y1) = try poisoned(cl, m + 3, n)
                    try cpu.dense(x0, w0, bias: bias ? b0.rows(1..<2) : nil, relu: relu, into: y0)
                    try cl.dense(x1, w1, bias: bias ? b1.rows(1..<2) : nil, relu: relu, into: y1.rows(2..<2 + m))
                    let all = try cl.download(y1), expected = try cpu.download(y0)
                    let actual = Array(all[(2 * n)..<((2 + m) * n)])
                    let r = worstRatio(actual, expected) { 1e-4 * max(s[$0], 1e-30) }
                    let name = "\(kernel) dense \(m)×\(k)·\(k)×\(n) bias \(bias) relu \(relu)"
                    print("\(name): worst error \(String(format: "%.3g", r)) of tolerance 1e-4·(|x||w| + |b|)")
                    #expect(r <= 1, "\(name): error is \(r)× the tolerance (seed \(testSeed))")
                    #expect(!relu || actual.allSatisfy { $0 >= 0 }, "\(name): a negative value after ReLU")
                    let outside = all[..<(2 * n)] + all[((2 + m) * n)...]
                    #expect(outside.allSatisfy { $0.isNaN }, "\(name): wrote outside its rows")
                }
            }
        }
    }

    @Test("weightGradients dw = xᵀ·dy with db = Σ dy, and inputGradient dx = dy·wᵀ masked by a ReLU output, fused in each GEMM kernel",
          arguments: OpenCLMatmulKernel.allCases)
    func layerGradients(kernel: OpenCLMatmulKernel) throws {
        try OpenCLTests.withBackend(matmulKernel: kernel) { cl in
            var rng = TestRNG("gradients\(kernel)")
            // (rows, inputs, outputs): rows is the GEMMs' K for dw and M for dx.
            for (rows, k, n) in Self.gemmShapes {
                let xv = rng.floats(rows * k), dyv = rng.floats(rows * n), wv = rng.floats(k * n)
                // A ReLU output: about half its values 0, so the mask matters.
                let yv = rng.floats(rows * k).map { max($0, 0) }
                let (x0, x1) = try both(cl, rows, k, xv)
                let (dy0, dy1) = try both(cl, rows, n, dyv)
                let (w0, w1) = try both(cl, k, n, wv)
                let (y0, y1) = try both(cl, rows, k, yv)
                // Outputs are views inside NaN-filled matrices: row 1 of 3 for db, rows 1..<1+k for dw.
                for withBias in Self.gradientEpilogues {
                    let (dw0, _) = try poisoned(cl, k, n)
                    let (db0, _) = try poisoned(cl, 1, n)
                    let (_, dwAll) = try poisoned(cl, k + 2, n)
                    let (_, dbAll) = try poisoned(cl, 3, n)
                    try cpu.weightGradients(x0, dy0, weights: dw0, bias: withBias ? db0 : nil)
                    try cl.weightGradients(x1, dy1, weights: dwAll.rows(1..<1 + k), bias: withBias ? dbAll.rows(1..<2) : nil)
                    let dw = try cl.download(dwAll), db = try cl.download(dbAll)
                    let name = "\(kernel) weightGradients \(rows) rows, \(k)→\(n), bias \(withBias)"
                    // Scales: (|x|ᵀ·|dy|) for dw, Σ|dy| for db.
                    let sw = try cpu.makeMatrix(rows: k, cols: n), sb = try cpu.makeMatrix(rows: 1, cols: n)
                    try cpu.weightGradients(try cpu.matrix(rows: rows, cols: k, xv.map(abs)), try cpu.matrix(rows: rows, cols: n, dyv.map(abs)),
                                            weights: sw, bias: sb)
                    let (swv, sbv) = (try cpu.download(sw), try cpu.download(sb))
                    let (dwExpected, dbExpected) = (try cpu.download(dw0), try cpu.download(db0))
                    let rw = worstRatio(Array(dw[n..<((1 + k) * n)]), dwExpected) { 1e-4 * max(swv[$0], 1e-30) }
                    #expect(rw <= 1, "\(name): dw error is \(rw)× the tolerance 1e-4·(|x|ᵀ|dy|) (seed \(testSeed))")
                    if withBias {
                        let rb = worstRatio(Array(db[n..<(2 * n)]), dbExpected) { 1e-4 * max(sbv[$0], 1e-30) }
                        #expect(rb <= 1, "\(name): db error is \(rb)× the tolerance 1e-4·Σ|dy| (seed \(testSeed))")
                    }
                    print("\(name): worst error \(String(format: "%.3g", rw)) of tolerance")
                    let untouched = dw.prefix(n) + dw.suffix(n) + (withBias ? db.prefix(n) + db.suffix(n) : db[...])
                    let clean = untouched.allSatisfy { $0.isNaN }
                    #expect(clean, "\(name): wrote outside dw's or db's view")
                }
                for masked in Self.gradientEpilogues {
                    let (dx0, _) = try poisoned(cl, rows, k)
                    let (_, dxAll) = try poisoned(cl, rows + 2, k)
                    try cpu.inputGradient(dy0, w0, reluOutput: masked ? y0 : nil, into: dx0)
                    try cl.inputGradient(dy1, w1, reluOutput: masked ? y1 : nil, into: dxAll.rows(1..<1 + rows))
                    let all = try cl.download(dxAll), actual = Array(all[k..<((1 + rows) * k)])
                    let name = "\(kernel) inputGradient \(rows) rows, \(n)→\(k), mask \(masked)"
                    let sx = try cpu.makeMatrix(rows: rows, cols: k)
                    try cpu.matmul(try cpu.matrix(rows: rows, cols: n, dyv.map(abs)), try cpu.matrix(rows: k, cols: n, wv.map(abs)),
                                   into: sx, transposeA: false, transposeB: true)
                    let sxv = try cpu.download(sx)
                    let expected = try cpu.download(dx0)
                    let r = worstRatio(actual, expected) { 1e-4 * max(sxv[$0], 1e-30) }
                    print("\(name): worst error \(String(format: "%.3g", r)) of tolerance")
                    #expect(r <= 1, "\(name): error is \(r)× the tolerance 1e-4·(|dy||w|ᵀ) (seed \(testSeed))")
                    let blocked = zip(actual, yv).allSatisfy { $1 > 0 || $0 == 0 }
                    let clean = (all.prefix(k) + all.suffix(k)).allSatisfy { $0.isNaN }
                    #expect(!masked || blocked, "\(name): a gradient got through a zero ReLU output")
                    #expect(clean, "\(name): wrote outside dx's view")
                }
            }
        }
    }

    @Test("dense rejects a bias of the wrong width before writing anything")
    func denseBadBias() throws {
        try OpenCLTests.withBackend { cl in
            for backend in [cl as any Backend, cpu] {
                let x = try backend.matrix(rows: 4, cols: 3, [Float](repeating: 1, count: 12))
                let w = try backend.matrix(rows: 3, cols: 2, [Float](repeating: 1, count: 6))
                let bias = try backend.matrix(rows: 1, cols: 3, [1, 2, 3])
                let y = try backend.matrix(rows: 4, cols: 2, [Float](repeating: .nan, count: 8))
                #expect(throws: DeviceError.self) { try backend.dense(x, w, bias: bias, relu: true, into: y) }
                #expect(try backend.download(y).allSatisfy { $0.isNaN }, "\(backend.kind): y was written")
            }
        }
    }

    @Test("bias + ReLU, ReLU and its backward")
    func elementwise() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("elementwise")
            for (r, c) in Self.matrixShapes {
                let n = r * c
                let (x0, x1) = try both(cl, r, c, rng.floats(n))
                let (b0, b1) = try both(cl, 1, c, rng.floats(c))
                for relu in [false, true] {
                    let xv = rng.floats(n)
                    try cpu.upload(xv, to: x0)
                    try cl.upload(xv, to: x1)
                    try cpu.addBias(b0, to: x0, relu: relu)
                    try cl.addBias(b1, to: x1, relu: relu)
                    expectClose(try cl.download(x1), try cpu.download(x0), rtol: 1e-5, "addBias(relu: \(relu)) \(r)×\(c)")
                }
                let (y0, y1) = try poisoned(cl, r, c)
                try cpu.relu(x0, into: y0)
                try cl.relu(x1, into: y1)
                expectClose(try cl.download(y1), try cpu.download(y0), rtol: 1e-5, "relu \(r)×\(c)")
                let (dy0, dy1) = try both(cl, r, c, rng.floats(n))
                let (dx0, dx1) = try poisoned(cl, r, c)
                try cpu.reluBackward(dy0, output: y0, into: dx0)
                try cl.reluBackward(dy1, output: y1, into: dx1)
                expectClose(try cl.download(dx1), try cpu.download(dx0), rtol: 1e-5, "reluBackward \(r)×\(c)")
            }
        }
    }

    @Test("column sum, row sum and the row sum's backward")
    func sums() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("sums")
            for (r, c) in Self.matrixShapes {
                let xv = rng.floats(r * c)
                let (x0, x1) = try both(cl, r, c, xv)
                let (s0, s1) = try poisoned(cl, 1, c)
                try cpu.columnSum(x0, into: s0)
                try cl.columnSum(x1, into: s1)
                // Summation order differs: bound 1e-4 · Σ_r |x[r, c]|.
                var absSum = [Float](repeating: 0, count: c)
                for i in 0..<r * c { absSum[i % c] += abs(xv[i]) }
                let ratio = worstRatio(try cl.download(s1), try cpu.download(s0)) { 1e-4 * max(absSum[$0], 1e-30) }
                print("columnSum \(r)×\(c): worst error \(String(format: "%.3g", ratio)) of tolerance 1e-4·Σ|x|")
                #expect(ratio <= 1, "columnSum \(r)×\(c): error \(ratio)× tolerance (seed \(testSeed))")

                let (o0, o1) = try poisoned(cl, r, 1)
                try cpu.rowSum(x0, into: o0)
                try cl.rowSum(x1, into: o1)
                expectClose(try cl.download(o1), try cpu.download(o0), rtol: 1e-5, "rowSum \(r)×\(c)")

                let (dx0, dx1) = try poisoned(cl, r, c)
                try cpu.rowSumBackward(o0, into: dx0)
                try cl.rowSumBackward(o1, into: dx1)
                expectClose(try cl.download(dx1), try cpu.download(dx0), rtol: 1e-5, "rowSumBackward \(r)×\(c)")
            }
        }
    }

    @Test("SGD step, with and without momentum and weight decay")
    func sgd() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("sgd")
            for (r, c) in Self.matrixShapes {
                let n = r * c
                let (w0, w1) = try both(cl, r, c, rng.floats(n))
                let (g0, g1) = try both(cl, r, c, rng.floats(n))
                let (v0, v1) = try both(cl, r, c, rng.floats(n))
                for (momentum, decay) in [(Float(0), Float(0)), (0.9, 0.01)] {
                    for step in 0..<3 {
                        let v = momentum == 0 ? (nil, nil) : (v0, v1)
                        try cpu.sgdStep(weights: w0, gradient: g0, velocity: v.0, learningRate: 0.1, momentum: momentum, weightDecay: decay)
                        try cl.sgdStep(weights: w1, gradient: g1, velocity: v.1, learningRate: 0.1, momentum: momentum, weightDecay: decay)
                        expectClose(try cl.download(w1), try cpu.download(w0), rtol: 1e-5,
                                    "sgd \(r)×\(c) momentum \(momentum) wd \(decay) step \(step)")
                    }
                }
                expectClose(try cl.download(v1), try cpu.download(v0), rtol: 1e-5, "sgd velocity \(r)×\(c)")
            }
        }
    }

    /// The adamw kernel against the CPU backend over several steps with a changing learning rate, at ragged
    /// parameter counts (8 per work-item: 1, 7, 8, 9, 8k+3) and on 2-D matrices. Weights, moments and gradient
    /// are each a view one row into a matrix whose first and last rows are NaN canaries, so a ragged last
    /// work-item that writes past its view shows up; the moments start random (v ≥ 0), so a kernel that
    /// ignores them fails. Tolerance rtol 1e-5 of max(|x|, 1) on w, m and v, as the other elementwise ops:
    /// OpenCL's sqrt and divide may be 3 and 2.5 ulp off and the compiler may fuse multiply-adds.
    @Test("AdamW step over several steps: weights and both moments, views at ragged sizes")
    func adam() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("adam")
            let vectors = Self.small ? [1, 7, 9, 19] : [1, 7, 8, 9, 17, 1003]
            let shapes = vectors.map { ($0, 1) } + Self.matrixShapes.filter { $0.1 > 1 }
            let settings: [(beta1: Double, beta2: Double, epsilon: Float, weightDecay: Float)] =
                [(0.9, 0.999, 1e-8, 0.01), (0.8, 0.99, 1e-6, 0)]
            for (r, c) in shapes {
                let n = r * c
                // (CPU matrix, OpenCL view, the whole OpenCL matrix with its canary rows)
                func operand(_ values: [Float]) throws -> (Matrix, Matrix, Matrix) {
                    let nan = [Float](repeating: .nan, count: c)
                    let whole = try cl.matrix(rows: r + 2, cols: c, nan + values + nan)
                    return (try cpu.matrix(rows: r, cols: c, values), whole.rows(1..<1 + r), whole)
                }
                for (si, s) in settings.enumerated() {
                    let w = try operand(rng.floats(n)), m = try operand(rng.floats(n, in: -0.1...0.1))
                    let v = try operand(rng.floats(n, in: 0...0.01))
                    for step in 1...4 {
                        // Gradients of mixed scales, some exactly 0, as a network's are.
                        let gv = rng.floats(n).map { x in abs(x) < 0.1 ? 0 : x * x * x * (abs(x) > 0.9 ? 50 : 1) }
                        let g = try operand(gv)
                        let lr = 0.01 * Float(step)   // a schedule: each step its own rate
                        for (cpuOrCL, b) in [(true, cpu as any Backend), (false, cl as any Backend)] {
                            let pick = { (x: (Matrix, Matrix, Matrix)) in cpuOrCL ? x.0 : x.1 }
                            try b.adamStep(weights: pick(w), gradient: pick(g), firstMoment: pick(m), secondMoment: pick(v),
                                           learningRate: lr, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon,
                                           weightDecay: s.weightDecay, step: step)
                        }
                        for (x, what) in [(w, "w"), (m, "m"), (v, "v"), (g, "gradient")] {
                            let all = try cl.download(x.2)
                            let name = "adam \(r)×\(c) settings \(si) step \(step) \(what)"
                            #expect(all.prefix(c).allSatisfy(\.isNaN) && all.suffix(c).allSatisfy(\.isNaN),
                                    "\(name): wrote outside its view")
                            expectClose(Array(all[c..<(c + n)]), try cpu.download(x.0), rtol: 1e-5, name)
                        }
                    }
                }
            }
        }
    }

    /// Predictions (`rows × k`, in ±6) and targets for `kind`: class indices, 0/1 labels, or values in [0, 1].
    static func lossInputs(_ kind: LossKind, rows: Int, k: Int, _ rng: inout TestRNG) -> (z: [Float], y: [Float]) {
        let z = rng.floats(rows * k, in: -6...6)
        let y: [Float] = (0..<rows).map { _ in
            kind == .softmaxCrossEntropy ? Float(Int.random(in: 0..<k, using: &rng))
                : kind == .binaryCrossEntropy ? Float(Int.random(in: 0...1, using: &rng))
                : Float.random(in: 0...1, using: &rng)
        }
        return (z, y)
    }

    @Test("losses and their gradients", arguments: LossKind.allCases)
    func losses(kind: LossKind) throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("loss\(kind)")
            let rowsList = Self.small ? [1, 33] : [1, 891, 1000, 4097]
            for rows in rowsList {
                for k in kind == .softmaxCrossEntropy ? [2, 10] : [1] {
                    let (z, y) = Self.lossInputs(kind, rows: rows, k: k, &rng)
                    let (p0, p1) = try both(cl, rows, k, z)
                    let (y0, y1) = try both(cl, rows, 1, y)
                    let (g0, g1) = try poisoned(cl, rows, k)
                    let (s0, s1) = try poisoned(cl, rows, 2)
                    try cpu.loss(kind, predictions: p0, targets: y0, gradient: g0, gradientScale: 1 / Float(rows), stats: s0)
                    try cl.loss(kind, predictions: p1, targets: y1, gradient: g1, gradientScale: 1 / Float(rows), stats: s1)
                    expectClose(try cl.download(s1), try cpu.download(s0), rtol: 1e-5, "\(kind) stats \(rows)×\(k)")
                    expectClose(try cl.download(g1), try cpu.download(g0), rtol: 1e-5, "\(kind) gradient \(rows)×\(k)")
                    // Without a gradient the kernel must still write the stats (and touch nothing else).
                    try poison(s1, on: cl)
                    try cl.loss(kind, predictions: p1, targets: y1, gradient: nil, gradientScale: 0, stats: s1)
                    expectClose(try cl.download(s1), try cpu.download(s0), rtol: 1e-5, "\(kind) stats without gradient \(rows)×\(k)")
                }
            }
        }
    }

    /// loss_totals is one work-group looping over the rows (8 at a time for bce and mse) and reducing through
    /// local memory: row counts below, at and past one pass of the group, ragged ends, inputs and outputs
    /// at row offsets, overwriting and accumulating.
    @Test("loss totals: the rows' summed loss and correct count (a regression's Σ|p − y|), with the gradient, overwritten or accumulated",
          arguments: LossKind.allCases)
    func lossTotals(kind: LossKind) throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("loss-totals\(kind)")
            let rowsList = Self.small ? [1, 9, 300, 2100] : [1, 7, 9, 178, 713, 1000, 4097]
            for rows in rowsList {
                for k in kind == .softmaxCrossEntropy ? [3, 10] : [1] {
                    let (z, y) = Self.lossInputs(kind, rows: rows, k: k, &rng)
                    // The reference: the CPU backend's per-row stats and gradient.
                    let (p0, _) = try both(cl, rows, k, z)
                    let (y0, _) = try both(cl, rows, 1, y)
                    let (g0, _) = try poisoned(cl, rows, k)
                    let s0 = try cpu.makeMatrix(rows: rows, cols: 2)
                    try cpu.loss(kind, predictions: p0, targets: y0, gradient: g0, gradientScale: 0.25, stats: s0)
                    let stats = try cpu.download(s0)
                    let losses = stride(from: 0, to: 2 * rows, by: 2).map { Double(stats[$0]) }
                    let right = stride(from: 1, to: 2 * rows, by: 2).reduce(0) { $0 + Double(stats[$1]) }
                    let lossSum = losses.reduce(0, +), absSum = losses.reduce(0) { $0 + abs($1) }
                    // Every operand is a view one row in, inside NaN-filled matrices.
                    let pAll = try cl.matrix(rows: rows + 2, cols: k, [Float](repeating: .nan, count: k) + z + [Float](repeating: .nan, count: k))
                    let yAll = try cl.matrix(rows: rows + 2, cols: 1, [.nan] + y + [.nan])
                    let (_, gAll) = try poisoned(cl, rows + 2, k)
                    let (_, tAll) = try poisoned(cl, 3, 2)
                    let (p1, y1, g1, t1) = (pAll.rows(1..<1 + rows), yAll.rows(1..<1 + rows), gAll.rows(1..<1 + rows), tAll.rows(1..<2))
                    let name = "\(kind) totals \(rows)×\(k)"
                    func check(_ expectedLoss: Double, _ expectedRight: Double, _ what: String) throws {
                        let t = try cl.download(tAll)
                        #expect(t[0].isNaN && t[1].isNaN && t[4].isNaN && t[5].isNaN, "\(name) \(what): wrote outside its row")
                        // Float sums in another order: 1e-5·Σ|loss| (+1e-6); a count below 2²⁴ is exact.
                        let tolerance = 1e-5 * (absSum + abs(expectedLoss - lossSum)) + 1e-6
                        #expect(abs(Double(t[2]) - expectedLoss) <= tolerance,
                                "\(name) \(what): loss sum \(t[2]), expected \(expectedLoss) ± \(tolerance) (seed \(testSeed))")
                        // A regression's second total is Σ|p − y|, a float sum like the loss's; a count is exact.
                        let rightTolerance = kind == .regression ? 1e-5 * (right + abs(expectedRight - right)) + 1e-6 : 0
                        #expect(abs(Double(t[3]) - expectedRight) <= rightTolerance,
                                "\(name) \(what): \(t[3]) right, expected \(expectedRight) ± \(rightTolerance)")
                    }
                    try cl.lossTotals(kind, predictions: p1, targets: y1, gradient: g1, gradientScale: 0.25, totals: t1, accumulate: false)
                    try check(lossSum, right, "overwritten")
                    let g = try cl.download(gAll)
                    #expect(g.prefix(k).allSatisfy { $0.isNaN } && g.suffix(k).allSatisfy { $0.isNaN }, "\(name): gradient written outside its view")
                    expectClose(Array(g[k..<(k + rows * k)]), try cpu.download(g0), rtol: 1e-5, "\(name) gradient")
                    // Accumulating onto earlier totals, without a gradient (which is then left alone).
                    try cl.upload([.nan, .nan, 2.5, 7, .nan, .nan], to: tAll)
                    try poison(gAll, on: cl)
                    try cl.lossTotals(kind, predictions: p1, targets: y1, gradient: nil, gradientScale: 0, totals: t1, accumulate: true)
                    try check(2.5 + lossSum, 7 + right, "accumulated")
                    #expect(try cl.download(gAll).allSatisfy { $0.isNaN }, "\(name): wrote a gradient it was not given")
                }
            }
        }
    }

    /// relu, reluBackward, sgdStep and the bce and mse losses take 8 values per work-item with unaligned
    /// vector loads and stores; a ragged last work-item must neither read nor write past its matrix.
    @Test("the 8-values-per-work-item kernels on views at odd offsets: right values, nothing outside touched")
    func eightsOnViews() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("eights")
            for rows in [1, 7, 8, 9, 17, 891] {
                // Every operand is rows 1..<1+rows of a (rows+2)×1 matrix whose first and last rows are canaries.
                func view(_ values: [Float]) throws -> (Matrix, Matrix, Matrix) {
                    let whole = try cl.matrix(rows: rows + 2, cols: 1, [-7] + values + [-9])
                    return (try cpu.matrix(rows: rows, cols: 1, values), whole.rows(1..<1 + rows), whole)
                }
                func check(_ whole: Matrix, _ expected: Matrix, _ what: String) throws {
                    let all = try cl.download(whole)
                    #expect(all.first == -7 && all.last == -9, "\(what) \(rows) rows: wrote outside its view")
                    expectClose(Array(all[1...rows]), try cpu.download(expected), rtol: 1e-5, "\(what) \(rows) rows")
                }
                let (x0, x1, _) = try view(rng.floats(rows))
                let (y0, y1, yAll) = try view([Float](repeating: .nan, count: rows))
                try cpu.relu(x0, into: y0)
                try cl.relu(x1, into: y1)
                try check(yAll, y0, "relu")
                let (g0, g1, gAll) = try view(rng.floats(rows))
                try cpu.reluBackward(g0, output: y0, into: g0)   // in place, as the trainer runs it
                try cl.reluBackward(g1, output: y1, into: g1)
                try check(gAll, g0, "reluBackward")
                let (w0, w1, wAll) = try view(rng.floats(rows))
                let (v0, v1, vAll) = try view(rng.floats(rows))
                try cpu.sgdStep(weights: w0, gradient: g0, velocity: v0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
                try cl.sgdStep(weights: w1, gradient: g1, velocity: v1, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
                try check(wAll, w0, "sgd weights")
                try check(vAll, v0, "sgd velocity")
                for kind in [LossKind.binaryCrossEntropy, .meanSquaredError] {
                    let (t0, t1, _) = try view((0..<rows).map { _ in Float(Int.random(in: 0...1, using: &rng)) })
                    let (d0, d1, dAll) = try view([Float](repeating: .nan, count: rows))
                    let statsAll = try cl.matrix(rows: rows + 2, cols: 2, [Float](repeating: .nan, count: 2 * rows + 4))
                    let s0 = try cpu.makeMatrix(rows: rows, cols: 2)
                    try cpu.loss(kind, predictions: x0, targets: t0, gradient: d0, gradientScale: 0.5, stats: s0)
                    try cl.loss(kind, predictions: x1, targets: t1, gradient: d1, gradientScale: 0.5, stats: statsAll.rows(1..<1 + rows))
                    try check(dAll, d0, "\(kind) gradient")
                    let stats = try cl.download(statsAll)
                    let clean = stats.prefix(2).allSatisfy { $0.isNaN } && stats.suffix(2).allSatisfy { $0.isNaN }
                    #expect(clean, "\(kind) stats \(rows) rows: wrote outside its view")
                    expectClose(Array(stats[2..<(2 + 2 * rows)]), try cpu.download(s0), rtol: 1e-5, "\(kind) stats \(rows) rows")
                }
            }
        }
    }

    @Test("gathering rows by a permutation")
    func gather() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("gather")
            for (r, c) in Self.matrixShapes {
                let (x0, x1) = try both(cl, r, c, rng.floats(r * c))
                let perm = (0..<Int32(r)).shuffled(using: &rng)
                let (i0, i1) = (try cpu.makeIndices(count: r), try cl.makeIndices(count: r))
                try cpu.upload(perm, to: i0)
                try cl.upload(perm, to: i1)
                let (d0, d1) = try poisoned(cl, r, c)
                try cpu.gatherRows(x0, indices: i0, into: d0)
                try cl.gatherRows(x1, indices: i1, into: d1)
                let actual = try cl.download(d1)
                #expect(actual == (try cpu.download(d0)), "gatherRows \(r)×\(c) (seed \(testSeed))")
            }
        }
    }

    @Test("download and finish wait for queued work, whether it ends within the host's polling or after it")
    func waiting() throws {
        try OpenCLTests.withBackend(matmulKernel: .direct) { cl in
            var rng = TestRNG("waiting")
            // A chain of products, each reading the last: long enough on any device to outlast the 200 µs the
            // host polls before blocking (about 2 ms on PoCL), then a short one.
            let n = Self.small ? 24 : 160
            let a = try cl.matrix(rows: n, cols: n, rng.floats(n * n, in: -0.1...0.1))
            let x0 = rng.floats(n * n)
            var reference = try cpu.matrix(rows: n, cols: n, x0)
            let aCPU = try cpu.matrix(rows: n, cols: n, try cl.download(a))
            let steps = Self.small ? 2 : 12
            for _ in 0..<steps {
                let yCPU = try cpu.makeMatrix(rows: n, cols: n)
                try cpu.matmul(aCPU, reference, into: yCPU)
                reference = yCPU
            }
            let want = try cpu.download(reference)
            // Queued back to back between two buffers written from the host first (oclgrind would take a new
            // buffer at a released one's address for uninitialised), and read at once: the device is still
            // busy when the host starts waiting.
            let nan = [Float](repeating: .nan, count: n * n)
            let buffers = [try cl.matrix(rows: n, cols: n, x0), try cl.matrix(rows: n, cols: n, nan)]
            for s in 0..<steps { try cl.matmul(a, buffers[s % 2], into: buffers[(s + 1) % 2]) }
            let x = buffers[steps % 2]
            // A row view, so the read starts at an offset.
            let got = try cl.download(x.rows(3..<n))
            let worst = zip(got, want.dropFirst(3 * n)).map { abs($0 - $1) / max(abs($1), 1e-3) }.max() ?? .nan
            #expect(worst <= 1e-3, "chained products: worst relative error \(worst) (seed \(testSeed))")
            // finish() returns only once a queued op has run: the values are there without another wait.
            let z = try cl.matrix(rows: n, cols: n, nan)
            try cl.relu(x, into: z)
            try cl.finish()
            let xs = try cl.download(x)
            #expect(try cl.download(z) == xs.map { max($0, 0) }, "relu after finish (seed \(testSeed))")
            let short = try cl.matrix(rows: 1, cols: 3, [-1, 2, -3])
            try cl.relu(short, into: short)
            #expect(try cl.download(short) == [0, 2, 0])
        }
    }
}
