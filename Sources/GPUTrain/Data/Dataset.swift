/// What a target is: classes to pick between, or a number to estimate.
public enum Task: String, Codable, Sendable, CaseIterable {
    /// Targets are class indices; the metrics are accuracy and error rate.
    case classification
    /// Targets are numbers, standardised for training; the metrics are RMSE and MAE in the target's units.
    case regression
}

/// A data set ready for training: a row-major matrix of features and one target per row.
///
/// For a classification, targets are class indices stored as `Float` (`0`/`1` for a binary target), the form
/// ``LossKind/softmaxCrossEntropy`` and the binary losses take. For a regression they are the target's values
/// standardised, `(y - targetCenter) / targetScale`, which ``LossKind/regression`` takes. A data set made from a
/// table without the target column (a Kaggle `test.csv`) has no targets: ``targets`` is empty and
/// ``hasTargets`` is false.
public struct Dataset: Sendable, Equatable {
    /// Number of rows (examples).
    public let rows: Int
    /// Number of feature columns.
    public let cols: Int
    /// `rows × cols` features, row-major: row `i` is `features[i*cols ..< (i+1)*cols]`.
    public let features: [Float]
    /// One class index per row, or empty for unlabelled data.
    public let targets: [Float]
    /// A name per feature column, e.g. `Age`, `LogFare`, `Sex_male`.
    public let featureNames: [String]
    /// Number of classes: 2 for a binary target, k for k classes.
    public let classCount: Int
    /// The target value each class index stands for, e.g. `["0", "1"]`; nil when the classes have no names.
    public let classNames: [String]?
    /// An identifier per row (e.g. Titanic's `PassengerId`) for writing predictions; nil when there is none.
    public let ids: [String]?
    /// Classes or a number.
    public let task: Task
    /// For a regression, what was subtracted from the target and what it was divided by (the training mean and
    /// standard deviation): a prediction `p` is `p · targetScale + targetCenter` in the target's units. 0 and 1
    /// for a classification.
    public let targetCenter: Double, targetScale: Double

    /// A data set from parts that fit together.
    /// - Precondition: `features.count == rows * cols`, `featureNames.count == cols`, `targets` empty or one per
    ///   row, `classNames` nil or one per class, `ids` nil or one per row, `classCount >= 2` for a classification
    ///   and 1 for a regression, whose `targetScale` is positive.
    public init(rows: Int, cols: Int, features: [Float], targets: [Float], featureNames: [String],
                classCount: Int, classNames: [String]? = nil, ids: [String]? = nil,
                task: Task = .classification, targetCenter: Double = 0, targetScale: Double = 1) {
        precondition(rows >= 0 && cols >= 0 && features.count == rows * cols,
                     "\(features.count) features for a \(rows)×\(cols) data set")
        precondition(featureNames.count == cols, "\(featureNames.count) feature names for \(cols) columns")
        precondition(targets.isEmpty || targets.count == rows, "\(targets.count) targets for \(rows) rows")
        precondition(task == .regression ? classCount == 1 && targetScale > 0 : classCount >= 2,
                     "a classifier needs at least 2 classes, a regression 1 output, not \(classCount)")
        precondition(classNames.map { $0.count == classCount } ?? true, "class names do not match \(classCount)")
        precondition(ids.map { $0.count == rows } ?? true, "\(ids?.count ?? 0) ids for \(rows) rows")
        self.rows = rows
        self.cols = cols
        self.features = features
        self.targets = targets
        self.featureNames = featureNames
        self.classCount = classCount
        self.classNames = classNames
        self.ids = ids
        self.task = task
        self.targetCenter = targetCenter
        self.targetScale = targetScale
    }

    /// Whether every row has a target.
    public var hasTargets: Bool { targets.count == rows && rows > 0 }

    /// The features of row `i`, as a fresh array (indexed from 0, unlike a slice of ``features``).
    public func row(_ i: Int) -> [Float] {
        Array(features[i * cols ..< (i + 1) * cols])
    }

    /// The rows at `indices`, in that order (repeats allowed).
    public func subset(_ indices: [Int]) -> Dataset {
        var picked: [Float] = []
        picked.reserveCapacity(indices.count * cols)
        for i in indices { picked += features[i * cols ..< (i + 1) * cols] }
        return Dataset(rows: indices.count, cols: cols, features: picked,
                       targets: targets.isEmpty ? [] : indices.map { targets[$0] },
                       featureNames: featureNames, classCount: classCount, classNames: classNames,
                       ids: ids.map { ids in indices.map { ids[$0] } }, task: task, targetCenter: targetCenter,
                       targetScale: targetScale)
    }
}

/// Training and validation data, and the statistics that turned a table into features.
public struct DataSplit: Sendable {
    /// The rows the model learns from.
    public let train: Dataset
    /// The rows that measure it.
    public let valid: Dataset
    /// Fitted on the training rows only; save them with the model to featurise new data the same way.
    /// Nil for data that needs no fitting (images).
    public let stats: FeatureStats?
    /// For images, their size, scaling and classes; save them with the model to featurise new images the same
    /// way. Nil for tables.
    public let images: ImageInputs?

    /// Bundles two data sets with the statistics (for a table) or the image description that made them.
    public init(train: Dataset, valid: Dataset, stats: FeatureStats?, images: ImageInputs? = nil) {
        self.train = train
        self.valid = valid
        self.stats = stats
        self.images = images
    }

    /// Which of `count` rows go to training and which to validation, as fast.ai's `RandomSplitter` does it:
    /// shuffle the row indices with `seed`, give the first `floor(validPct × count)` to validation and the rest
    /// to training. Each part is returned in ascending order.
    /// - Throws: ``DataError/badValidPct(_:)`` unless `0 < validPct < 1`; ``DataError/tooFewRows(source:rows:needed:)``
    ///   below 2 rows; ``DataError/emptySplit(source:rows:validPct:part:)`` when a part would be empty.
    public static func indices(count: Int, validPct: Double, seed: UInt64,
                               source: String = "data") throws -> (train: [Int], valid: [Int]) {
        guard validPct > 0, validPct < 1 else { throw DataError.badValidPct(validPct) }
        guard count >= 2 else { throw DataError.tooFewRows(source: source, rows: count, needed: 2) }
        let cut = Int((Double(count) * validPct).rounded(.down))
        guard cut > 0 else {
            throw DataError.emptySplit(source: source, rows: count, validPct: validPct, part: "validation")
        }
        guard cut < count else {
            throw DataError.emptySplit(source: source, rows: count, validPct: validPct, part: "training")
        }
        var rng = SeededGenerator(seed: seed)
        // `rng.permutation(count)`'s shuffle, on 32-bit indices where they suffice: the same swaps, in half the
        // memory, which a million rows' random swaps feel.
        var isValid = [Bool](repeating: false, count: count)
        if count <= Int(Int32.max) {
            var order = (0..<Int32(count)).map { $0 }
            order.withUnsafeMutableBufferPointer { order in
                for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, rng.next(below: i + 1)) }
            }
            for i in order[..<cut] { isValid[Int(i)] = true }
        } else {
            for i in rng.permutation(count)[..<cut] { isValid[i] = true }
        }
        // Ascending order without sorting: mark the validation rows, then read both parts off in one pass.
        var train: [Int] = [], valid: [Int] = []
        train.reserveCapacity(count - cut)
        valid.reserveCapacity(cut)
        for r in 0..<count {
            if isValid[r] { valid.append(r) } else { train.append(r) }
        }
        return (train, valid)
    }
}

extension Table {
    /// Splits the rows with ``DataSplit/indices(count:validPct:seed:source:)``, fits feature statistics on the
    /// training rows only, and applies them to both parts.
    ///
    /// ```swift
    /// let table = try Table(csv: TitanicData.trainCSV, source: "train.csv")
    /// let split = try table.split(validPct: 0.2, seed: 42, options: FeatureOptions(target: "Survived"))
    /// split.train.rows                  // 713
    /// split.valid.featureNames.first    // "Age"
    /// ```
    /// - Throws: any ``DataError`` of the split, of ``FeatureStats/fit(_:rows:options:)`` or of
    ///   ``FeatureStats/apply(to:rows:)``.
    public func split(validPct: Double, seed: UInt64, options: FeatureOptions) throws -> DataSplit {
        let parts = try DataSplit.indices(count: rowCount, validPct: validPct, seed: seed, source: source)
        let stats = try FeatureStats.fit(self, rows: parts.train, options: options)
        return DataSplit(train: try stats.apply(to: self, rows: parts.train),
                         valid: try stats.apply(to: self, rows: parts.valid), stats: stats)
    }
}
