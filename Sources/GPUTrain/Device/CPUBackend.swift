import CGemm
import Dispatch
import Foundation

/// Host memory for a ``CPUBackend`` matrix.
final class CPUStorage {
    let pointer: UnsafeMutablePointer<Float>
    init(count: Int) { pointer = .allocate(capacity: count) }
    deinit { pointer.deallocate() }
}

final class CPUIndexStorage {
    let pointer: UnsafeMutablePointer<Int32>
    init(count: Int) { pointer = .allocate(capacity: count) }
    deinit { pointer.deallocate() }
}

/// The ops on the host's cores: the readable reference the OpenCL kernels are tested against, and the backend
/// used when there is no OpenCL device.
///
/// All ops but matmul are plain Swift. Matmul is a packed, cache-blocked SGEMM in C (module CGemm, with an
/// AVX2+FMA micro-kernel where the CPU has one), because plain Swift for baseline x86-64 cannot reach a useful
/// fraction of the machine; the plain Swift loops it replaced stay as `referenceMatmul`
/// and the SGEMM is tested against them and against naive Double products.
///
/// Each op splits its rows into one block per core (`DispatchQueue.concurrentPerform`) once the work is
/// large enough to pay for the threads; inner loops run over contiguous memory so the compiler vectorises them.
/// Ops run synchronously, so ``finish()`` has nothing to wait for.
public final class CPUBackend: Backend {
    /// Always ``BackendKind/cpu``.
    public let kind = BackendKind.cpu
    /// Threads used for large ops.
    public let threads: Int

    /// A backend on this process's cores.
    /// - Parameter threads: worker threads for large ops; defaults to the active processor count.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.threads = max(1, threads)
    }

    public var name: String { "CPU (Swift, \(threads) thread\(threads == 1 ? "" : "s"))" }

    /// Times each op on the host's clock while set, naming it after the kernel that does its work on OpenCL.
    public var launchRecorder: LaunchRecorder?

    // MARK: Memory

    public func makeMatrix(rows: Int, cols: Int) throws -> Matrix {
        try Check.shape(rows: rows, cols: cols)
        return Matrix(rows: rows, cols: cols, storage: CPUStorage(count: rows * cols), owner: self)
    }

    public func makeIndices(count: Int) throws -> IndexBuffer {
        try Check.shape(rows: count, cols: 1)
        return IndexBuffer(count: count, storage: CPUIndexStorage(count: count), owner: self)
    }

    public func upload(_ values: [Float], to matrix: Matrix) throws {
        try Check.owned(by: self, "upload", matrix)
        try Check.upload(values.count, into: matrix)
        // In parallel: a large upload into fresh memory is mostly the kernel faulting its pages in, which the
        // cores can share (a 1M-row data set's 80 MB took 0.06 s on one core of the project's machine).
        let destination = ptr(matrix)
        values.withUnsafeBufferPointer { source in
            parallelRows(values.count, work: 1) { range in
                (destination + range.lowerBound).update(from: source.baseAddress! + range.lowerBound, count: range.count)
            }
        }
    }

    public func upload(_ values: [Int32], to indices: IndexBuffer) throws {
        try Check.upload(values, into: indices, owner: self)
        let p = (indices.storage as! CPUIndexStorage).pointer
        values.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: values.count) }
    }

    public func download(_ matrix: Matrix) throws -> [Float] {
        try Check.owned(by: self, "download", matrix)
        return Array(UnsafeBufferPointer(start: ptr(matrix), count: matrix.count))
    }

    public func finish() throws {}

    // MARK: Ops

    public func matmul(_ a: Matrix, _ b: Matrix, into c: Matrix, transposeA: Bool, transposeB: Bool) throws {
        let start = startOp()
        try matmul(a, b, into: c, transposeA: transposeA, transposeB: transposeB, path: .packed)
        endOp(start, "matmul", LaunchRecorder.gemmShape(a, b, c, transposeA, transposeB),
              flops: 2 * Double(c.rows) * Double(c.cols) * Double(transposeA ? a.rows : a.cols))
    }

    /// The implementations behind ``matmul(_:_:into:transposeA:transposeB:)``, which always uses ``packed``;
    /// tests run each one.
    ///
    /// There is deliberately no switch to the reference loops for small products: that would make a row's
    /// result depend on how many rows are multiplied with it (the two round differently), so predicting in
    /// batches of another size would change the outputs. The packed path sums each element in an order fixed by
    /// K alone, and is no slower even on tiny products (64×12·12×20: about 2.5 µs against 7 µs for the loops;
    /// 4×4·4×4: 0.7 µs against 0.6 µs).
    enum MatmulPath {
        /// The packed, cache-blocked SGEMM in C (module CGemm) with the fastest micro-kernel this CPU has.
        case packed
        /// The same SGEMM with its portable micro-kernel, as used on CPUs without AVX2+FMA.
        case packedGeneric
        /// The plain Swift loops of ``referenceMatmul(_:_:_:m:n:k:transposeA:transposeB:)``.
        case reference
    }

    /// Multiply-adds per thread worth waking another thread for (~20–40 µs of work for the packed kernel on
    /// one Zen 3 core, against a few µs to wake a thread).
    static let packedMatmulWorkPerThread = 1 << 20

    func matmul(_ a: Matrix, _ b: Matrix, into c: Matrix, transposeA: Bool, transposeB: Bool, path: MatmulPath) throws {
        try Check.owned(by: self, "matmul", a, b, c)
        let (m, n, k) = try Check.matmul(a, b, c, transposeA, transposeB)
        let pa = ptr(a), pb = ptr(b), pc = ptr(c)
        switch path {
        case .packed:
            packedMatmul(pa, pb, pc, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, kernel: CGEMM_KERNEL_BEST)
        case .packedGeneric:
            packedMatmul(pa, pb, pc, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, kernel: CGEMM_KERNEL_GENERIC)
        case .reference:
            referenceMatmul(pa, pb, pc, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        }
    }

    /// C = op(A)·op(B) by the packed SGEMM, with C split into one block of rows (or of columns, when C is
    /// wider than tall) per thread. Each block is an independent single-threaded `cgemm_sgemm` on views of
    /// A, B and C; each element's summation order depends on K alone, so the result does not depend on the split.
    private func packedMatmul(_ pa: UnsafeMutablePointer<Float>, _ pb: UnsafeMutablePointer<Float>,
                              _ pc: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
                              transposeA: Bool, transposeB: Bool, kernel: cgemm_kernel) {
        // Leading dimensions: A is stored m×k (or k×m), B k×n (or n×k), C m×n.
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let splitRows = m >= n
        // Blocks are whole micro-tiles (6 rows or 16 columns) so that only the last one has a ragged edge.
        let unit = splitRows ? 6 : 16, extent = splitRows ? m : n
        let tiles = (extent + unit - 1) / unit
        let blocks = min(threads, tiles, max(1, m * n * k / Self.packedMatmulWorkPerThread))
        func run(_ block: Int) {
            let lo = min(extent, tiles * block / blocks * unit), hi = min(extent, tiles * (block + 1) / blocks * unit)
            let rc: Int32
            if splitRows {
                // Rows lo..<hi of C need rows lo..<hi of op(A): rows of A, or columns of Aᵀ's storage.
                let a = transposeA ? pa + lo : pa + lo * lda
                rc = cgemm_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, hi - lo, n, k,
                                 a, lda, pb, ldb, pc + lo * n, n, kernel)
            } else {
                // Columns lo..<hi of C need columns lo..<hi of op(B): columns of B, or rows of Bᵀ's storage.
                let b = transposeB ? pb + lo * ldb : pb + lo
                rc = cgemm_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, m, hi - lo, k,
                                 pa, lda, b, ldb, pc + lo, n, kernel)
            }
            precondition(rc == 0, "matmul: out of memory for the packing buffers")
        }
        if blocks == 1 { return run(0) }
        // The blocks write disjoint parts of C and only read A and B, and concurrentPerform returns after all
        // of them: sharing the raw pointers is safe.
        let shared = UncheckedSendable(run)
        DispatchQueue.concurrentPerform(iterations: blocks) { shared.value($0) }
    }

    /// The reference matrix multiply: the textbook loops, written to be obviously right rather than fast, which
    /// the packed SGEMM is tested against (as are the OpenCL kernels, through ``matmul``). Rows of C are split
    /// over threads as in the other ops.
    func referenceMatmul(_ pa: UnsafeMutablePointer<Float>, _ pb: UnsafeMutablePointer<Float>,
                         _ pc: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
                         transposeA: Bool, transposeB: Bool) {
        parallelRows(m, work: n * k) { rows in
            for i in rows {
                let ci = pc + i * n
                if transposeB {
                    // C[i, j] = A[i, :]·B[j, :]: both rows contiguous (A read as Aᵀ when transposeA).
                    for j in 0..<n {
                        let bj = pb + j * k
                        var s: Float = 0
                        if transposeA {
                            for p in 0..<k { s += pa[p * m + i] * bj[p] }
                        } else {
                            let ai = pa + i * k
                            for p in 0..<k { s += ai[p] * bj[p] }
                        }
                        ci[j] = s
                    }
                } else {
                    // C[i, :] = Σ_p A[i, p]·B[p, :]: a row of B scaled and added, contiguous in j.
                    ci.update(repeating: 0, count: n)
                    for p in 0..<k {
                        let aip = transposeA ? pa[p * m + i] : pa[i * k + p]
                        let bp = pb + p * n
                        for j in 0..<n { ci[j] += aip * bp[j] }
                    }
                }
            }
        }
    }

    public func addBias(_ bias: Matrix, to x: Matrix, relu: Bool) throws {
        try Check.owned(by: self, "addBias", bias, x)
        try Check.bias(x, bias)
        let start = startOp()
        defer { endOp(start, "bias_act", x.shape) }
        let px = ptr(x), pb = ptr(bias), n = x.cols
        parallelRows(x.rows, work: n) { rows in
            for r in rows {
                let row = px + r * n
                for c in 0..<n {
                    let v = row[c] + pb[c]
                    row[c] = relu ? max(v, 0) : v
                }
            }
        }
    }

    public func relu(_ x: Matrix, into y: Matrix) throws {
        try Check.owned(by: self, "relu", x, y)
        try Check.same("relu", x, y)
        let start = startOp()
        defer { endOp(start, "relu", x.shape) }
        let px = ptr(x), py = ptr(y)
        parallelElements(x.count) { for i in $0 { py[i] = max(px[i], 0) } }
    }

    public func reluBackward(_ dy: Matrix, output y: Matrix, into dx: Matrix) throws {
        try Check.owned(by: self, "reluBackward", dy, y, dx)
        try Check.same("reluBackward", dy, y, "gradient", "output")
        try Check.same("reluBackward", dy, dx, "gradient", "result")
        let start = startOp()
        defer { endOp(start, "relu_backward", dy.shape) }
        let pdy = ptr(dy), py = ptr(y), pdx = ptr(dx)
        parallelElements(dy.count) { for i in $0 { pdx[i] = py[i] > 0 ? pdy[i] : 0 } }
    }

    public func columnSum(_ x: Matrix, into out: Matrix) throws {
        try Check.columnSum(x, out, owner: self)
        let start = startOp()
        defer { endOp(start, "colsum", x.shape) }
        // Double sums: a trainer totals an epoch's per-row losses (60,000 rows for MNIST) in one call, and a
        // float running sum would drift in the 4th digit.
        let px = ptr(x), n = x.cols
        var sums = [Double](repeating: 0, count: n)
        for r in 0..<x.rows {
            let row = px + r * n
            for c in 0..<n { sums[c] += Double(row[c]) }
        }
        for c in 0..<n { ptr(out)[c] = Float(sums[c]) }
    }

    public func rowSum(_ x: Matrix, into out: Matrix) throws {
        try Check.rowSum(x, out, owner: self)
        let start = startOp()
        defer { endOp(start, "rowsum", x.shape) }
        let px = ptr(x), po = ptr(out), n = x.cols
        parallelRows(x.rows, work: n) { rows in
            for r in rows {
                var s: Float = 0
                for c in 0..<n { s += px[r * n + c] }
                po[r] = s
            }
        }
    }

    public func rowSumBackward(_ dy: Matrix, into dx: Matrix) throws {
        try Check.rowSumBackward(dy, dx, owner: self)
        let start = startOp()
        defer { endOp(start, "rowsum_backward", dx.shape) }
        let pdy = ptr(dy), pdx = ptr(dx), n = dx.cols
        parallelRows(dx.rows, work: n) { rows in
            for r in rows { (pdx + r * n).update(repeating: pdy[r], count: n) }
        }
    }

    public func sgdStep(weights w: Matrix, gradient g: Matrix, velocity v: Matrix?,
                        learningRate: Float, momentum: Float, weightDecay: Float) throws {
        try Check.sgd(w, g, v, owner: self)
        let start = startOp()
        defer { endOp(start, "sgd", w.shape) }
        let pw = ptr(w), pg = ptr(g), pv = v.map(ptr)
        parallelElements(w.count) { range in
            // Eight at a time by hand: the compiler cannot vectorise stores through pointers that might overlap.
            // The same operations in the same order as the scalar tail, so every element gets the same bits.
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let weights = Self.load8(pw, i)
                var step = Self.load8(pg, i) + weightDecay * weights
                if let pv {
                    step = momentum * Self.load8(pv, i) + step
                    Self.store8(step, pv, i)
                }
                Self.store8(weights - learningRate * step, pw, i)
                i += 8
            }
            for i in i ..< range.upperBound {
                var step = pg[i] + weightDecay * pw[i]
                if let pv {
                    step = momentum * pv[i] + step
                    pv[i] = step
                }
                pw[i] -= learningRate * step
            }
        }
    }

    public func adamStep(weights w: Matrix, gradient g: Matrix, firstMoment m: Matrix, secondMoment v: Matrix,
                         learningRate: Float, beta1: Double, beta2: Double, epsilon: Float, weightDecay: Float,
                         step: Int) throws {
        try Check.adam(w, g, m, v, step: step, owner: self)
        let start = startOp()
        defer { endOp(start, "adamw", w.shape) }
        let f = AdamFactors(learningRate: learningRate, beta1: beta1, beta2: beta2, weightDecay: weightDecay, step: step)
        let pw = ptr(w), pg = ptr(g), pm = ptr(m), pv = ptr(v)
        parallelElements(w.count) { range in
            // Eight at a time, as in sgdStep; the same operations as the scalar tail (square roots and divisions
            // are correctly rounded in both), so the same bits.
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let gi = Self.load8(pg, i)
                let mi = f.beta1 * Self.load8(pm, i) + f.oneMinusBeta1 * gi
                let vi = f.beta2 * Self.load8(pv, i) + f.oneMinusBeta2 * gi * gi
                Self.store8(mi, pm, i)
                Self.store8(vi, pv, i)
                Self.store8(f.decay * Self.load8(pw, i) - f.stepSize * mi / (vi.squareRoot() / f.bc2Sqrt + epsilon), pw, i)
                i += 8
            }
            for i in i ..< range.upperBound {
                let gi = pg[i]
                let mi = f.beta1 * pm[i] + f.oneMinusBeta1 * gi
                let vi = f.beta2 * pv[i] + f.oneMinusBeta2 * gi * gi
                pm[i] = mi
                pv[i] = vi
                // As torch: the decayed weight, minus lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
                pw[i] = f.decay * pw[i] - f.stepSize * mi / (vi.squareRoot() / f.bc2Sqrt + epsilon)
            }
        }
    }

    public func loss(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
                     gradient: Matrix?, gradientScale: Float, stats: Matrix) throws {
        try Check.owned(by: self, "\(kind)", p, y, gradient, stats)
        try Check.loss(kind, p, y, gradient, stats)
        let start = startOp()
        defer { endOp(start, LaunchRecorder.lossKernel(kind), p.shape) }
        let pp = ptr(p), py = ptr(y), ps = ptr(stats), pg = gradient.map(ptr), k = p.cols
        parallelRows(p.rows, work: 8 * k) { rows in
            for r in rows {
                let (loss, right) = Self.rowLoss(kind, pp + r * k, py[r], k, pg.map { $0 + r * k }, gradientScale)
                ps[2 * r] = loss
                ps[2 * r + 1] = right
            }
        }
    }

    public func lossTotals(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
                           gradient: Matrix?, gradientScale: Float, totals: Matrix, accumulate: Bool) throws {
        try Check.owned(by: self, "\(kind)", p, y, gradient, totals)
        try Check.lossTotals(kind, p, y, gradient, totals)
        let start = startOp()
        defer { endOp(start, "loss_totals", p.shape) }
        let pp = ptr(p), py = ptr(y), pt = ptr(totals), pg = gradient.map(ptr), k = p.cols
        // One pass in row order, summed in Double: a loss is O(rows·k), next to the GEMMs' O(rows·k·inputs).
        var lossSum = accumulate ? Double(pt[0]) : 0, rightSum = accumulate ? Double(pt[1]) : 0
        for r in 0..<p.rows {
            let (loss, right) = Self.rowLoss(kind, pp + r * k, py[r], k, pg.map { $0 + r * k }, gradientScale)
            lossSum += Double(loss)
            rightSum += Double(right)
        }
        pt[0] = Float(lossSum)
        pt[1] = Float(rightSum)
    }

    /// One row's loss and rightness (1 or 0; a regression's absolute error) for the k predictions at `z`, writing `scale ·` dloss/dz to
    /// `grad` when given: the formulas of `Kernels/loss.cl`. A softmax label outside 0..<k (or NaN) gives a
    /// NaN loss and gradient rather than reading out of bounds.
    private static func rowLoss(_ kind: LossKind, _ z: UnsafeMutablePointer<Float>, _ target: Float, _ k: Int,
                                _ grad: UnsafeMutablePointer<Float>?, _ scale: Float) -> (Float, Float) {
        switch kind {
        case .binaryCrossEntropy:
            let e = exp(-abs(z[0]))  // one exp serves the loss and both branches of the sigmoid
            let sigmoid = z[0] >= 0 ? 1 / (1 + e) : e / (1 + e)
            grad?[0] = scale * (sigmoid - target)
            return (max(z[0], 0) - z[0] * target + log1p(e), (z[0] > 0) == (target > 0.5) ? 1 : 0)
        case .meanSquaredError:
            let d = z[0] - target
            grad?[0] = scale * 2 * d
            return (d * d, (z[0] > 0.5) == (target > 0.5) ? 1 : 0)
        case .regression:
            let d = z[0] - target
            grad?[0] = scale * 2 * d
            return (d * d, abs(d))
        case .softmaxCrossEntropy:
            guard target >= 0, target < Float(k) else {  // also false for NaN
                grad?.update(repeating: .nan, count: k)
                return (.nan, 0)
            }
            let label = Int(target)
            var best = 0
            for j in 1..<max(k, 1) where z[j] > z[best] { best = j }
            let zmax = z[best]
            var sum: Float = 0
            for j in 0..<k { sum += exp(z[j] - zmax) }
            if let grad {
                for j in 0..<k { grad[j] = scale * (exp(z[j] - zmax) / sum - (j == label ? 1 : 0)) }
            }
            return (log(sum) + zmax - z[label], best == label ? 1 : 0)
        }
    }

    public func gatherRows(_ src: Matrix, indices: IndexBuffer, into dst: Matrix) throws {
        try Check.gather(src, indices, dst, owner: self)
        let start = startOp()
        defer { endOp(start, "gather_rows", dst.shape) }
        let ps = ptr(src), pd = ptr(dst), pi = (indices.storage as! CPUIndexStorage).pointer, n = src.cols
        for r in 0..<dst.rows {
            (pd + r * n).update(from: ps + Int(pi[r]) * n, count: n)
        }
    }

    // MARK: Helpers

    /// The host clock when a timing ``launchRecorder`` is set, else 0: call after an op's checks.
    private func startOp() -> UInt64 { launchRecorder?.timesLaunches == true ? LaunchRecorder.now() : 0 }

    /// Records the op that started at `start` (from ``startOp()``) with the ``launchRecorder``, if any.
    private func endOp(_ start: UInt64, _ kernel: String, _ shape: @autoclosure () -> String, flops: Double = 0) {
        guard let recorder = launchRecorder else { return }
        let duration = recorder.timesLaunches ? LaunchRecorder.now() - start : 0
        recorder.record(KernelLaunch(kernel: kernel, shape: recorder.keepsLaunches ? shape() : "", flops: flops, tag: recorder.tag,
                                     start: start, duration: duration))
    }

    /// `m`'s elements in place, for `body` to read and write: the host memory the backend computes in, so a
    /// data-parallel step sums its gradients across ranks without copying them out and back.
    func withUnsafeMutableElements<T>(of m: Matrix, _ body: (UnsafeMutableBufferPointer<Float>) throws -> T) throws -> T {
        guard m.owner === self else { throw DeviceError.foreignMatrix("a matrix of another backend given to \(name)") }
        return try body(UnsafeMutableBufferPointer(start: ptr(m), count: m.count))
    }

    /// Elements `i ..< i + 8` of `p` as one vector, and back: the optimizers' explicit vectorisation.
    private static func load8(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    }
    private static func store8(_ x: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: x, as: SIMD8<Float>.self)
    }

    private func ptr(_ m: Matrix) -> UnsafeMutablePointer<Float> {
        (m.storage as! CPUStorage).pointer + m.offset
    }

    /// Runs `body` over `0..<rows` split into one contiguous block per thread, or inline when the
    /// total work (`rows × work` multiply-adds, roughly) is too small to pay for waking threads.
    private func parallelRows(_ rows: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let blocks = min(threads, rows, max(1, rows * work / 32_768))
        if blocks <= 1 { return body(0..<rows) }
        // The blocks touch disjoint rows and concurrentPerform returns only after all of them, so
        // sharing the (non-Sendable) closure and the raw pointers it captures is safe.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                shared.value(rows * b / blocks ..< rows * (b + 1) / blocks)
            }
        }
    }

    private func parallelElements(_ count: Int, _ body: (Range<Int>) -> Void) {
        parallelRows(count, work: 1, body)
    }
}
