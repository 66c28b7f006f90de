import ArgumentParser
import Foundation
import GPUTrain

/// What to learn from and with which model: the options `train` and `lr-find` share, with the code that turns them
/// into a data split and a ``ModelSpec``.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A CSV file, a folder of MNIST-format IDX files, or fashion-mnist (default: the embedded Titanic training set).",
        valueName: "csv-or-folder"))
    var data: String?
    @Option(help: ArgumentHelp("The CSV's field delimiter: , ; tab or | (default: detected from the header line).",
                               valueName: "c"))
    var delimiter: CSVDelimiter?
    @Option(help: "Use only the first N rows of the CSV (before the split), or the first N images of each MNIST part.")
    var limit: Int?
    @Option(help: "The column to predict (default: Survived).")
    var target = "Survived"
    @Option(help: "Columns to leave out, comma-separated.", transform: { $0.split(separator: ",").map(String.init) })
    var drop: [String] = []
    @Option(help: ArgumentHelp("Columns to use although they look like a row index (an unnamed column, or 0…n−1 or 1…n in file order), comma-separated.",
                               valueName: "columns"),
            transform: { $0.split(separator: ",").map(String.init) })
    var keep: [String] = []
    @Option(help: ArgumentHelp("standard (fastai's FillMissing, Normalize, Categorify: gaps get the median and a COL_na flag, numbers mean 0 and sd 1, text dummies) or lesson (the fast.ai lesson's: gaps get the mode, numbers divided by their maximum). Default: lesson for the Titanic data, standard for any other CSV.",
                               valueName: "recipe"))
    var features: FeatureRecipeChoice?
    @Option(parsing: .unconditional,
            help: "Fraction of the rows held out for validation, in (0, 1) (default: 0.2; not for MNIST-format data).")
    var validPct: Double?

    @Option(help: "linear, mlp or excel (the lesson's spreadsheet: 2 ReLU columns added).")
    var model = ModelKind.mlp
    @Option(help: "Hidden layer widths for --model mlp, comma-separated (default: 20; 256 for MNIST-format data).",
            transform: Self.widths)
    var hidden: [Int]?
    @Option(help: "bce, mse or softmax (default: mse for excel, bce for a binary target, softmax for more classes; a regression always trains with squared error).")
    var loss: LossKind?
    @Option(help: ArgumentHelp("classification or regression (default: regression for a numeric target with more than 20 distinct values, whose metrics are then rmse and mae in its units).",
                               valueName: "task"))
    var task: Task?

    static func widths(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--hidden takes positive widths separated by commas, e.g. 20,10; got '\(text)'")
        }
        return parts.map { $0! }
    }

    func validate() throws {
        if let validPct, !(validPct > 0 && validPct < 1) {
            throw ValidationError("--valid-pct must be in (0, 1), got \(validPct)")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    /// Whether --data names MNIST-format images (a folder; the file system is asked, nothing is read).
    var isImages: Bool { (try? TrainingData.resolve(data))?.isImages == true }

    /// The training defaults for that kind of data, shared by train and lr-find.
    var defaults: TrainCommand.Defaults { isImages ? .images : .tabular }

    /// The loss (from --loss, or the default for the target) and the model for `split`.
    /// - Parameter defaultHidden: the hidden widths when --hidden is not given.
    func model(for split: DataSplit, defaultHidden: [Int]) throws -> (loss: LossKind, spec: ModelSpec) {
        let classes = split.train.classCount
        let lossKind: LossKind
        if split.train.task == .regression {
            // A number to predict: squared error on the standardised target, whatever the model.
            guard loss == nil || loss == .meanSquaredError || loss == .regression else {
                throw ValidationError("target '\(target)' is a regression: it trains with --loss mse, not \(loss!)")
            }
            lossKind = .regression
        } else {
            if loss == .regression {
                throw ValidationError("--loss regression needs a numeric target (--task regression)")
            }
            lossKind = loss ?? (model == .excel ? .meanSquaredError : classes > 2 ? .softmaxCrossEntropy : .binaryCrossEntropy)
        }
        if classes > 2, lossKind != .softmaxCrossEntropy || model == .excel {
            throw ValidationError("a target with \(classes) classes needs --loss softmax and --model linear or mlp")
        }
        let spec = ModelSpec(kind: model, inputs: split.train.cols, hidden: hidden ?? defaultHidden,
                             outputs: lossKind == .softmaxCrossEntropy ? classes : 1, loss: lossKind)
        return (lossKind, spec)
    }

    /// The model's name for the `data:` line, e.g. `mlp 20` or `linear`.
    func modelDescription(_ spec: ModelSpec) -> String {
        "\(model)\(model == .mlp ? " \(spec.hidden.map(String.init).joined(separator: ","))" : "")"
    }

    /// The training and validation data, and its name for the `data:` line.
    /// - Parameter seed: seeds the split.
    func loadSplit(seed: UInt64) throws -> (DataSplit, String) {
        let source = try TrainingData.resolve(data)
        switch source {
        case .idx(let folder):
            if validPct != nil {
                Console.warn("--valid-pct is ignored for MNIST-format data: the t10k files are the validation set")
            }
            if features != nil || !keep.isEmpty {
                Console.warn("--features and --keep are for CSV data: MNIST-format pixels are scaled to 0…1")
            }
            return (try MNIST.load(folder: folder, limit: limit), "MNIST-format \(folder)")
        case .csv, .titanic:
            var table: Table
            if case .csv(let path) = source {
                table = try CSVLoading.table(path, delimiter: delimiter)
            } else {
                table = try Table(csv: TitanicData.trainCSV, source: "embedded Titanic train.csv")
            }
            if let limit, limit < table.rowCount { table = table.prefix(limit) }
            let options = FeatureOptions(target: target, drop: drop, addOnesColumn: model == .excel,
                                         recipe: features?.recipe ?? .automatic, keep: keep, task: task)
            let split = try table.split(validPct: validPct ?? 0.2, seed: seed, options: options)
            guard let stats = split.stats else { throw ValidationError("no feature statistics were fitted") }
            for note in stats.notes { Console.out("features: \(note)") }
            return (split, table.source)
        }
    }
}

/// `--features`: the two recipes a person chooses between.
enum FeatureRecipeChoice: String, ExpressibleByArgument, CaseIterable {
    case standard, lesson

    var recipe: FeatureOptions.Recipe { self == .standard ? .standard : .lesson }
}
