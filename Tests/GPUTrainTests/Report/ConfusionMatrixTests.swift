import Foundation
import GPUTrain
import Testing

@Suite("Confusion matrix")
struct ConfusionMatrixTests {
    /// A data set of `rows` random targets among `k` classes, with no features to speak of.
    func labelled(_ targets: [Float], classes k: Int, names: [String]? = nil) -> Dataset {
        Dataset(rows: targets.count, cols: 1, features: [Float](repeating: 0, count: targets.count), targets: targets,
                featureNames: ["x"], classCount: k, classNames: names)
    }

    @Test("softmax: counted by the first arg max, checked against a count made here")
    func softmax() throws {
        var g = SystemRandomNumberGenerator()
        let k = Int.random(in: 3 ... 7, using: &g), rows = Int.random(in: 50 ... 300, using: &g)
        let targets = (0 ..< rows).map { _ in Float(Int.random(in: 0 ..< k, using: &g)) }
        // Logits rounded to a tenth, so ties happen and the first maximum must win, as in the loss kernel.
        let logits = (0 ..< rows * k).map { _ in Float(Int.random(in: -10 ... 10, using: &g)) / 10 }
        let m = try ConfusionMatrix(predictions: logits, data: labelled(targets, classes: k), loss: .softmaxCrossEntropy)
        var expected = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for r in 0 ..< rows {
            let row = Array(logits[r * k ..< (r + 1) * k])
            expected[Int(targets[r])][row.firstIndex(of: row.max()!)!] += 1
        }
        #expect(m.counts == expected)
        #expect(m.total == rows)
        #expect(m.classNames == (0 ..< k).map(String.init))
        #expect(m.accuracy == Double((0 ..< k).map { expected[$0][$0] }.reduce(0, +)) / Double(rows))
    }

    @Test("binary: a logit above 0 is class 1 (bce), an output above 0.5 (the spreadsheet's mse)")
    func binary() throws {
        let data = labelled([0, 0, 1, 1, 1], classes: 2, names: ["no", "yes"])
        let bce = try ConfusionMatrix(predictions: [-1, 0, 0.1, 3, -2], data: data, loss: .binaryCrossEntropy)
        #expect(bce.counts == [[2, 0], [1, 2]])
        let mse = try ConfusionMatrix(predictions: [0.2, 0.5, 0.6, 0.51, 0.4], data: data, loss: .meanSquaredError)
        #expect(mse.counts == [[2, 0], [1, 2]])
        #expect(mse.classNames == ["no", "yes"])
        #expect(mse.correct == 4 && mse.accuracy == 0.8)
        #expect(throws: TrainingError.self) { try ConfusionMatrix(predictions: [1, 2], data: data, loss: .binaryCrossEntropy) }
    }

    @Test("its accuracy is the metrics table's last accuracy, exactly (CPU backend)", arguments: [ModelKind.mlp, .linear, .excel])
    func agreesWithMetrics(kind: ModelKind) throws {
        let trainer = try titanicTrainer(kind, on: CPUBackend(), epochs: 3)
        let records = try trainer.fit()
        let split = try titanicSplit(ones: kind == .excel)
        let m = try ConfusionMatrix(predictions: trainer.predict(split.valid), data: split.valid, loss: trainer.spec.loss)
        #expect(m.total == split.valid.rows)
        #expect(m.accuracy == records.last!.accuracy)
    }

    @Test("and for softmax over several classes")
    func agreesWithMetricsSoftmax() throws {
        // Three classes by the sign pattern of two random features, a little noise in the labels.
        var g = SystemRandomNumberGenerator()
        func data(_ rows: Int) -> Dataset {
            var x: [Float] = [], y: [Float] = []
            for _ in 0 ..< rows {
                let a = Float.random(in: -1 ... 1, using: &g), b = Float.random(in: -1 ... 1, using: &g)
                x += [a, b]
                y.append(Float.random(in: 0 ..< 1, using: &g) < 0.1 ? Float(Int.random(in: 0 ..< 3, using: &g)) : a < 0 ? 0 : b < 0 ? 1 : 2)
            }
            return Dataset(rows: rows, cols: 2, features: x, targets: y, featureNames: ["a", "b"], classCount: 3,
                           classNames: ["left", "low right", "high right"])
        }
        let train = data(400), valid = data(150)
        var options = TrainingOptions()
        options.epochs = 4
        let spec = ModelSpec(kind: .mlp, inputs: 2, hidden: [8], outputs: 3, loss: .softmaxCrossEntropy)
        let trainer = try Trainer(spec: spec, backend: CPUBackend(), train: train, valid: valid, options: options)
        let records = try trainer.fit()
        let m = try ConfusionMatrix(predictions: trainer.predict(valid), data: valid, loss: .softmaxCrossEntropy)
        #expect(m.accuracy == records.last!.accuracy)
        #expect(m.classNames == ["left", "low right", "high right"])
        let rowSums: [Int] = m.counts.map { $0.reduce(0, +) }
        let perClass: [Int] = (0 ..< 3).map { (c: Int) -> Int in valid.targets.filter { $0 == Float(c) }.count }
        #expect(rowSums == perClass)
    }

    @Test("the table: names down and across, counts right-aligned")
    func table() {
        let m = ConfusionMatrix(classNames: ["cat", "dog", "a long name"], counts: [[12, 0, 3], [1, 140, 0], [0, 2, 7]])
        #expect(m.table() == """
            actual \\ predicted  cat  dog  a long name
            cat                  12    0            3
            dog                   1  140            0
            a long name           0    2            7
            """)
    }

    @Test("the SVG: a cell and a count per pair, names escaped")
    func svg() {
        let m = ConfusionMatrix(classNames: ["<a>", "b&c"], counts: [[5, 1], [2, 9]])
        let svg = confusionMatrixSVG(m, title: "t")
        #expect(svg.components(separatedBy: "<rect class=\"cell\"").count - 1 == 4)
        for count in [5, 1, 2, 9] { #expect(svg.contains(">\(count)</text>")) }
        #expect(svg.contains("&lt;a&gt;") && svg.contains("b&amp;c") && !svg.contains("<a>"))
    }
}
