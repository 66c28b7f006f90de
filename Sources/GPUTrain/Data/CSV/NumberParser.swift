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
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ count: Int) -> (Double, Int)? {
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
