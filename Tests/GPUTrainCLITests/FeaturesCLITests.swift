import Foundation
import Testing

@Suite("gputrain CLI: feature recipes and row indexes")
struct FeaturesCLITests {
    /// What pandas' `to_csv()` writes: an unnamed row-index column first, then a numeric feature with gaps and a
    /// 0/1 label that depends on it.
    func pandasStyle(rows: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        var lines = [",x,colour,y"]
        for i in 0..<rows {
            let x = Double(rng.next() % 2000) / 100 - 10
            let text = i % 10 == 3 ? "" : String(format: "%.2f", x)
            lines.append("\(i),\(text),\(["red", "blue"][i % 2]),\(x > 0 ? 1 : 0)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("any CSV gets the standard recipe; the unnamed index column is left out with a note naming --keep")
    func standardByDefault() throws {
        let path = try emptyDir() + "/frame.csv"
        try pandasStyle(rows: 200).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "y", "--epochs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("features: standard recipe (fastai's FillMissing, Normalize, Categorify); x standardised"),
                "\(r.stdout)")
        #expect(r.stdout.contains("features: '' dropped: an unnamed column"), "\(r.stdout)")
        // x, x_na, colour_blue, colour_red.
        #expect(r.stdout.contains("160 training and 40 validation rows, 4 features"), "\(r.stdout)")
    }

    @Test("--features lesson scales by the maximum with no indicators; --keep brings a 1…n column back")
    func lessonAndKeep() throws {
        let path = try emptyDir() + "/frame.csv"
        // R's write.csv style, but with the index column named: 1…n in file order.
        let text = pandasStyle(rows: 100).split(separator: "\n").enumerated().map { i, line in
            i == 0 ? "row" + line : "\(i)" + line.drop { $0 != "," }
        }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let lesson = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "y", "--epochs", "1",
                                      "--features", "lesson"])
        #expect(lesson.status == 0, "\(lesson.stderr)")
        #expect(!lesson.stdout.contains("standard recipe") && lesson.stdout.contains(", 3 features"), "\(lesson.stdout)")
        #expect(lesson.stdout.contains("features: 'row' dropped: a row index (1…100 in file order); --keep 'row' uses it"),
                "\(lesson.stdout)")
        let kept = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "y", "--epochs", "1", "--keep", "row"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains(", 5 features"), "\(kept.stdout)")  // row, x, x_na, colour_blue, colour_red
    }

    @Test("a bad --features or --keep is one error line and a non-zero exit",
          arguments: [(["--features", "fancy"], "--features"), (["--keep", "Nope"], "Nope")])
    func badOptions(extra: [String], mention: String) throws {
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "1"] + extra)
        #expect(r.status != 0)
        let errorLines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errorLines.count == 1 && errorLines[0].contains(mention), "\(r.stderr)")
    }
}
