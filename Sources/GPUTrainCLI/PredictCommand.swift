import ArgumentParser
import Foundation
import GPUTrain

/// `gputrain predict`: run a saved model over a CSV and write one prediction per row.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a model saved by `gputrain --save`, writing an id column and a prediction column.",
        discussion: """
            The CSV gets the same feature processing as the training data (the statistics are saved in the \
            model). For a binary target each row gets the class the model predicts (0 or 1, or the class's \
            name); for more classes, the most likely class.

            EXAMPLES
              gputrain --save model.json
              gputrain predict --model model.json --data test.csv --out predictions.csv
              gputrain predict --model model.json --data new.csv --out p.csv --id-column Id --output-column Label
            """)

    @OptionGroup var deviceOptions: DeviceOptions

    @Option(help: "The model file written by --save.") var model: String
    @Option(help: "The CSV to predict for (default: the embedded Kaggle Titanic test set, 418 passengers).")
    var data: String?
    @Option(help: ArgumentHelp("The CSV's field delimiter: , ; tab or | (default: detected from the header line).",
                               valueName: "c"))
    var delimiter: CSVDelimiter?
    @Option(help: "Where to write the predictions (CSV).") var out: String
    @Option(help: "The column identifying rows (default: the one found when training, e.g. PassengerId).")
    var idColumn: String?
    @Option(help: "Name of the prediction column (default: the training target, e.g. Survived).")
    var outputColumn: String?

    func run() throws {
        let saved = try SavedModel.load(from: model)
        let table = try data.map { try CSVLoading.table($0, delimiter: delimiter) }
            ?? Table(csv: TitanicData.testCSV, source: "embedded Titanic test.csv")
        let features = try saved.features.apply(to: table)
        let idName = idColumn ?? saved.features.idColumn
        guard let idName, let ids = table.column(idName) else {
            throw ValidationError("\(table.source) has no id column \(idColumn ?? saved.features.idColumn ?? "(none saved)"); name one with --id-column")
        }
        let backend = try deviceOptions.open()
        let trainer = try Trainer.forInference(saved, backend: backend)
        let outputs = try trainer.predict(features)
        let width = saved.spec.predictionWidth
        let names = saved.features.classNames
        var csv = "\(idName),\(outputColumn ?? saved.features.target)\n"
        for r in 0..<features.rows {
            let row = Array(outputs[r * width ..< (r + 1) * width])
            let cls: Int
            switch saved.spec.loss {
            case .binaryCrossEntropy: cls = row[0] > 0 ? 1 : 0
            case .meanSquaredError: cls = row[0] > 0.5 ? 1 : 0
            case .softmaxCrossEntropy: cls = row.indices.max { row[$0] < row[$1] }!
            case .regression:
                // Back to the target's units: the model learned the standardised value.
                let value = Double(row[0]) * saved.features.targetScale + saved.features.targetCenter
                csv += "\(Self.quoted(ids[r])),\(Float(value))\n"
                continue
            }
            csv += "\(Self.quoted(ids[r])),\(Self.quoted(cls < names.count ? names[cls] : "\(cls)"))\n"
        }
        try writeFileAtomically(csv, to: out)
        Console.out("wrote \(features.rows) predictions to \(out) (device: \(backend.name))")
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
