import Foundation
@testable import GPUTrain
import Testing

/// The delimiter is the candidate (comma, semicolon, tab, pipe) most frequent outside quotes in the header line,
/// a comma on a tie or when none occurs; a delimiter that is given wins over detection.
@Suite struct CSVDelimiterTests {
    @Test func detectedFromTheHeaderLine() throws {
        let cases: [(String, CSVDelimiter, [String], [[String]])] = [
            ("a,b,c\n1,2,3\n", .comma, ["a", "b", "c"], [["1", "2", "3"]]),
            ("a;b;c\n1;2;3\n", .semicolon, ["a", "b", "c"], [["1", "2", "3"]]),
            ("a\tb\tc\n1\t2\t3\n", .tab, ["a", "b", "c"], [["1", "2", "3"]]),
            ("a|b|c\n1|2|3\n", .pipe, ["a", "b", "c"], [["1", "2", "3"]]),
            ("first name\tlast name\r\n Ann \t Lee \r\n", .tab, ["first name", "last name"], [["Ann", "Lee"]]),
            // Only the header line counts: European decimals in the rows do not make it a comma file.
            ("price;qty\n1,5;2\n2,25;3\n", .semicolon, ["price", "qty"], [["1,5", "2"], ["2,25", "3"]]),
            // After a BOM and blank lines.
            ("\u{FEFF}\n  \r\nx|y\n1|2\n", .pipe, ["x", "y"], [["1", "2"]]),
            // A single column: nothing to count, so a comma, and a semicolon in the rows is data.
            ("name\nx;y\n", .comma, ["name"], [["x;y"]]),
            // A tie: the comma.
            ("a,b;c\n1,2;3\n", .comma, ["a", "b;c"], [["1", "2;3"]]),
            ("a;b|c;d|e\n1;2|3;4|5\n", .semicolon, ["a", "b|c", "d|e"], [["1", "2|3", "4|5"]]),
        ]
        for (text, delimiter, columns, rows) in cases {
            let table = try Table(csv: text)
            #expect(table.delimiter == delimiter, "\(text.debugDescription)")
            #expect(table.columns == columns, "\(text.debugDescription)")
            #expect(table.rows == rows, "\(text.debugDescription)")
        }
    }

    @Test func quotedDelimitersInTheHeaderDoNotCount() throws {
        let semicolons = "\"last, first\";\"city, state, country\";age\n\"Doe, J\";\"Paris, IDF, FR\";30\n"
        let table = try Table(csv: semicolons)
        #expect(table.delimiter == .semicolon)
        #expect(table.columns == ["last, first", "city, state, country", "age"])
        #expect(table.rows == [["Doe, J", "Paris, IDF, FR", "30"]])
        // Semicolons inside quotes in a comma file, and a quoted name that spans lines.
        let commas = try Table(csv: "\"a;b\",\"c;d;e\",f\n1,2,3\n")
        #expect(commas.delimiter == .comma && commas.columns == ["a;b", "c;d;e", "f"])
        let spanning = try Table(csv: "\"x\n,,,,\";y;z\n1;2;3\n")
        #expect(spanning.delimiter == .semicolon && spanning.columns == ["x\n,,,,", "y", "z"])
        #expect(spanning.lines == [3])
        // Doubled quotes inside a quoted name keep the count in step.
        let doubled = try Table(csv: "\"say \"\"a,b\"\"\"|c|d\n1|2|3\n")
        #expect(doubled.delimiter == .pipe && doubled.columns == ["say \"a,b\"", "c", "d"])
    }

    @Test func aGivenDelimiterOverridesDetection() throws {
        let text = "a;b,c\n1;2,3\n"
        #expect(try Table(csv: text).delimiter == .comma)  // a tie
        let semicolon = try Table(csv: text, delimiter: .semicolon)
        #expect(semicolon.delimiter == .semicolon && semicolon.columns == ["a", "b,c"] && semicolon.rows == [["1", "2,3"]])
        let tab = try Table(csv: "a,b\n1,2\n", delimiter: .tab)
        #expect(tab.delimiter == .tab && tab.columns == ["a,b"] && tab.rows == [["1,2"]])
        let folder = try TempFolder()
        let path = try folder.write("semi.csv", "x;y;z\n1;2;3\n")
        #expect(try Table(contentsOfFile: path).columns == ["x", "y", "z"])
        let pipe = try Table(contentsOfFile: path, delimiter: .pipe)
        #expect(pipe.delimiter == .pipe && pipe.columns == ["x;y;z"] && pipe.rows == [["1;2;3"]])
        // With the wrong delimiter given, a row of another width is an error, as in any other file.
        #expect(dataError { _ = try Table(csv: "a;b\n1;2\n3,4\n", source: "s.csv", delimiter: .comma) }
                == .wrongFieldCount(source: "s.csv", line: 3, found: 2, expected: 1))
    }

    @Test func delimiterArguments() {
        for (argument, delimiter) in [(",", CSVDelimiter.comma), ("comma", .comma), ("Comma", .comma), (";", .semicolon),
                                      ("semicolon", .semicolon), ("\t", .tab), ("\\t", .tab), ("TAB", .tab),
                                      ("|", .pipe), ("pipe", .pipe)] {
            #expect(CSVDelimiter(argument: argument) == delimiter, "\(argument.debugDescription)")
        }
        for argument in ["", ":", " ", "commas", "\\n"] {
            #expect(CSVDelimiter(argument: argument) == nil, "\(argument.debugDescription)")
        }
        #expect(CSVDelimiter.allCases.map(\.name) == ["comma", "semicolon", "tab", "pipe"])
    }
}
