import Foundation

/// A set of byte strings, each given a dense id in the order first seen: a text column's categories are found
/// once per distinct value rather than by building a `String` for every field.
struct ByteInterner {
    /// Every distinct value's bytes, one after another; value `id` is `bytes[starts[id] ..< starts[id + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing: an id, or -1 for an empty slot; the count is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 16)

    var count: Int { hashes.count }

    /// The id of the `count` bytes at `p`, adding them when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ count: Int) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(p, count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, equal(Int(id), p, count) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(hash)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        starts.append(bytes.count)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The bytes of value `id`.
    func withValue<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[starts[id] ..< starts[id + 1]]))
        }
    }

    private func equal(_ id: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            count == 0 || memcmp(all.baseAddress! + start, p, count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the bytes, then a final mix so the low bits (the slot) depend on every byte.
    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 33)
    }
}
