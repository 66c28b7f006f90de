@testable import GPUTrain
import Testing

@Suite struct NumberParserTests {
    /// Random spellings of numbers and near-numbers, as a CSV holds them.
    static func spelling<R: RandomNumberGenerator>(_ rng: inout R) -> String {
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }) }
        var s = ["", "-", "+"][Int.random(in: 0...2, using: &rng)]
        s += digits(Int.random(in: 0...21, using: &rng))
        if Bool.random(using: &rng) { s += "." + digits(Int.random(in: 0...21, using: &rng)) }
        if Int.random(in: 0...3, using: &rng) == 0 {
            s += ["e", "E"][Int.random(in: 0...1, using: &rng)] + ["", "-", "+"][Int.random(in: 0...2, using: &rng)]
            s += digits(Int.random(in: 0...3, using: &rng))
        }
        if Int.random(in: 0...20, using: &rng) == 0 { s += ["x", " ", ".", "e"][Int.random(in: 0...3, using: &rng)] }
        return s
    }

    @Test("the fast path accepts only what Double(String) reads, with the same bits, and scan stops where it should")
    func agreesWithTheStandardLibrary() {
        var rng = SeededGenerator(seed: TestRNG.seed("number parser agreesWithTheStandardLibrary"))  // GPUTRAIN_TEST_SEED replays
        var fast = 0
        for _ in 0..<200_000 {
            let text = Self.spelling(&rng)
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { NumberParser.fastDouble($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            if let parsed {
                fast += 1
                #expect(Double(text)?.bitPattern == parsed.bitPattern, "\(text): \(parsed) vs \(String(describing: Double(text)))")
            }
            // With a delimiter after it, scan reads the same number and stops at the delimiter.
            let field = bytes + Array(",9".utf8)
            let scanned = field.withUnsafeBufferPointer { NumberParser.scan($0.baseAddress!, $0.count) }
            if let parsed {
                #expect(scanned?.0.bitPattern == parsed.bitPattern && scanned?.1 == bytes.count, "\(text)")
            }
        }
        #expect(fast > 50_000)  // the generator must exercise the fast path, not only the fallback
        for text in ["1.", ".5", "-0", "+.5", "1E+05", "00012", "9007199254740993", "1e22", "1e-22", "0.1", "-0.000",
                     "1234567.1234567", "12345678.5", "1.12345678", "+0", "-.0"] {
            let bytes = Array(text.utf8)
            let x = bytes.withUnsafeBufferPointer { NumberParser.fastDouble($0.baseAddress!, $0.count) }
            #expect(x == nil || x?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in [".", "-", "1e", "e5", "1_0", "0x1p3", "nan", "inf"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { NumberParser.fastDouble($0.baseAddress!, $0.count) } == nil, "\(text)")
        }
    }
}

extension NumberParserTests {
    @Test("a number read eight bytes at a time has the value and length of one read a byte at a time")
    func wordsAgreeWithBytes() {
        var rng = SeededGenerator(seed: TestRNG.seed("number parser wordsAgreeWithBytes"))  // GPUTRAIN_TEST_SEED replays
        var words = 0
        for _ in 0..<200_000 {
            var text = Self.spelling(&rng)
            if Bool.random(using: &rng) { text = String(text.prefix(Int.random(in: 0...9, using: &rng))) }
            // Enough bytes after the field that scan may read them a word at a time.
            let padded = Array(text.utf8) + Array(",-12.5,abcdefghijklmnopqrstuvwxyz".utf8)
            let word = padded.withUnsafeBufferPointer { NumberParser.scan($0.baseAddress!, $0.count) }
            let bytes = padded.withUnsafeBufferPointer { NumberParser.scanBytes($0.baseAddress!, $0.count) }
            #expect(word?.0.bitPattern == bytes?.0.bitPattern && word?.1 == bytes?.1,
                    "\(text): \(String(describing: word)) vs \(String(describing: bytes))")
            if let word, word.1 == text.utf8.count, let x = Double(text) {
                words += 1
                #expect(word.0.bitPattern == x.bitPattern, "\(text)")
            }
        }
        #expect(words > 50_000)
    }
}

@Suite struct TableColumnTests {
    @Test("a column keeps number spellings up to the limit, then only values; text, gaps and NaN keep their states")
    func spellings() throws {
        let few = (0..<50).map { ["\($0 % 5)" + ($0 % 2 == 0 ? ".0" : ""), $0 % 7 == 0 ? "" : "x\($0 % 3)"] }
        let table = try Table(columns: ["n", "t"], rows: few)
        #expect(table.rows == few.map { [$0[0], $0[1]] })
        let many = (0..<(TableColumn.spellingLimit + 10)).map { ["\(Double($0) / 4)", $0 == 7 ? "nan" : "\($0)"] }
        let wide = try Table(columns: ["q", "m"], rows: many)
        let q = wide.data[0], m = wide.data[1]
        for r in [0, 1, 2, 3, 4, 5, many.count - 1] {
            #expect(q.number(at: r) == Double(r) / 4)
            #expect(Double(q.text(at: r)) == Double(r) / 4)  // the value, written as FeatureStats writes fills
        }
        #expect(q.text(at: 4) == "1")
        #expect(m.number(at: 7) == nil && m.text(at: 7) == "nan" && !m.isEmpty(at: 7))
        #expect(table.data[1].isEmpty(at: 0) && table.data[1].number(at: 0) == nil && table.data[1].text(at: 0) == "")
    }
}

extension TableColumnTests {
    @Test("the census of a column of numbers and gaps counts, finds the first row and tells one value from two")
    func numericCensus() throws {
        var rng = SeededGenerator(seed: TestRNG.seed("number parser numericCensus"))  // GPUTRAIN_TEST_SEED replays
        for trial in 0..<200 {
            let n = rng.next(below: 40) + 1
            let pool = ["", "0", "-0", "0.0", "2.5", String(trial)]
            let values = (0..<n).map { _ in pool[rng.next(below: trial % 3 == 0 ? 3 : pool.count)] }
            let column = try Table(columns: ["v"], rows: values.map { [$0] }).data[0]
            // Past the spelling limit the column keeps no codes, which the census's fast loop is for.
            let many = try Table(columns: ["v"], rows: values.map { [$0] }
                + (0...TableColumn.spellingLimit).map { ["\(Double($0) + 0.5)"] }).data[0].slice(0..<n)
            let numbers = values.compactMap { Double($0) }
            for c in [column, many] {
                let census = c.census()
                #expect(census.present == numbers.count && census.numeric == numbers.count)
                #expect(census.first == values.firstIndex { !$0.isEmpty })
                #expect(census.distinctNumbers.count == min(2, Set(numbers.map { $0 + 0.0 }).count), "\(values)")
                #expect(!census.nonFinite)
            }
            #expect(many.codes.count == 0)
        }
    }
}

@Suite struct ModeTests {
    /// The mode as the features defined it before columns: a dictionary by value, the smallest on a tie.
    static func naiveMode(_ values: [Double]) -> Double? {
        var counts: [Double: Int] = [:]
        for x in values where !x.isNaN { counts[x, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    @Test("the bucketed mode equals a dictionary's, ties to the smallest, NaN skipped, -0 as 0, on row subsets",
          arguments: [0, 1, 7, 4095, 4096, 5000, 300_000])
    func bucketedModeMatchesADictionary(size: Int) {
        var rng = SeededGenerator(seed: TestRNG.seed("number parser bucketedModeMatchesADictionary"))  // GPUTRAIN_TEST_SEED replays
        for distinct in [1, 3, 50, 100_000] {
            let buffer = GrowableBuffer<Double>(capacity: size)
            for _ in 0..<size {
                let k = rng.next(below: distinct)
                buffer.append(k == 0 ? .nan : k == 1 ? (rng.next(below: 2) == 0 ? -0.0 : 0.0) : Double(k) / 8 - 1000)
            }
            let rows = (0..<size).filter { _ in rng.next(below: 5) != 0 }  // a training subset, ascending
            let expected = Self.naiveMode(rows.map { buffer[$0] })
            let got = mostFrequent(buffer, rows: rows)
            #expect(got == expected, "size \(size), \(distinct) distinct: \(String(describing: got)) vs \(String(describing: expected))")
        }
    }
}

@Suite struct ColumnKindTests {
    @Test("a column's kind follows the 90% rule the features use; nan counts as a number; gaps do not count")
    func kinds() throws {
        func kind(_ values: [String]) throws -> TableColumn.Kind {
            try Table(columns: ["v"], rows: values.map { [$0] }).data[0].kind
        }
        #expect(try kind(["", " ", ""]) == .empty)
        #expect(try kind(["1", "2.5", "", "-3e2"]) == .numeric)
        #expect(try kind((0..<9).map(String.init) + ["?"]) == .numeric)          // 9 of 10
        #expect(try kind((0..<8).map(String.init) + ["?", "x"]) == .categorical)  // 8 of 10
        #expect(try kind((0..<9).map(String.init) + ["nan"]) == .numeric)
        #expect(try kind(["red", "blue", "1"]) == .categorical)
        let titanic = try titanicTrain()
        #expect(titanic.data[titanic.index(of: "Age")!].kind == .numeric)
        #expect(titanic.data[titanic.index(of: "Cabin")!].kind == .categorical)
    }
}
