import Foundation
import Testing

@Suite("gputrain CLI: delimiters")
struct DelimiterCLITests {
    /// A small three-class table, written with `separator` between fields; the text column has a value that holds
    /// a comma, quoted, so a comma-split would see the wrong number of fields.
    func penguins(_ separator: String, quoted: Bool = true) -> String {
        var lines = ["species\(separator)island\(separator)bill"]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<60 {
            let species = ["Adelie", "Gentoo", "Chinstrap"][i % 3]
            let island = i % 2 == 0 ? (quoted ? "\"Biscoe, north\"" : "Biscoe") : "Dream"
            let bill = Double(i % 3) * 5 + 35 + Double(rng.next() % 100) / 100
            lines.append([species, island, String(format: "%.2f", bill)].joined(separator: separator))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a semicolon-separated file and a pipe-separated file train, and the detected delimiter is named",
          arguments: [(";", "semicolons"), ("|", "pipes")])
    func detected(separator: String, name: String) throws {
        let dir = try emptyDir()
        let path = dir + "/penguins.csv"
        try penguins(separator).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "species", "--epochs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("fields separated by \(name), detected from the header"), "\(r.stdout)")
        #expect(r.stdout.contains("48 training and 12 validation rows, 3 features"), "\(r.stdout)")
    }

    @Test("a .tsv trains with --delimiter tab, no delimiter line is printed for it or for a comma file")
    func forced() throws {
        let dir = try emptyDir()
        let tsv = dir + "/penguins.tsv", csv = dir + "/penguins.csv"
        try penguins("\t").write(toFile: tsv, atomically: true, encoding: .utf8)
        try penguins(",").write(toFile: csv, atomically: true, encoding: .utf8)
        for (path, extra) in [(tsv, ["--delimiter", "tab"]), (csv, [])] {
            let r = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "species", "--epochs", "1"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("fields separated by"), "\(r.stdout)")
            #expect(r.stdout.contains("3 features"), "\(r.stdout)")
        }
    }

    @Test("a wrong --delimiter is one line naming the accepted ones; forcing a comma on a semicolon file names the columns it saw")
    func wrong() throws {
        let dir = try emptyDir()
        let path = dir + "/penguins.csv"
        try penguins(";", quoted: false).write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "species", "--delimiter", "x"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("',', ';', 'tab' or '|'"), "\(bad.stderr)")
        let comma = try runGPUTrain(["--device", "cpu", "--data", path, "--target", "species", "--delimiter", ","])
        #expect(comma.status != 0)
        #expect(comma.stderr.split(separator: "\n").count == 1, "\(comma.stderr)")
        #expect(comma.stderr.contains("no target column 'species'; columns: 'species;island;bill'"), "\(comma.stderr)")
    }
}
