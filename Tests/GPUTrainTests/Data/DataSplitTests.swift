import GPUTrain
import Testing

@Suite struct DataSplitTests {
    @Test func splitMix64MatchesTheReferenceStream() {
        var rng = SeededGenerator(seed: 0)
        #expect([rng.next(), rng.next(), rng.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4,
                                                          0x06C4_5D18_8009_454F])
    }

    @Test func helpersStayInRange() {
        var rng = SeededGenerator(seed: 7)
        #expect((0..<1000).allSatisfy { _ in (0..<5).contains(rng.next(below: 5)) })
        let uniform = (0..<10_000).map { _ in rng.nextUniform() }
        #expect(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(uniform.reduce(0, +) / 10_000 - 0.5) < 0.02)
        let normal = (0..<10_000).map { _ in rng.nextNormal() }
        let mean = normal.reduce(0, +) / 10_000
        let variance = normal.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10_000
        #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.05)
        let order = rng.permutation(100)
        #expect(order.sorted() == Array(0..<100) && order != Array(0..<100))
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() throws {
        let a = try DataSplit.indices(count: 891, validPct: 0.2, seed: 42)
        let b = try DataSplit.indices(count: 891, validPct: 0.2, seed: 42)
        let c = try DataSplit.indices(count: 891, validPct: 0.2, seed: 43)
        #expect(a.train == b.train && a.valid == b.valid)
        #expect(a.valid != c.valid)
        #expect(a.valid.count == 178 && a.train.count == 713)  // floor(0.2 × 891), as fast.ai's RandomSplitter
        #expect(Set(a.train).isDisjoint(with: a.valid) && (a.train + a.valid).sorted() == Array(0..<891))

        let table = try titanicTrain()
        let options = FeatureOptions(target: "Survived")
        let x = try table.split(validPct: 0.2, seed: 42, options: options)
        let y = try table.split(validPct: 0.2, seed: 42, options: options)
        let z = try table.split(validPct: 0.2, seed: 43, options: options)
        #expect(x.train == y.train && x.valid == y.valid && x.stats == y.stats)
        #expect(x.valid.ids != z.valid.ids)
        #expect(x.valid.ids == a.valid.map { String($0 + 1) })
    }

    @Test func badFractionsAndTinyTablesAreRejected() {
        for pct in [0, 1, -0.1, 1.5] {
            #expect(dataError { _ = try DataSplit.indices(count: 10, validPct: pct, seed: 1) } == .badValidPct(pct))
        }
        guard case .badValidPct(let nan) = dataError({ _ = try DataSplit.indices(count: 10, validPct: .nan, seed: 1) })
        else { Issue.record("NaN accepted as a validation fraction"); return }
        #expect(nan.isNaN)
        #expect(DataError.badValidPct(1.5).description
                == "validation fraction 1.5 must be between 0 and 1 (exclusive), e.g. 0.2")
        #expect(dataError { _ = try DataSplit.indices(count: 1, validPct: 0.5, seed: 1, source: "one.csv") }
                == .tooFewRows(source: "one.csv", rows: 1, needed: 2))
        let error = dataError { _ = try DataSplit.indices(count: 5, validPct: 0.1, seed: 1, source: "five.csv") }
        #expect(error == .emptySplit(source: "five.csv", rows: 5, validPct: 0.1, part: "validation"))
        #expect(error?.description == "five.csv: a 0.1 validation split of 5 rows leaves no validation rows")
    }

    @Test func subsetPicksRowsTargetsAndIds() {
        let data = Dataset(rows: 3, cols: 2, features: [1, 2, 3, 4, 5, 6], targets: [0, 1, 0],
                           featureNames: ["a", "b"], classCount: 2, classNames: ["no", "yes"], ids: ["x", "y", "z"])
        let picked = data.subset([2, 0])
        #expect(picked.features == [5, 6, 1, 2] && picked.targets == [0, 0] && picked.ids == ["z", "x"])
        #expect(picked.rows == 2 && picked.cols == 2 && picked.classNames == ["no", "yes"])
        #expect(Array(data.row(1)) == [3, 4] && data.hasTargets)
    }
}
