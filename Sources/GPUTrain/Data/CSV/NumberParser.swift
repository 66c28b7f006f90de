/// Decimal numbers straight from a field's bytes, without making a `String`.
///
/// The common spellings (`-12`, `3.25`, `.5`, `1e-3`, at most 19 significant digits and a power of ten within
/// ±22) take Clinger's fast path: the digits fit a `UInt64` that converts to `Double` exactly, and one multiply
/// or divide by an exact power of ten rounds correctly, so the result equals `Double(String)`'s bit for bit.
/// Anything else (`nan`, `inf`, hex floats, long mantissas, far exponents, text) returns nil, and the caller asks
/// `Double(String)`, which keeps the accepted spellings exactly those that were accepted before.
enum NumberParser {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of `count` bytes at `p` when they are a plain decimal number that converts exactly; else nil.
    @inline(__always)
    static func fastDouble(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard let (x, used) = scan(p, count), used == count else { return nil }
        return x
    }

    /// Reads a plain decimal number from the start of the `count` bytes at `p`, stopping at the first byte that
    /// cannot continue it. Returns the value and the bytes used, or nil when there is no such number or it does not
    /// convert exactly (then `Double(String)` must decide).
    ///
    /// The usual field of a large file (a sign, at most 7 digits, a point, at most 7 digits, no exponent) is read
    /// eight bytes at a time: one load finds how many digits lead a word and converts them in three multiplies,
    /// without a branch per digit. Anything else, and a field within 18 bytes of the input's end (a word must not be
    /// read past it), is read a byte at a time; both ways give the same value and length.
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ count: Int) -> (Double, Int)? {
        guard count >= 18 else { return scanBytes(p, count) }
        // No branch on the sign, which is a coin toss in many columns.
        let negative = p[0] == UInt8(ascii: "-")
        var i = negative || p[0] == UInt8(ascii: "+") ? 1 : 0
        let (whole, wholeDigits) = leadingDigits(p + i)
        guard wholeDigits < 8 else { return scanBytes(p, count) }
        i += wholeDigits
        var mantissa = whole, fractionDigits = 0
        if p[i] == UInt8(ascii: ".") {
            let (fraction, n) = leadingDigits(p + i + 1)
            guard n < 8 else { return scanBytes(p, count) }
            mantissa = mantissa &* powersOfTenInt[n] &+ fraction
            fractionDigits = n
            i += 1 + n
        }
        // Neither "." nor "-" alone is a number; an exponent is left to the byte-wise reader.
        guard wholeDigits + fractionDigits > 0, p[i] | 0x20 != UInt8(ascii: "e") else {
            return wholeDigits + fractionDigits > 0 ? scanBytes(p, count) : nil
        }
        // At most 14 digits: the mantissa is exact as a Double, and one division by an exact power of ten rounds
        // correctly. The sign is set last, so `-0` and `-0.00` are -0.
        let m = Double(Int64(bitPattern: mantissa))
        let value = fractionDigits == 0 ? m : m / powersOfTen[fractionDigits]
        return (Double(bitPattern: value.bitPattern | (negative ? 1 << 63 : 0)), i)
    }

    private static let powersOfTenInt: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]

    /// The decimal digits that begin the 8 bytes at `p`: their value and how many there are (8: maybe more follow).
    @inline(__always)
    private static func leadingDigits(_ p: UnsafePointer<UInt8>) -> (UInt64, Int) {
        // Little-endian: the first byte is the lowest. A digit byte becomes 0…9; any other has its top bit set after
        // adding 0x76, or had it already. A carry out of a non-digit byte only reaches the bytes after it.
        let x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
        let nonDigits = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
        let n = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount >> 3
        guard n > 0 else { return (0, 0) }
        // The digits moved to the top bytes, zeros (leading zeros of the number) below them; then pairs, quads, and
        // the whole word are combined: 10·a + b per byte pair, 100·ab + cd per pair of pairs, 10⁴·abcd + efgh.
        var v = x << UInt64(64 - 8 * n)
        v = ((v &* 0x0A01) >> 8) & 0x00FF_00FF_00FF_00FF
        v = ((v &* 0x0064_0001) >> 16) & 0x0000_FFFF_0000_FFFF
        v = (v &* 0x0000_2710_0000_0001) >> 32
        return (v, n)
    }

    /// ``scan(_:_:)`` a byte at a time.
    @inline(__always)
    static func scanBytes(_ p: UnsafePointer<UInt8>, _ count: Int) -> (Double, Int)? {
        var i = 0
        var negative = false
        if count > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0  // digits after leading zeros, in the mantissa
        var digits = 0       // every mantissa digit, to reject "." and "-"
        var exponent = 0
        while i < count {
            let d = p[i] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            if mantissa != 0 || d != 0 {
                significant += 1
                mantissa = mantissa &* 10 &+ UInt64(d)
            }
            digits += 1
            i += 1
        }
        if i < count, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < count {
                let d = p[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if mantissa != 0 || d != 0 {
                    significant += 1
                    mantissa = mantissa &* 10 &+ UInt64(d)
                }
                exponent -= 1
                digits += 1
                i += 1
            }
        }
        guard digits > 0, significant <= 19 else { return nil }
        if i < count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                negativeExponent = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var exponentDigits = 0
            while i < count {
                let d = p[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -e : e
        }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
        return (negative ? -value : value, i)
    }
}
