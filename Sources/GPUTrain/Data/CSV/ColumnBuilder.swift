/// One column of one chunk of a CSV file as it is read: numbers parsed from the bytes, other values interned.
///
/// Every field ends up in one of three states, which ``TableColumn`` keeps: empty (after trimming), a finite
/// number (its value in `numbers`), or text (`codes` names its entry in the interner; `nan` and `inf` are text
/// here, so that a numeric column can say which row holds them). While a column has at most
/// ``TableColumn/spellingLimit`` distinct numbers their spellings are interned too, so `1` and `1.0` stay apart as
/// categories (Titanic's `Pclass`) and as written in ``Table/rows``; past that the column is continuous, and only
/// the values are kept.
struct ColumnBuilder {
    var numbers: GrowableBuffer<Double>
    /// Per row: an interned value's id, or -1. Empty until the first row that needs one.
    var codes = GrowableBuffer<Int32>(capacity: 0)
    var values = ByteInterner()
    /// Per interned value: its number when it is the spelling of a finite one, else NaN.
    var valueNumbers: [Double] = []
    /// Per interned value: whether `Double(String)` reads it (finite or not): the 90% rule counts these.
    var valueIsNumeric: [Bool] = []
    var numberSpellings = 0
    var spellingsKept = true

    init(capacity: Int) {
        numbers = GrowableBuffer(capacity: capacity)
    }

    var count: Int { numbers.count }

    /// Appends an empty field.
    @inline(__always)
    mutating func appendEmpty() {
        numbers.append(.nan)
        if codes.count > 0 { codes.append(-1) }
    }

    /// Appends a field that the parser read as the finite number `x`, spelled by the `count` bytes at `p`.
    @inline(__always)
    mutating func append(number x: Double, _ p: UnsafePointer<UInt8>, _ count: Int) {
        numbers.append(x)
        if spellingsKept {
            let (id, isNew) = values.intern(p, count)
            if isNew {
                valueNumbers.append(x)
                valueIsNumeric.append(true)
                numberSpellings += 1
            }
            setCode(id)
            if numberSpellings > TableColumn.spellingLimit { dropSpellings() }
        } else if codes.count > 0 {
            codes.append(-1)
        }
    }

    /// Appends one field, already unquoted and trimmed. Returns false when its bytes are not UTF-8.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 {
            appendEmpty()
            return true
        }
        if let x = NumberParser.fastDouble(p, count) {
            append(number: x, p, count)
            return true
        }
        return appendSlow(p, count)
    }

    /// Text, or a number in a spelling the fast path leaves to `Double(String)`.
    private mutating func appendSlow(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let (id, isNew) = values.intern(p, count)
        if isNew {
            guard let text = String(validating: UnsafeBufferPointer(start: p, count: count), as: UTF8.self) else {
                return false
            }
            let x = Double(text)
            valueNumbers.append(x.flatMap { $0.isFinite ? $0 : nil } ?? .nan)
            valueIsNumeric.append(x != nil)
            if x?.isFinite == true { numberSpellings += 1 }
        }
        let x = valueNumbers[Int(id)]
        numbers.append(x)
        if x.isFinite, !spellingsKept {
            if codes.count > 0 { codes.append(-1) }
        } else {
            setCode(id)
            if numberSpellings > TableColumn.spellingLimit { dropSpellings() }
        }
        return true
    }

    @inline(__always)
    private mutating func setCode(_ id: Int32) {
        if codes.count == 0 { codes.append(repeating: -1, count: numbers.count - 1) }
        codes.append(id)
    }

    /// Forgets which spelling each number had: their rows keep the value and lose the code.
    mutating func dropSpellings() {
        guard spellingsKept else { return }
        spellingsKept = false
        if valueNumbers.allSatisfy(\.isFinite) {
            // Only numbers so far: no row needs a code any more (a later text field starts them again).
            codes.removeAll()
            return
        }
        codes.forgetNumbers(valueNumbers)
    }

    /// Empties the builder for the next chunk, keeping its buffers' memory. A column already past the spelling
    /// limit does not intern its numbers again.
    mutating func reset(keepingSpellings: Bool) {
        numbers.removeAll()
        codes.removeAll()
        values = ByteInterner()
        valueNumbers.removeAll(keepingCapacity: true)
        valueIsNumeric.removeAll(keepingCapacity: true)
        numberSpellings = 0
        spellingsKept = keepingSpellings
    }

    /// Takes back the last field (a blank line's only field).
    mutating func removeLast() {
        numbers.removeLast()
        if codes.count > numbers.count { codes.removeLast() }
    }
}

/// An append-only buffer written by one thread: the parser's per-field appends without an array's uniqueness
/// check and write-back on every element. Shared by copies of its owner, which never append concurrently.
final class GrowableBuffer<Element>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    func append(_ x: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: x)
        count += 1
    }

    func removeLast() {
        count -= 1
        (base + count).deinitialize(count: 1)
    }

    /// Empties the buffer, keeping its memory.
    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Appends `count` copies of `x`.
    func append(repeating x: Element, count n: Int) {
        for _ in 0..<n { append(x) }
    }

    func append(contentsOf other: UnsafeBufferPointer<Element>) {
        guard !other.isEmpty else { return }
        while capacity - count < other.count { grow() }
        (base + count).initialize(from: other.baseAddress!, count: other.count)
        count += other.count
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

/// A builder the parsing threads reach through a reference: each chunk's set is reused from window to window.
final class ColumnBuilderBox: @unchecked Sendable {
    var builder: ColumnBuilder
    init(_ builder: ColumnBuilder) { self.builder = builder }
}

extension GrowableBuffer where Element == Int32 {
    /// Sets to -1 every code that names a number's spelling (`valueNumbers[code]` finite): those rows keep only
    /// their value once a column is past the spelling limit.
    func forgetNumbers(_ valueNumbers: [Double]) {
        for r in 0 ..< count where base[r] >= 0 && valueNumbers[Int(base[r])].isFinite { base[r] = -1 }
    }
}
