import Foundation

/// A trained model as `--save` writes it: the architecture, the weights and the feature statistics,
/// so `predict` can turn a new CSV into the same features and run the same network.
public struct SavedModel: Codable, Equatable, Sendable {
    /// The format this version writes and reads.
    public static let currentFormat = "gputrain-model-1"
    /// The file's format, checked on load.
    public var format: String
    /// The architecture.
    public var spec: ModelSpec
    /// The statistics fitted on the training rows, to featurise new data the same way.
    public var features: FeatureStats
    /// Layer by layer, weights then bias, row-major (see ``Trainer/parameters()``).
    public var parameters: [[Float]]

    /// A model of the current format.
    public init(spec: ModelSpec, features: FeatureStats, parameters: [[Float]]) {
        format = Self.currentFormat
        self.spec = spec
        self.features = features
        self.parameters = parameters
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
        guard model.spec.inputs == model.features.featureNames.count else {
            throw TrainingError.badModel("\(path): the network takes \(model.spec.inputs) inputs but the feature set has "
                + "\(model.features.featureNames.count)")
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
