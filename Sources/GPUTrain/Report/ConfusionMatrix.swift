import Foundation

/// Counts of (actual class, predicted class) over a labelled data set: row `a`, column `p` is how many rows of
/// class `a` the model called `p`, so the diagonal holds the right answers.
///
/// A prediction is the class the loss kernels count as right or wrong for the accuracy column (see
/// ``predictedClass(_:loss:)``), so ``accuracy`` equals the metrics table's accuracy for the same weights and rows.
///
/// ```swift
/// let matrix = try ConfusionMatrix(predictions: trainer.predict(split.valid), data: split.valid, loss: spec.loss)
/// print(matrix.table())
/// ```
public struct ConfusionMatrix: Sendable, Equatable {
    /// The name of each class, in class-index order (as written in the data file).
    public let classNames: [String]
    /// `counts[actual][predicted]`, a square matrix of side `classNames.count`.
    public let counts: [[Int]]

    /// A matrix from its counts.
    /// - Precondition: `counts` is square, one row per class name, and no count is negative.
    public init(classNames: [String], counts: [[Int]]) {
        precondition(counts.count == classNames.count && counts.allSatisfy { $0.count == classNames.count },
                     "a confusion matrix of \(classNames.count) classes needs \(classNames.count)×\(classNames.count) counts")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "negative count")
        self.classNames = classNames
        self.counts = counts
    }

    /// Counts a model's outputs against the targets of `data`.
    /// - Parameters:
    ///   - predictions: ``Trainer/predict(_:)``'s output for `data`: one value per row, or one per class per row
    ///     for ``LossKind/softmaxCrossEntropy``.
    ///   - data: a classification data set with a target per row; its ``Dataset/classNames`` (or `0`, `1`, … when
    ///     it has none) name the rows and columns.
    ///   - loss: the loss the model was trained with, which decides how an output becomes a class.
    /// - Throws: ``TrainingError/invalidSetting(_:)`` for a regression, data without targets, or outputs that do not
    ///   fit the rows.
    public init(predictions: [Float], data: Dataset, loss: LossKind) throws {
        guard data.task == .classification, loss != .regression else {
            throw TrainingError.invalidSetting("a confusion matrix is for classes, not a regression")
        }
        guard data.hasTargets else { throw TrainingError.invalidSetting("a confusion matrix needs a target per row") }
        let width = loss == .softmaxCrossEntropy ? data.classCount : 1
        guard predictions.count == data.rows * width else {
            throw TrainingError.invalidSetting("\(predictions.count) outputs for \(data.rows) rows of \(width) each")
        }
        let k = data.classCount
        var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for r in 0 ..< data.rows {
            let target = data.targets[r]
            let actual = loss == .softmaxCrossEntropy ? Int(target) : (target > 0.5 ? 1 : 0)
            guard actual >= 0, actual < k else {
                throw TrainingError.invalidSetting("row \(r) has target \(target), not a class of 0..<\(k)")
            }
            counts[actual][Self.predictedClass(predictions[r * width ..< (r + 1) * width], loss: loss)] += 1
        }
        self.init(classNames: data.classNames ?? (0 ..< k).map(String.init), counts: counts)
    }

    /// The class a row's outputs predict, as the loss kernels decide rightness: for binary cross-entropy a logit
    /// `> 0` is class 1, for squared error (the spreadsheet model) an output `> 0.5`, for softmax the first index of
    /// the largest logit.
    public static func predictedClass(_ outputs: ArraySlice<Float>, loss: LossKind) -> Int {
        let first = outputs.startIndex
        switch loss {
        case .binaryCrossEntropy: return outputs[first] > 0 ? 1 : 0
        case .meanSquaredError, .regression: return outputs[first] > 0.5 ? 1 : 0
        case .softmaxCrossEntropy:
            var best = first
            for j in outputs.indices where outputs[j] > outputs[best] { best = j }
            return best - first
        }
    }

    /// Rows counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Rows predicted right: the diagonal's sum.
    public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }
    /// `correct / total` (NaN for no rows).
    public var accuracy: Double { Double(correct) / Double(total) }

    /// The matrix as text: a header line of predicted classes, then one line per actual class, numbers right-aligned
    /// in columns as wide as their longest name or count, e.g.
    /// ```
    /// actual \ predicted    0   1
    /// 0                   101   9
    /// 1                    22  47
    /// ```
    public func table() -> String {
        let corner = "actual \\ predicted"
        let first = max(corner.count, classNames.map(\.count).max() ?? 0)
        let widths = classNames.indices.map { p in
            max(classNames[p].count, counts.map { String($0[p]).count }.max() ?? 1)
        }
        func pad(_ s: String, _ w: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return left ? s + fill : fill + s
        }
        var lines = [pad(corner, first, left: true) + zip(classNames, widths).map { "  " + pad($0, $1, left: false) }.joined()]
        for (a, name) in classNames.enumerated() {
            lines.append(pad(name, first, left: true) + zip(counts[a], widths).map { "  " + pad(String($0), $1, left: false) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}

/// A confusion matrix as a standalone SVG, in the style of scikit-learn's `ConfusionMatrixDisplay`: a square cell per
/// (actual, predicted) pair shaded from white to blue by its count, the count written in it, actual classes down the
/// left and predicted classes along the bottom, and a title.
///
/// - Parameters:
///   - matrix: the counts and class names (escaped, so any name is safe).
///   - title: text above the plot.
///   - cellSize: the side of one cell in pixels (at least 24).
public func confusionMatrixSVG(_ matrix: ConfusionMatrix, title: String = "Confusion matrix", cellSize: Int = 56) -> String {
    let k = matrix.classNames.count, cell = Double(max(cellSize, 24))
    let longest = Double(matrix.classNames.map(\.count).max() ?? 1)
    let left = 40 + min(longest, 24) * 7.5, top = 56.0, bottom = 40 + min(longest, 24) * 5, right = 24.0
    let w = left + Double(k) * cell + right, h = top + Double(k) * cell + bottom
    let largest = max(1, matrix.counts.flatMap { $0 }.max() ?? 1)
    func f(_ x: Double) -> String { String(format: "%.2f", x) }
    var svg = svgHeader(width: w, height: h, title: title)
    for a in 0 ..< k {
        for p in 0 ..< k {
            let count = matrix.counts[a][p], share = Double(count) / Double(largest)
            // White to matplotlib's dark blue (#08306b), as the Blues colour map ends.
            let (r, g, b) = (255 - share * (255 - 8), 255 - share * (255 - 48), 255 - share * (255 - 107))
            let x = left + Double(p) * cell, y = top + Double(a) * cell
            svg += "<rect class=\"cell\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cell))\" "
                + "fill=\"rgb(\(Int(r)),\(Int(g)),\(Int(b)))\" stroke=\"#cccccc\"/>\n"
            svg += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + cell / 2 + 4))\" text-anchor=\"middle\" "
                + "fill=\"\(share > 0.5 ? "white" : "black")\">\(count)</text>\n"
        }
    }
    for (i, name) in matrix.classNames.enumerated() {
        let c = Double(i) * cell + cell / 2
        svg += "<text x=\"\(f(left - 8))\" y=\"\(f(top + c + 4))\" text-anchor=\"end\">\(xmlEscape(name))</text>\n"
        svg += "<text x=\"\(f(left + c))\" y=\"\(f(top + Double(k) * cell + 16))\" text-anchor=\"end\" "
            + "transform=\"rotate(-45 \(f(left + c)) \(f(top + Double(k) * cell + 16)))\">\(xmlEscape(name))</text>\n"
    }
    svg += "<text x=\"\(f(left + Double(k) * cell / 2))\" y=\"\(f(h - 10))\" text-anchor=\"middle\">predicted</text>\n"
    let midY = top + Double(k) * cell / 2
    svg += "<text x=\"14\" y=\"\(f(midY))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(midY)))\">actual</text>\n"
    svg += "</svg>\n"
    return svg
}
