import Foundation
@testable import GPUTrain
import Testing

/// Input the reader must refuse with one clear ``DataError`` naming the line (and column), without crashing;
/// and input that is merely large, which it must read.
@Suite struct CSVBadInputTests {
    let folder: TempFolder

    init() throws {
        folder = try TempFolder()
    }

    static let unclosed = "a quoted field starting here is never closed"
    static let nul = "a NUL byte: this is binary data, not CSV text"
    static let stray = CSVDifferentialTests.strayReason

    /// The error of reading `bytes` from a file, checked to be a one-line ``DataError``.
    private func fileError(_ name: String, _ bytes: [UInt8], delimiter: CSVDelimiter? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> (DataError?, String) {
        let path = try folder.write(name, bytes: bytes)
        var thrown: (any Error)?
        do { _ = try Table(contentsOfFile: path, delimiter: delimiter) } catch { thrown = error }
        let error = thrown as? DataError
        if let thrown, error == nil {
            let description = "\(name): threw \(String(reflecting: thrown)), not a DataError"
            Issue.record(Comment(rawValue: description), sourceLocation: sourceLocation)
        }
        if let error { #expect(!error.description.contains("\n"), "\(error) spans lines", sourceLocation: sourceLocation) }
        return (error, path)
    }

    private func fileError(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (DataError?, String) {
        try fileError(name, Array(text.utf8), sourceLocation: sourceLocation)
    }

    @Test func aFileThatEndsInsideAQuotedField() throws {
        let cases: [(String, Int)] = [
            ("a,b\n1,\"open\nmore\n", 2),
            ("a,b\n1,\"", 2),
            ("a,b\r\n1,2\r\n3,\"x\"\"", 3),                  // `""` is a quote inside: still open
            ("a,b\n\"x\ny\",1\n\n2,\"z, and\r\nmore", 5),   // the row before spans lines 2 and 3, then a blank line
            ("a,b\n1,\"\"\"\n", 2),                          // `"""`: open, then a doubled quote
        ]
        for (i, (text, line)) in cases.enumerated() {
            let (error, path) = try fileError("open\(i).csv", text)
            #expect(error == .malformedCSV(source: path, line: line, reason: Self.unclosed), "\(text.debugDescription)")
        }
    }

    @Test func nulBytes() throws {
        let cases: [(String, Int)] = [
            ("a,b\n\u{0},2\n", 2),
            ("a,b\n1,2\n3,x\u{0}y\n", 3),
            ("a,b\n1,2\n\u{0}\n", 3),                         // alone on a line
            ("a,b\n1,  \u{0}\n", 2),                          // after leading spaces
            ("a,b\n1,\"two\nlines \u{0}\"\n", 3),             // inside quotes, after a line break
            ("a,b\n1,x\"\"\u{0}\n", 2),                        // after a doubled quote in an unquoted field
        ]
        for (i, (text, line)) in cases.enumerated() {
            let (error, path) = try fileError("nul\(i).csv", text)
            #expect(error == .malformedCSV(source: path, line: line, reason: Self.nul), "\(text.debugDescription)")
        }
    }

    /// A NUL right after a closing quote is still a NUL byte, not a quoting mistake.
    @Test func aNulByteAfterAClosingQuoteIsReportedAsOne() throws {
        let (error, path) = try fileError("nulquote.csv", "a,b\n1,\"x\"\u{0}\n")
        #expect(error == .malformedCSV(source: path, line: 2, reason: Self.nul))
    }

    /// Faults in the header line are `DataError`s naming line 1 (or the line the header is on), like any other.
    @Test func faultsInTheHeaderLine() throws {
        let cases: [(String, Int, String)] = [
            ("a,\"b\n1,2\n", 1, Self.unclosed),
            ("a,b\"c\n1,2\n", 1, Self.stray),
            ("a,\"b\"c\n1,2\n", 1, Self.stray),
            ("a,b\u{0}\n1,2\n", 1, Self.nul),
            ("\n\r\n  \na,\"b\n1,2\n", 4, Self.unclosed),
        ]
        for (i, (text, line, reason)) in cases.enumerated() {
            let (error, path) = try fileError("header\(i).csv", text)
            #expect(error == .malformedCSV(source: path, line: line, reason: reason), "\(text.debugDescription)")
        }
    }

    @Test func invalidUTF8NamesTheLineAndColumn() throws {
        func reason(_ line: Int, _ column: String) -> String {
            "not UTF-8 text: line \(line), column '\(column)' (save the file as UTF-8)"
        }
        let latin1: [UInt8] = [0x4A, 0x6F, 0x73, 0xE9]  // "José" in Latin-1
        let cases: [([UInt8], Int, String)] = [
            (Array("id,name,age\n1,Ann,30\n2,".utf8) + latin1 + Array(",41\n".utf8), 3, "name"),
            (Array("id,name,age\n1,\"Ann\nB\",30\n2,\"".utf8) + latin1 + Array(", x\",41\n".utf8), 4, "name"),
            (Array("id,name,age\n1,Ann,3".utf8) + [0xFF], 2, "age"),                          // a numeric column, last byte
            (Array("id;name\r\n\r\n1;ok\r\n2;".utf8) + [0xED, 0xA0, 0x80] + Array("\r\n".utf8), 4, "name"),  // a surrogate
            (Array("id,name\n1,".utf8) + [0xC0, 0xAF] + Array("\n".utf8), 2, "name"),          // an overlong encoding
            (Array("id,name\n1,".utf8) + [0xE6, 0x97] + Array("\n".utf8), 2, "name"),          // a cut-off character
        ]
        for (i, (bytes, line, column)) in cases.enumerated() {
            let (error, path) = try fileError("utf8-\(i).csv", bytes)
            #expect(error == .unreadableFile(path: path, reason: reason(line, column)), "case \(i)")
        }
        let (header, path) = try fileError("utf8-header.csv", Array("id,n".utf8) + [0xE9] + Array("e\n1,2\n".utf8))
        #expect(header == .unreadableFile(path: path, reason: "not UTF-8 text: line 1, the name of column 2 (save the file as UTF-8)"))
    }

    /// Line 900,000 of a 900,001-line file holds text in a numeric column: loading succeeds (it is valid CSV),
    /// and fitting features (``Table/split(validPct:seed:options:)``, which calls ``FeatureStats/fit``) names that
    /// row, line and column.
    @Test func textDeepInANumericColumnIsNamedByLineAndColumn() throws {
        let rows = 900_000
        let badRow = 899_999  // 1-based data row; the header is line 1, so this is line 900,000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * 13)
        bytes += Array("x,label,y\n".utf8)
        var counter = Array("1000000".utf8)  // x counts up from 1,000,000 in decimal, incremented in place
        for r in 1...rows {
            var k = counter.count - 1
            while counter[k] == UInt8(ascii: "9") { counter[k] = UInt8(ascii: "0"); k -= 1 }
            counter[k] += 1
            bytes += r == badRow ? Array("12O".utf8) : counter  // a letter O for a zero
            bytes += [UInt8(ascii: ","), UInt8(ascii: r % 3 == 0 ? "a" : "b"), UInt8(ascii: ","),
                      UInt8(ascii: r % 2 == 0 ? "0" : "1"), UInt8(ascii: "\n")]
        }
        let path = try folder.write("deep.csv", bytes: bytes)
        let table = try Table(contentsOfFile: path)
        #expect(table.rowCount == rows)
        #expect(table.lines[badRow - 1] == 900_000 && table.lines.last == rows + 1)
        #expect(table.data[0].text(at: badRow - 1) == "12O" && table.data[0].number(at: badRow - 1) == nil)
        #expect(table.data[0].text(at: badRow) == "1900000" && table.data[0].number(at: 0) == 1_000_001)
        let expected = DataError.nonNumericValue(source: path, column: "x", row: badRow, line: 900_000, value: "12O")
        let split = dataError { _ = try table.split(validPct: 0.2, seed: 1, options: FeatureOptions(target: "y")) }
        #expect(split == expected)
        #expect(split?.description == "\(path), data row 899999 (line 900000): column 'x' is numeric but has '12O'; "
                + "use a number or leave it empty (missing)")
    }

    @Test func aFolderIsNotAFile() throws {
        #expect(dataError { _ = try Table(contentsOfFile: folder.path) }
                == .unreadableFile(path: folder.path, reason: "it is a folder"))
        #expect(dataError { _ = try CSVParser.parse(file: folder.path, delimiter: nil) }
                == .unreadableFile(path: folder.path, reason: "it is a folder"))
        let missing = folder.path + "/missing.csv"
        #expect(dataError { _ = try Table(contentsOfFile: missing) } == .fileNotFound(path: missing))
    }

    @Test func aFileThatShrinksWhileBeingRead() throws {
        let path = try folder.write("shrinking.csv", "a,b\n1,2\n")
        let whole = try CSVParser.parse(file: path, delimiter: nil, expectedSize: 8)
        #expect(whole.header == ["a", "b"] && whole.columns.map(\.texts) == [["1"], ["2"]])
        for expected in [9, 1 << 20] {
            let error = dataError { _ = try CSVParser.parse(file: path, delimiter: nil, expectedSize: expected) }
            guard case .unreadableFile(let errorPath, let reason) = error else {
                Issue.record("expected size \(expected): \(String(describing: error))")
                continue
            }
            #expect(errorPath == path)
            #expect(reason.contains("shrank") && reason.contains("\(expected) bytes"), "\(reason)")
        }
    }

    @Test func aTruncatedLastLine() throws {
        let cases: [(String, Int, Int)] = [
            ("a,b,c\n1,2,3\n4,5", 3, 2),
            ("a,b,c\r\n1,2,3\r\n\r\n4", 4, 1),
            ("a,b,c\n\"x\ny\",2,3\n4,\"5\n6\"", 4, 2),
        ]
        for (i, (text, line, found)) in cases.enumerated() {
            let (error, path) = try fileError("cut\(i).csv", text)
            #expect(error == .wrongFieldCount(source: path, line: line, found: found, expected: 3), "\(text.debugDescription)")
        }
        // The same at the end of a file large enough to be read in chunks.
        let sample = CSVParallelTests.errorSample
        let (error, path) = try fileError("cutbig.csv", sample.bytes + Array("8,\"x\ny\",1".utf8))
        #expect(error == .wrongFieldCount(source: path, line: sample.line, found: 3, expected: 5))
    }

    /// One 20 MB quoted field, with delimiters, line breaks and doubled quotes inside: read whole, and read the
    /// same on any number of threads (no cut can fall inside it).
    @Test func oneEnormousField() throws {
        let piece = Array("lorem, ipsum; \"dolor\"\r\nsit\tamet|\n".utf8)
        let encodedPiece = Array("lorem, ipsum; \"\"dolor\"\"\r\nsit\tamet|\n".utf8)
        let pieces = 20_000_000 / piece.count
        var field: [UInt8] = [], bytes = Array("id,blob,n\n1,\"".utf8)
        field.reserveCapacity(pieces * piece.count)
        bytes.reserveCapacity(pieces * encodedPiece.count + 100)
        for _ in 0..<pieces {
            field += piece
            bytes += encodedPiece
        }
        bytes += Array("\",2\n3,small,4\n".utf8)
        let path = try folder.write("huge.csv", bytes: bytes)
        let table = try Table(contentsOfFile: path)
        #expect(table.rowCount == 2)
        #expect(table.lines == [2, 3 + 2 * pieces])  // two line breaks a piece
        #expect(Array(table.data[1].text(at: 0).utf8) == field)
        #expect(table.data.map { $0.text(at: 1) } == ["3", "small", "4"])
        let oneThread = try parseCSV(bytes, threads: 1).get()
        let parallel = try parseCSV(bytes, threads: 4).get()
        #expect(parallel.lines == oneThread.lines && parallel.columns.map(\.texts) == oneThread.columns.map(\.texts))
    }

    @Test func emptyHeaderOnlyAndDuplicateNames() throws {
        for (i, text) in ["", "\u{FEFF}", " \t\r\n\r\n", "\n\n\n"].enumerated() {
            let (error, path) = try fileError("empty\(i).csv", text)
            #expect(error == .emptyCSV(source: path), "\(text.debugDescription)")
        }
        for (i, text) in ["a,b", "a,b\r\n", "\u{FEFF}a,b\n\n  \n", "a,\"b\"\n\r\n"].enumerated() {
            let (error, path) = try fileError("headeronly\(i).csv", text)
            #expect(error == .headerOnly(source: path, columns: ["a", "b"]), "\(text.debugDescription)")
        }
        for (i, text) in ["a,b,a\n1,2,3\n", "a , b,  a\n1,2,3\n", "\"a\",b,a\n1,2,3\n", "a;b;a\n1;2;3\n"].enumerated() {
            let (error, path) = try fileError("duplicate\(i).csv", text)
            #expect(error == .duplicateColumn(source: path, column: "a"), "\(text.debugDescription)")
        }
    }

    /// A quoted header name may hold a line break; the errors that list or name columns must still be one line.
    @Test func aHeaderNameWithALineBreakKeepsErrorsOnOneLine() throws {
        let (headerOnly, path) = try fileError("multiline-header.csv", "a,\"b\nc\"\n")
        #expect(headerOnly == .headerOnly(source: path, columns: ["a", "b\nc"]))
        let (duplicate, path2) = try fileError("multiline-duplicate.csv", "\"b\r\nc\",\"b\r\nc\"\n1,2\n")
        #expect(duplicate == .duplicateColumn(source: path2, column: "b\r\nc"))
    }
}
