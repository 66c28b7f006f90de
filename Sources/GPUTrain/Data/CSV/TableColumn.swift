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
    /// Per row: the field's value when it is a finite number, else NaN. Read-only once the column is made.
    let numbers: GrowableBuffer<Double>
    /// Per row: an index into `values`, or -1 (empty, or a number whose spelling is not kept). Empty when no row
    /// has an index. Read-only once the column is made.
    let codes: GrowableBuffer<Int32>
    /// The distinct texts (and kept number spellings), in the order first seen in the file.
    let values: [String]
    /// Per value: its number when it spells a finite one, else NaN.
    let valueNumbers: [Double]
    /// Per value: whether `Double(String)` reads it at all (`nan` and `inf` included).
    let valueIsNumeric: [Bool]
    /// Whether every number's spelling is among the values (so every row holding a number has a code).
    let spellingsKept: Bool

    /// The number of rows.
    public var count: Int { numbers.count }

    /// The field in `row` as written, without surrounding spaces; empty for an empty field.
    public func text(at row: Int) -> String {
        if codes.count > 0, codes[row] >= 0 { return values[Int(codes[row])] }
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
        numbers[row].isNaN && (codes.count == 0 || codes[row] < 0)
    }

    /// The index into `values` of a text field (or a kept spelling), nil for an empty field or a bare number.
    @inline(__always)
    func code(at row: Int) -> Int? {
        codes.count == 0 || codes[row] < 0 ? nil : Int(codes[row])
    }

    /// Every field as text.
    public var texts: [String] { (0..<count).map(text(at:)) }

    /// What a column holds, by the rule the generic features use.
    public enum Kind: String, Sendable {
        /// Every field is empty.
        case empty
        /// At least 90% of the non-empty fields read as numbers (`nan` and `inf` count, and are errors later).
        case numeric
        /// Anything else: text, to become categories.
        case categorical
    }

    /// The column's kind, from every row.
    public var kind: Kind { census().kind }

    /// One pass over the rows: what ``kind`` and the generic features decide on.
    struct Census {
        var present = 0
        /// Fields that read as numbers, finite or not.
        var numeric = 0
        /// The first non-empty row.
        var first: Int?
        /// Up to two distinct finite values: enough to tell a constant column.
        var distinctNumbers = Set<Double>()
        /// Whether some field is `nan` or `inf`.
        var nonFinite = false

        var kind: Kind { present == 0 ? .empty : numeric * 10 >= present * 9 ? .numeric : .categorical }
    }

    func census() -> Census {
        var census = Census()
        if codes.count == 0 {
            // Numbers and gaps only (a continuous column): one loop over the values, with no text to look up.
            let x = UnsafePointer(numbers.base), n = count
            var r = 0
            while r < n, x[r].isNaN { r += 1 }
            guard r < n else { return census }
            census.first = r
            census.distinctNumbers.insert(x[r] + 0.0)
            var gaps = 0, second: Double?
            for k in r ..< n {
                let v = x[k]
                if v.isNaN {
                    gaps += 1
                } else if second == nil, v != x[r] {
                    second = v + 0.0
                }
            }
            if let second { census.distinctNumbers.insert(second) }
            census.present = n - r - gaps
            census.numeric = census.present
            return census
        }
        for r in 0..<count {
            if let x = number(at: r) {
                census.present += 1
                census.numeric += 1
                if census.distinctNumbers.count < 2 { census.distinctNumbers.insert(x + 0.0) }
            } else if let code = code(at: r) {
                census.present += 1
                if valueIsNumeric[code] {
                    census.numeric += 1
                    census.nonFinite = true
                }
            } else {
                continue
            }
            census.first = census.first ?? r
        }
        return census
    }

    /// The rows `range`, as a column of their own.
    func slice(_ range: Range<Int>) -> TableColumn {
        func part<T>(_ buffer: GrowableBuffer<T>) -> GrowableBuffer<T> {
            let copy = GrowableBuffer<T>(capacity: buffer.count == 0 ? 0 : range.count)
            if buffer.count > 0 { copy.append(contentsOf: UnsafeBufferPointer(rebasing: buffer.buffer[range])) }
            return copy
        }
        return TableColumn(name: name, numbers: part(numbers), codes: part(codes), values: values,
                           valueNumbers: valueNumbers, valueIsNumeric: valueIsNumeric, spellingsKept: spellingsKept)
    }
}

/// A whole column put together from the chunks of successive windows, in file order: their numbers copied in,
/// their values interned again column-wide and their codes renumbered.
struct ColumnAssembler {
    let name: String
    private let numbers: GrowableBuffer<Double>
    private var codes = GrowableBuffer<Int32>(capacity: 0)
    private var interner = ByteInterner()
    private var values: [String] = []
    private var valueNumbers: [Double] = []
    private var valueIsNumeric: [Bool] = []
    private var spellings = 0
    /// Whether number spellings are still kept: the next chunk's builder need not intern them when not.
    private(set) var spellingsKept = true

    init(name: String, capacity: Int) {
        self.name = name
        numbers = GrowableBuffer(capacity: capacity)
    }

    mutating func append(_ chunk: ColumnBuilder) {
        if !chunk.spellingsKept { dropSpellings() }
        var map = [Int32](repeating: -1, count: chunk.values.count)
        for local in 0..<chunk.values.count {
            let x = chunk.valueNumbers[local]
            if x.isFinite && !spellingsKept { continue }
            let (id, isNew) = chunk.values.withValue(local) {
                interner.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count)
            }
            if isNew {
                values.append(chunk.values.withValue(local) { String(decoding: $0, as: UTF8.self) })
                valueNumbers.append(x)
                valueIsNumeric.append(chunk.valueIsNumeric[local])
                if x.isFinite { spellings += 1 }
            }
            map[local] = id
        }
        if spellingsKept, spellings > TableColumn.spellingLimit {
            dropSpellings()
            for local in map.indices where map[local] >= 0 && valueNumbers[Int(map[local])].isFinite { map[local] = -1 }
        }
        let first = numbers.count
        numbers.append(contentsOf: chunk.numbers.buffer)
        if chunk.codes.count > 0, map.contains(where: { $0 >= 0 }) {
            if codes.count == 0 {
                codes = GrowableBuffer(capacity: numbers.capacity)
                codes.append(repeating: -1, count: first)
            }
            for code in chunk.codes.buffer { codes.append(code < 0 ? -1 : map[Int(code)]) }
        } else if codes.count > 0 {
            codes.append(repeating: -1, count: chunk.count)
        }
    }

    /// Past the spelling limit: the rows of numbers lose their codes, and the spellings go at ``finish()``.
    private mutating func dropSpellings() {
        guard spellingsKept else { return }
        spellingsKept = false
        codes.forgetNumbers(valueNumbers)
    }

    func finish() -> TableColumn {
        guard !spellingsKept else {
            return TableColumn(name: name, numbers: numbers, codes: codes, values: values, valueNumbers: valueNumbers,
                               valueIsNumeric: valueIsNumeric, spellingsKept: true)
        }
        // Only texts remain referenced: renumber them, and drop the codes if there are none.
        var map = [Int32](repeating: -1, count: values.count)
        var kept: [Int] = []
        for id in values.indices where !valueNumbers[id].isFinite {
            map[id] = Int32(kept.count)
            kept.append(id)
        }
        var renumbered = GrowableBuffer<Int32>(capacity: 0)
        if !kept.isEmpty, codes.count > 0 {
            renumbered = GrowableBuffer(capacity: codes.count)
            for code in codes.buffer { renumbered.append(code < 0 ? -1 : map[Int(code)]) }
        }
        return TableColumn(name: name, numbers: numbers, codes: renumbered, values: kept.map { values[$0] },
                           valueNumbers: kept.map { valueNumbers[$0] }, valueIsNumeric: kept.map { valueIsNumeric[$0] },
                           spellingsKept: false)
    }
}
