import Foundation

/// A trained model as `--save` writes it: the architecture, the weights, and what turns new data into the same
/// features: the feature statistics of a table, or the size and scaling of images. `predict` reads it.
///
/// Exactly one of ``features`` and ``images`` is set. Files written before images could be saved have
/// ``features`` and load unchanged.
public struct SavedModel: Codable, Equatable, Sendable {
    /// The format this version writes and reads.
    public static let currentFormat = "gputrain-model-1"
    /// The file's format, checked on load.
    public var format: String
    /// The architecture.
    public var spec: ModelSpec
    /// For a model trained on a table, the statistics fitted on the training rows, to featurise new rows the same
    /// way; nil for a model trained on images.
    public var features: FeatureStats?
    /// For a model trained on MNIST-format images, their size, scaling and class names; nil for a table.
    public var images: ImageInputs?
    /// Layer by layer, weights then bias, row-major (see ``Trainer/parameters()``).
    public var parameters: [[Float]]

    /// A model trained on a table, of the current format.
    public init(spec: ModelSpec, features: FeatureStats, parameters: [[Float]]) {
        format = Self.currentFormat
        self.spec = spec
        self.features = features
        self.parameters = parameters
    }

    /// A model trained on images, of the current format.
    public init(spec: ModelSpec, images: ImageInputs, parameters: [[Float]]) {
        format = Self.currentFormat
        self.spec = spec
        self.images = images
        self.parameters = parameters
    }

    /// Classes (of a table's target, or of images) or a number.
    public var task: Task { features?.task ?? .classification }

    /// The name of each class index; empty for a regression.
    public var classNames: [String] {
        if let features { return features.task == .regression ? [] : features.classNames }
        return images?.classNames ?? []
    }

    /// What the model was trained on, for messages: `CSV data (target 'Survived')` or `28×28 images`.
    public var trainedOn: String {
        if let images { return "\(images.size) images" }
        return "CSV data (target '\(features?.target ?? "")')"
    }

    /// Writes the model as JSON, atomically (temp file + rename): a crash never leaves half a model.
    /// - Throws: ``TrainingError/badModel(_:)`` for a non-finite weight (no model of NaNs is ever saved).
    public func save(to path: String) throws {
        guard parameters.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw TrainingError.badModel("not saving \(path): the weights are not all finite")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeFileAtomically(try encoder.encode(self), to: path)
    }

    /// Reads and checks a model written by ``save(to:)``.
    public static func load(from path: String) throws -> SavedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError.badModel("cannot read model file \(path)")
        }
        let model: SavedModel
        do { model = try JSONDecoder().decode(SavedModel.self, from: data) } catch {
            throw TrainingError.badModel("\(path) is not a gputrain model file (\(Self.reason(error)))")
        }
        guard model.format == currentFormat else {
            throw TrainingError.badModel("\(path) has format '\(model.format)', this gputrain reads '\(currentFormat)'")
        }
        switch (model.features, model.images) {
        case (let features?, nil):
            guard model.spec.inputs == features.featureNames.count else {
                throw TrainingError.badModel("\(path): the network takes \(model.spec.inputs) inputs but the feature set "
                    + "has \(features.featureNames.count)")
            }
        case (nil, let images?):
            guard model.spec.inputs == images.featureCount else {
                throw TrainingError.badModel("\(path): the network takes \(model.spec.inputs) inputs but its "
                    + "\(images.size) images have \(images.featureCount) pixels")
            }
            guard images.pixelScale > 0, images.pixelScale.isFinite else {
                throw TrainingError.badModel("\(path): the pixel scale \(images.pixelScale) is not a positive number")
            }
            guard model.spec.predictionWidth == images.classNames.count, images.classNames.count >= 2 else {
                throw TrainingError.badModel("\(path): the network has \(model.spec.predictionWidth) outputs for "
                    + "\(images.classNames.count) image classes")
            }
        case (nil, nil):
            throw TrainingError.badModel("\(path) is not a gputrain model file (missing 'features' or 'images')")
        case (_?, _?):
            throw TrainingError.badModel("\(path) has both 'features' and 'images'; a model is trained on one kind of data")
        }
        guard model.spec.parameterCounts == model.parameters.map(\.count) else {
            throw TrainingError.badModel("\(path): the weights do not fit its \(model.spec.kind) architecture")
        }
        return model
    }

    /// A decoding error in a few words, for a one-line message.
    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            return c.codingPath.isEmpty ? "not valid JSON" : "bad value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
