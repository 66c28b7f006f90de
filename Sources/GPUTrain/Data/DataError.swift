import Foundation

/// Why a data set could not be read or turned into features.
///
/// Every description is one line that names what to fix: the file (or the name given with CSV text), the
/// column, and the row. `row` is the 1-based data row (the header is not counted); `line` is the 1-based
/// line of the file that row starts on, which is `row + 1` unless a quoted field spans lines or blank
/// lines were skipped.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: Files
    /// Nothing at `path`.
    case fileNotFound(path: String)
    /// `path` exists but could not be read (a folder, no permission, not UTF-8 text).
    case unreadableFile(path: String, reason: String)

    // MARK: CSV shape
    /// No header line: the text is empty or only whitespace.
    case emptyCSV(source: String)
    /// A header and no data rows.
    case headerOnly(source: String, columns: [String])
    /// Quoting the parser cannot follow, e.g. a quoted field that is never closed; `line` is nil when unknown.
    case malformedCSV(source: String, line: Int?, reason: String)
    /// A row with more or fewer fields than the header has columns.
    case wrongFieldCount(source: String, line: Int, found: Int, expected: Int)
    /// Two header columns with one name, so a column name would be ambiguous.
    case duplicateColumn(source: String, column: String)

    // MARK: Columns and values
    /// The target column is not in the header.
    case missingTarget(source: String, column: String, available: [String])
    /// A column named in an option (`drop`, `idColumn`) is not in the header.
    case unknownColumn(source: String, column: String, option: String, available: [String])
    /// A row with an empty target value: a row without a label cannot be trained or scored on.
    case missingTargetValue(source: String, column: String, row: Int, line: Int)
    /// Every row has the same target value, so there is nothing to learn.
    case constantTarget(source: String, column: String, value: String)
    /// More distinct target values than a classifier should be given: probably a continuous column.
    case tooManyClasses(source: String, column: String, count: Int, limit: Int)
    /// A target value that was not among the classes the statistics were fitted with.
    case unknownClass(source: String, column: String, row: Int, line: Int, value: String, known: [String])
    /// `nan`, `inf` or a value whose transform (e.g. `log(x + 1)`) is not finite, in a numeric column.
    case nonFiniteValue(source: String, column: String, row: Int, line: Int, value: String)
    /// Text that is not a number in a numeric column.
    case nonNumericValue(source: String, column: String, row: Int, line: Int, value: String)
    /// Every column was dropped or used as the target or ID; `notes` say why each went.
    case noFeatures(source: String, notes: [String])
    /// Applying saved statistics to a table that lacks a column they need.
    case missingFeatureColumn(source: String, column: String, available: [String])

    // MARK: Splits
    /// Fewer rows than the operation needs.
    case tooFewRows(source: String, rows: Int, needed: Int)
    /// A split that leaves one part empty, e.g. 10% of 5 rows.
    case emptySplit(source: String, rows: Int, validPct: Double, part: String)
    /// A validation fraction outside the open interval (0, 1).
    case badValidPct(Double)

    // MARK: IDX files
    /// None of the accepted spellings of an IDX file is in `folder`.
    case idxFileNotFound(folder: String, tried: [String])
    /// The first four bytes are not the IDX magic number for this kind of file.
    case badIDXMagic(path: String, found: UInt32, expected: UInt32)
    /// The header's dimensions do not match the file's length, or are zero.
    case badIDXSize(path: String, reason: String)
    /// An images file and a labels file that hold different numbers of items.
    case idxCountMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label outside `0..<classCount`.
    case badLabel(path: String, index: Int, value: Int, classCount: Int)
    /// `gzip -dc` could not be run or failed.
    case decompressionFailed(path: String, reason: String)
    /// Images of another size than a model was trained on (`found` and `expected` as `height×width`).
    case imageSizeMismatch(path: String, found: String, expected: String)

    /// One line saying what is wrong and where.
    public var description: String {
        // Names and values come from the data and may hold line breaks (quoted in a CSV); written as \n they keep
        // the message on one line.
        message.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    private var message: String {
        switch self {
        case .fileNotFound(let path):
            return "no file at \(path)"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(oneLine(reason))"
        case .emptyCSV(let source):
            return "\(source) is empty: a CSV needs a header line and at least one data row"
        case .headerOnly(let source, let columns):
            return "\(source) has a header (\(list(columns))) but no data rows"
        case .malformedCSV(let source, let line, let reason):
            return "\(source)\(line.map { ", line \($0)" } ?? ""): \(oneLine(reason))"
        case .wrongFieldCount(let source, let line, let found, let expected):
            return "\(source), line \(line): \(found) field\(found == 1 ? "" : "s") but the header has \(expected) "
                + "columns (a comma inside a value needs quotes)"
        case .duplicateColumn(let source, let column):
            return "\(source): the header names column '\(column)' twice"
        case .missingTarget(let source, let column, let available):
            return "\(source) has no target column '\(column)'; columns: \(list(available))"
        case .unknownColumn(let source, let column, let option, let available):
            return "\(source) has no column '\(column)' (given in \(option)); columns: \(list(available))"
        case .missingTargetValue(let source, let column, let row, let line):
            return "\(source), data row \(row) (line \(line)): the target '\(column)' is empty"
        case .constantTarget(let source, let column, let value):
            return "\(source): every row has target '\(column)' = '\(value)'; there is nothing to learn"
        case .tooManyClasses(let source, let column, let count, let limit):
            return "\(source): target '\(column)' has \(count) distinct values, more than \(limit) classes; "
                + "is it a number to predict (--task regression)?"
        case .unknownClass(let source, let column, let row, let line, let value, let known):
            return "\(source), data row \(row) (line \(line)): target '\(column)' = '\(value)' is not one of the "
                + "fitted classes \(list(known))"
        case .nonFiniteValue(let source, let column, let row, let line, let value):
            return "\(source), data row \(row) (line \(line)): column '\(column)' has \(value), which is NaN or "
                + "infinite; use a finite number or leave it empty (missing)"
        case .nonNumericValue(let source, let column, let row, let line, let value):
            return "\(source), data row \(row) (line \(line)): column '\(column)' is numeric but has '\(value)'; "
                + "use a number or leave it empty (missing)"
        case .noFeatures(let source, let notes):
            return "\(source): no feature columns are left (\(notes.joined(separator: "; ")))"
        case .missingFeatureColumn(let source, let column, let available):
            return "\(source) lacks column '\(column)', which the fitted features use; columns: \(list(available))"
        case .tooFewRows(let source, let rows, let needed):
            return "\(source) has \(rows) data row\(rows == 1 ? "" : "s"); at least \(needed) are needed"
        case .emptySplit(let source, let rows, let validPct, let part):
            return "\(source): a \(validPct) validation split of \(rows) rows leaves no \(part) rows"
        case .badValidPct(let pct):
            return "validation fraction \(pct) must be between 0 and 1 (exclusive), e.g. 0.2"
        case .idxFileNotFound(let folder, let tried):
            return "no \(tried.first ?? "IDX file") in \(folder) (looked for \(tried.joined(separator: ", ")))"
        case .badIDXMagic(let path, let found, let expected):
            return "\(path) is not an IDX file of the expected kind: magic number \(hex(found)), expected \(hex(expected))"
        case .badIDXSize(let path, let reason):
            return "\(path): \(oneLine(reason))"
        case .idxCountMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(images) has \(imageCount) images but \(labels) has \(labelCount) labels"
        case .badLabel(let path, let index, let value, let classCount):
            return "\(path): label \(index) is \(value), outside 0..<\(classCount)"
        case .decompressionFailed(let path, let reason):
            return "cannot decompress \(path) with gzip: \(oneLine(reason))"
        case .imageSizeMismatch(let path, let found, let expected):
            return "\(path) holds \(found) images, but the model was trained on \(expected) images"
        }
    }
}

/// Column lists in messages: quoted names, shortened past 20 so a wide file still gives one readable line.
private func list(_ names: [String]) -> String {
    let shown = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
    return names.count > 20 ? "\(shown), … (\(names.count) in all)" : shown
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// Keeps a description on one line when it embeds text from elsewhere (a tool's stderr, a parser's message).
private func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }.joined(separator: " ")
}
