import ArgumentParser
import Foundation
import GPUTrain

/// `--lr`: a number, or `auto` for the learning-rate finder's suggestion.
enum LearningRateChoice: ExpressibleByArgument, Equatable {
    case value(Float)
    case auto

    /// `auto`, or anything `Float` reads (so `-1`, `nan` and `inf` reach validation and its one-line errors).
    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let value = Float(argument) {
            self = .value(value)
        } else {
            return nil
        }
    }

    /// The number, or nil for `auto`.
    var value: Float? { if case .value(let v) = self { v } else { nil } }
}

extension TrainCommand {
    /// The most classes a confusion matrix is printed or drawn for.
    static let maxConfusionClasses = 10

    /// The checks of `--lr auto` and `--confusion` that need no data.
    func validateLearningRateAndConfusion() throws {
        if lr == .auto {
            if let epochs, epochs < 1 {
                throw ValidationError("--lr auto needs at least 1 epoch to train with the rate it finds, got --epochs \(epochs)")
            }
            if let resume {
                throw ValidationError("--lr auto cannot continue --resume \(resume): give the --lr that run had")
            }
        }
        if let confusion, !confusion.isEmpty {
            guard confusion.lowercased().hasSuffix(".svg") else {
                throw ValidationError("--confusion \(confusion): name the file .svg")
            }
            do { try checkWritable(confusion) } catch { throw ValidationError("--confusion: \(error)") }
        }
    }

    /// Refuses `--confusion` for data it cannot draw, before any training.
    func checkConfusion(_ split: DataSplit) throws {
        guard let confusion else { return }
        if split.train.task == .regression {
            throw CLIFailure("--confusion \(confusion): a regression has no classes to confuse")
        }
        if split.train.classCount > Self.maxConfusionClasses {
            throw CLIFailure("--confusion \(confusion): the target has \(split.train.classCount) classes; "
                + "a confusion matrix is drawn for at most \(Self.maxConfusionClasses)")
        }
    }

    /// The validation rows of a classification with at most ``maxConfusionClasses`` classes, kept for its confusion
    /// matrix when the rest of the data is let go; nil for data that has none.
    static func confusionRows(_ split: DataSplit) -> Dataset? {
        let v = split.valid
        guard v.task == .classification && v.classCount <= maxConfusionClasses else { return nil }
        // The targets alone: the trainer predicts from its device copy, so a large table's features can go.
        return Dataset(rows: v.rows, cols: 0, features: [], targets: v.targets, featureNames: [],
                       classCount: v.classCount, classNames: v.classNames)
    }

    /// After the table: the final model's confusion matrix on `valid` (from ``confusionRows(_:)``), and
    /// `--confusion`'s drawing of it.
    func reportConfusion(_ trainer: Trainer, valid: Dataset, loss: LossKind) throws {
        let matrix = try ConfusionMatrix(predictions: trainer.validationOutputs(), data: valid, loss: loss)
        Console.out("confusion matrix of the \(matrix.total) validation rows (accuracy \(ReportFormat.fixed6(matrix.accuracy))):")
        // Indented: a line of the matrix starts with a class name, often a number, and must not read as an epoch row.
        Console.out(matrix.table().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        if let confusion {
            try writeFileAtomically(confusionMatrixSVG(matrix, title: "Confusion matrix: '\(input.target)', \(matrix.total) validation rows"),
                                    to: confusion)
        }
    }

    /// `--lr auto`: runs the finder on a trainer of its own (same model, data, seed and settings) and returns its
    /// valley suggestion, saying so in one line.
    func autoLearningRate(spec: ModelSpec, backend: any Backend, split: DataSplit, options: TrainingOptions) throws -> Float {
        let sweep: LearningRateSweep
        do {
            let finder = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options,
                                     communicator: Ranks.group)
            sweep = try finder.findLearningRate()
        } catch let error as TrainingError {
            throw CLIFailure("--lr auto: \(error)")
        }
        guard let valley = sweep.valley else {
            throw CLIFailure("--lr auto: the learning-rate sweep stopped after \(sweep.learningRates.count) steps "
                + "(\(LRFindCommand.describe(sweep.ending))), too few for a suggestion; give --lr a number")
        }
        Console.out("lr auto: \(LRFindCommand.format(valley.learningRate)), the valley suggestion of lr-find "
            + "(\(sweep.learningRates.count) steps from \(LRFindCommand.format(sweep.learningRates[0])); "
            + "steep would be \(sweep.steep.map { LRFindCommand.format($0.learningRate) } ?? "none"))")
        return valley.learningRate
    }
}
