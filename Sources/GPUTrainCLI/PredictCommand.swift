import ArgumentParser
import Foundation
import GPUTrain

/// `gputrain predict`: run a saved model over a CSV or over images and write one prediction per row.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a model saved by `gputrain --save`, writing an id column and a prediction column.",
        discussion: """
            The CSV gets the same feature processing as the training data (the statistics are saved in the \
            model). For a binary target each row gets the class the model predicts (0 or 1, or the class's \
            name, as written in the training file); for more classes, the most likely class; for a regression, \
            the value in the target's units. Rows are identified by the id column (found when training, or \
            --id-column); a CSV without one gets a 0-based `index` column instead.

            A model trained on MNIST-format images predicts for images of the same size: --data FOLDER reads the \
            folder's t10k images (t10k-images-idx3-ubyte, raw or .gz, `-` or `.` before idx; the labels are not \
            needed), --data FILE one IDX images file. It writes index,label: the 0-based image index and the \
            predicted class (0…9).

            EXAMPLES
              gputrain --save model.json
              gputrain predict --model model.json --data test.csv --out predictions.csv
              gputrain predict --model model.json --data new.csv --out p.csv --id-column Id --output-column Label
              gputrain --data ~/mnist --save mnist.json && gputrain predict --model mnist.json --data ~/mnist --out p.csv
            """)

    @OptionGroup var deviceOptions: DeviceOptions

    @Option(help: "The model file written by --save.") var model: String
    @Option(help: ArgumentHelp("The CSV to predict for (default: the embedded Kaggle Titanic test set, 418 passengers); for an image model, a folder of MNIST-format files (its t10k images) or an IDX images file.",
                               valueName: "csv-or-images"))
    var data: String?
    @Option(help: ArgumentHelp("The CSV's field delimiter: , ; tab or | (default: detected from the header line).",
                               valueName: "c"))
    var delimiter: CSVDelimiter?
    @Option(help: "Where to write the predictions (CSV).") var out: String
    @Option(help: "The column identifying rows (default: the one found when training, e.g. PassengerId, when the CSV has it; else a 0-based index).")
    var idColumn: String?
    @Option(help: "Name of the prediction column (default: the training target, e.g. Survived; label for images).")
    var outputColumn: String?

    func run() throws {
        let saved = try SavedModel.load(from: model)
        let input: Input
        if let images = saved.images {
            input = try imageInput(images)
        } else if let features = saved.features {
            input = try tableInput(features)
        } else {
            throw CLIFailure("\(model) has no feature description")  // load refuses such files
        }
        let features = input.data
        let backend = try deviceOptions.open()
        let trainer = try Trainer.forInference(saved, backend: backend)
        let outputs = try trainer.predict(features)
        let width = saved.spec.predictionWidth
        let names = saved.classNames
        var csv = "\(Self.quoted(input.idName)),\(Self.quoted(outputColumn ?? input.outputName))\n"
        for r in 0..<features.rows {
            let row = Array(outputs[r * width ..< (r + 1) * width])
            let id = Self.quoted(input.ids?[r] ?? String(r))
            let cls: Int
            switch saved.spec.loss {
            case .binaryCrossEntropy: cls = row[0] > 0 ? 1 : 0
            case .meanSquaredError: cls = row[0] > 0.5 ? 1 : 0
            case .softmaxCrossEntropy: cls = row.indices.max { row[$0] < row[$1] }!
            case .regression:
                // Back to the target's units: the model learned the standardised value.
                let stats = saved.features
                let value = Double(row[0]) * (stats?.targetScale ?? 1) + (stats?.targetCenter ?? 0)
                csv += "\(id),\(Float(value))\n"
                continue
            }
            csv += "\(id),\(Self.quoted(cls < names.count ? names[cls] : "\(cls)"))\n"
        }
        try writeFileAtomically(csv, to: out)
        let numbered = input.ids == nil && saved.features != nil ? ", rows numbered from 0 in an index column (no id column)" : ""
        Console.out("wrote \(features.rows) predictions to \(out)\(numbered) (device: \(backend.name))")
    }

    /// What is predicted for: the features, the rows' ids (nil: their 0-based index) and the columns' names.
    struct Input {
        var data: Dataset
        var ids: [String]?
        var idName: String
        var outputName: String
    }

    /// A table model's input: `--data` (or the embedded Titanic test set) through its feature statistics.
    func tableInput(_ stats: FeatureStats) throws -> Input {
        let source = try TrainingData.resolve(data)
        let kind = "\(model) was trained on CSV data (target '\(stats.target)')"
        if case .idx(let folder) = source {
            throw CLIFailure("\(kind), not images: \(folder) is a folder of MNIST-format files; give --data a CSV")
        }
        if case .csv(let path) = source, Self.isIDXName(path) {
            throw CLIFailure("\(kind), not images: \(path) is an IDX file; give --data a CSV")
        }
        let table = try data.map { try CSVLoading.table($0, delimiter: delimiter) }
            ?? Table(csv: TitanicData.testCSV, source: "embedded Titanic test.csv")
        let features = try stats.apply(to: table)
        if let idColumn {
            guard let ids = table.column(idColumn) else {
                throw CLIFailure("\(table.source) has no column '\(idColumn)' (--id-column); its columns: "
                    + table.columns.prefix(20).map { "'\($0)'" }.joined(separator: ", "))
            }
            return Input(data: features, ids: ids, idName: idColumn, outputName: stats.target)
        }
        if let name = stats.idColumn, let ids = table.column(name) {
            return Input(data: features, ids: ids, idName: name, outputName: stats.target)
        }
        return Input(data: features, ids: nil, idName: "index", outputName: stats.target)
    }

    /// An image model's input: the t10k images of the folder `--data` names, or the IDX images file it names.
    func imageInput(_ inputs: ImageInputs) throws -> Input {
        if idColumn != nil {
            throw CLIFailure("--id-column is for CSV data: predictions for images are numbered by a 0-based index")
        }
        if delimiter != nil { Console.warn("--delimiter is for CSV data; ignored for images") }
        let kind = "\(model) was trained on \(inputs.size) images"
        let wanted = "give --data a folder of MNIST-format files (its t10k images are read) or an IDX images file"
        let images: IDX.Images, path: String
        switch try TrainingData.resolve(data) {
        case .titanic:
            throw CLIFailure("\(kind), not the embedded Titanic data: \(wanted)")
        case .idx(let folder):
            (images, path) = try MNIST.images(folder: folder)
        case .csv(let file):
            let bytes = try IDX.readBytes(path: file)
            do {
                images = try IDX.parseImages(bytes, path: file)
            } catch DataError.badIDXMagic {
                throw CLIFailure("\(kind), and \(file) is not an IDX images file: \(wanted)")
            }
            path = file
        }
        return Input(data: try inputs.apply(to: images, path: path), ids: nil, idName: "index", outputName: "label")
    }

    /// A name MNIST-format files have: `…idx3-ubyte`, `…idx1-ubyte` (raw or `.gz`).
    static func isIDXName(_ path: String) -> Bool {
        let name = path.lowercased()
        return name.contains("idx3-ubyte") || name.contains("idx1-ubyte")
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
