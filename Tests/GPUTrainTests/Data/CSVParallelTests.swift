import Foundation
@testable import GPUTrain
import Testing

/// Inputs past ``CSVParser/parallelThreshold`` are cut into chunks at line feeds (checked afterwards) and parsed on several threads;
/// whatever the thread count, the result must be the one-thread result, and an error the first in the file.
@Suite struct CSVParallelTests {
    static let threadCounts = [1, 2, 3, 4, 7, 16]
    static let header = ["id", "text", "amount", "kind", "note"]
    static let kinds = ["a", "b", "c d", "e"]

    /// A multi-megabyte file whose `text` column is mostly quoted fields holding line breaks (LF, CRLF, lone CR),
    /// delimiters and doubled quotes, so that the cut points land in and around them; with blank lines, a BOM
    /// and `""` in unquoted fields. `amount` has too many distinct numbers to keep their spellings, so its
    /// expected texts are the numbers as ``FeatureStats`` writes them.
    static func bigSample(seed: UInt64, delimiter: CSVDelimiter, size: Int, eol: String, bom: Bool) -> CSVSample {
        var g = CSVFieldGenerator(seed: seed, delimiter: delimiter)
        g.unquotedDoubledQuotes = true
        g.loneCR = true
        var s = CSVSample(delimiter: delimiter)
        if bom { s.append(bytes: [0xEF, 0xBB, 0xBF]) }
        s.append(eol + "  " + eol)  // blank lines before the header
        s.record(encoded: header.map { g.encode($0) }, values: header, ending: eol)
        var id = 0
        while s.bytes.count < size {
            if g.chance(0.03) { s.append(g.blankLine() + eol) }
            id += 1
            let text = g.chance(0.6) ? g.trimmed(g.special()) : g.value()
            let cents = g.int(-99_999...99_999)
            let amount = switch g.int(0...2) {
            case 0: "\(cents < 0 ? "-" : "")\(abs(cents) / 100).\(abs(cents) % 100 < 10 ? "0" : "")\(abs(cents) % 100)"
            case 1: "\(Double(cents) / 100)"
            default: "\(cents)e-2"
            }
            let values = [String(id), text, amount, g.pick(Self.kinds), g.value()]
            var expected = values
            expected[2] = FeatureStats.format(Double(amount)!)
            s.record(encoded: values.map { g.encode($0) }, values: expected, ending: eol)
        }
        return s
    }

    static let samples: [CSVSample] = [
        bigSample(seed: 1, delimiter: .comma, size: 3_000_000, eol: "\n", bom: false),
        bigSample(seed: 2, delimiter: .semicolon, size: 4_000_000, eol: "\r\n", bom: true),
    ]
    /// Smaller, for the many parses of the error tests (each thread count parses twice: in chunks, then whole).
    static let errorSample = bigSample(seed: 3, delimiter: .comma, size: 1_600_000, eol: "\r\n", bom: true)

    /// Thread-safe log of the progress reports.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ value: Int) { lock.withLock { values.append(value) } }
        var all: [Int] { lock.withLock { values } }
    }

    @Test(arguments: 0..<2) func everyThreadCountGivesTheSameTable(_ which: Int) throws {
        let sample = Self.samples[which]
        #expect(sample.bytes.count >= CSVParser.parallelThreshold * 2)
        #expect(sample.rows.count > 30_000)
        let spanning = zip(sample.lines, sample.lines.dropFirst()).filter { $1 - $0 > 1 }.count
        #expect(spanning > sample.rows.count / 3, "rows spanning lines: \(spanning)")
        let expectedColumns = Self.header.indices.map { c in sample.rows.map { $0[c] } }
        // Every count on the first, a few on the second, to save time.
        for threads in which == 0 ? Self.threadCounts : [1, 3, 4] {
            let reports = Reports()
            let parsed = try parseCSV(sample.bytes, delimiter: which == 0 ? nil : sample.delimiter, threads: threads,
                                      progress: reports.add).get()
            #expect(parsed.header == Self.header)
            #expect(parsed.delimiter == sample.delimiter)
            // The parallel path must really have been taken.
            #expect(threads == 1 ? parsed.chunkCount == 1 : parsed.chunkCount > 1,
                    "\(threads) threads: \(parsed.chunkCount) chunks")
            #expect(firstDifference(parsed.lines, sample.lines, "lines") == nil,
                    "\(threads) threads: \(firstDifference(parsed.lines, sample.lines, "lines") ?? "")")
            for (c, column) in parsed.columns.enumerated() {
                let difference = firstDifference(column.texts, expectedColumns[c], "column '\(Self.header[c])'")
                #expect(difference == nil, "\(threads) threads: \(difference ?? "")")
            }
            #expect(reports.all.last == sample.bytes.count && reports.all == reports.all.sorted(),
                    "\(threads) threads: progress \(reports.all.suffix(3)) of \(sample.bytes.count) bytes")
        }
    }

    /// `bytes` with `inserted` put before row `row` of `sample`.
    static func inserting(_ inserted: [UInt8], beforeRow row: Int, of sample: CSVSample, into bytes: [UInt8]? = nil) -> [UInt8] {
        var bytes = bytes ?? sample.bytes
        bytes.insert(contentsOf: inserted, at: sample.offsets[row])
        return bytes
    }

    /// The error of parsing `bytes` on each thread count (1 first); all must be `expected` (when given) and equal.
    static func expectSameError(_ bytes: [UInt8], _ expected: DataError?, _ what: String, threads counts: [Int] = [1, 3],
                                sourceLocation: SourceLocation = #_sourceLocation) {
        var first: DataError?
        for threads in counts {
            let outcome = parseCSV(bytes, delimiter: .comma, threads: threads)
            guard case .failure(let error) = outcome, let error = error as? DataError else {
                Issue.record("\(what), \(threads) threads: \(outcome) instead of a DataError", sourceLocation: sourceLocation)
                continue
            }
            if let expected {
                #expect(error == expected, "\(what), \(threads) threads", sourceLocation: sourceLocation)
            }
            first = first ?? error
            #expect(error == first, "\(what), \(threads) threads, unlike 1 thread", sourceLocation: sourceLocation)
        }
    }

    @Test func anErrorInALateChunkIsReportedAsWithOneThread() {
        let sample = Self.errorSample
        let late = sample.rows.count * 9 / 10
        let line = sample.lines[late]
        let rest = ",x,1,a,b\n"
        Self.expectSameError(Self.inserting(Array("1,2,3,4,5,6\n".utf8), beforeRow: late, of: sample),
                             .wrongFieldCount(source: "big.csv", line: line, found: 6, expected: 5), "too many fields")
        Self.expectSameError(Self.inserting(Array("1,2,3\n".utf8), beforeRow: late, of: sample),
                             .wrongFieldCount(source: "big.csv", line: line, found: 3, expected: 5), "too few fields")
        Self.expectSameError(Self.inserting(Array("7,ab\"cd,1,a,b\n".utf8), beforeRow: late, of: sample),
                             .malformedCSV(source: "big.csv", line: line, reason: CSVDifferentialTests.strayReason),
                             "a stray quote")
        Self.expectSameError(Self.inserting(Array("7".utf8) + [0] + Array(rest.utf8), beforeRow: late, of: sample),
                             .malformedCSV(source: "big.csv", line: line, reason: "a NUL byte: this is binary data, not CSV text"),
                             "a NUL byte")
        Self.expectSameError(Self.inserting(Array("7,\"two\nlines\u{0}\",1,a,b\n".utf8), beforeRow: late, of: sample),
                             .malformedCSV(source: "big.csv", line: line + 1, reason: "a NUL byte: this is binary data, not CSV text"),
                             "a NUL byte in a quoted field")
        Self.expectSameError(Self.inserting(Array("7,caf".utf8) + [0xC3, 0x28] + Array(",1,a,b\n".utf8), beforeRow: late, of: sample),
                             .unreadableFile(path: "big.csv", reason: "not UTF-8 text: line \(line), column 'text' (save the file as UTF-8)"),
                             "invalid UTF-8")
        // A quote opened on the last line and never closed: the whole last chunk is inside it.
        Self.expectSameError(sample.bytes + Array("8,\"never closed,1,a,b\n9,x,1,a,b\n".utf8),
                             .malformedCSV(source: "big.csv", line: sample.line, reason: "a quoted field starting here is never closed"),
                             "an unclosed quote")
        // A lone quote in the middle puts every later line feed inside quotes; whatever error it makes, it
        // must be the one-thread error.
        Self.expectSameError(Self.inserting(Array("\"".utf8), beforeRow: sample.rows.count / 2, of: sample), nil,
                             "an odd quote in the middle", threads: [1, 2, 7])
    }

    @Test func anEarlyErrorWinsOverALaterOne() {
        let sample = Self.errorSample
        let early = sample.rows.count / 10, middle = sample.rows.count / 2, late = sample.rows.count * 9 / 10
        let nul = Array("7".utf8) + [0] + Array(",x,1,a,b\n".utf8)
        let short = Array("1,2\n".utf8)
        // Insert the later fault first, so that the earlier row's offset still holds.
        var bytes = Self.inserting(nul, beforeRow: late, of: sample)
        bytes = Self.inserting(short, beforeRow: early, of: sample, into: bytes)
        Self.expectSameError(bytes, .wrongFieldCount(source: "big.csv", line: sample.lines[early], found: 2, expected: 5),
                             "a short row early, a NUL late", threads: [1, 2, 7])
        bytes = Self.inserting(short, beforeRow: late, of: sample)
        bytes = Self.inserting(Array("8,\"open".utf8), beforeRow: middle, of: sample, into: bytes)
        Self.expectSameError(bytes, nil, "a quote opened in the middle, a short row late", threads: [1, 2, 7])
        bytes = Self.inserting(Array("7,a\"b,1,a,b\n".utf8), beforeRow: late, of: sample)
        bytes = Self.inserting(Array("7,x,1,a,b,c\n".utf8), beforeRow: middle, of: sample, into: bytes)
        bytes = Self.inserting(Array("7,caf".utf8) + [0xE9] + Array(",1,a,b\n".utf8), beforeRow: early, of: sample, into: bytes)
        Self.expectSameError(bytes, .unreadableFile(path: "big.csv", reason: "not UTF-8 text: line \(sample.lines[early]), "
                                                    + "column 'text' (save the file as UTF-8)"),
                             "invalid UTF-8 early, a long row in the middle, a stray quote late", threads: [1, 2, 7])
    }

    /// A column keeps its numbers' spellings up to ``TableColumn/spellingLimit`` distinct ones in the whole file,
    /// however the rows fall into chunks: by value runs (each chunk sees few) or cycling (each chunk sees all).
    @Test(arguments: [TableColumn.spellingLimit, TableColumn.spellingLimit + 1], [false, true])
    func numberSpellingsAreKeptUpToTheLimitAcrossChunks(distinct: Int, cycling: Bool) throws {
        let rows = 100_000
        var bytes = Array("i,v\n".utf8)
        var expectedKept: [String] = [], expectedDropped: [String] = []
        for r in 0..<rows {
            let j = cycling ? r % distinct : r * distinct / rows
            let spelling = "\(j).50"  // not how FeatureStats writes j + 0.5, so a kept spelling shows
            bytes += Array("\(r),\(spelling)\n".utf8)
            expectedKept.append(spelling)
            expectedDropped.append(FeatureStats.format(Double(j) + 0.5))
        }
        #expect(bytes.count > CSVParser.parallelThreshold)
        let expected = distinct <= TableColumn.spellingLimit ? expectedKept : expectedDropped
        for threads in [1, 4] {
            let parsed = try parseCSV(bytes, delimiter: .comma, threads: threads).get()
            #expect(threads == 1 || parsed.chunkCount > 1)
            let difference = firstDifference(parsed.columns[1].texts, expected, "v")
            #expect(difference == nil, "\(distinct) distinct, cycling \(cycling), \(threads) threads: \(difference ?? "")")
        }
    }

    /// Chunks that hold nothing but blank lines still count their lines, and a file of them is header-only.
    @Test func chunksOfBlankLines() throws {
        let blanks = 300_000
        var bytes = Array("a,b\n".utf8)
        bytes.reserveCapacity(blanks * 8 + 100)
        for _ in 0..<blanks { bytes += Array("  \r\n".utf8) }
        #expect(bytes.count > CSVParser.parallelThreshold)
        for threads in [1, 4] {
            let parsed = try parseCSV(bytes, threads: threads).get()
            #expect(parsed.header == ["a", "b"] && parsed.lines.isEmpty && (threads == 1 || parsed.chunkCount > 1))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        #expect(dataError { _ = try Table(csv: text, source: "blank.csv") } == .headerOnly(source: "blank.csv", columns: ["a", "b"]))
        let middle = bytes.count
        bytes += Array("1,2\n".utf8)
        for _ in 0..<blanks { bytes += Array("\t\n".utf8) }
        bytes += Array("3,4".utf8)
        #expect(bytes.count - middle > CSVParser.parallelThreshold / 2)
        for threads in [1, 3, 4] {
            let parsed = try parseCSV(bytes, threads: threads).get()
            #expect(parsed.lines == [2 + blanks, 3 + 2 * blanks] && parsed.columns.map(\.texts) == [["1", "3"], ["2", "4"]],
                    "\(threads) threads")
        }
        text = String(decoding: bytes, as: UTF8.self)
        #expect(try Table(csv: text).lines == [2 + blanks, 3 + 2 * blanks])
    }
}
