/// The character between fields: a comma, or what spreadsheets in many locales write (a semicolon), a tab
/// (`.tsv`), or a pipe.
public enum CSVDelimiter: String, CaseIterable, Sendable, Codable {
    /// `,`, RFC 4180's.
    case comma = ","
    /// `;`, the CSV of spreadsheet programs where the comma is the decimal separator.
    case semicolon = ";"
    /// A tab, as in `.tsv` files.
    case tab = "\t"
    /// `|`.
    case pipe = "|"

    /// Its name in messages: `comma`, `semicolon`, `tab`, `pipe`.
    public var name: String {
        switch self {
        case .comma: "comma"
        case .semicolon: "semicolon"
        case .tab: "tab"
        case .pipe: "pipe"
        }
    }

    var byte: UInt8 { rawValue.utf8.first! }

    /// Reads a delimiter as a user writes one: the character itself, `\t`, or its name.
    public init?(argument: String) {
        let text = argument.lowercased()
        if let found = Self.allCases.first(where: { $0.rawValue == argument || $0.name == text }) {
            self = found
        } else if text == "\\t" {
            self = .tab
        } else {
            return nil
        }
    }

    /// The candidate that occurs most often outside quotes in `header` (a comma on a tie or when none occurs).
    static func detect(header: UnsafeBufferPointer<UInt8>) -> CSVDelimiter {
        var counts = [Int](repeating: 0, count: allCases.count)
        var quoted = false
        for byte in header {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if let k = allCases.firstIndex(where: { $0.byte == byte }) { counts[k] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        return allCases[best]
    }
}
