import Foundation
@testable import GPUTrain
import Testing

@Suite("Regression: numeric targets, standardised, reported in their units")
struct RegressionTests {
    /// y = 3·x1 − 2·x2 + 50 + noise (sd `noise`), x uniform in [0, 10): a regression any linear model can learn.
    static func table(rows: Int, noise: Double, rng: inout TestRNG) throws -> Table {
        var lines = ["x1,x2,y"]
        for _ in 0..<rows {
            let x1 = Double.random(in: 0..<10, using: &rng), x2 = Double.random(in: 0..<10, using: &rng)
            // A sum of 12 uniforms is close to normal with sd 1.
            let e = ((0..<12).map { _ in Double.random(in: 0..<1, using: &rng) }.reduce(0, +) - 6) * noise
            lines.append(String(format: "%.4f,%.4f,%.4f", x1, x2, 3 * x1 - 2 * x2 + 50 + e))
        }
        return try Table(csv: lines.joined(separator: "\n") + "\n", source: "linear.csv")
    }

    @Test("the regression loss: (p − y)² with gradient 2(p − y), and |p − y| as its second statistic, per row and summed")
    func lossStatistics() throws {
        var rng = TestRNG("regression-loss")
        var backends: [any Backend] = [CPUBackend()]
        if OpenCLTests.enabled { backends.append(try Devices.open(.gpu, allowFallback: false).backend) }
        for backend in backends {
            for rows in [1, 7, 8, 9, 300] {
                let p = rng.floats(rows, in: -4...4), y = rng.floats(rows, in: -4...4)
                let pm = try backend.matrix(rows: rows, cols: 1, p), ym = try backend.matrix(rows: rows, cols: 1, y)
                let stats = try backend.matrix(rows: rows, cols: 2, [Float](repeating: .nan, count: 2 * rows))
                let grad = try backend.matrix(rows: rows, cols: 1, [Float](repeating: .nan, count: rows))
                try backend.loss(.regression, predictions: pm, targets: ym, gradient: grad, gradientScale: 0.5, stats: stats)
                let s = try backend.download(stats), g = try backend.download(grad)
                var squares = 0.0, absolutes = 0.0
                for r in 0..<rows {
                    let d = Double(p[r]) - Double(y[r])
                    squares += d * d
                    absolutes += abs(d)
                    #expect(abs(Double(s[2 * r]) - d * d) <= 1e-5 * max(1, d * d), "\(backend.name) loss row \(r)")
                    #expect(abs(Double(s[2 * r + 1]) - abs(d)) <= 1e-5 * max(1, abs(d)), "\(backend.name) |d| row \(r)")
                    #expect(abs(Double(g[r]) - d) <= 1e-5 * max(1, abs(d)), "\(backend.name) gradient row \(r)")
                }
                let totals = try backend.matrix(rows: 1, cols: 2, [.nan, .nan])
                try backend.lossTotals(.regression, predictions: pm, targets: ym, gradient: nil, gradientScale: 0,
                                       totals: totals, accumulate: false)
                let t = try backend.download(totals)
                #expect(abs(Double(t[0]) - squares) <= 1e-4 * max(1, squares), "\(backend.name) Σ loss, \(rows) rows")
                #expect(abs(Double(t[1]) - absolutes) <= 1e-4 * max(1, absolutes), "\(backend.name) Σ|d|, \(rows) rows")
            }
        }
    }

    @Test("the task: numbers with more than 20 distinct values are a regression, fewer are classes, --task decides")
    func taskDetection() throws {
        var rng = TestRNG("task")
        let many = try Self.table(rows: 60, noise: 1, rng: &rng)
        #expect(try FeatureStats.fit(many, options: FeatureOptions(target: "y")).task == .regression)
        let few = try Table(csv: "x,y\n" + (0..<60).map { "\($0 * 7 % 13),\($0 % 20)" }.joined(separator: "\n") + "\n")
        #expect(try FeatureStats.fit(few, options: FeatureOptions(target: "y")).task == .classification)
        let forced = try FeatureStats.fit(few, options: FeatureOptions(target: "y", task: .regression))
        #expect(forced.task == .regression && forced.classCount == 1 && forced.classNames.isEmpty)
        // Forcing classes on the many-valued target: up to 1,000 classes, then one error line.
        #expect(try FeatureStats.fit(many, options: FeatureOptions(target: "y", task: .classification)).classCount == 60)
        let wide = try Table(csv: "x,y\n" + (0..<1001).map { "\($0 % 7),\($0)" }.joined(separator: "\n") + "\n", source: "w.csv")
        #expect(dataError { _ = try FeatureStats.fit(wide, options: FeatureOptions(target: "y", task: .classification)) }
                == .tooManyClasses(source: "w.csv", column: "y", count: 1001, limit: 1000))
    }

    @Test("targets are standardised with the training rows' mean and sd (ddof 0), and map back exactly")
    func standardisedTargets() throws {
        var rng = TestRNG("standardise")
        let table = try Self.table(rows: 50, noise: 2, rng: &rng)
        let train = Array(0..<40)
        let stats = try FeatureStats.fit(table, rows: train, options: FeatureOptions(target: "y"))
        let ys = (0..<50).map { table.data[2].number(at: $0)! }
        let mean = train.map { ys[$0] }.reduce(0, +) / 40
        let sd = (train.map { (ys[$0] - mean) * (ys[$0] - mean) }.reduce(0, +) / 40).squareRoot()
        #expect(abs(stats.targetCenter - mean) <= 1e-9 * abs(mean) && abs(stats.targetScale - sd) <= 1e-9 * sd)
        let data = try stats.apply(to: table)
        #expect(data.task == .regression && data.classCount == 1 && data.classNames == nil)
        for r in 0..<50 {
            #expect(abs(Double(data.targets[r]) * sd + mean - ys[r]) <= 1e-5 * abs(ys[r]), "row \(r)")
        }
    }

    @Test("bad regression targets: text, infinity, a gap, one value: one error naming the line",
          arguments: [("x,y\n1,2\n2,abc\n3,4\n", "nonNumeric"), ("x,y\n1,2\n2,inf\n3,4\n", "nonFinite"),
                      ("x,y\n1,2\n2,\n3,4\n", "missing"), ("x,y\n1,5\n2,5\n3,5\n", "constant")])
    func badTargets(csv: String, kind: String) throws {
        let table = try Table(csv: csv, source: "bad.csv")
        let error = dataError { _ = try FeatureStats.fit(table, options: FeatureOptions(target: "y", task: .regression)) }
        switch kind {
        case "nonNumeric": #expect(error == .nonNumericValue(source: "bad.csv", column: "y", row: 2, line: 3, value: "abc"))
        case "nonFinite": #expect(error == .nonFiniteValue(source: "bad.csv", column: "y", row: 2, line: 3, value: "'inf'"))
        case "missing": #expect(error == .missingTargetValue(source: "bad.csv", column: "y", row: 2, line: 3))
        default: #expect(error == .constantTarget(source: "bad.csv", column: "y", value: "5"))
        }
        #expect(error.map { !"\($0)".contains("\n") } ?? false)
    }

    @Test("a trainer learns y = 3·x1 − 2·x2 + 50: RMSE and MAE in y's units fall to the noise level",
          arguments: [false, true])
    func learnsALine(openCL: Bool) throws {
        guard !openCL || OpenCLTests.enabled else { return }
        var rng = TestRNG("learn-line")
        let table = try Self.table(rows: 1000, noise: 1, rng: &rng)
        let split = try table.split(validPct: 0.2, seed: 3, options: FeatureOptions(target: "y"))
        let backend: any Backend = openCL ? try Devices.open(.gpu, allowFallback: false).backend : CPUBackend()
        var options = TrainingOptions()
        options.epochs = 30
        options.learningRate = 0.05
        let spec = ModelSpec(kind: .linear, inputs: split.train.cols, outputs: 1, loss: .regression)
        let history = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options).fit()
        let first = try #require(history.first), last = try #require(history.last)
        #expect(first.isRegression && first.accuracy.isNaN)
        // The noise has sd 1 (|e| has mean 0.8): a learned line gets close to that, the mean alone is ~7.
        #expect(last.rmse! < 1.2 && last.mae! < 1.0, "\(last)")
        #expect(abs(last.rmse! - (last.validLoss.squareRoot() * split.valid.targetScale)) < 1e-9)
        // The files carry rmse and mae, and read back.
        #expect(metricsCSV(history).hasPrefix("epoch,train_loss,valid_loss,rmse,mae,time_s\n"))
        let decoded = try JSONDecoder().decode([EpochRecord].self, from: try metricsJSON(history))
        #expect(decoded.last?.rmse == last.rmse && decoded.last?.mae == last.mae && decoded.last!.accuracy.isNaN)
    }

    @Test("a regression loss with a classification data set, or the reverse, is refused")
    func mismatchedLoss() throws {
        var rng = TestRNG("mismatch")
        let split = try Self.table(rows: 40, noise: 1, rng: &rng).split(validPct: 0.25, seed: 1, options: FeatureOptions(target: "y"))
        let spec = ModelSpec(kind: .linear, inputs: split.train.cols, outputs: 1, loss: .meanSquaredError)
        #expect(throws: TrainingError.self) {
            _ = try Trainer(spec: spec, backend: CPUBackend(), train: split.train, valid: split.valid, options: TrainingOptions())
        }
    }
}
