import Foundation

/// Which implementation runs the ops.
public enum BackendKind: String, Sendable {
    /// Pure Swift on the host's cores: the readable reference, and the fallback when there is no OpenCL.
    case cpu
    /// An OpenCL device: a GPU, or a CPU through PoCL.
    case opencl
}

/// A loss fused with its gradient (see `Kernels/loss.cl` for the formulas).
public enum LossKind: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Binary cross-entropy on one logit per row; targets 0 or 1.
    case binaryCrossEntropy = "bce"
    /// Squared error on one prediction per row, as in the spreadsheet model; right when (p > 0.5) == (y > 0.5).
    case meanSquaredError = "mse"
    /// Softmax cross-entropy over k logits per row; targets are class indices 0..<k stored as floats.
    case softmaxCrossEntropy = "softmax"
    /// Squared error on one prediction per row for a regression, where nothing is right or wrong: the second
    /// statistic is the absolute error `|p − y|` (whose sum gives the MAE) instead of a right/wrong count.
    case regression = "regression"

    public var description: String { rawValue }
}

/// The device contract: memory, transfers, and the ops a dense network needs, each over all rows at once.
///
/// Two implementations: ``CPUBackend`` (Swift, multithreaded, the reference) and ``OpenCLBackend``.
/// Ops are queued in order and may run asynchronously; ``download(_:)`` and ``finish()`` wait for
/// everything queued before them. Every op checks shapes first and throws ``DeviceError`` without side
/// effects on a mismatch. Outputs are overwritten, never accumulated into.
///
/// A backend is not thread-safe: use each from one thread (or task) at a time.
///
/// ```swift
/// let device = try Devices.open(.gpu).backend      // an OpenCL device, or the CPU when there is none
/// let x = try device.makeMatrix(rows: 2, cols: 3)
/// let w = try device.makeMatrix(rows: 3, cols: 1)
/// let y = try device.makeMatrix(rows: 2, cols: 1)
/// try device.upload([1, 2, 3, 4, 5, 6], to: x)
/// try device.upload([1, 0, -1], to: w)
/// try device.matmul(x, w, into: y)
/// try device.download(y)                            // [-2, -2]
/// ```
public protocol Backend: AnyObject {
    /// What runs the ops, for people: e.g. `OpenCL: pthread-haswell-AMD EPYC 7B13 (Portable Computing Language)`.
    var name: String { get }
    /// Which implementation this is: the CPU reference or OpenCL.
    var kind: BackendKind { get }
    /// Records every kernel launch (on the CPU backend, every op) while set; nil, the default, records nothing.
    /// See ``LaunchRecorder``.
    var launchRecorder: LaunchRecorder? { get set }

    // MARK: Memory and transfers

    /// A new matrix; its contents are unspecified until written. Throws for an empty or oversized shape.
    func makeMatrix(rows: Int, cols: Int) throws -> Matrix
    /// A new index buffer of `count` indices, contents unspecified until uploaded.
    func makeIndices(count: Int) throws -> IndexBuffer
    /// Copies `values` (row-major, exactly `matrix.count` of them) to the device.
    func upload(_ values: [Float], to matrix: Matrix) throws
    /// Copies `values` (exactly `indices.count`) to the device.
    func upload(_ values: [Int32], to indices: IndexBuffer) throws
    /// Waits for queued work, then copies the matrix back, row-major.
    func download(_ matrix: Matrix) throws -> [Float]
    /// Waits until everything queued has run.
    func finish() throws

    // MARK: Ops

    /// `c = op(a)·op(b)`, where op transposes in place when asked: `aᵀ·b` is a weight gradient, `a·bᵀ` an input gradient.
    func matmul(_ a: Matrix, _ b: Matrix, into c: Matrix, transposeA: Bool, transposeB: Bool) throws
    /// `y = act(x·w + bias)`: a dense layer's forward pass, bias `1 × w.cols` (or none), act = ReLU when `relu`.
    /// A backend may fuse it into one pass that writes `y` once; the default is ``matmul(_:_:into:transposeA:transposeB:)``
    /// followed by ``addBias(_:to:relu:)`` or ``relu(_:into:)``, and a fused version must agree with it to rounding.
    func dense(_ x: Matrix, _ w: Matrix, bias: Matrix?, relu: Bool, into y: Matrix) throws
    /// A dense layer's parameter gradients: `dw = xᵀ·dy` and, when `db` is given, `db = Σ_rows dy` (`1 × dy.cols`).
    /// The default is ``matmul(_:_:into:transposeA:transposeB:)`` then ``columnSum(_:into:)``; a backend may
    /// sum `dy` in the same pass. `dw` and `db` must not share storage with `x` or `dy`.
    func weightGradients(_ x: Matrix, _ dy: Matrix, weights dw: Matrix, bias db: Matrix?) throws
    /// The gradient reaching a dense layer's input `x` through the ReLU that produced it:
    /// `dx = dy·wᵀ` where `reluOutput > 0`, else 0 (with no `reluOutput`, plain `dy·wᵀ`). The default is
    /// ``matmul(_:_:into:transposeA:transposeB:)`` then ``reluBackward(_:output:into:)``; a backend may mask
    /// as it stores. `dx` may be `reluOutput` but must not share storage with `dy` or `w`.
    func inputGradient(_ dy: Matrix, _ w: Matrix, reluOutput: Matrix?, into dx: Matrix) throws
    /// `x = act(x + bias)` in place, bias `1 × x.cols` added to every row, act = ReLU when `relu`.
    func addBias(_ bias: Matrix, to x: Matrix, relu: Bool) throws
    /// `y = max(x, 0)` elementwise; `y` may be `x`.
    func relu(_ x: Matrix, into y: Matrix) throws
    /// `dx = dy` where the ReLU's output `y` is positive, else 0; `dx` may be `dy`.
    func reluBackward(_ dy: Matrix, output y: Matrix, into dx: Matrix) throws
    /// `out[c] = Σ_r x[r, c]`: one value per column (`out` is `1 × x.cols`), e.g. a bias gradient.
    func columnSum(_ x: Matrix, into out: Matrix) throws
    /// `out[r] = Σ_c x[r, c]`: one value per row (`out` is `x.rows × 1`), the spreadsheet's sum of its ReLU columns.
    func rowSum(_ x: Matrix, into out: Matrix) throws
    /// `dx[r, c] = dy[r]`: the gradient of ``rowSum(_:into:)``.
    func rowSumBackward(_ dy: Matrix, into dx: Matrix) throws
    /// One SGD step in place: `g += weightDecay·w; v = momentum·v + g; w -= lr·v` (without `velocity`, `w -= lr·g`).
    func sgdStep(weights w: Matrix, gradient g: Matrix, velocity v: Matrix?,
                 learningRate: Float, momentum: Float, weightDecay: Float) throws
    /// One AdamW step in place (Adam with decoupled weight decay), exactly as PyTorch's `torch.optim.AdamW`
    /// updates a parameter at its `step`-th call:
    ///
    /// ```
    /// w ← w − lr·wd·w                       (decoupled: the decay never enters m or v)
    /// m ← β₁·m + (1 − β₁)·g
    /// v ← β₂·v + (1 − β₂)·g²
    /// w ← w − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
    /// ```
    ///
    /// The bias corrections `1 − β₁ᵗ` and `1 − β₂ᵗ` are worked out on the host for each call, so the learning
    /// rate, the betas and the step may change from call to call (a schedule). Like
    /// ``sgdStep(weights:gradient:velocity:learningRate:momentum:weightDecay:)``, one call updates every
    /// parameter of one buffer; on OpenCL it is one launch.
    ///
    /// - Parameters:
    ///   - w: the parameters, updated in place.
    ///   - g: their gradient; read, not written.
    ///   - m: the first-moment (mean) estimate, updated in place; zeros before the first step.
    ///   - v: the second-moment (uncentred variance) estimate, updated in place; zeros before the first step.
    ///   - learningRate: `lr`.
    ///   - beta1: `β₁`, the first moment's decay, in [0, 1); PyTorch's default is 0.9.
    ///   - beta2: `β₂`, the second moment's decay, in [0, 1); PyTorch's default is 0.999. The betas are
    ///     `Double`, as in PyTorch, because `1 − β` is what scales each new gradient: 0.999 as a `Float` is
    ///     0.999000013, which would make `1 − β₂` 1.3e-5 too small.
    ///   - epsilon: `ε`, added to `√v̂`; PyTorch's default is 1e-8.
    ///   - weightDecay: `wd`, decoupled from the gradient; AdamW's default in PyTorch is 0.01.
    ///   - step: `t`, the number of this step for these moments, counting from 1 (a precondition).
    /// - Throws: ``DeviceError/foreignMatrix(_:)`` when a matrix belongs to another backend, and
    ///   ``DeviceError/shapeMismatch(_:)`` unless all four matrices have the same shape; nothing is written then.
    func adamStep(weights w: Matrix, gradient g: Matrix, firstMoment m: Matrix, secondMoment v: Matrix,
                  learningRate: Float, beta1: Double, beta2: Double, epsilon: Float, weightDecay: Float, step: Int) throws
    /// Per-row loss and correctness of `predictions` against `targets` (`rows × 1`) into `stats` (`rows × 2`:
    /// loss, 1 or 0 for right or wrong) and, when `gradient` is given, `gradientScale ·` dloss/dprediction into it.
    func loss(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
              gradient: Matrix?, gradientScale: Float, stats: Matrix) throws
    /// The same loss summed over the rows: `totals` (`1 × 2`) becomes (Σ loss, number right), plus what it
    /// held when `accumulate`, and `gradient` is written as by ``loss(_:predictions:targets:gradient:gradientScale:stats:)``.
    /// An epoch's metrics this way take one launch per batch, with no per-row buffer and no sum after it.
    func lossTotals(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
                    gradient: Matrix?, gradientScale: Float, totals: Matrix, accumulate: Bool) throws
    /// `dst[i, :] = src[indices[i], :]` for every index; `dst` has `indices.count` rows. Indices must be in range.
    func gatherRows(_ src: Matrix, indices: IndexBuffer, into dst: Matrix) throws
}

extension Backend {
    /// `c = a·b`.
    public func matmul(_ a: Matrix, _ b: Matrix, into c: Matrix) throws {
        try matmul(a, b, into: c, transposeA: false, transposeB: false)
    }

    public func dense(_ x: Matrix, _ w: Matrix, bias: Matrix?, relu: Bool, into y: Matrix) throws {
        // Every check before the matmul, so a bad call writes nothing.
        try Check.owned(by: self, "dense", x, w, bias, y)
        if let bias { try Check.bias(y, bias, op: "dense") }
        try matmul(x, w, into: y)
        if let bias {
            try addBias(bias, to: y, relu: relu)
        } else if relu {
            try self.relu(y, into: y)
        }
    }

    public func weightGradients(_ x: Matrix, _ dy: Matrix, weights dw: Matrix, bias db: Matrix?) throws {
        try Check.owned(by: self, "weightGradients", x, dy, dw, db)
        if let db { try Check.columnSum(dy, db, owner: self) }
        try matmul(x, dy, into: dw, transposeA: true, transposeB: false)
        if let db { try columnSum(dy, into: db) }
    }

    public func inputGradient(_ dy: Matrix, _ w: Matrix, reluOutput y: Matrix?, into dx: Matrix) throws {
        try Check.owned(by: self, "inputGradient", dy, w, y, dx)
        if let y { try Check.same("inputGradient", y, dx, "ReLU output", "result") }
        try matmul(dy, w, into: dx, transposeA: false, transposeB: true)
        if let y { try reluBackward(dx, output: y, into: dx) }
    }

    /// A new matrix holding `values` (row-major).
    public func matrix(rows: Int, cols: Int, _ values: [Float]) throws -> Matrix {
        let m = try makeMatrix(rows: rows, cols: cols)
        try upload(values, to: m)
        return m
    }
}

/// The per-call scalars of an AdamW step, worked out on the host in Double as PyTorch does (its
/// `_single_tensor_adam`) and rounded once to `Float`, so both backends apply the same values and the
/// kernel needs no `pow`.
struct AdamFactors: Equatable {
    /// `1 − lr·wd`: the decoupled weight decay, a factor on `w`.
    var decay: Float
    /// `β₁` and `1 − β₁`: the first moment's weights.
    var beta1: Float, oneMinusBeta1: Float
    /// `β₂` and `1 − β₂`: the second moment's weights.
    var beta2: Float, oneMinusBeta2: Float
    /// `lr / (1 − β₁ᵗ)`: the learning rate with the first moment's bias correction.
    var stepSize: Float
    /// `√(1 − β₂ᵗ)`: the second moment's bias correction, under the square root.
    var bc2Sqrt: Float

    init(learningRate lr: Float, beta1: Double, beta2: Double, weightDecay wd: Float, step t: Int) {
        let lr = Double(lr)
        decay = Float(1 - lr * Double(wd))
        (self.beta1, oneMinusBeta1) = (Float(beta1), Float(1 - beta1))
        (self.beta2, oneMinusBeta2) = (Float(beta2), Float(1 - beta2))
        stepSize = Float(lr / (1 - pow(beta1, Double(t))))
        bc2Sqrt = Float((1 - pow(beta2, Double(t))).squareRoot())
    }
}
