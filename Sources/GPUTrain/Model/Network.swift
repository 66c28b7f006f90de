/// The kinds of model, from the lesson's spreadsheet to a multi-layer perceptron.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    /// Logistic (or softmax) regression: one dense layer with a bias.
    case linear
    /// Dense layers with ReLU between them: inputs → hidden… → outputs.
    case mlp
    /// Jeremy Howard's spreadsheet: inputs (with a column of ones as the bias) × a k×2 weight matrix,
    /// ReLU on each column, the two columns added into one prediction, trained on squared error.
    case excel
}

/// The architecture: enough to rebuild the network, and saved beside its weights.
public struct ModelSpec: Codable, Equatable, Sendable {
    /// Linear, MLP or the spreadsheet model.
    public var kind: ModelKind
    /// Feature columns in.
    public var inputs: Int
    /// Hidden layer widths (mlp only).
    public var hidden: [Int]
    /// Output columns: 1 logit for a binary target, k for k classes.
    public var outputs: Int
    /// The loss trained on, fused with its gradient.
    public var loss: LossKind

    /// An architecture; `hidden` is ignored for models other than ``ModelKind/mlp``.
    public init(kind: ModelKind, inputs: Int, hidden: [Int] = [], outputs: Int, loss: LossKind) {
        self.kind = kind
        self.inputs = inputs
        self.hidden = kind == .mlp ? hidden : []
        self.outputs = outputs
        self.loss = loss
    }

    /// (fan-in, fan-out, has bias) of each dense layer.
    var layerShapes: [(Int, Int, Bool)] {
        switch kind {
        case .excel: return [(inputs, 2, false)]
        case .linear: return [(inputs, outputs, true)]
        case .mlp:
            let widths = [inputs] + hidden + [outputs]
            return (0..<widths.count - 1).map { (widths[$0], widths[$0 + 1], true) }
        }
    }

    /// The length of each parameter array, in the order of ``Trainer/parameters()``.
    var parameterCounts: [Int] {
        layerShapes.flatMap { [$0.0 * $0.1] + ($0.2 ? [$0.1] : []) }
    }

    /// Width of the network's output, before the loss.
    public var predictionWidth: Int { kind == .excel ? 1 : outputs }
}

/// Every parameter of a network in one allocation each for values, gradients and the optimizer's state (SGD
/// velocities, or Adam's two moments), so one `sgdStep` or `adamStep` launch updates the whole network (a launch
/// costs microseconds; a small model has many parameter matrices and little else to do).
final class ParameterStore {
    let values, gradients: Matrix
    /// The gradients and two more floats after them, which data-parallel training sends in the same allreduce
    /// (the rows each rank computed, and whether a rank was asked to stop).
    let gradientExchange: Matrix
    /// SGD's velocities, or Adam's first moments.
    let velocities: Matrix?
    /// Adam's second moments; nil for SGD.
    let secondMoments: Matrix?
    private var used = 0

    init(on backend: any Backend, count: Int, momentum: Bool, adam: Bool = false) throws {
        values = try backend.makeMatrix(rows: 1, cols: count)
        gradientExchange = try backend.makeMatrix(rows: 1, cols: count + 2)
        gradients = gradientExchange.slice(from: 0, rows: 1, cols: count)
        velocities = momentum || adam ? try backend.makeMatrix(rows: 1, cols: count) : nil
        secondMoments = adam ? try backend.makeMatrix(rows: 1, cols: count) : nil
        for state in [velocities, secondMoments].compactMap({ $0 }) {
            try backend.upload([Float](repeating: 0, count: count), to: state)
        }
    }

    /// The next `rows × cols` parameter: its value, gradient and velocity views.
    func take(rows: Int, cols: Int) -> (value: Matrix, gradient: Matrix, velocity: Matrix?) {
        defer { used += rows * cols }
        return (values.slice(from: used, rows: rows, cols: cols), gradients.slice(from: used, rows: rows, cols: cols),
                velocities?.slice(from: used, rows: rows, cols: cols))
    }
}

/// One dense layer's parameters on the device (views of a ``ParameterStore``), their gradients and velocities.
final class DenseLayer {
    let w, dw: Matrix
    let b, db: Matrix?
    let vw, vb: Matrix?

    /// Parameters this layer takes from a store.
    static func parameterCount(inputs: Int, outputs: Int, bias: Bool) -> Int { (inputs + (bias ? 1 : 0)) * outputs }

    init(from store: ParameterStore, inputs: Int, outputs: Int, bias: Bool) {
        (w, dw, vw) = store.take(rows: inputs, cols: outputs)
        if bias {
            let p = store.take(rows: 1, cols: outputs)
            (b, db, vb) = (p.value, p.gradient, p.velocity)
        } else {
            (b, db, vb) = (nil, nil, nil)
        }
    }

    var parameters: [(value: Matrix, gradient: Matrix, velocity: Matrix?)] {
        [(w, dw, vw)] + (b.map { [($0, db!, vb)] } ?? [])
    }
}

/// A network on one device, with activation buffers for batches of up to `maxRows` rows.
///
/// Forward and backward run every layer over all rows of a batch at once; nothing is read back.
final class Network {
    let spec: ModelSpec
    let backend: any Backend
    let layers: [DenseLayer]
    private let parameterStore: ParameterStore
    let maxRows: Int
    /// Output of each layer (after bias and ReLU), `maxRows` rows; the last is the prediction
    /// (for the spreadsheet model, the ReLU columns, summed into `prediction`).
    private let activations: [Matrix]
    private let gradients: [Matrix]
    private let prediction: Matrix?
    private let predictionGradient: Matrix?

    init(spec: ModelSpec, backend: any Backend, maxRows: Int, momentum: Bool, adam: Bool = false) throws {
        self.spec = spec
        self.backend = backend
        self.maxRows = maxRows
        let shapes = spec.layerShapes
        let store = try ParameterStore(on: backend, count: shapes.map { DenseLayer.parameterCount(inputs: $0.0, outputs: $0.1, bias: $0.2) }.reduce(0, +),
                                       momentum: momentum, adam: adam)
        parameterStore = store
        layers = shapes.map { DenseLayer(from: store, inputs: $0.0, outputs: $0.1, bias: $0.2) }
        activations = try shapes.map { try backend.makeMatrix(rows: maxRows, cols: $0.1) }
        gradients = try shapes.map { try backend.makeMatrix(rows: maxRows, cols: $0.1) }
        prediction = spec.kind == .excel ? try backend.makeMatrix(rows: maxRows, cols: 1) : nil
        predictionGradient = spec.kind == .excel ? try backend.makeMatrix(rows: maxRows, cols: 1) : nil
    }

    /// Initial weights: Kaiming-uniform (PyTorch's `nn.Linear` default range, ±1/√fan-in), biases zero;
    /// the spreadsheet model starts as the lesson does, uniform in [−0.5, 0.5].
    func initialize(using rng: inout some RandomNumberGenerator) throws {
        for layer in layers {
            let fanIn = Float(layer.w.rows)
            let bound: Float = spec.kind == .excel ? 0.5 : 1 / fanIn.squareRoot()
            try backend.upload((0..<layer.w.count).map { _ in Float.random(in: -bound...bound, using: &rng) }, to: layer.w)
            if let b = layer.b { try backend.upload([Float](repeating: 0, count: b.count), to: b) }
        }
    }

    /// All parameters, layer by layer, weights then bias, row-major: what a saved model holds.
    func parameters() throws -> [[Float]] {
        try layers.flatMap(\.parameters).map { try backend.download($0.value) }
    }

    /// The gradients the last ``backward(_:gradient:)`` left, in the order of ``parameters()``
    /// (for the tests' finite-difference checks).
    func parameterGradients() throws -> [[Float]] {
        try layers.flatMap(\.parameters).map { try backend.download($0.gradient) }
    }

    func setParameters(_ values: [[Float]]) throws {
        try upload(values, to: layers.flatMap { $0.parameters.map(\.value) }, what: "weights")
    }

    /// The SGD velocities in the order of ``parameters()``, or nil when the network was built without momentum.
    func velocities() throws -> [[Float]]? {
        guard parameterStore.velocities != nil else { return nil }
        return try layers.flatMap(\.parameters).map { try backend.download($0.velocity!) }
    }

    /// Replaces the velocities (as ``velocities()`` returns them); nil is only right for a network without momentum.
    func setVelocities(_ values: [[Float]]?) throws {
        guard parameterStore.velocities != nil else {
            guard values == nil else { throw TrainingError.badModel("momentum velocities given for a run without momentum") }
            return
        }
        guard let values else { throw TrainingError.badModel("the momentum velocities are missing") }
        try upload(values, to: layers.flatMap { $0.parameters.map { $0.velocity! } }, what: "momentum velocities")
    }

    /// Adam's second moments in the order of ``parameters()``, or nil for an SGD network.
    func secondMoments() throws -> [[Float]]? {
        guard let store = parameterStore.secondMoments else { return nil }
        return try split(try backend.download(store))
    }

    /// Replaces Adam's second moments (as ``secondMoments()`` returns them); nil only for an SGD network.
    func setSecondMoments(_ values: [[Float]]?) throws {
        guard let store = parameterStore.secondMoments else {
            guard values == nil else { throw TrainingError.badModel("Adam moments given for a run with SGD") }
            return
        }
        guard let values else { throw TrainingError.badModel("the Adam second moments are missing") }
        let sizes = layers.flatMap(\.parameters).map(\.value.count)
        guard values.map(\.count) == sizes else {
            throw TrainingError.badModel("the Adam second moments do not fit a \(spec.kind) model of \(spec.layerShapes.map { "\($0.0)×\($0.1)" })")
        }
        try backend.upload(values.flatMap { $0 }, to: store)
    }

    /// A flat buffer cut into the parameters' sizes, in their order.
    private func split(_ flat: [Float]) throws -> [[Float]] {
        var start = 0
        return layers.flatMap(\.parameters).map { p in
            defer { start += p.value.count }
            return Array(flat[start ..< start + p.value.count])
        }
    }

    private func upload(_ values: [[Float]], to targets: [Matrix], what: String) throws {
        guard values.count == targets.count, zip(values, targets).allSatisfy({ $0.count == $1.count }) else {
            throw TrainingError.badModel("the \(what) do not fit a \(spec.kind) model of \(spec.layerShapes.map { "\($0.0)×\($0.1)" })")
        }
        for (v, m) in zip(values, targets) { try backend.upload(v, to: m) }
    }

    /// Runs the batch `x` (n ≤ maxRows rows) forward; returns the prediction (n × predictionWidth), a view
    /// of the network's own buffers, valid until the next call.
    func forward(_ x: Matrix) throws -> Matrix {
        let n = x.rows
        var input = x
        for (i, layer) in layers.enumerated() {
            let out = activations[i].rows(0..<n)
            let hidden = i < layers.count - 1 || spec.kind == .excel
            tag(ModelLayer.denseName(i), .forward)  // the ReLU, when there is one, runs in the same call
            try backend.dense(input, layer.w, bias: layer.b, relu: hidden, into: out)
            input = out
        }
        if let prediction {
            tag(ModelLayer.sumName, .forward)
            try backend.rowSum(input, into: prediction.rows(0..<n))
            return prediction.rows(0..<n)
        }
        return input
    }

    /// Given d(loss)/d(prediction) for the batch last run forward on `x`, fills every parameter gradient.
    /// `gradient` must be the buffer from ``lossGradientBuffer(rows:)``.
    func backward(_ x: Matrix, gradient: Matrix) throws {
        let n = x.rows
        var dz = gradients[layers.count - 1].rows(0..<n)
        if spec.kind == .excel {
            tag(ModelLayer.sumName, .backward)
            try backend.rowSumBackward(gradient, into: dz)
            tag(ModelLayer.reluName(0), .backward)
            try backend.reluBackward(dz, output: activations[0].rows(0..<n), into: dz)
        }
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[i]
            let input = i == 0 ? x : activations[i - 1].rows(0..<n)
            tag(ModelLayer.denseName(i), .backward)  // and its input's gradient, through the ReLU before it
            try backend.weightGradients(input, dz, weights: layer.dw, bias: layer.db)
            if i > 0 {
                let da = gradients[i - 1].rows(0..<n)
                try backend.inputGradient(dz, layer.w, reluOutput: input, into: da)
                dz = da
            }
        }
    }

    /// Every parameter's gradient in one buffer, in the order of ``parameters()``, and two floats after them: what
    /// data-parallel training sums across ranks, in one allreduce, before each step.
    var gradientExchange: Matrix { parameterStore.gradientExchange }

    /// The parameters and the optimizer's state, one buffer each: what the ranks of a data-parallel run take from
    /// rank 0 at the start, so every replica begins alike.
    var stateStores: [Matrix] {
        [parameterStore.values, parameterStore.velocities, parameterStore.secondMoments].compactMap { $0 }
    }

    /// Bytes this network holds on its device: its parameters with their gradients and velocities, and its
    /// activations with their gradients (for batches of up to ``maxRows`` rows).
    var deviceBytes: (parameters: Int, activations: Int) {
        let parameters = [parameterStore.values, parameterStore.gradients, parameterStore.velocities,
                          parameterStore.secondMoments].compactMap { $0 }
        let activations = self.activations + gradients + [prediction, predictionGradient].compactMap { $0 }
        return (4 * parameters.map(\.count).reduce(0, +), 4 * activations.map(\.count).reduce(0, +))
    }

    /// Tags the launches that follow for the backend's ``LaunchRecorder``, if it has one.
    private func tag(_ layer: @autoclosure () -> String, _ pass: LaunchPass) {
        backend.launchRecorder?.enter(layer(), pass)  // the name is only made when there is a recorder
    }

    /// Where the loss should write d(loss)/d(prediction) for a batch of `rows`.
    func lossGradientBuffer(rows: Int) -> Matrix {
        (predictionGradient ?? gradients[layers.count - 1]).rows(0..<rows)
    }

    /// One optimizer step of every parameter, in a single launch over the ``ParameterStore``; `step` counts from 1
    /// (Adam's bias correction).
    func step(learningRate: Float, momentum: Float, weightDecay: Float, optimizer: Optimizer = .sgd, step: Int = 1) throws {
        if optimizer == .adam, let m = parameterStore.velocities, let v = parameterStore.secondMoments {
            tag("adamw", .step)
            try backend.adamStep(weights: parameterStore.values, gradient: parameterStore.gradients, firstMoment: m,
                                 secondMoment: v, learningRate: learningRate, beta1: Double(momentum),
                                 beta2: Optimizer.adamBeta2, epsilon: Optimizer.adamEpsilon, weightDecay: weightDecay,
                                 step: step)
        } else {
            tag("sgd", .step)
            try backend.sgdStep(weights: parameterStore.values, gradient: parameterStore.gradients,
                                velocity: parameterStore.velocities,
                                learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        }
    }
}
