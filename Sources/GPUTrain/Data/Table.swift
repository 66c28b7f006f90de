import Foundation
import SwiftCSV

/// A CSV file as text: a header of column names and rows of fields, every row exactly as long as the header.
///
/// Parsing follows RFC 4180 through SwiftCSV: comma separated, LF or CRLF line endings, fields in double
/// quotes may hold commas and line breaks, and `""` inside quotes is one `"`. On top of SwiftCSV the loader
/// rejects what it would silently repair: a row with too few or too many fields (SwiftCSV pads short rows),
/// a quoted field that is never closed, and a repeated column name. Blank lines are skipped, a UTF-8 byte order
/// mark is ignored and header names are trimmed of surrounding whitespace; fields are kept as written.
///
/// ```swift
/// let table = try Table(csv: TitanicData.trainCSV, source: "titanic/train.csv")
/// table.rows.count                 // 891
/// table.column("Survived")?.first  // "0"
/// ```
public struct Table: Sendable, Equatable {
    /// Column names from the header, in file order.
    public let columns: [String]
    /// Data rows; `rows[i].count == columns.count` for every row.
    public let rows: [[String]]
    /// Where the table came from, for error messages: the file's path, or the name given with the text.
    public let source: String
    /// The 1-based line of the file on which each row starts, for error messages.
    public let lines: [Int]

    /// A table from values already split into fields, e.g. built in code.
    ///
    /// `lines` defaults to `row + 1`, as if the rows followed a header line in a file.
    /// - Throws: ``DataError/wrongFieldCount(source:line:found:expected:)`` for a row whose length differs from
    ///   the header's, ``DataError/duplicateColumn(source:column:)`` for a repeated name.
    public init(columns: [String], rows: [[String]], source: String = "table", lines: [Int]? = nil) throws {
        let lines = lines ?? rows.indices.map { $0 + 2 }
        precondition(lines.count == rows.count, "\(lines.count) line numbers for \(rows.count) rows")
        var seen = Set<String>()
        for name in columns where !seen.insert(name).inserted {
            throw DataError.duplicateColumn(source: source, column: name)
        }
        for (row, line) in zip(rows, lines) where row.count != columns.count {
            throw DataError.wrongFieldCount(source: source, line: line, found: row.count, expected: columns.count)
        }
        self.columns = columns
        self.rows = rows
        self.source = source
        self.lines = lines
    }

    /// Parses CSV text.
    /// - Parameters:
    ///   - text: the whole CSV, header first.
    ///   - source: a name for the text in error messages, e.g. the file it came from.
    /// - Throws: ``DataError`` when the text is empty, has only a header, has a row of the wrong length or
    ///   quoting the parser cannot follow.
    public init(csv text: String, source: String = "CSV text") throws {
        let parsed = try CSVReader.parse(text, source: source)
        guard !parsed.rows.isEmpty else {
            throw DataError.headerOnly(source: source, columns: parsed.header)
        }
        try self.init(columns: parsed.header, rows: parsed.rows, source: source, lines: parsed.lines)
    }

    /// Reads and parses a CSV file (UTF-8); error messages name the file by `path`.
    /// - Throws: ``DataError/fileNotFound(path:)``, ``DataError/unreadableFile(path:reason:)``, or any error of
    ///   ``init(csv:source:)``.
    public init(contentsOfFile path: String) throws {
        let data = try readFile(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        try self.init(csv: text, source: path)
    }

    /// The index of the column named `name`, nil when there is none.
    public func index(of name: String) -> Int? {
        columns.firstIndex(of: name)
    }

    /// Every row's value in column `name`, nil when there is no such column.
    public func column(_ name: String) -> [String]? {
        index(of: name).map { c in rows.map { $0[c] } }
    }
}

/// Throws the ``DataError`` for a path that is missing or a folder.
func checkFile(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw DataError.fileNotFound(path: path)
    }
    guard !isFolder.boolValue else {
        throw DataError.unreadableFile(path: path, reason: "it is a folder")
    }
}

/// Reads a whole file, turning Foundation's errors into one-line ``DataError``s.
func readFile(_ path: String) throws -> Data {
    try checkFile(path)
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
    }
}

/// The raw parse: SwiftCSV's records, unpadded, with the line each starts on.
enum CSVReader {
    static func parse(_ original: String, source: String) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        var text = original
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DataError.emptyCSV(source: source)
        }
        try checkQuotes(text, source: source)
        // SwiftCSV drops an empty last field when the text does not end in a line break ("1," gives one
        // field, not two), so give it one.
        if let last = text.last, !last.isNewline { text.append("\n") }

        var records: [[String]] = []
        do {
            // rowLimit 0: let SwiftCSV parse just the header here; the records come unpadded from the
            // enumeration below, so a short row is seen as short instead of filled with empty fields.
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
        } catch let error as CSVParseError {
            switch error {
            case .generic(let message), .quotation(let message):  // checkQuotes should have caught it first
                throw DataError.malformedCSV(source: source, line: nil, reason: "SwiftCSV: \(message)")
            }
        }

        var header: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        for record in records {
            let start = line
            // Quoted fields may hold line breaks ("\r\n" is one Character), so a record can span lines.
            line += 1 + record.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
            if record.count == 1, record[0].allSatisfy(\.isWhitespace) { continue }  // a blank line
            if header == nil {
                header = record.map { $0.trimmingCharacters(in: .whitespaces) }
            } else {
                rows.append(record)
                lines.append(start)
            }
        }
        guard let header else { throw DataError.emptyCSV(source: source) }
        return (header, rows, lines)
    }

    /// Finds quoting SwiftCSV cannot follow, with its line: a quoted field that is never closed (SwiftCSV
    /// would read it to the end of the text as one field, surfacing later as a puzzling short row), and a
    /// stray quote, which SwiftCSV rejects without saying where. The states mirror SwiftCSV's parser.
    static func checkQuotes(_ text: String, source: String) throws {
        enum State { case fieldStart, unquoted, quoteInUnquoted, quoted, quoteInQuoted }
        var state = State.fieldStart
        var line = 1
        var openedOn = 1
        for char in text {
            switch state {
            case .fieldStart:
                if char == "\"" { (state, openedOn) = (.quoted, line) }
                else if char != "," && !char.isWhitespace { state = .unquoted }
            case .unquoted:
                if char == "\"" { state = .quoteInUnquoted }
                else if char == "," || char.isNewline { state = .fieldStart }
            case .quoteInUnquoted, .quoteInQuoted:
                if char == "\"" { state = state == .quoteInUnquoted ? .unquoted : .quoted }
                else if state == .quoteInQuoted && (char == "," || char.isNewline) { state = .fieldStart }
                else if state == .quoteInUnquoted || !char.isWhitespace {
                    throw DataError.malformedCSV(source: source, line: line, reason: "a stray quote; quote the "
                        + "whole field and double each quote inside it, e.g. \"say \"\"hi\"\"\"")
                }
            case .quoted:
                if char == "\"" { state = .quoteInQuoted }
            }
            if char.isNewline { line += 1 }
        }
        if state == .quoted {
            throw DataError.malformedCSV(source: source, line: openedOn,
                                         reason: "a quoted field starting here is never closed")
        }
    }
}
