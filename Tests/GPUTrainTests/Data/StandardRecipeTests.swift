import Foundation
@testable import GPUTrain
import Testing

/// The standard recipe (fastai's FillMissing, Normalize, Categorify) against a plain Double re-computation on
/// fresh random tables, and the row-index rule.
@Suite struct StandardRecipeTests {
    /// A random table: two numeric columns with gaps (one with none on some seeds' training rows), a text
    /// column with gaps, a 0/1 label; `rows` rows.
    static func randomTable(rows: Int, rng: inout TestRNG) throws -> (Table, [[String]]) {
        let colours = ["red", "green", "blue"]
        var data: [[String]] = []
        for _ in 0..<rows {
            let a = Double(Int.random(in: -5000...5000, using: &rng)) / 100
            let b = Double(Int.random(in: 0...20, using: &rng))
            data.append([Int.random(in: 0..<5, using: &rng) == 0 ? "" : FeatureStats.format(a),
                         Int.random(in: 0..<9, using: &rng) == 0 ? "" : FeatureStats.format(b),
                         Int.random(in: 0..<7, using: &rng) == 0 ? "" : colours.randomElement(using: &rng)!,
                         String(Int.random(in: 0...1, using: &rng))])
        }
        return (try Table(columns: ["a", "b", "colour", "y"], rows: data, source: "random.csv"), data)
    }

    /// Median (pandas: mean of the middle two), mean and population sd of a filled column, in Double.
    static func reference(_ values: [Double?]) -> (median: Double, mean: Double, sd: Double, gaps: Bool) {
        let present = values.compactMap { $0 }.sorted()
        let n = present.count
        let median = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2
        let filled = values.map { $0 ?? median }
        let mean = filled.reduce(0, +) / Double(filled.count)
        let sd = (filled.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(filled.count)).squareRoot()
        return (median, mean, sd, present.count < values.count)
    }

    @Test("fit on the training rows and apply to all: each feature as a Double re-computation says",
          arguments: [7, 40, 333])
    func matchesReference(rows: Int) throws {
        var rng = TestRNG("standard \(rows)")
        let (table, data) = try Self.randomTable(rows: rows, rng: &rng)
        let train = (0..<rows).filter { _ in Int.random(in: 0..<5, using: &rng) != 0 }
        guard train.count >= 2 else { return }
        let stats = try FeatureStats.fit(table, rows: train, options: FeatureOptions(target: "y"))
        #expect(stats.recipe == .standard)
        let out = try stats.apply(to: table)
        var expected = [[Float]](repeating: [], count: rows)
        for (j, name) in ["a", "b"].enumerated() {
            let values = train.map { Double(data[$0][j]) }
            let ref = Self.reference(values)
            guard ref.sd > 0 else {
                #expect(!stats.featureNames.contains(name), "a constant column is dropped (seed \(testSeed))")
                continue
            }
            let column = try #require(stats.columns.first { $0.column == name })
            #expect(column.kind == .standardized && column.indicator == ref.gaps)
            #expect(abs(column.center - ref.mean) <= 1e-9 * max(1, abs(ref.mean)))
            #expect(abs(column.scale - ref.sd) <= 1e-9 * ref.sd)
            #expect(Double(column.fill) == ref.median)
            for r in 0..<rows {
                let x = Double(data[r][j]) ?? ref.median
                expected[r].append(Float((x - ref.mean) / ref.sd))
                if ref.gaps { expected[r].append(data[r][j].isEmpty ? 1 : 0) }
            }
        }
        let colour = try #require(stats.columns.first { $0.column == "colour" })
        let gaps = train.contains { data[$0][2].isEmpty }
        #expect(colour.indicator == gaps)
        for r in 0..<rows {
            expected[r] += colour.categories.map { data[r][2] == $0 ? 1 : 0 }
            if gaps { expected[r].append(data[r][2].isEmpty ? 1 : 0) }
        }
        for r in 0..<rows {
            let got = out.row(r)
            #expect(got.count == expected[r].count && zip(got, expected[r]).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) },
                    "row \(r): \(got) vs \(expected[r]) (seed \(testSeed))")
        }
    }

    @Test("a column constant on the training rows is dropped; an unseen category gives zeros, not an error")
    func constantAndUnseen() throws {
        let table = try Table(csv: "x,c,y\n1,a,0\n5,b,1\n5,a,0\n5,b,1\n")
        let stats = try FeatureStats.fit(table, rows: [1, 2, 3], options: FeatureOptions(target: "y"))
        #expect(stats.featureNames == ["c_a", "c_b"])
        #expect(stats.notes.contains("'x' dropped: one value (5) on every training row"))
        let other = try Table(csv: "x,c\n9,zebra\n")
        #expect(try stats.apply(to: other).row(0) == [0, 0])
    }

    @Test("a text gap gives all-zero dummies, with an indicator only when the training rows had gaps")
    func textGaps() throws {
        let table = try Table(csv: "c,y\nred,0\nblue,1\nred,0\n,1\n")
        let noGaps = try FeatureStats.fit(table, rows: [0, 1, 2], options: FeatureOptions(target: "y"))
        #expect(noGaps.featureNames == ["c_blue", "c_red"])
        #expect(try noGaps.apply(to: table).row(3) == [0, 0])
        let gaps = try FeatureStats.fit(table, rows: [0, 1, 3], options: FeatureOptions(target: "y"))
        #expect(gaps.featureNames == ["c_blue", "c_red", "c_na"])
        #expect(try gaps.apply(to: table).row(3) == [0, 0, 1] && gaps.apply(to: table).row(2) == [0, 1, 0])
    }

    @Test("a row index is dropped with a note naming --keep, and kept when asked",
          arguments: [("", "an unnamed column"), ("n", "a row index (0…5 in file order)"),
                      ("rownames", "a row index (1…6 in file order)")])
    func rowIndexes(name: String, reason: String) throws {
        let start = reason.contains("1…") ? 1 : 0
        let rows = (0..<6).map { ["\($0 + start)", "\([3, 1, 4, 1, 5, 9][$0])", "\($0 % 2)"] }
        let table = try Table(columns: [name, "v", "y"], rows: rows, source: "indexed.csv")
        for recipe in [FeatureOptions.Recipe.standard, .generic] {
            let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "y", recipe: recipe))
            #expect(stats.featureNames == ["v"], "\(recipe)")
            #expect(stats.notes.contains { $0.hasPrefix("'\(name)' dropped: \(reason)") && $0.hasSuffix("--keep '\(name)' uses it") },
                    "\(stats.notes)")
            let kept = try FeatureStats.fit(table, options: FeatureOptions(target: "y", recipe: recipe, keep: [name]))
            #expect(kept.featureNames == [name, "v"])
        }
    }

    @Test("not a row index: shuffled 0…n−1, a start other than 0 or 1, or fewer than three rows")
    func notRowIndexes() throws {
        for (values, rows) in [([2, 0, 1, 3], 4), ([2, 3, 4, 5], 4), ([0, 1], 2)] {
            let table = try Table(columns: ["i", "y"], rows: (0..<rows).map { ["\(values[$0])", "\($0 % 2)"] })
            #expect(FeatureStats.rowIndex(table, 0) == nil, "\(values)")
        }
        let missing = dataError { _ = try FeatureStats.fit(try Table(csv: "a,y\n1,0\n2,1\n"),
                                                           options: FeatureOptions(target: "y", keep: ["zz"])) }
        #expect(missing == .unknownColumn(source: "CSV text", column: "zz", option: "keep", available: ["a", "y"]))
    }

    @Test("the median of random arrays, odd and even, with repeats, as sorting gives it")
    func medianBySelection() {
        var rng = TestRNG("median")
        for n in [1, 2, 3, 4, 5, 10, 11, 100, 1001, 4096] {
            var values = (0..<n).map { _ in Double(Int.random(in: -20...20, using: &rng)) / 4 }
            let sorted = values.sorted()
            let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            let got = values.withUnsafeMutableBufferPointer { FeatureStats.middle($0.baseAddress!, count: n) }
            #expect(got == expected, "n \(n) (seed \(testSeed))")
        }
    }

    @Test("the training median by key buckets: every row subset, gaps, signs, repeats, one value everywhere",
          arguments: [1, 2, 3, 10, 999, 5000, 20_000])
    func medianByBuckets(n: Int) {
        var rng = TestRNG("bucket-median \(n)")
        let spread = [1.0, 1e-3, 1e6]
        for mostlyOne in [false, true] {
            let scale = spread.randomElement(using: &rng)!
            let numbers: [Double] = (0..<n).map { _ in
                if Int.random(in: 0..<10, using: &rng) == 0 { return .nan }
                if mostlyOne && Int.random(in: 0..<4, using: &rng) != 0 { return 2.5 }
                return Double(Int.random(in: -500...500, using: &rng)) / 8 * scale
            }
            let rows = (0..<n).filter { _ in Int.random(in: 0..<3, using: &rng) != 0 }
            let present = rows.map { numbers[$0] }.filter { !$0.isNaN }.sorted()
            guard !present.isEmpty else { continue }
            let m = present.count
            let expected = m % 2 == 1 ? present[m / 2] : (present[m / 2 - 1] + present[m / 2]) / 2
            let got = numbers.withUnsafeBufferPointer { FeatureStats.trainingMedian($0.baseAddress!, rows: rows, present: m) }
            #expect(got == expected, "n \(n), mostly one \(mostlyOne) (seed \(testSeed))")
        }
    }

    @Test("feature statistics saved before centring and indicators existed still load")
    func olderStatisticsDecode() throws {
        let json = #"{"column":"Age","kind":"numeric","fill":"24","scale":80,"categories":[]}"#
        let stats = try JSONDecoder().decode(ColumnStats.self, from: Data(json.utf8))
        #expect(stats == ColumnStats(column: "Age", kind: .numeric, fill: "24", scale: 80))
        let options = #"{"target":"y","drop":[],"maxCategories":10,"addOnesColumn":false,"recipe":"generic"}"#
        #expect(try JSONDecoder().decode(FeatureOptions.self, from: Data(options.utf8)).keep == [])
    }
}
