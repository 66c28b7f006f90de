import Foundation
import Testing

/// `--save` then `predict` on each kind of data: MNIST-format images, a CSV without an id column, multi-class CSVs.
@Suite("gputrain predict: images and any CSV")
struct PredictCLITests {
    /// The lines of a file written by predict.
    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A synthetic MNIST-format folder (300 training, 100 t10k images) and a model trained on it with `--save`,
    /// on the CPU backend; returns the folder, the model's path and the last epoch's validation accuracy.
    func imageModel(_ dir: String) throws -> (folder: String, model: String, accuracy: String) {
        let folder = dir + "/mnist"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try MNISTFixture.writeSynthetic(to: folder, train: 300, test: 100)
        let model = dir + "/m.json"
        let r = try runGPUTrain(["--device", "cpu", "--data", folder, "--hidden", "16", "--epochs", "2",
                                 "--batch-size", "32", "--lr", "0.2", "--save", model])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("saved model to \(model)"), "\(r.stdout)")
        let rows = r.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        let accuracy = try #require(rows.last?.split(separator: " ", omittingEmptySubsequences: true)[3])
        return (folder, model, String(accuracy))
    }

    @Test("an MNIST-format model predicts the folder's t10k images: index,label, as accurate as its last validation")
    func images() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (folder, model, accuracy) = try imageModel(dir)
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", model, "--data", folder, "--out", dir + "/p.csv"])
        #expect(p.status == 0 && p.stderr.isEmpty, "\(p.stderr)")
        #expect(p.stdout.hasPrefix("wrote 100 predictions to \(dir)/p.csv"), "\(p.stdout)")
        let written = try lines(dir + "/p.csv")
        #expect(written.first == "index,label" && written.count == 101)
        let rows = written.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.map { $0[0] } == (0..<100).map(String.init))
        let labels = rows.map { Int($0[1]) ?? -1 }
        #expect(labels.allSatisfy { (0...9).contains($0) }, "\(written)")
        // t10k is the validation set, and the CPU backend computes the same outputs: the same accuracy, exactly.
        let truth = try Data(contentsOf: URL(fileURLWithPath: folder + "/t10k-labels.idx1-ubyte")).dropFirst(8).map(Int.init)
        let correct = zip(labels, truth).filter { $0 == $1 }.count
        #expect(String(format: "%.6f", Double(correct) / 100) == accuracy, "\(correct) of 100 right; training said \(accuracy)")
        #expect(correct >= 50, "a synthetic folder is easy: \(correct) of 100")

        // One IDX images file gives the same predictions, and --output-column names the label column.
        let q = try runGPUTrain(["predict", "--device", "cpu", "--model", model, "--data", folder + "/t10k-images.idx3-ubyte",
                                 "--out", dir + "/q.csv", "--output-column", "digit"])
        #expect(q.status == 0, "\(q.stderr)")
        #expect(try lines(dir + "/q.csv") == ["index,digit"] + written.dropFirst())
    }

    @Test("an image model refuses a CSV, and a CSV model images, in one line, writing nothing")
    func wrongKindOfData() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (folder, imageModel, _) = try imageModel(dir)
        let csvModel = dir + "/titanic.json"
        let t = try runGPUTrain(["--device", "cpu", "--epochs", "1", "--save", csvModel])
        #expect(t.status == 0, "\(t.stderr)")
        let csv = dir + "/titanic.csv"
        try "PassengerId,Survived,Pclass,Sex,Age\n1,0,3,male,22\n2,1,1,female,38\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let cases: [(model: String, extra: [String], message: String)] = [
            (imageModel, ["--data", csv], "m.json was trained on 28×28 images, and \(dir)/titanic.csv is not an IDX images file"),
            (imageModel, [], "was trained on 28×28 images, not the embedded Titanic data"),
            (imageModel, ["--data", folder + "/t10k-labels.idx1-ubyte"], "t10k-labels.idx1-ubyte is not an IDX images file"),
            (imageModel, ["--data", folder, "--id-column", "Id"], "--id-column is for CSV data"),
            (csvModel, ["--data", folder], "titanic.json was trained on CSV data (target 'Survived'), not images: \(folder) is a folder"),
            (csvModel, ["--data", folder + "/t10k-images.idx3-ubyte"], "not images: \(folder)/t10k-images.idx3-ubyte is an IDX file"),
        ]
        for c in cases {
            let r = try runGPUTrain(["predict", "--device", "cpu", "--model", c.model, "--out", dir + "/p.csv"] + c.extra)
            #expect(r.status != 0, "\(c.extra)")
            let errors = r.stderr.split(separator: "\n")
            #expect(errors.count == 1 && errors[0].hasPrefix("Error: ") && errors[0].contains(c.message), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/p.csv"))
        }
    }

    /// `x1,x2,<target>` (with `id` first when `ids`): three well-separated clusters, one per class name.
    func clusters(_ names: [String], rows: Int, ids: Bool = false, target: String = "kind") -> (csv: String, truth: [String]) {
        var lines = [(ids ? "id," : "") + "x1,x2,\(target)"], truth: [String] = []
        for i in 0..<rows {
            let k = (i * 7) % names.count
            let wobble = Double((i * 37) % 100) / 100 - 0.5
            let name = names[k].contains(",") ? "\"\(names[k])\"" : names[k]
            lines.append((ids ? "p\(i)," : "") + "\(Double(4 * k) + wobble),\(Double(-3 * k) - wobble),\(name)")
            truth.append(names[k])
        }
        return (lines.joined(separator: "\n") + "\n", truth)
    }

    @Test("a multi-class CSV's predictions are its class names as written in the file", arguments: [
        ["setosa", "Iris versicolor", "virginica"], ["1.0", "2.0", "3.0"], ["b", "a, c", "C"],
    ])
    func classNamesAsWritten(names: [String]) throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try clusters(names, rows: 240, ids: true).csv.write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
        let test = clusters(names, rows: 30, ids: true)
        try test.csv.write(toFile: dir + "/test.csv", atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", dir + "/train.csv", "--target", "kind", "--epochs", "40",
                                 "--save", dir + "/m.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("loss softmax"), "\(r.stdout)")
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", dir + "/m.json", "--data", dir + "/test.csv",
                                 "--out", dir + "/p.csv"])
        #expect(p.status == 0, "\(p.stderr)")
        let written = try lines(dir + "/p.csv")
        let quoted = test.truth.enumerated().map { "p\($0),\($1.contains(",") ? "\"\($1)\"" : $1)" }
        #expect(written == ["id,kind"] + quoted)
    }

    @Test("a CSV without an id column predicts with a 0-based index column; a missing --id-column is one error line")
    func noIdColumn() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let names = ["no", "yes"]
        try clusters(names, rows: 200, target: "y").csv.write(toFile: dir + "/train.csv", atomically: true, encoding: .utf8)
        let test = clusters(names, rows: 12, target: "y")
        try test.csv.write(toFile: dir + "/test.csv", atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", dir + "/train.csv", "--target", "y", "--epochs", "40",
                                 "--save", dir + "/m.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", dir + "/m.json", "--data", dir + "/test.csv",
                                 "--out", dir + "/p.csv"])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(p.stdout.contains("rows numbered from 0 in an index column (no id column)"), "\(p.stdout)")
        #expect(try lines(dir + "/p.csv") == ["index,y"] + test.truth.enumerated().map { "\($0),\($1)" })

        let bad = try runGPUTrain(["predict", "--device", "cpu", "--model", dir + "/m.json", "--data", dir + "/test.csv",
                                   "--out", dir + "/q.csv", "--id-column", "Name"])
        #expect(bad.status != 0)
        #expect(bad.stderr.split(separator: "\n") == ["Error: \(dir)/test.csv has no column 'Name' (--id-column); its columns: 'x1', 'x2', 'y'"],
                "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/q.csv"))
    }
}
