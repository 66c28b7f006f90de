/// One column of a ``Table``, stored by type rather than as text: numbers as `Double`, everything else as codes
/// into a list of the column's distinct values.
///
/// A field is empty (nothing but spaces), a finite number, or text, and keeps that state: `number(at:)` gives the
/// value of a number without parsing it again, `text(at:)` the field as written (without surrounding spaces). The
/// spellings of a column's numbers are kept while it has at most ``spellingLimit`` distinct ones, which covers
/// codes, counts and class labels; a column with more is continuous, and `text(at:)` then writes its numbers the
/// way ``FeatureStats`` writes fill values (`24`, `0.5`).
public struct TableColumn: Sendable {
    /// Distinct numbers whose spellings a column keeps; past this only their values are kept.
    public static let spellingLimit = 4096

    /// The column's name in the header.
    public let name: String
    /// Per row: the field's value when it is a finite number, else NaN.
    let numbers: [Double]
    /// Per row: an index into `values`, or -1 (empty, or a number whose spelling is not kept). Empty when no row
    /// has an index.
    let codes: [Int32]
    /// The distinct texts (and kept number spellings), in the order first seen in the file.
    let values: [String]
    /// Per value: its number when it spells a finite one, else NaN.
    let valueNumbers: [Double]
    /// Per value: whether `Double(String)` reads it at all (`nan` and `inf` included).
    let valueIsNumeric: [Bool]

    /// The number of rows.
    public var count: Int { numbers.count }

    /// The field in `row` as written, without surrounding spaces; empty for an empty field.
    public func text(at row: Int) -> String {
        if !codes.isEmpty, codes[row] >= 0 { return values[Int(codes[row])] }
        let x = numbers[row]
        return x.isNaN ? "" : FeatureStats.format(x)
    }

    /// The field's value when it is a finite number, else nil.
    public func number(at row: Int) -> Double? {
        let x = numbers[row]
        return x.isNaN ? nil : x
    }

    /// Whether the field is empty (or only spaces).
    public func isEmpty(at row: Int) -> Bool {
        numbers[row].isNaN && (codes.isEmpty || codes[row] < 0)
    }

    /// The index into `values` of a text field (or a kept spelling), nil for an empty field or a bare number.
    @inline(__always)
    func code(at row: Int) -> Int? {
        codes.isEmpty || codes[row] < 0 ? nil : Int(codes[row])
    }

    /// Every field as text.
    public var texts: [String] { (0..<count).map(text(at:)) }

    /// The rows `range`, as a column of their own.
    func slice(_ range: Range<Int>) -> TableColumn {
        TableColumn(name: name, numbers: Array(numbers[range]), codes: codes.isEmpty ? [] : Array(codes[range]),
                    values: values, valueNumbers: valueNumbers, valueIsNumeric: valueIsNumeric)
    }
}

extension TableColumn {
    /// Joins the chunks of one column, read in parallel, in file order.
    init(name: String, chunks: [ColumnBuilder]) {
        let kept = chunks.allSatisfy(\.spellingsKept)
        if let merged = Self.merge(name: name, chunks: chunks, keepSpellings: kept) {
            self = merged
        } else {
            self = Self.merge(name: name, chunks: chunks, keepSpellings: false)!
        }
    }

    /// Nil when the chunks together have more distinct number spellings than the limit while keeping them.
    private static func merge(name: String, chunks: [ColumnBuilder], keepSpellings: Bool) -> TableColumn? {
        var interner = ByteInterner()
        var values: [String] = [], valueNumbers: [Double] = [], valueIsNumeric: [Bool] = []
        var spellings = 0
        var maps: [[Int32]] = []
        for chunk in chunks {
            var map = [Int32](repeating: -1, count: chunk.values.count)
            for local in 0..<chunk.values.count {
                let x = chunk.valueNumbers[local]
                if x.isFinite && !keepSpellings { continue }
                let (id, isNew) = chunk.values.withValue(local) { interner.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
                if isNew {
                    values.append(chunk.values.withValue(local) { String(decoding: $0, as: UTF8.self) })
                    valueNumbers.append(x)
                    valueIsNumeric.append(chunk.valueIsNumeric[local])
                    if x.isFinite {
                        spellings += 1
                        if spellings > spellingLimit { return nil }
                    }
                }
                map[local] = id
            }
            maps.append(map)
        }
        let rows = chunks.reduce(0) { $0 + $1.count }
        var numbers: [Double] = []
        numbers.reserveCapacity(rows)
        for chunk in chunks { numbers.append(contentsOf: chunk.numbers.buffer) }
        var codes: [Int32] = []
        if maps.contains(where: { $0.contains { $0 >= 0 } }) {
            codes.reserveCapacity(rows)
            for (chunk, map) in zip(chunks, maps) {
                if chunk.codes.count == 0 {
                    codes.append(contentsOf: repeatElement(-1, count: chunk.count))
                } else {
                    codes += chunk.codes.buffer.lazy.map { $0 < 0 ? -1 : map[Int($0)] }
                }
            }
        }
        return TableColumn(name: name, numbers: numbers, codes: codes, values: values, valueNumbers: valueNumbers,
                           valueIsNumeric: valueIsNumeric)
    }
}
