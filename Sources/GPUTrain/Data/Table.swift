import Foundation

/// A CSV file read into typed columns: a header of column names and, per column, every row's field.
///
/// Parsing follows RFC 4180, on the file's bytes: fields separated by a comma (or a semicolon,
/// tab or pipe, detected from the header line or given), LF or CRLF line endings, fields in double quotes may
/// hold the delimiter and line breaks, and `""` inside quotes is one `"`. The reader rejects what it cannot
/// read faithfully, naming the line: a row with too few or too many fields, a quoted field that is never
/// closed, a stray quote, a NUL byte, text that is not UTF-8, and a repeated column name. Blank lines are
/// skipped, a UTF-8 byte order mark is ignored, and names and fields are trimmed of surrounding spaces.
///
/// Each column is stored by type (``TableColumn``): numbers as `Double`s parsed straight from the bytes, text
/// as codes into the column's distinct values. A million-row file is held in about the memory of its numbers.
///
/// ```swift
/// let table = try Table(csv: TitanicData.trainCSV, source: "titanic/train.csv")
/// table.rowCount                   // 891
/// table.column("Survived")?.first  // "0"
/// ```
public struct Table: Sendable, Equatable {
    /// Column names from the header, in file order.
    public let columns: [String]
    /// The columns' data, in the order of ``columns``.
    public let data: [TableColumn]
    /// Where the table came from, for error messages: the file's path, or the name given with the text.
    public let source: String
    /// The 1-based line of the file on which each row starts, for error messages.
    public let lines: [Int]
    /// The delimiter the fields were split on.
    public let delimiter: CSVDelimiter

    /// The number of data rows.
    public var rowCount: Int { lines.count }

    /// Every row as text, in file order: `rows[i][c]` is ``TableColumn/text(at:)`` of column `c`.
    ///
    /// This builds a `String` per field, so it is for small tables and tests; code that reads a large table
    /// goes through ``data`` one column at a time.
    public var rows: [[String]] {
        (0..<rowCount).map { r in data.map { $0.text(at: r) } }
    }

    /// A table from values already split into fields, e.g. built in code. Fields are trimmed of surrounding
    /// spaces and typed as a file's are.
    ///
    /// `lines` defaults to `row + 2`, as if the rows followed a header line in a file.
    /// - Throws: ``DataError/wrongFieldCount(source:line:found:expected:)`` for a row whose length differs from
    ///   the header's, ``DataError/duplicateColumn(source:column:)`` for a repeated name.
    public init(columns: [String], rows: [[String]], source: String = "table", lines: [Int]? = nil) throws {
        let lines = lines ?? rows.indices.map { $0 + 2 }
        precondition(lines.count == rows.count, "\(lines.count) line numbers for \(rows.count) rows")
        for (row, line) in zip(rows, lines) where row.count != columns.count {
            throw DataError.wrongFieldCount(source: source, line: line, found: row.count, expected: columns.count)
        }
        var builders = columns.map { _ in ColumnBuilder(capacity: rows.count) }
        for (row, line) in zip(rows, lines) {
            for (c, field) in row.enumerated() {
                var bytes = Array(field.utf8)
                while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
                let start = bytes.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? bytes.count
                let ok = bytes.withUnsafeBufferPointer { all in
                    builders[c].append(all.baseAddress.map { $0 + start } ?? UnsafePointer(bitPattern: 1)!, all.count - start)
                }
                precondition(ok, "a Swift string is UTF-8 (line \(line))")
            }
        }
        let data = zip(columns, builders).map { name, builder in
            var column = ColumnAssembler(name: name, capacity: rows.count)
            column.append(builder)
            return column.finish()
        }
        try self.init(columns: columns, data: data, source: source, lines: lines, delimiter: .comma)
    }

    private init(columns: [String], data: [TableColumn], source: String, lines: [Int], delimiter: CSVDelimiter) throws {
        var seen = Set<String>()
        for name in columns where !seen.insert(name).inserted {
            throw DataError.duplicateColumn(source: source, column: name)
        }
        self.columns = columns
        self.data = data
        self.source = source
        self.lines = lines
        self.delimiter = delimiter
    }

    /// Parses CSV text.
    /// - Parameters:
    ///   - text: the whole CSV, header first.
    ///   - source: a name for the text in error messages, e.g. the file it came from.
    ///   - delimiter: the field delimiter; nil detects it from the header line.
    /// - Throws: ``DataError`` when the text is empty, has only a header, has a row of the wrong length or
    ///   quoting the parser cannot follow.
    public init(csv text: String, source: String = "CSV text", delimiter: CSVDelimiter? = nil) throws {
        var text = text
        let parsed = try text.withUTF8 { try CSVParser.parse($0, source: source, delimiter: delimiter) }
        try self.init(parsed, source: source)
    }

    /// Reads and parses a CSV file; error messages name the file by `path`.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - delimiter: the field delimiter; nil detects it from the header line.
    ///   - progress: called after each 16 MiB window with the bytes parsed so far and the file's size (to draw a
    ///     progress bar).
    /// - Throws: ``DataError/fileNotFound(path:)``, ``DataError/unreadableFile(path:reason:)``, or any error of
    ///   ``init(csv:source:delimiter:)``.
    public init(contentsOfFile path: String, delimiter: CSVDelimiter? = nil,
                progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws {
        let parsed = try CSVParser.parse(file: path, delimiter: delimiter, progress: progress)
        try self.init(parsed, source: path)
    }

    private init(_ parsed: CSVParser.Result, source: String) throws {
        guard !parsed.lines.isEmpty else { throw DataError.headerOnly(source: source, columns: parsed.header) }
        try self.init(columns: parsed.header, data: parsed.columns, source: source, lines: parsed.lines,
                      delimiter: parsed.delimiter)
    }

    /// The index of the column named `name`, nil when there is none.
    public func index(of name: String) -> Int? {
        columns.firstIndex(of: name)
    }

    /// Every row's value in column `name` as text, nil when there is no such column.
    public func column(_ name: String) -> [String]? {
        index(of: name).map { data[$0].texts }
    }

    /// The first `count` rows (all of them when there are fewer).
    public func prefix(_ count: Int) -> Table {
        let n = min(max(count, 0), rowCount)
        // Cannot throw: the names were checked when this table was made.
        return try! Table(columns: columns, data: data.map { $0.slice(0..<n) }, source: source,
                          lines: Array(lines.prefix(n)), delimiter: delimiter)
    }

    /// Tables are equal when their columns, source, line numbers and every field's text are.
    public static func == (a: Table, b: Table) -> Bool {
        a.columns == b.columns && a.source == b.source && a.lines == b.lines && a.rows == b.rows
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
