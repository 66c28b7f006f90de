import Foundation

/// fastai's `learn.summary()` for a gputrain model: each layer with its output shape for one batch, its
/// parameters and the kernels it launches, then the sizes of the data and of what the device holds.
///
/// ``Trainer/summary()`` makes one from the launches of a real training batch and validation batch; ``table()``
/// prints it.
public struct ModelSummary: Sendable {
    /// One layer's line.
    public struct Layer: Sendable {
        /// The layer.
        public var layer: ModelLayer
        /// Its output for one training batch, e.g. `64 × 20`.
        public var outputShape: String
        /// The kernels it launches per training batch going forward (for the loss: the loss and its gradient).
        public var forward: [String]
        /// The kernels it launches per training batch going backward.
        public var backward: [String]
    }

    /// Bytes held on the device during training.
    public struct DeviceBytes: Sendable {
        /// The training and validation sets, and the training set's shuffled copy and permutation.
        public var data: Int
        /// Parameters, their gradients and their SGD velocities.
        public var parameters: Int
        /// Each layer's output and its gradient, for the largest batch.
        public var activations: Int
        /// The epoch's loss and right-count totals.
        public var metrics: Int
        /// All of it.
        public var total: Int { data + parameters + activations + metrics }
    }

    /// The model.
    public var spec: ModelSpec
    /// The backend's name.
    public var device: String
    /// The layers, input to loss.
    public var layers: [Layer]
    /// Rows in the training and validation sets.
    public var trainRows: Int, validRows: Int
    /// Rows in a training batch and in a validation batch (validation has no backward pass, so its batches are larger).
    public var trainBatchRows: Int, validBatchRows: Int
    /// The SGD step's kernels, once per training batch, over every parameter at once.
    public var step: [String]
    /// Every kernel of one training batch, in launch order.
    public var trainBatch: [String]
    /// Every kernel of one validation batch, in launch order.
    public var validBatch: [String]
    /// The kernels each epoch launches once before its batches (the shuffle).
    public var epochStart: [String]
    /// What the device holds.
    public var deviceBytes: DeviceBytes
    /// Whether the SGD step keeps velocities (momentum > 0).
    public var momentum: Bool

    init(spec: ModelSpec, device: String, trainRows: Int, validRows: Int, trainBatchRows: Int, validBatchRows: Int,
         momentum: Bool, trainLaunches: [KernelLaunch], validLaunches: [KernelLaunch], epochLaunches: [KernelLaunch],
         deviceBytes: DeviceBytes) {
        (self.spec, self.device, self.trainRows, self.validRows) = (spec, device, trainRows, validRows)
        (self.trainBatchRows, self.validBatchRows, self.momentum, self.deviceBytes) = (trainBatchRows, validBatchRows, momentum, deviceBytes)
        func kernels(_ layer: String, _ passes: Set<LaunchPass>) -> [String] {
            trainLaunches.filter { $0.tag.layer == layer && $0.tag.pass.map(passes.contains) == true }.map(\.kernel)
        }
        layers = spec.layers.map { layer in
            let rows = layer.kind == .loss ? 1 : trainBatchRows
            return Layer(layer: layer, outputShape: "\(rows) × \(layer.outputColumns)",
                         forward: kernels(layer.name, [.forward, .loss]), backward: kernels(layer.name, [.backward]))
        }
        step = trainLaunches.filter { $0.tag.pass == .step }.map(\.kernel)
        trainBatch = trainLaunches.map(\.kernel)
        validBatch = validLaunches.map(\.kernel)
        epochStart = epochLaunches.map(\.kernel)
    }

    /// Trainable parameters in all layers.
    public var parameters: Int { layers.map(\.layer.parameters).reduce(0, +) }

    /// The summary as text: a table with a line per layer (and the SGD step), then the totals.
    ///
    /// A ReLU that runs inside another layer's launch (fused into the GEMM that makes its input, or into the GEMM
    /// of the gradient that reaches it) says which one, in parentheses.
    /// - Returns: lines separated by newlines, without a final newline.
    public func table() -> String {
        var rows: [[String]] = [["layer", "", "output", "params", "forward", "backward"]]
        for (i, line) in layers.enumerated() {
            var forward = Self.list(line.forward), backward = Self.list(line.backward)
            if line.layer.kind == .relu {
                let before = layers[..<i].last { $0.layer.kind == .dense }?.layer.name
                let after = layers[(i + 1)...].first { $0.layer.kind == .dense }?.layer.name
                if forward.isEmpty, let before { forward = "(in \(before))" }
                if backward.isEmpty, let after { backward = "(in \(after))" }
            }
            if line.layer.kind == .loss, backward.isEmpty, !forward.isEmpty { backward = "(in its forward launch)" }
            rows.append([line.layer.name, line.layer.detail, line.outputShape, "\(line.layer.parameters)",
                         forward.isEmpty ? "-" : forward, backward.isEmpty ? "-" : backward])
        }
        let adam = step.contains("adamw")
        rows.append([adam ? "adamw step" : "sgd step", adam ? "2 moments" : momentum ? "momentum" : "", "", "", "",
                     Self.list(step)])
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
        let numeric: Set<Int> = [3]
        let lines = rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return numeric.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let trainBatches = (trainRows + trainBatchRows - 1) / trainBatchRows
        let validBatches = (validRows + validBatchRows - 1) / validBatchRows
        let lastRows = trainRows - (trainBatches - 1) * trainBatchRows
        let b = deviceBytes
        var totals = [
            "parameters: \(parameters)",
            "data: \(trainRows) training and \(validRows) validation rows × \(spec.inputs) features; batches of "
                + "\(trainBatchRows) training rows (\(trainBatches) per epoch"
                + (lastRows == trainBatchRows ? "" : ", the last of \(lastRows)") + ") and \(validBatchRows) validation rows "
                + "(\(validBatches) per epoch)",
            "on the device: \(Self.bytes(b.total)) (data \(Self.bytes(b.data)), parameters with gradients"
                + (step.contains("adamw") ? " and Adam's moments" : momentum ? " and velocities" : "")
                + " \(Self.bytes(b.parameters)), activations and their gradients "
                + "\(Self.bytes(b.activations)), metrics \(Self.bytes(b.metrics)))",
            "launches: \(trainBatch.count) per training batch, \(validBatch.count) per validation batch (\(Self.list(validBatch)))",
        ]
        if !epochStart.isEmpty { totals.append("each epoch first shuffles: \(Self.list(epochStart))") }
        return (["model: \(spec.kind) on \(device)"] + lines + totals).joined(separator: "\n")
    }

    /// `a, b, b` as `a, b ×2`: consecutive launches of one kernel counted.
    static func list(_ kernels: [String]) -> String {
        var parts: [(String, Int)] = []
        for k in kernels {
            if parts.last?.0 == k { parts[parts.count - 1].1 += 1 } else { parts.append((k, 1)) }
        }
        return parts.map { $0.1 == 1 ? $0.0 : "\($0.0) ×\($0.1)" }.joined(separator: ", ")
    }

    /// `1536 B`, `45.6 KB`, `12.3 MB`.
    static func bytes(_ n: Int) -> String {
        if n < 10_000 { return "\(n) B" }
        if n < 1_000_000 { return String(format: "%.1f KB", Double(n) / 1000) }
        return String(format: "%.1f MB", Double(n) / 1_000_000)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
