import Foundation
@testable import GPUTrain
import Testing

/// A file is read a window at a time: records cut by a window's end, quoted line breaks, CR and CRLF endings at
/// the boundary and records larger than a window must give the table the whole text gives.
@Suite struct CSVWindowTests {
    /// Random CSV text with everything that can straddle a window boundary.
    static func randomCSV<R: RandomNumberGenerator>(_ rng: inout R, rows: Int) -> String {
        let endings = ["\n", "\r\n", "\r"]
        let ending = endings[Int.random(in: 0..<3, using: &rng)]
        var text = Bool.random(using: &rng) ? "\u{FEFF}" : ""
        text += "a,b,c" + ending
        func field() -> String {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: return ""
            case 1: return String(Int.random(in: -999...999, using: &rng))
            case 2: return String(Double(Int.random(in: -99999...99999, using: &rng)) / 100)
            case 3: return "\"q,\(Int.random(in: 0...9, using: &rng))\nline\r\nx\"\"y\""
            case 4: return "\"\(String(repeating: "long", count: Int.random(in: 1...40, using: &rng)))\""
            case 5: return " word \(Int.random(in: 0...3, using: &rng)) "
            case 6: return "say \"\"hi\"\""
            default: return "t\(Int.random(in: 0...5, using: &rng))"
            }
        }
        for _ in 0..<rows {
            if Int.random(in: 0..<10, using: &rng) == 0 { text += ending }  // a blank line
            text += (0..<3).map { _ in field() }.joined(separator: ",") + ending
        }
        if Bool.random(using: &rng) { text.removeLast(ending.count) }  // no final line break
        return text
    }

    @Test("windows of 1 byte to 1 KiB, on 1 to 3 threads, give the table the whole text gives")
    func windowsMatchTheWholeText() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var rng = SeededGenerator(seed: seed)
        let folder = try TempFolder()
        for file in 0..<40 {
            let text = Self.randomCSV(&rng, rows: Int.random(in: 1...60, using: &rng))
            let path = try folder.write("f\(file).csv", text)
            let whole = try Table(csv: text, source: path)
            for window in [1, 2, 3, 5, 8, 13, 64, 1024] {
                for threads in [1, 3] {
                    let parsed = try CSVParser.parse(file: path, delimiter: nil, windowSize: window, threads: threads)
                    #expect(parsed.header == whole.columns, "seed \(seed), file \(file), window \(window)")
                    #expect(parsed.lines == whole.lines, "seed \(seed), file \(file), window \(window)")
                    #expect(parsed.columns.map(\.texts) == whole.data.map(\.texts),
                            "seed \(seed), file \(file), window \(window), threads \(threads)")
                }
            }
        }
    }

    @Test("an error in a late window names its true line; a file that shrinks while it is read is one error")
    func errorsAcrossWindows() throws {
        let folder = try TempFolder()
        var text = "x,y\n"
        for i in 0..<5000 { text += "\(i),\"a\nb\"\n" }  // each row spans two lines
        text += "1,2,3\n"
        let path = try folder.write("late.csv", text)
        for window in [16, 4096, 1 << 20] {
            #expect(throws: DataError.wrongFieldCount(source: path, line: 10_002, found: 3, expected: 2)) {
                _ = try CSVParser.parse(file: path, delimiter: nil, windowSize: window, threads: 2)
            }
        }
        let unclosed = try folder.write("unclosed.csv", "x,y\n1,2\n3,\"open\n" + String(repeating: "z", count: 5000))
        #expect(throws: DataError.malformedCSV(source: unclosed, line: 3, reason: "a quoted field starting here is never closed")) {
            _ = try CSVParser.parse(file: unclosed, delimiter: nil, windowSize: 64, threads: 2)
        }
        let short = try folder.write("short.csv", "x,y\n1,2\n")
        let error = dataError { _ = try CSVParser.parse(file: short, delimiter: nil, expectedSize: 100) }
        guard case .unreadableFile(let where_, let reason) = error else {
            Issue.record("expected unreadableFile, got \(String(describing: error))")
            return
        }
        #expect(where_ == short && reason.contains("shrank while being read"))
    }
}
