import Foundation
@testable import GPUTrain
import Testing

/// The reader's grammar, case by case: line endings, trimming, quotes, blank lines, and numbers kept as written.
@Suite struct CSVSemanticsTests {
    @Test func recordsEndAtLFCRLFOrALoneCR() throws {
        let cr = try Table(csv: "a,b\r1,2\r\r3,4")
        #expect(cr.rows == [["1", "2"], ["3", "4"]] && cr.lines == [2, 4])
        let mixed = try Table(csv: "a,b\n1,2\r\n3,4\r5,6\n\r\n7,8\r")
        #expect(mixed.rows == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(mixed.lines == [2, 3, 4, 6])
        // Inside quotes each kind is data, and counts as a line.
        let quoted = try Table(csv: "a,b\n\"x\ry\",\"p\r\nq\nr\"\n1,2\n")
        #expect(quoted.rows == [["x\ry", "p\r\nq\nr"], ["1", "2"]] && quoted.lines == [2, 6])
    }

    @Test func fieldsAreTrimmedOfSpacesAndTabsOutsideQuotes() throws {
        // Given: the header has more tabs than commas.
        let table = try Table(csv: " a \t,\tb  \n  new   york \t, \"x\" \t \r\n\t1\t,\"y\"\n", delimiter: .comma)
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [["new   york", "x"], ["1", "y"]])
        // A tab that delimits is not trimmed away.
        let tabs = try Table(csv: "a\tb\tc\n 1 \t\t 3 \n", delimiter: .tab)
        #expect(tabs.rows == [["1", "", "3"]])
    }

    /// Every field is trimmed of surrounding spaces and tabs, quoted or not (the reader trims the end of a quoted
    /// value, so it must trim the start too, as ``Table/init(columns:rows:source:lines:)`` does).
    @Test func quotedValuesAreTrimmedAtBothEnds() throws {
        let table = try Table(csv: "\" a \",b\n\" x \",\"\ty\t\"\n")
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [["x", "y"]])
        let number = try Table(csv: "n,m\n\" 5\",1\n\" 6\",2\n")
        #expect(number.data[0].number(at: 0) == 5)
        #expect(table.rows == (try Table(columns: ["a", "b"], rows: [[" x ", "\ty\t"]])).rows)
    }

    @Test func quotesAndDoubledQuotes() throws {
        let table = try Table(csv: "a,b,c\n\"say \"\"hi\"\"\",say \"\"hi\"\",\"\"\"\"\n\"\",x\"\",\"a,b\"\n")
        #expect(table.rows == [["say \"hi\"", "say \"hi\"", "\""], ["", "x\"", "a,b"]])
        // A stray quote in an unquoted field, or text after a closing quote, names its line.
        let stray = DataError.malformedCSV(source: "s", line: 3, reason: CSVDifferentialTests.strayReason)
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n3,4\"5\n", source: "s") } == stray)
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n3,\"4\"5\n", source: "s") } == stray)
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n3,\"4\" \"5\"\n", source: "s") } == stray)
        #expect(dataError { _ = try Table(csv: "a,b\n\"1\n\n\",2\n3,x\"\n", source: "s") }
                == .malformedCSV(source: "s", line: 5, reason: CSVDifferentialTests.strayReason))
    }

    @Test func blankLinesAreSkippedAndCounted() throws {
        let table = try Table(csv: "\n \t \r\na,b\n\n1,2\n  \n\"\"\n ,\n\t\"\"  \r\n3,4\n\n")
        #expect(table.rows == [["1", "2"], ["", ""], ["3", "4"]])
        #expect(table.lines == [5, 8, 10])
        // One column: an empty field is a blank line, and a quoted line break is not.
        let single = try Table(csv: "x\n1\n\n  \n\"\"\n\"\n\"\n2")
        #expect(single.rows == [["1"], ["\n"], ["2"]] && single.lines == [2, 6, 8])
    }

    /// A line holding only `""` is a blank line wherever it is, before the header too.
    @Test func aQuotedEmptyLineBeforeTheHeaderIsBlank() throws {
        let table = try Table(csv: "\"\"\na,b\n1,2\n")
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [["1", "2"]] && table.lines == [3])
    }

    @Test func aByteOrderMarkIsIgnoredOnlyAtTheStart() throws {
        let table = try Table(csv: "\u{FEFF}a,b\n1,\u{FEFF}x\n")
        #expect(table.columns == ["a", "b"] && table.rows == [["1", "\u{FEFF}x"]])
        let quoted = try Table(csv: "\u{FEFF}\"a\",b\n1,2\n")
        #expect(quoted.columns == ["a", "b"])
    }

    @Test func numbersAreKeptAsWritten() throws {
        let spellings = ["1.0", "01", "+5", "1E3", ".5", "-0", "1e-3", "0x1p3", "1e400", "nan", "NaN", "inf", "-Infinity",
                         "12345678901234567890", "1.", "9007199254740993", "5e-324", "1e", "-", "1,5"]
        let values: [Double?] = [1, 1, 5, 1000, 0.5, -0.0, 0.001, 8, nil, nil, nil, nil, nil, 1.2345678901234567890e19, 1,
                                 9007199254740992, .leastNonzeroMagnitude, nil, nil, nil]
        let text = "n,i\n" + spellings.enumerated().map { "  \"\($1)\" ,\($0)\n" }.joined()
        let table = try Table(csv: text)
        #expect(table.column("n") == spellings)
        for (row, (spelling, value)) in zip(spellings, values).enumerated() {
            let number = table.data[0].number(at: row)
            #expect(number?.bitPattern == value?.bitPattern, "\(spelling): \(String(describing: number))")
            #expect(table.data[0].isEmpty(at: row) == false)
        }
        // Empty is empty, not zero.
        let gaps = try Table(csv: "n,m\n,1\n \"\" ,2\n")
        #expect(gaps.data[0].isEmpty(at: 0) && gaps.data[0].isEmpty(at: 1) && gaps.data[0].number(at: 0) == nil)
    }

    /// The fast number path must agree with `Double(String)` bit for bit whenever it answers.
    @Test func fastNumbersMatchDoubleParsing() {
        var rng = SeededGenerator(seed: 7)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.next(below: 10))) }) }
        var answered = 0
        var mismatches = FailureLog()
        let fixed = ["9007199254740992", "9007199254740993", "1e22", "1e23", "1e-22", "1e-23", "0.1", "4.35",
                     "123456789012345678901", "1234567890123456789", "0e999999", "-0e-5", "00000000000000000000001",
                     "0.000000000000000000001", "1e+", "e1", ".e1", "1.e1", "+.5", "-.", "1e-0", "2.2250738585072014e-308"]
        var spellings = fixed
        for _ in 0..<100_000 {
            var s = ["", "-", "+"][rng.next(below: 3)] + digits(rng.next(below: 22))
            if rng.next(below: 2) == 0 { s += "." + digits(rng.next(below: 12)) }
            if rng.next(below: 3) == 0 { s += ["e", "E"][rng.next(below: 2)] + ["", "-", "+"][rng.next(below: 3)] + digits(rng.next(below: 4)) }
            spellings.append(s)
        }
        for s in spellings {
            let fast = Array(s.utf8).withUnsafeBufferPointer { NumberParser.fastDouble($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            guard let fast else { continue }
            answered += 1
            let slow = Double(s)
            if slow?.bitPattern != fast.bitPattern {
                mismatches.add("\(s): fast \(fast), Double(String) \(String(describing: slow))")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches)")
        #expect(answered > spellings.count / 3, "the fast path answered \(answered) of \(spellings.count)")
    }

    /// In a file a number is read eight bytes at a time, or a byte at a time near the input's end; either way it
    /// is `Double(String)`'s value, and anything else is text.
    @Test func numbersInAFileMatchDoubleParsing() throws {
        var rng = SeededGenerator(seed: 11)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.next(below: 10))) }) }
        var spellings: [String] = ["-0", "-0.000", "+0.5", "1234567.1234567", "12345678.123", "1.12345678", "-.5"]
        for _ in 0..<50_000 {
            var s = ["", "-", "+"][rng.next(below: 3)] + digits(rng.next(below: 10))
            if rng.next(below: 2) == 0 { s += "." + digits(rng.next(below: 10)) }
            if rng.next(below: 10) == 0 { s += ["e", "E"][rng.next(below: 2)] + digits(rng.next(below: 3)) }
            spellings.append(s)
        }
        let table = try Table(csv: "x,y\n" + spellings.map { "\($0),1" }.joined(separator: "\n") + "\n")
        var mismatches = FailureLog()
        for (r, s) in spellings.enumerated() {
            let expected = Double(s).flatMap { $0.isFinite ? $0 : nil }
            let got = table.data[0].number(at: r)
            if got?.bitPattern != expected?.bitPattern {
                mismatches.add("row \(r), '\(s)': \(String(describing: got)), Double(String) \(String(describing: expected))")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches)")
    }

    @Test func textAndFileGiveTheSameTable() throws {
        let text = "\u{FEFF}id;name;score\r\n1;\"Lee; A\";3.50\r\n\r\n2;\"multi\nline\";-1\r\n"
        let folder = try TempFolder()
        let path = try folder.write("same.csv", text)
        let fromText = try Table(csv: text, source: path)
        let fromFile = try Table(contentsOfFile: path)
        #expect(fromText == fromFile)
        #expect(fromFile.rows == [["1", "Lee; A", "3.50"], ["2", "multi\nline", "-1"]] && fromFile.lines == [2, 4])
    }
}
