import Foundation

/// How to turn a table into features: which column is the target, which to leave out, and the recipe.
public struct FeatureOptions: Sendable, Codable, Equatable {
    /// Which feature recipe to use. ``automatic`` and ``lesson`` choose one of the others by the table.
    public enum Recipe: String, Sendable, Codable, CaseIterable {
        /// ``titanic`` for the Titanic data (the lesson is the point of that run), else ``standard``.
        case automatic
        /// The lesson's way: ``titanic`` for the Titanic data, else ``generic``.
        case lesson
        /// The fast.ai lesson's features: `Age`, `SibSp`, `Parch`, `LogFare` scaled by their maximum, then
        /// dummies `Sex_male`, `Sex_female`, `Pclass_1…3`, `Embarked_C/Q/S`.
        case titanic
        /// The lesson's rules for any CSV: gaps filled with the mode, numeric columns divided by their largest
        /// magnitude, text columns with few values as dummies.
        case generic
        /// fastai's tabular preprocessing (`FillMissing`, `Normalize`, `Categorify`) for any CSV: numeric gaps
        /// filled with the training median, plus a `<column>_na` indicator when the training rows had gaps;
        /// numeric columns standardised to mean 0 and standard deviation 1; text columns with few values as
        /// dummies, a gap or an unseen value giving all zeros.
        case standard
    }

    /// The column to predict.
    public var target: String
    /// Columns to leave out of the features.
    public var drop: [String]
    /// A text column with more distinct values than this (in the whole table) is dropped, with a note.
    public var maxCategories: Int
    /// Appends a constant `Ones` feature, for models without their own bias (the spreadsheet model).
    public var addOnesColumn: Bool
    /// Which recipe; ``Recipe/automatic`` picks by the columns.
    public var recipe: Recipe
    /// The column whose values identify rows in predictions; nil picks the first column named `id`, or ending
    /// in `Id`, `ID` or `_id` (Titanic's `PassengerId`). It is never a feature.
    public var idColumn: String?
    /// Columns to use even though they look like row indexes (see ``FeatureStats/fit(_:rows:options:)``).
    public var keep: [String]
    /// Classes or a number; nil decides by the target: a column of numbers with more than
    /// ``FeatureStats/regressionThreshold`` distinct values is a regression.
    public var task: Task?

    /// Options with the defaults the CLI uses.
    public init(target: String, drop: [String] = [], maxCategories: Int = 10, addOnesColumn: Bool = false,
                recipe: Recipe = .automatic, idColumn: String? = nil, keep: [String] = [], task: Task? = nil) {
        self.target = target
        self.drop = drop
        self.maxCategories = maxCategories
        self.addOnesColumn = addOnesColumn
        self.recipe = recipe
        self.idColumn = idColumn
        self.keep = keep
        self.task = task
    }

    private enum CodingKeys: String, CodingKey {
        case target, drop, maxCategories, addOnesColumn, recipe, idColumn, keep, task
    }

    /// Decodes options; `keep`, which older files lack, defaults to none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(target: try c.decode(String.self, forKey: .target), drop: try c.decode([String].self, forKey: .drop),
                  maxCategories: try c.decode(Int.self, forKey: .maxCategories),
                  addOnesColumn: try c.decode(Bool.self, forKey: .addOnesColumn),
                  recipe: try c.decode(Recipe.self, forKey: .recipe),
                  idColumn: try c.decodeIfPresent(String.self, forKey: .idColumn),
                  keep: try c.decodeIfPresent([String].self, forKey: .keep) ?? [],
                  task: try c.decodeIfPresent(Task.self, forKey: .task))
    }
}

/// How one input column becomes feature columns, with the statistics fitted for it.
public struct ColumnStats: Sendable, Codable, Equatable {
    /// The transform.
    public enum Kind: String, Sendable, Codable {
        /// `value / scale`.
        case numeric
        /// `log(value + 1) / scale`, for long-tailed amounts such as a fare; the feature is named `Log<column>`.
        case logNumeric
        /// One 0/1 feature per category, named `<column>_<category>`; a value not among them gives all zeros.
        case categorical
        /// `(value - center) / scale`: center the training mean and scale its standard deviation, after filling.
        case standardized
    }

    /// The input column's name.
    public var column: String
    /// How the column's values become features.
    public var kind: Kind
    /// What an empty value is replaced with: the column's most frequent value on the training rows
    /// (the smallest one on a tie, as pandas' `mode()` picks). Numbers are stored as text too.
    public var fill: String
    /// The divisor of a numeric feature: the largest magnitude on the training rows after filling and the
    /// transform, or 1 when that is 0. Always 1 for categorical columns.
    public var scale: Double
    /// The categories of a categorical column, in feature order; empty otherwise.
    public var categories: [String]
    /// What is subtracted before dividing by ``scale``: the training mean of a ``Kind/standardized`` column, else 0.
    public var center: Double
    /// Whether a `<column>_na` feature follows, 1 where the value was missing: set when the training rows had
    /// gaps in a ``FeatureOptions/Recipe/standard`` column. Such a categorical column has no fill: a gap gives
    /// all-zero dummies.
    public var indicator: Bool

    /// Statistics for one column.
    public init(column: String, kind: Kind, fill: String, scale: Double = 1, categories: [String] = [],
                center: Double = 0, indicator: Bool = false) {
        self.column = column
        self.kind = kind
        self.fill = fill
        self.scale = scale
        self.categories = categories
        self.center = center
        self.indicator = indicator
    }

    private enum CodingKeys: String, CodingKey {
        case column, kind, fill, scale, categories, center, indicator
    }

    /// Decodes statistics; `center` and `indicator`, which older model files lack, default to 0 and false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(column: try c.decode(String.self, forKey: .column), kind: try c.decode(Kind.self, forKey: .kind),
                  fill: try c.decode(String.self, forKey: .fill), scale: try c.decode(Double.self, forKey: .scale),
                  categories: try c.decode([String].self, forKey: .categories),
                  center: try c.decodeIfPresent(Double.self, forKey: .center) ?? 0,
                  indicator: try c.decodeIfPresent(Bool.self, forKey: .indicator) ?? false)
    }

    /// The names of the features this column becomes.
    public var featureNames: [String] {
        let main: [String]
        switch kind {
        case .numeric, .standardized: main = [column]
        case .logNumeric: main = ["Log" + column]
        case .categorical: main = categories.map { "\(column)_\($0)" }
        }
        return main + (indicator ? [column + "_na"] : [])
    }

    /// What the features say was done to the column, e.g. `standardised (mean 29.7, sd 14.5), gaps → median 28 + Age_na`.
    public var summary: String {
        func short(_ x: Double) -> String { String(format: "%.4g", x) }
        let gaps = indicator ? (kind == .categorical ? "gaps → all zeros + \(column)_na"
                                                     : "gaps → median \(fill) + \(column)_na") : nil
        let what: String
        switch kind {
        case .standardized: what = "standardised (mean \(short(center)), sd \(short(scale)))"
        case .numeric: what = "divided by \(short(scale))"
        case .logNumeric: what = "log(x + 1) divided by \(short(scale))"
        case .categorical: what = "\(categories.count) dummies"
        }
        return "\(column): " + ([what] + (gaps.map { [$0] } ?? [])).joined(separator: ", ")
    }
}

/// Everything fitted on training rows that is needed to featurise other rows the same way: `Codable`, so it can
/// be saved with a model and applied to new data (e.g. Kaggle's `test.csv`).
public struct FeatureStats: Sendable, Codable, Equatable {
    /// The recipe that was used (never ``FeatureOptions/Recipe/automatic``).
    public var recipe: FeatureOptions.Recipe
    /// The target column's name.
    public var target: String
    /// The target value of each class index: numbers in numeric order (`["0", "1"]`), other text in
    /// lexicographic order.
    public var classNames: [String]
    /// The column that identifies rows, when there is one.
    public var idColumn: String?
    /// The feature columns' recipes, in feature order.
    public var columns: [ColumnStats]
    /// Whether a constant `Ones` feature is appended.
    public var addOnesColumn: Bool
    /// What the fit decided and why, for people: columns dropped, the recipe chosen.
    public var notes: [String]
    /// Classes (named by ``classNames``) or a number (standardised by ``targetCenter`` and ``targetScale``).
    public var task: Task
    /// For a regression, the target's training mean and standard deviation; 0 and 1 otherwise.
    public var targetCenter: Double, targetScale: Double

    /// Statistics from their parts (see ``fit(_:rows:options:)`` for fitting them).
    public init(recipe: FeatureOptions.Recipe, target: String, classNames: [String], idColumn: String?,
                columns: [ColumnStats], addOnesColumn: Bool, notes: [String], task: Task = .classification,
                targetCenter: Double = 0, targetScale: Double = 1) {
        self.recipe = recipe
        self.target = target
        self.classNames = classNames
        self.idColumn = idColumn
        self.columns = columns
        self.addOnesColumn = addOnesColumn
        self.notes = notes
        self.task = task
        self.targetCenter = targetCenter
        self.targetScale = targetScale
    }

    private enum CodingKeys: String, CodingKey {
        case recipe, target, classNames, idColumn, columns, addOnesColumn, notes, task, targetCenter, targetScale
    }

    /// Decodes statistics; a file from before regressions existed is a classification.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(recipe: try c.decode(FeatureOptions.Recipe.self, forKey: .recipe),
                  target: try c.decode(String.self, forKey: .target),
                  classNames: try c.decode([String].self, forKey: .classNames),
                  idColumn: try c.decodeIfPresent(String.self, forKey: .idColumn),
                  columns: try c.decode([ColumnStats].self, forKey: .columns),
                  addOnesColumn: try c.decode(Bool.self, forKey: .addOnesColumn),
                  notes: try c.decode([String].self, forKey: .notes),
                  task: try c.decodeIfPresent(Task.self, forKey: .task) ?? .classification,
                  targetCenter: try c.decodeIfPresent(Double.self, forKey: .targetCenter) ?? 0,
                  targetScale: try c.decodeIfPresent(Double.self, forKey: .targetScale) ?? 1)
    }

    /// Number of classes of the target; 1 (one output) for a regression.
    public var classCount: Int { task == .regression ? 1 : classNames.count }

    /// The feature columns, in order.
    public var featureNames: [String] {
        columns.flatMap(\.featureNames) + (addOnesColumn ? ["Ones"] : [])
    }

    /// Featurises `rows` of `table` (every row when nil). The target is optional: without that column the
    /// data set has no targets. Extra columns are ignored.
    /// - Throws: ``DataError/missingFeatureColumn(source:column:available:)`` when a needed column is absent;
    ///   ``DataError/nonNumericValue(source:column:row:line:value:)`` or
    ///   ``DataError/nonFiniteValue(source:column:row:line:value:)`` for a bad number;
    ///   ``DataError/missingTargetValue(source:column:row:line:)`` or
    ///   ``DataError/unknownClass(source:column:row:line:value:known:)`` for a bad target.
    public func apply(to table: Table, rows: [Int]? = nil) throws -> Dataset {
        let picked = rows ?? Array(0..<table.rowCount)
        let indices = try columns.map { stats in
            guard let c = table.index(of: stats.column) else {
                throw DataError.missingFeatureColumn(source: table.source, column: stats.column,
                                                     available: table.columns)
            }
            return c
        }
        let names = featureNames
        let width = names.count
        // Column by column: each input column is read once, in order, and written into its feature slots.
        let offsets = columns.reduce(into: [0]) { $0.append($0.last! + $1.featureNames.count) }
        let slots = zip(columns, indices).map { stats, c in
            stats.kind == .categorical ? table.data[c].values.map { stats.categories.firstIndex(of: $0) ?? -1 } : []
        }
        // Blocks of rows in parallel, and within a block one input column after another: a block's rows stay in
        // cache while each column writes its slots. Each block zeroes its own rows first, so the fresh matrix's
        // pages are faulted in by every core rather than by one. Each column stops at its first bad row in a block.
        let block = 2048
        var errors: [(row: Int, error: any Error)?] = []
        let features = [Float](unsafeUninitializedCapacity: picked.count * width) { out, initialized in
            let shared = UncheckedSendable(out)
            errors = parallelMap((picked.count + block - 1) / block) { b -> (row: Int, error: any Error)? in
                let rows = b * block ..< min(picked.count, (b + 1) * block)
                let out = shared.value
                out.baseAddress!.advanced(by: rows.lowerBound * width).initialize(repeating: 0, count: rows.count * width)
                if addOnesColumn {
                    for i in rows { out[i * width + width - 1] = 1 }
                }
                var first: (row: Int, error: any Error)?
                for j in columns.indices {
                    do {
                        try fill(out, width: width, offset: offsets[j], stats: columns[j], slots: slots[j],
                                 table: table, column: indices[j], rows: picked, block: rows)
                    } catch let failure as RowFailure {
                        if first == nil || failure.index < first!.row { first = (failure.index, failure.error) }
                    } catch {
                        return (rows.lowerBound, error)
                    }
                }
                return first
            }
            initialized = picked.count * width
        }
        // The error a row-by-row pass would meet first: the lowest row, then the leftmost column.
        if let first = errors.lazy.compactMap({ $0 }).first { throw first.error }
        var targets: [Float] = []
        if task == .regression, let t = table.index(of: target) {
            targets = try picked.map { r in Float((try regressionTarget(table, column: t, row: r) - targetCenter) / targetScale) }
        } else if let t = table.index(of: target) {
            let column = table.data[t]
            let classOfCode = column.values.map { classNames.firstIndex(of: $0) ?? numericClass($0) }
            targets = try picked.map { r in
                let k: Int?
                if let code = column.code(at: r) {
                    k = classOfCode[code]
                } else if let x = column.number(at: r) {
                    k = classNames.firstIndex { Double($0) == x }
                } else {
                    throw DataError.missingTargetValue(source: table.source, column: target, row: r + 1,
                                                       line: table.lines[r])
                }
                guard let k else {
                    throw DataError.unknownClass(source: table.source, column: target, row: r + 1,
                                                 line: table.lines[r], value: column.text(at: r), known: classNames)
                }
                return Float(k)
            }
        }
        let ids = idColumn.flatMap(table.index(of:)).map { c in picked.map { table.data[c].text(at: $0) } }
        return Dataset(rows: picked.count, cols: width, features: features, targets: targets,
                       featureNames: names, classCount: classCount,
                       classNames: task == .regression ? nil : classNames, ids: ids, task: task,
                       targetCenter: targetCenter, targetScale: targetScale)
    }

    private struct RowFailure: Error {
        let index: Int
        let error: any Error
    }

    /// Writes the features of one input column for `rows` into their slots from `offset` of each output row.
    private func fill(_ out: UnsafeMutableBufferPointer<Float>, width: Int, offset f: Int, stats: ColumnStats,
                      slots slot: [Int], table: Table, column c: Int, rows picked: [Int], block: Range<Int>) throws {
        let column = table.data[c]
        switch stats.kind {
        case .numeric, .logNumeric, .standardized:
            let fill = stats.kind == .logNumeric ? nil : Double(stats.fill)
            let (center, scale, indicator) = (stats.center, stats.scale, stats.indicator)
            if let fill {
                // The common case, on raw pointers: a number, or a gap that takes the fill (and sets the indicator).
                let numbers = UnsafePointer(column.numbers.base)
                let codes = column.codes.count > 0 ? UnsafePointer(column.codes.base) : nil
                try picked.withUnsafeBufferPointer { picked in
                    for i in block {
                        let r = picked[i]
                        var x = numbers[r]
                        if x.isNaN {
                            if let codes, codes[r] >= 0 {
                                // Text where a number belongs: the error naming the row.
                                do { x = try stats.number(table, row: r, column: c) } catch {
                                    throw RowFailure(index: i, error: error)
                                }
                            } else {
                                x = fill
                                if indicator { out[i * width + f + 1] = 1 }
                            }
                        }
                        out[i * width + f] = Float((x - center) / scale)
                    }
                }
                return
            }
            for i in block {
                let r = picked[i]
                let x: Double
                if let fill, !column.numbers[r].isNaN || column.isEmpty(at: r) {
                    x = column.numbers[r].isNaN ? fill : column.numbers[r]
                } else {
                    do { x = try stats.number(table, row: r, column: c) } catch { throw RowFailure(index: i, error: error) }
                }
                out[i * width + f] = Float((x - center) / scale)
                if indicator && column.isEmpty(at: r) { out[i * width + f + 1] = 1 }
            }
        case .categorical:
            // With an indicator a gap is its own feature, not the most frequent category.
            let fillSlot = stats.indicator ? -1 : stats.categories.firstIndex(of: stats.fill) ?? -1
            let gapSlot = stats.indicator ? stats.categories.count : -1
            for i in block {
                let r = picked[i]
                let k: Int
                if let code = column.code(at: r) {
                    k = slot[code]
                } else if let x = column.number(at: r) {
                    k = stats.categories.firstIndex(of: Self.format(x)) ?? -1
                } else {
                    k = gapSlot >= 0 ? gapSlot : fillSlot
                }
                if k >= 0 { out[i * width + f + k] = 1 }
            }
        }
    }

    /// A regression target's value in row `r`: a finite number, else an error naming the row.
    func regressionTarget(_ table: Table, column t: Int, row r: Int) throws -> Double {
        let column = table.data[t]
        if let x = column.number(at: r) { return x }
        if column.isEmpty(at: r) {
            throw DataError.missingTargetValue(source: table.source, column: target, row: r + 1, line: table.lines[r])
        }
        let text = column.text(at: r)
        if let x = Double(text), !x.isFinite {
            throw DataError.nonFiniteValue(source: table.source, column: target, row: r + 1, line: table.lines[r],
                                           value: "'\(text)'")
        }
        throw DataError.nonNumericValue(source: table.source, column: target, row: r + 1, line: table.lines[r],
                                        value: text)
    }

    /// A numeric target written another way (`1.0` for class `1`).
    private func numericClass(_ value: String) -> Int? {
        guard let x = Double(value) else { return nil }
        return classNames.firstIndex { Double($0) == x }
    }
}

extension ColumnStats {
    /// The numeric value of column `c` in row `r` after filling and the transform; throws for text or a
    /// non-finite result, naming the row.
    func number(_ table: Table, row r: Int, column c: Int) throws -> Double {
        let data = table.data[c]
        var written: String { data.isEmpty(at: r) ? fill : data.text(at: r) }
        guard let x = data.number(at: r) ?? Double(written) else {
            throw DataError.nonNumericValue(source: table.source, column: self.column, row: r + 1,
                                            line: table.lines[r], value: written)
        }
        let y = kind == .logNumeric ? Foundation.log(x + 1) : x
        guard y.isFinite else {
            throw DataError.nonFiniteValue(source: table.source, column: column, row: r + 1, line: table.lines[r],
                                           value: kind == .logNumeric ? "'\(written)' (log(x + 1) = \(y))"
                                                                      : "'\(written)'")
        }
        return y
    }
}
