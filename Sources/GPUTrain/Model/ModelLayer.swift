/// One layer of a model as the lesson draws it and `--summary` lists it: a dense layer, a ReLU, the
/// spreadsheet's sum of its two columns, or the loss.
///
/// ``ModelSpec/layers`` lists them; the network tags the launches of each layer with its ``name``
/// (``LaunchTag/layer``), which is how ``ModelSummary`` knows the kernels each one launches.
public struct ModelLayer: Sendable, Equatable {
    /// What a layer computes.
    public enum Kind: String, Sendable {
        /// `x·W (+ b)`.
        case dense
        /// `max(x, 0)`, elementwise.
        case relu
        /// The spreadsheet's prediction: the sum of each row's columns.
        case sum
        /// The loss, summed over the batch, and its gradient.
        case loss
    }

    /// What it computes.
    public var kind: Kind
    /// Its name, unique in the model: `dense 1`, `ReLU 1`, `sum`, `loss`.
    public var name: String
    /// A few words more: `12 → 20, bias` for a dense layer, the loss's name for the loss.
    public var detail: String
    /// Columns of its output: a batch of n rows comes out n × this (the loss: 1 × 2, its sum and right count).
    public var outputColumns: Int
    /// Its trainable parameters.
    public var parameters: Int

    static func denseName(_ index: Int) -> String { "dense \(index + 1)" }
    static func reluName(_ index: Int) -> String { "ReLU \(index + 1)" }
    static let sumName = "sum"
    static let lossName = "loss"
}

extension ModelSpec {
    /// The layers in order, input to loss: each dense layer followed by its ReLU when it has one, then (for the
    /// spreadsheet model) the sum, then the loss.
    public var layers: [ModelLayer] {
        var result: [ModelLayer] = []
        let shapes = layerShapes
        for (i, (fanIn, fanOut, bias)) in shapes.enumerated() {
            result.append(ModelLayer(kind: .dense, name: ModelLayer.denseName(i),
                                     detail: "\(fanIn) → \(fanOut)\(bias ? ", bias" : ", no bias")", outputColumns: fanOut,
                                     parameters: DenseLayer.parameterCount(inputs: fanIn, outputs: fanOut, bias: bias)))
            if i < shapes.count - 1 || kind == .excel {
                result.append(ModelLayer(kind: .relu, name: ModelLayer.reluName(i), detail: "", outputColumns: fanOut, parameters: 0))
            }
        }
        if kind == .excel {
            result.append(ModelLayer(kind: .sum, name: ModelLayer.sumName, detail: "columns added", outputColumns: 1, parameters: 0))
        }
        result.append(ModelLayer(kind: .loss, name: ModelLayer.lossName, detail: loss.rawValue, outputColumns: 2, parameters: 0))
        return result
    }
}
