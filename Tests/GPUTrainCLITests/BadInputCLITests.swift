import Foundation
import Testing

/// Input files for the bad-input cases, written into a fresh folder per case.
enum Fixtures {
    /// name → contents. Rows are numbered from 1 after the header, so "data row 8" is line 9.
    static let files: [String: Data] = {
        func csv(_ header: String, _ rows: [String]) -> Data { Data((([header] + rows).joined(separator: "\n") + "\n").utf8) }
        let numbered = { (f: (Int) -> String) in (0..<20).map(f) }
        return [
            "empty.csv": Data(),
            "blank.csv": Data(" \n\n  \n".utf8),
            "header-only.csv": csv("Survived,Age,Fare", []),
            "wrong-count.csv": csv("Survived,Age,Fare", ["0,22,7.25", "1,38", "0,26,7.9"]),
            "constant.csv": csv("Survived,Age,Fare", numbered { "1,\(20 + $0),\(7 + $0)" }),
            "nan.csv": csv("Survived,Age,Fare", numbered { "\($0 % 2),\($0 == 7 ? "nan" : "\(20 + $0)"),\(7 + $0)" }),
            "inf.csv": csv("Survived,Age,Fare", numbered { "\($0 % 2),\(20 + $0),\($0 == 11 ? "inf" : "\(7 + $0)")" }),
            "minus-inf.csv": csv("Survived,Age,Fare", numbered { "\($0 % 2),\($0 == 3 ? "-Infinity" : "\(20 + $0)"),\(7 + $0)" }),
            "text.csv": csv("Survived,Age,Fare", numbered { "\($0 % 2),\($0 == 5 ? "abc" : "\(20 + $0)"),\(7 + $0)" }),
            "two-rows.csv": csv("Survived,Age", ["0,22", "1,38"]),
            "one-row.csv": csv("Survived,Age", ["1,38"]),
            "good.csv": csv("Survived,Age,Fare", numbered { "\($0 % 2),\(20 + $0),\(7 + $0)" }),
            "many-values.csv": csv("x,y", (0..<1001).map { "\($0 % 7),\($0 * 3)" }),
            "latin1.csv": Data("Survived,Name\n0,Jos".utf8) + Data([0xE9]) + Data("\n1,Ann\n".utf8),
        ]
    }()

    static func folder() throws -> String {
        let dir = try emptyDir()
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: "\(dir)/\(name)")) }
        try FileManager.default.createDirectory(atPath: "\(dir)/a-folder.csv", withIntermediateDirectories: false)
        return dir
    }

    /// What `folder()` holds: anything else there after a run is an output that should not exist.
    static var names: Set<String> { Set(files.keys).union(["a-folder.csv"]) }
}

/// One bad input: the arguments (`$DIR/` is the fixture folder) and what the one error line must say.
struct BadInput: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let expected: [String]
    var testDescription: String { arguments.joined(separator: " ") }

    init(_ arguments: [String], _ expected: String...) {
        self.arguments = arguments
        self.expected = expected
    }

    static let train: [BadInput] = [
        // Files
        BadInput(["--data", "$DIR/missing.csv"], "no file at", "missing.csv"),
        BadInput(["--data", "$DIR/a-folder.csv"], "cannot read", "it is a folder"),
        BadInput(["--data", "$DIR/latin1.csv"], "cannot read", "not UTF-8"),
        BadInput(["--data", "$DIR/empty.csv"], "empty.csv is empty"),
        BadInput(["--data", "$DIR/blank.csv"], "blank.csv is empty"),
        BadInput(["--data", "$DIR/header-only.csv"], "header-only.csv has a header", "no data rows"),
        BadInput(["--data", "$DIR/wrong-count.csv"], "wrong-count.csv, line 3: 2 fields but the header has 3 columns"),
        // Columns and values
        BadInput(["--data", "$DIR/good.csv", "--target", "NoSuchColumn"], "no target column 'NoSuchColumn'", "'Age'"),
        BadInput(["--target", "NoSuchColumn"], "no target column 'NoSuchColumn'"),
        BadInput(["--data", "$DIR/good.csv", "--drop", "Nope"], "no column 'Nope'"),
        BadInput(["--data", "$DIR/constant.csv"], "every row has target 'Survived' = '1'"),
        BadInput(["--data", "$DIR/nan.csv"], "data row 8 (line 9)", "column 'Age'", "'nan'", "NaN or infinite"),
        BadInput(["--data", "$DIR/inf.csv"], "data row 12 (line 13)", "column 'Fare'", "'inf'", "NaN or infinite"),
        BadInput(["--data", "$DIR/minus-inf.csv"], "data row 4 (line 5)", "column 'Age'", "'-Infinity'"),
        BadInput(["--data", "$DIR/text.csv"], "data row 6 (line 7)", "column 'Age' is numeric but has 'abc'"),
        // Settings
        BadInput(["--lr", "0"], "--lr must be a positive number, got 0.0"),
        BadInput(["--lr", "-1"], "--lr must be a positive number, got -1.0"),
        BadInput(["--lr=-1"], "--lr must be a positive number, got -1.0"),
        BadInput(["--lr", "nan"], "--lr must be a positive number, got nan"),
        BadInput(["--lr", "inf"], "--lr must be a positive number, got inf"),
        BadInput(["--lr", "fast"], "'fast' is invalid for '--lr"),
        BadInput(["--epochs", "0"], "--epochs must be at least 1, got 0"),
        BadInput(["--epochs", "-3"], "--epochs must be at least 1, got -3"),
        BadInput(["--batch-size", "0"], "--batch-size must be at least 1, got 0"),
        BadInput(["--valid-pct", "0"], "--valid-pct must be in (0, 1), got 0.0"),
        BadInput(["--valid-pct", "1"], "--valid-pct must be in (0, 1), got 1.0"),
        BadInput(["--valid-pct", "1.5"], "--valid-pct must be in (0, 1), got 1.5"),
        BadInput(["--valid-pct", "-0.2"], "--valid-pct must be in (0, 1), got -0.2"),
        BadInput(["--data", "$DIR/two-rows.csv", "--valid-pct", "0.1"], "two-rows.csv", "leaves no validation rows"),
        BadInput(["--data", "$DIR/one-row.csv"], "one-row.csv has 1 data row; at least 2 are needed"),
        BadInput(["--opt", "adamx"], "'adamx' is invalid for '--opt"),
        BadInput(["--task", "regression", "--target", "Sex"], "column 'Sex'", "has 'male'"),
        BadInput(["--task", "guess"], "'guess' is invalid for '--task"),
        BadInput(["--data", "$DIR/many-values.csv", "--target", "y", "--task", "classification"],
                 "1001 distinct values, more than 1000 classes"),
        BadInput(["--momentum", "1"], "--momentum must be in [0, 1), got 1.0"),
        BadInput(["--momentum", "-0.5"], "--momentum must be in [0, 1), got -0.5"),
        BadInput(["--weight-decay", "-1"], "--weight-decay must be ≥ 0, got -1.0"),
        BadInput(["--hidden", "20,x"], "--hidden takes positive widths"),
        BadInput(["--hidden", "0"], "--hidden takes positive widths"),
        BadInput(["--device", "tpu"], "'tpu' is invalid for '--device"),
        BadInput(["--device", "opencl:99:0"], "99"),
        BadInput(["--model", "transformer"], "'transformer' is invalid for '--model"),
        BadInput(["--schedule", "cosine"], "'cosine' is invalid for '--schedule"),
        BadInput(["--loss", "hinge"], "'hinge' is invalid for '--loss"),
        BadInput(["--no-such-flag"], "Unknown option '--no-such-flag'"),
        BadInput(["--metrics", "$DIR/m.txt"], "name the file .csv or .json"),
        BadInput(["--patience", "0"], "--patience must be at least 1, got 0"),
        BadInput(["--checkpoint", "$DIR/c.json", "--checkpoint-every", "0"], "--checkpoint-every must be at least 1, got 0"),
        BadInput(["--checkpoint-every", "2"], "--checkpoint-every needs --checkpoint FILE"),
        BadInput(["--monitor", "rmse"], "--monitor rmse needs --loss mse"),
        BadInput(["--resume", "$DIR/missing.json"], "cannot read checkpoint", "missing.json"),
        BadInput(["--resume", "$DIR/good.csv"], "good.csv is not a gputrain checkpoint (not valid JSON)"),
    ]
}

/// Checks one failed run: a clean non-zero exit, exactly one line on stderr saying `expected`, no training, and
/// no file written into `dir` beyond the fixtures.
func expectCleanFailure(_ r: CLIResult, _ what: String, expected: [String], dir: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(r.status != 0 && !r.signaled, "\(what): status \(r.status), signal \(r.signaled)", sourceLocation: sourceLocation)
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    #expect(lines.count == 1 && r.stderr.hasSuffix("\n"), "\(what): expected one line on stderr, got: \(r.stderr)",
            sourceLocation: sourceLocation)
    let line = lines.first.map(String.init) ?? ""
    #expect(line.hasPrefix("Error: "), "\(what): \(line)", sourceLocation: sourceLocation)
    for fragment in expected {
        #expect(line.contains(fragment), "\(what): '\(fragment)' not in: \(line)", sourceLocation: sourceLocation)
    }
    #expect(!r.stdout.contains("epoch "), "\(what): training started: \(r.stdout)", sourceLocation: sourceLocation)
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(Fixtures.names)
    #expect(left.isEmpty, "\(what): files left behind: \(left.sorted())", sourceLocation: sourceLocation)
}

@Suite("gputrain CLI: bad input")
struct BadInputCLITests {
    @Test("bad training input: one error line, a non-zero exit, no crash, no output files", arguments: BadInput.train)
    func train(input: BadInput) throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = input.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) }
        if !args.contains(where: { $0.hasPrefix("--device") }) { args += ["--device", "cpu"] }
        if !args.contains(where: { $0.hasPrefix("--epochs") }) { args += ["--epochs", "1"] }
        for (option, file) in [("--save", "model.json"), ("--metrics", "metrics.csv"), ("--plot", "loss.svg")]
        where !args.contains(option) {
            args += [option, "\(dir)/\(file)"]
        }
        try expectCleanFailure(try runGPUTrain(args), input.testDescription, expected: input.expected, dir: dir)
    }

    /// A mistyped kernel setting is an error even where `gpu` may fall back: a CPU run would hide the typo.
    @Test("a bad GPUTRAIN_MATMUL, GPUTRAIN_GEMM_TILE or GPUTRAIN_KERNELS: one error line naming it, no fallback",
          .enabled(if: CLI.openCLEnabled, "no OpenCL device here: the settings are read when one is opened"),
          arguments: [("GPUTRAIN_MATMUL", "fast", "names no matmul kernel"),
                      ("GPUTRAIN_GEMM_TILE", "128x128x16/6x8", "is not a tile"),
                      ("GPUTRAIN_KERNELS", "/nonexistent-kernels", "has no .cl files")])
    func badKernelSetting(variable: String, value: String, expected: String) throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["--device", "gpu", "--epochs", "1", "--save", "\(dir)/model.json"],
                                environment: [variable: value], removing: ["GPUTRAIN_NO_FALLBACK", "GPUTRAIN_MATMUL",
                                                                           "GPUTRAIN_GEMM_TILE", "GPUTRAIN_KERNELS"])
        try expectCleanFailure(r, "\(variable)=\(value)", expected: ["\(variable)=\(value)", expected], dir: dir)
    }

    @Test("a CSV that cannot be opened for reading", .enabled(if: getuid() != 0, "root reads files without permission"))
    func noPermission() throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/good.csv"
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        let r = try runGPUTrain(["--device", "cpu", "--data", path, "--save", "\(dir)/model.json"])
        try expectCleanFailure(r, "unreadable", expected: ["cannot read \(path)"], dir: dir)
    }

    @Test("a learning rate far too high stops with a hint to lower it, and saves nothing")
    func divergence() throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "3", "--lr", "1e30", "--save", "\(dir)/model.json",
                                 "--metrics", "\(dir)/metrics.json", "--plot", "\(dir)/loss.svg"])
        #expect(r.status != 0 && !r.signaled)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("Error: training diverged in epoch 0") == true, "\(r.stderr)")
        #expect(lines.first?.contains("try a lower learning rate than 1e+30") == true, "\(r.stderr)")
        #expect(!r.stdout.contains("saved model"))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(Fixtures.names)
        #expect(left.isEmpty, "files left behind: \(left.sorted())")
    }

    @Test("a column that is mostly text is categorical, not an error: it trains, with a dummy per value")
    func textColumnIsCategorical() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 'Deck' holds numbers on a third of the rows: below the 90% that makes a column numeric.
        let rows = (0..<30).map { "\($0 % 2),\(20 + $0),\(["A", "B", "7"][$0 % 3])" }
        try (["Survived,Age,Deck"] + rows).joined(separator: "\n").write(toFile: "\(dir)/deck.csv", atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", "\(dir)/deck.csv", "--epochs", "2", "--save", "\(dir)/m.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // Age plus one dummy per Deck value (A, B, 7).
        #expect(r.stdout.contains("4 features"), "\(r.stdout)")
        let model = try String(contentsOfFile: "\(dir)/m.json", encoding: .utf8)
        #expect(model.contains("\"inputs\":4"), "\(model.prefix(300))")
    }
}

/// Saved models to break, each trained once (by the CLI, on the CPU backend) and shared by the tests.
enum TrainedModels {
    /// On the embedded Titanic data: a model `predict` accepts.
    static let titanic: Result<String, Error> = Result { try train([], name: "titanic.json") }
    /// On a CSV with other columns (Height, Weight): a model for another feature set.
    static let other: Result<String, Error> = Result {
        let dir = try emptyDir()
        let rows = (0..<40).map { "\($0),\($0 % 2),\(150 + $0),\(50 + 2 * $0)" }
        try (["PassengerId,Survived,Height,Weight"] + rows).joined(separator: "\n")
            .write(toFile: "\(dir)/people.csv", atomically: true, encoding: .utf8)
        return try train(["--data", "\(dir)/people.csv"], name: "people.json")
    }

    private static func train(_ args: [String], name: String) throws -> String {
        let path = "\(try emptyDir())/\(name)"
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "2", "--save", path] + args)
        guard r.status == 0 else { throw CLIError("training \(name) failed: \(r.stderr)") }
        return path
    }
}

@Suite("gputrain predict: bad model files")
struct BadModelCLITests {
    /// Runs predict with `model` (its text) on the embedded Titanic test set into a fresh folder.
    func predict(modelText: String, _ what: String, expected: [String]) throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/model.json"
        try modelText.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["predict", "--device", "cpu", "--model", path, "--out", "\(dir)/predictions.csv"])
        try FileManager.default.removeItem(atPath: path)
        try expectCleanFailure(r, what, expected: expected, dir: dir)
    }

    @Test("the untouched model predicts (so the failures below are the breakage's doing)")
    func control() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["predict", "--device", "cpu", "--model", try TrainedModels.titanic.get(),
                                 "--out", "\(dir)/p.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/p.csv"))
    }

    @Test("corrupt JSON")
    func corrupt() throws {
        try predict(modelText: "this is { not json", "corrupt", expected: ["is not a gputrain model file (not valid JSON)"])
    }

    @Test("an empty file")
    func empty() throws {
        try predict(modelText: "", "empty", expected: ["is not a gputrain model file"])
    }

    @Test("a model file truncated at a random point")
    func truncated() throws {
        let text = try String(contentsOfFile: try TrainedModels.titanic.get(), encoding: .utf8)
        var rng = SystemRandomNumberGenerator()
        let cut = Int.random(in: 1..<text.count - 1, using: &rng)
        try predict(modelText: String(text.prefix(cut)), "truncated at \(cut) of \(text.count)",
                    expected: ["is not a gputrain model file"])
    }

    @Test("a model whose weights were cut short no longer fits its architecture")
    func missingWeights() throws {
        let text = try String(contentsOfFile: try TrainedModels.titanic.get(), encoding: .utf8)
        // The first weight matrix loses its first value: still valid JSON.
        guard let start = text.range(of: "\"parameters\":[[") else { throw CLIError("no parameters in \(text.prefix(200))") }
        guard let comma = text[start.upperBound...].firstIndex(of: ",") else { throw CLIError("no comma") }
        let edited = String(text[..<start.upperBound]) + String(text[text.index(after: comma)...])
        try predict(modelText: edited, "short weights", expected: ["the weights do not fit its mlp architecture"])
    }

    @Test("a model from another feature set (trained on other columns), on the Titanic test set")
    func otherFeatures() throws {
        let text = try String(contentsOfFile: try TrainedModels.other.get(), encoding: .utf8)
        try predict(modelText: text, "other features", expected: ["lacks column 'Height'"])
    }

    @Test("a model file that does not exist")
    func missing() throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["predict", "--device", "cpu", "--model", "\(dir)/nope.json", "--out", "\(dir)/p.csv"])
        try expectCleanFailure(r, "missing model", expected: ["cannot read model file"], dir: dir)
    }
}
