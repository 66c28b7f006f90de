import Foundation

/// A small, fast, seeded random number generator (SplitMix64) whose streams are fixed by this file alone.
///
/// Splits, shuffles and weight initialisation take one of these so that a seed names the same run on every
/// machine and Swift version: the helpers below do their own arithmetic instead of the standard library's
/// `shuffle(using:)` and `random(in:using:)`, whose algorithms are not promised to stay the same.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let order = rng.permutation(5)     // the same 5 indices in the same order, every run
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The generator's whole state: saving it and building a generator from it later resumes the stream.
    public private(set) var state: UInt64

    /// A generator whose stream is fixed by `seed`; every seed, 0 included, gives a good stream.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (Steele, Lea and Flood's SplitMix64).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random integer in `0..<bound`, by the high half of a 64×64-bit product (bias below 2⁻³²
    /// for any bound a data set has).
    /// - Precondition: `bound > 0`.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "next(below:) needs a positive bound, not \(bound)")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform `Float` in `[0, 1)`, from the top 24 bits so every value is exact.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal `Float` (mean 0, variance 1) by the Box–Muller transform, for weight initialisation.
    public mutating func nextNormal() -> Float {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// Shuffles `array` in place (Fisher–Yates, from the end).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, next(below: i + 1))
        }
    }

    /// `0..<count` in random order: a shuffled row order for one epoch, or the rows of a split.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        shuffle(&order)
        return order
    }
}
