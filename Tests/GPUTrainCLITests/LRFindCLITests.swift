import Foundation
import Testing

@Suite("gputrain lr-find, --lr auto and --confusion")
struct LRFindCLITests {
    /// The number after `label` in `text`, e.g. the lr after `valley `.
    func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        return Double(text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != ")" })
    }

    @Test("lr-find on the embedded Titanic data: a table, two suggestions in the sweep's range, and a plot")
    func titanic() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["lr-find", "--device", "cpu", "--plot", "\(dir)/lr.svg"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("step  lr        loss      smoothed"), "\(r.stdout)")
        let valley = try #require(number(after: "suggested lr: valley ", in: r.stdout), "\(r.stdout)")
        let steep = try #require(number(after: "steep ", in: r.stdout), "\(r.stdout)")
        for lr in [valley, steep] { #expect(lr > 1e-7 && lr < 10, "\(r.stdout)") }
        let svg = try String(contentsOfFile: "\(dir)/lr.svg", encoding: .utf8)
        #expect(svg.contains("<circle id=\"valley\"") && svg.contains("<polyline id=\"loss\""))
        #expect(r.stdout.contains("plot written to \(dir)/lr.svg"))
        // The same options give the same sweep: it is seeded.
        let again = try runGPUTrain(["lr-find", "--device", "cpu"])
        #expect(number(after: "suggested lr: valley ", in: again.stdout) == valley)
    }

    @Test("--lr auto trains with the valley suggestion lr-find gives for the same options, and says so",
          arguments: [[], ["--opt", "sgd"], ["--opt", "adam", "--weight-decay", "0.1"]])
    func auto(optimizer: [String]) throws {
        let options = ["--device", "cpu", "--seed", "7", "--batch-size", "32", "--momentum", "0.8", "--hidden", "10"] + optimizer
        let find = try runGPUTrain(["lr-find"] + options)
        let valley = try #require(number(after: "suggested lr: valley ", in: find.stdout), "\(find.stdout)\(find.stderr)")
        let r = try runGPUTrain(options + ["--lr", "auto", "--epochs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("lr auto: ") }, "\(r.stdout)")
        #expect(number(after: "lr auto: ", in: String(line)) == valley, "\(line)")
        #expect(line.contains("valley suggestion"))
        let used = try #require(number(after: ", lr ", in: r.stdout), "\(r.stdout)")
        // The suggestion is printed to 3 significant digits, the data line's lr in full: 0.5% apart at most.
        #expect(abs(used - valley) <= 0.005 * valley, "trained with \(used), suggested \(valley)")
        #expect(r.stdout.contains("epoch  train_loss"))
    }

    @Test("a classification prints its validation confusion matrix after the table, agreeing with the last accuracy")
    func confusion() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "3", "--confusion", "\(dir)/c.svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("confusion matrix of the 178 validation rows") }, "\(r.stdout)")
        let lastRow = try #require(lines.last { $0.hasPrefix("2 ") }, "\(r.stdout)")
        let accuracy = lastRow.split(separator: " ", omittingEmptySubsequences: true)[3]
        #expect(lines[header].contains("(accuracy \(accuracy))"), "\(lines[header]) vs \(lastRow)")
        #expect(lines[header + 1].hasPrefix("  actual \\ predicted"), "\(lines[header + 1])")
        // Indented, so no line of it starts with a digit as an epoch row does.
        #expect(lines[(header + 1)...].allSatisfy { $0.first?.isNumber != true }, "\(r.stdout)")
        #expect(lines[header + 1].split(separator: " ").suffix(2) == ["0", "1"], "\(lines[header + 1])")
        let counts = [lines[header + 2], lines[header + 3]].map { $0.split(separator: " ").dropFirst().compactMap { Int($0) } }
        #expect(counts.flatMap { $0 }.reduce(0, +) == 178, "\(counts)")
        let svg = try String(contentsOfFile: "\(dir)/c.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "<rect class=\"cell\"").count - 1 == 4)
    }

    @Test("a regression prints no confusion matrix")
    func regression() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (0 ..< 200).map { i in "\(Double(i) * 0.5 + Double.random(in: 0 ... 1)),\(i % 7),\(Double(i) * 0.01)" }
        try (["y,a,b"] + rows).joined(separator: "\n").write(toFile: "\(dir)/r.csv", atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", "\(dir)/r.csv", "--target", "y", "--epochs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rmse") && !r.stdout.contains("confusion"), "\(r.stdout)")
    }

    static let bad: [BadInput] = [
        BadInput(["lr-find", "--data", "$DIR/good.csv"], "lr-find needs at least one batch of training rows",
                 "16 training rows", "--batch-size 64"),
        BadInput(["lr-find", "--plot", "$DIR/no-such-folder/lr.svg"], "--plot", "no-such-folder"),
        BadInput(["lr-find", "--batch-size", "0"], "--batch-size must be at least 1, got 0"),
        BadInput(["lr-find", "--momentum", "1"], "--momentum must be in [0, 1), got 1.0"),
        BadInput(["lr-find", "--data", "$DIR/missing.csv"], "no file at", "missing.csv"),
        BadInput(["--lr", "auto", "--epochs", "0"], "--lr auto needs at least 1 epoch", "--epochs 0"),
        BadInput(["--lr", "auto", "--data", "$DIR/good.csv"], "--lr auto", "at least one batch of training rows"),
        BadInput(["--lr", "auto", "--resume", "$DIR/c.json"], "--lr auto cannot continue --resume"),
        BadInput(["--confusion", "$DIR/no-such-folder/c.svg"], "--confusion", "no-such-folder"),
        BadInput(["--confusion", "$DIR/c.png"], "--confusion", "name the file .svg"),
        BadInput(["--confusion", "$DIR/c.svg", "--data", "$DIR/good.csv", "--target", "Age", "--task", "regression"],
                 "--confusion", "a regression has no classes"),
    ]

    @Test("bad lr-find, --lr auto and --confusion input: one error line, a non-zero exit, nothing written", arguments: Self.bad)
    func badInput(input: BadInput) throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = input.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) } + ["--device", "cpu"]
        if args.first == "lr-find" {
            if !args.contains("--plot") { args += ["--plot", "\(dir)/lr.svg"] }
        } else {
            args += ["--save", "\(dir)/model.json", "--metrics", "\(dir)/metrics.csv"]
            if !args.contains("--epochs") { args += ["--epochs", "1"] }
        }
        try expectCleanFailure(try runGPUTrain(args), input.testDescription, expected: input.expected, dir: dir)
    }
}
