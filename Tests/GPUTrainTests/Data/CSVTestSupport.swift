import Foundation
@testable import GPUTrain

/// Whether the tests run under CI (`CI` set to anything but empty, `0` or `false`), where a missing tool must
/// fail the run rather than skip a check.
let csvTestsInCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false

/// A CSV file built byte by byte, with what a correct reader must make of it: the header, each data row's
/// trimmed fields, the 1-based line each row starts on, and the byte offset each row starts at.
struct CSVSample {
    let delimiter: CSVDelimiter
    var bytes: [UInt8] = []
    /// The 1-based line the next byte lands on (LF, CRLF and a lone CR each end a line).
    private(set) var line = 1
    var header: [String] = []
    var rows: [[String]] = []
    var lines: [Int] = []
    var offsets: [Int] = []

    init(delimiter: CSVDelimiter) { self.delimiter = delimiter }

    mutating func append(_ text: String) { append(bytes: Array(text.utf8)) }

    mutating func append(bytes new: [UInt8]) {
        var previous = bytes.last ?? 0
        for byte in new {
            if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r")) {
                line += 1
            }
            previous = byte
        }
        bytes += new
    }

    /// Appends a record of already encoded fields and its ending (empty for none), recording it as the header
    /// when there is none yet, else as a row whose trimmed values are `values`.
    mutating func record(encoded: [String], values: [String], ending: String) {
        if header.isEmpty {
            header = values
        } else {
            rows.append(values)
            lines.append(line)
            offsets.append(bytes.count)
        }
        append(encoded.joined(separator: delimiter.rawValue) + ending)
    }
}

/// Draws CSV fields: a value as a correct reader returns it (already trimmed), and the text that encodes it.
///
/// The encodings stay inside what Python's `csv` module (with fields stripped of spaces and tabs afterwards)
/// reads the same way: no space before an opening quote, no quote in an unquoted field, no spaces or tabs at
/// the ends of a quoted value (this reader keeps leading ones inside quotes; `CSVSemanticsTests` pins that).
struct CSVFieldGenerator {
    var rng: SeededGenerator
    let delimiter: CSVDelimiter
    /// Also writes `""` inside unquoted fields (one quote to this reader, two to Python).
    var unquotedDoubledQuotes = false
    /// Also draws quoted values that hold a lone CR line break.
    var loneCR = false

    /// What `special` puts between words.
    let separators: [String]

    init(seed: UInt64, delimiter: CSVDelimiter) {
        rng = SeededGenerator(seed: seed)
        self.delimiter = delimiter
        separators = [delimiter.rawValue, delimiter.rawValue + " ", "\"", "\"\"", "\n", "\r\n", ",", ";", "|", "\t",
                      " \"quoted\" "]
    }

    mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) * 0x1p-53 < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.next(below: range.count) }
    mutating func pick<T>(_ items: [T]) -> T { items[rng.next(below: items.count)] }

    static let words = ["alpha", "Beta", "new york", "x-ray", "café", "naïve", "日本", "Ω", "NaN", "inf", "-inf",
                        "true", "N/A", "?", "a.b", "1a", "e5", "1e", "-", ".", "0x", "Mr. Smith", "a  b", "tab\tin",
                        "emoji 🙂", "z"]
    static let joiners = [" ", "  ", " - "], prefixes = ["+", "00"]
    static let decimals = ["-3.25", ".5", "1e-3", "2.5E+4", "-0.0", "1.", "6.02e23", "0.1", "-.75", "+2.5", "1E3",
                           "12345678901234567890", "0.000000000000000000000000001", "3.141592653589793238"]

    /// A value, trimmed of spaces and tabs; empty only when `allowEmpty`.
    mutating func value(allowEmpty: Bool = true) -> String {
        while true {
            var v: String
            switch int(0...99) {
            case 0..<10: v = ""
            case 10..<35:
                v = pick(Self.words)
                if chance(0.3) { v += pick(Self.joiners) + pick(Self.words) }
            case 35..<55:
                v = String(int(-300...300))
                if chance(0.05) { v = pick(Self.prefixes) + String(int(0...99)) }
            case 55..<75:
                // Few enough spellings (about 1,600 in all) that a column keeps them over any number of rows.
                v = chance(0.5) ? pick(Self.decimals) : "\(int(-9...9)).\(int(0...39))"
            default:
                v = special()
            }
            v = trimmed(v)
            if !v.isEmpty || allowEmpty { return v }
        }
    }

    /// A value that needs quotes: the delimiter, quotes or line breaks inside it.
    mutating func special() -> String {
        var parts: [String] = []
        for _ in 0..<int(1...3) {
            parts.append(pick(Self.words))
            parts.append(loneCR && chance(0.08) ? "\r" : pick(separators))
        }
        if chance(0.2) { parts.insert(pick(Self.openers), at: 0) }
        if chance(0.3) { parts.removeLast() }
        return parts.joined()
    }

    static let openers = ["\n", "\"", "\r\n"]
    static let tabPaddings = [" ", "  ", "   "], paddings = [" ", "  ", "\t", " \t "]
    static let tabBlankLines = ["", " ", "   "], blankLines = ["", " ", "\t", "  \t "]

    /// Spaces (and tabs, unless the delimiter is a tab) to put around a field.
    mutating func padding() -> String {
        guard chance(0.25) else { return "" }
        return pick(delimiter == .tab ? Self.tabPaddings : Self.paddings)
    }

    /// The text of a field holding `value`: quoted when it must be (or at random), padded at random.
    mutating func encode(_ value: String) -> String {
        let quote = UInt8(ascii: "\""), d = delimiter.byte
        var hasQuote = false, hasBreakOrDelimiter = false
        for byte in value.utf8 {
            if byte == quote { hasQuote = true }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == d { hasBreakOrDelimiter = true }
        }
        if unquotedDoubledQuotes, hasQuote, !hasBreakOrDelimiter, value.utf8.first != quote, chance(0.5) {
            return doubled(value) + padding()
        }
        if hasQuote || hasBreakOrDelimiter || chance(0.2) {
            return "\"" + (hasQuote ? doubled(value) : value) + "\"" + padding()
        }
        return padding() + value + padding()
    }

    /// `value` with each quote doubled.
    func doubled(_ value: String) -> String {
        var bytes: [UInt8] = []
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A line that a reader skips: nothing, or spaces (and tabs unless they delimit).
    mutating func blankLine() -> String {
        pick(delimiter == .tab ? Self.tabBlankLines : Self.blankLines)
    }

    func trimmed(_ s: String) -> String {
        let utf8 = s.utf8
        let isPad = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let f = utf8.first, let l = utf8.last, isPad(f) || isPad(l) else { return s }
        var scalars = Substring(s).unicodeScalars
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

/// What ``CSVParser/parse(_:source:delimiter:threads:progress:)`` made of some bytes, its columns joined.
struct ParsedCSV {
    var header: [String]
    var lines: [Int]
    var delimiter: CSVDelimiter
    /// How many chunks the input was parsed in.
    var chunkCount: Int
    var columns: [TableColumn]
}

/// Parses `bytes` with ``CSVParser`` on `threads` threads; the joined columns, or the error.
func parseCSV(_ bytes: [UInt8], source: String = "big.csv", delimiter: CSVDelimiter? = nil, threads: Int,
              progress: ((Int) -> Void)? = nil) -> Result<ParsedCSV, Error> {
    bytes.withUnsafeBufferPointer { buffer in
        Result {
            let result = try CSVParser.parse(buffer, source: source, delimiter: delimiter, threads: threads,
                                             progress: progress)
            return ParsedCSV(header: result.header, lines: result.lines, delimiter: result.delimiter,
                             chunkCount: result.chunkCount, columns: result.columns)
        }
    }
}

/// The first difference between two lists, described for a failure message; nil when they are equal.
func firstDifference<T: Equatable>(_ actual: [T], _ expected: [T], _ what: String) -> String? {
    for i in 0..<min(actual.count, expected.count) where actual[i] != expected[i] {
        return "\(what)[\(i)]: \(String(reflecting: actual[i])) but expected \(String(reflecting: expected[i]))"
    }
    return actual.count == expected.count ? nil : "\(what): \(actual.count) items but expected \(expected.count)"
}

/// Failures of a randomized test: how many, and the first few in full (describing each costs time).
struct FailureLog: CustomStringConvertible {
    var count = 0
    var first: [String] = []

    mutating func add(_ message: @autoclosure () -> String) {
        count += 1
        if first.count < 5 { first.append(message()) }
    }

    var description: String { "\(count) failures; the first:\n" + first.joined(separator: "\n") }
}
