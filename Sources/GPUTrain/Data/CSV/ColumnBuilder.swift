/// One column of one chunk of a CSV file as it is read: numbers parsed from the bytes, other values interned.
///
/// Every field ends up in one of three states, which ``TableColumn`` keeps: empty (after trimming), a finite
/// number (its value in `numbers`), or text (`codes` names its entry in the interner; `nan` and `inf` are text
/// here, so that a numeric column can say which row holds them). While a column has at most
/// ``TableColumn/spellingLimit`` distinct numbers their spellings are interned too, so `1` and `1.0` stay apart as
/// categories (Titanic's `Pclass`) and as written in ``Table/rows``; past that the column is continuous, and only
/// the values are kept.
struct ColumnBuilder {
    var numbers: [Double] = []
    /// Per row: an interned value's id, or -1. Empty until the first row that needs one.
    var codes: [Int32] = []
    var values = ByteInterner()
    /// Per interned value: its number when it is the spelling of a finite one, else NaN.
    var valueNumbers: [Double] = []
    /// Per interned value: whether `Double(String)` reads it (finite or not): the 90% rule counts these.
    var valueIsNumeric: [Bool] = []
    var numberSpellings = 0
    var spellingsKept = true

    init(capacity: Int) {
        numbers.reserveCapacity(capacity)
    }

    var count: Int { numbers.count }

    /// Appends one field, already unquoted and trimmed. Returns false when its bytes are not UTF-8.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 {
            numbers.append(.nan)
            if !codes.isEmpty { codes.append(-1) }
            return true
        }
        if let x = NumberParser.fastDouble(p, count) {
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
            } else if !codes.isEmpty {
                codes.append(-1)
            }
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
            if !codes.isEmpty { codes.append(-1) }
        } else {
            setCode(id)
            if numberSpellings > TableColumn.spellingLimit { dropSpellings() }
        }
        return true
    }

    @inline(__always)
    private mutating func setCode(_ id: Int32) {
        if codes.isEmpty {
            codes.reserveCapacity(numbers.capacity)
            codes.append(contentsOf: repeatElement(-1, count: numbers.count - 1))
        }
        codes.append(id)
    }

    /// Forgets which spelling each number had: their rows keep the value and lose the code.
    mutating func dropSpellings() {
        guard spellingsKept else { return }
        spellingsKept = false
        for r in codes.indices where codes[r] >= 0 && valueNumbers[Int(codes[r])].isFinite { codes[r] = -1 }
    }

    /// Takes back the last field (a blank line's only field).
    mutating func removeLast() {
        numbers.removeLast()
        if codes.count > numbers.count { codes.removeLast() }
    }
}
