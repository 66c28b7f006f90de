import Dispatch
import Foundation
/// Fitting: deciding the feature columns from the whole table and their statistics from the training rows.
///
/// The generic recipe's rules, applied to each column other than the target, the ID column and those dropped.
/// The shape of the features (which columns, of which kind, with which categories) is decided on every row of
/// the table, so it does not change with the split seed; the numbers (fill values, scales) come from the
/// training rows only.
/// - A column is **numeric** when at least 90% of its non-empty values parse as numbers (``TableColumn/kind``).
///   Any other value in it is then an error naming the row (a typo, or a marker such as `?` or `NA` that should be
///   left empty), and so is `nan` or `inf`. Empty values are filled with the training mode; features are divided
///   by the largest training magnitude.
/// - Otherwise it is **categorical**: one dummy per distinct value, unless it has more than
///   ``FeatureOptions/maxCategories`` of them (names, tickets, cabins), when it is dropped with a note. Empty
///   values are filled with the training mode.
/// - A column with one value, or none, is dropped with a note, as is a numeric column with an ID-like name
///   whose values are all distinct.
/// - A row index is dropped with a note unless ``FeatureOptions/keep`` names it: a column with an empty name
///   (pandas' `to_csv()` writes one), or one whose values are exactly 0…n−1 or 1…n in file order (R's
///   `write.csv` writes `1…n`).
///
/// The standard recipe (fastai's `FillMissing`, `Normalize` and `Categorify`) decides the same columns, but a
/// numeric one is standardised with the training mean and standard deviation (ddof 0, as fastai and
/// scikit-learn's `StandardScaler`), its gaps filled with the training median, and a `<column>_na` indicator
/// follows any column whose training rows had gaps; a numeric column constant on the training rows is dropped.
extension FeatureStats {
    /// The most classes a target may have when the task is left to the fit; more suggests a continuous column.
    public static let maxClasses = 100
    /// The most classes a target may have with ``Task/classification`` asked for.
    public static let maxForcedClasses = 1000
    /// A target of numbers with more distinct values than this is a regression unless a task is given.
    public static let regressionThreshold = 20

    /// The Titanic recipe's columns in the lesson's feature order, with the lesson's dummy categories.
    static let titanicRecipe: [(column: String, kind: ColumnStats.Kind, categories: [String])] = [
        ("Age", .numeric, []), ("SibSp", .numeric, []), ("Parch", .numeric, []), ("Fare", .logNumeric, []),
        ("Sex", .categorical, ["male", "female"]), ("Pclass", .categorical, ["1", "2", "3"]),
        ("Embarked", .categorical, ["C", "Q", "S"]),
    ]

    /// Fits feature statistics on `rows` of `table` (every row when nil).
    ///
    /// Fill values and scales come from `rows` only, so validation rows do not leak into training. Which columns
    /// become which features, the categories and the target's classes come from every row of the table, so the
    /// feature names do not depend on the split and a class that only a validation row has still gets an index.
    /// - Throws: ``DataError/missingTarget(source:column:available:)``,
    ///   ``DataError/unknownColumn(source:column:option:available:)`` for a `drop` or `idColumn` name not in the
    ///   table, ``DataError/constantTarget(source:column:value:)``, ``DataError/noFeatures(source:notes:)``, or a
    ///   value error naming column and row.
    public static func fit(_ table: Table, rows: [Int]? = nil, options: FeatureOptions) throws -> FeatureStats {
        let train = rows ?? Array(0..<table.rowCount)
        guard !train.isEmpty else { throw DataError.tooFewRows(source: table.source, rows: 0, needed: 1) }
        guard let t = table.index(of: options.target) else {
            throw DataError.missingTarget(source: table.source, column: options.target, available: table.columns)
        }
        for name in options.drop where table.index(of: name) == nil {
            throw DataError.unknownColumn(source: table.source, column: name, option: "drop",
                                          available: table.columns)
        }
        if let id = options.idColumn, table.index(of: id) == nil {
            throw DataError.unknownColumn(source: table.source, column: id, option: "idColumn",
                                          available: table.columns)
        }
        for name in options.keep where table.index(of: name) == nil {
            throw DataError.unknownColumn(source: table.source, column: name, option: "keep",
                                          available: table.columns)
        }
        let idColumn = options.idColumn ?? table.columns.first {
            $0 != options.target && !options.drop.contains($0) && isIDName($0)
        }
        let task = try self.task(of: table, column: t, asked: options.task)
        let classNames = task == .regression ? []
            : try classes(table, column: t, limit: options.task == .classification ? maxForcedClasses : maxClasses)
        var (targetCenter, targetScale) = (0.0, 1.0)
        if task == .regression {
            let probe = FeatureStats(recipe: .generic, target: options.target, classNames: [], idColumn: nil, columns: [],
                                     addOnesColumn: false, notes: [], task: .regression)
            let values = try (0..<table.rowCount).map { try probe.regressionTarget(table, column: t, row: $0) }
            let mean = train.reduce(0.0) { $0 + values[$1] } / Double(train.count)
            let sd = (train.reduce(0.0) { $0 + (values[$1] - mean) * (values[$1] - mean) } / Double(train.count)).squareRoot()
            guard sd > 1e-12 * max(abs(mean), .leastNormalMagnitude), sd.isFinite else {
                throw DataError.constantTarget(source: table.source, column: options.target,
                                               value: format(values[train[0]]))
            }
            (targetCenter, targetScale) = (mean, sd)
        }
        let titanicColumns = titanicRecipe.map(\.column)
        let isTitanic = options.target == "Survived" && titanicColumns.allSatisfy { table.index(of: $0) != nil }
        let recipe: FeatureOptions.Recipe
        switch options.recipe {
        case .automatic: recipe = isTitanic ? .titanic : .standard
        case .lesson: recipe = isTitanic ? .titanic : .generic
        case .titanic, .generic, .standard: recipe = options.recipe
        }

        var notes: [String] = []
        var columns: [ColumnStats] = []
        if !options.drop.isEmpty { notes.append("dropped as asked: \(options.drop.joined(separator: ", "))") }
        if recipe == .titanic {
            notes.append("Titanic recipe (fast.ai lesson): Age, SibSp, Parch and LogFare = log(Fare + 1) divided by "
                         + "their training maximum; dummies for Sex, Pclass and Embarked; gaps filled with the mode")
            for spec in titanicRecipe where !options.drop.contains(spec.column) {
                guard let c = table.index(of: spec.column) else {
                    throw DataError.missingFeatureColumn(source: table.source, column: spec.column,
                                                         available: table.columns)
                }
                columns.append(spec.kind == .categorical
                    ? categorical(table, c, train, categories: spec.categories)
                    : try numeric(table, c, train, kind: spec.kind))
            }
            let unused = table.columns.filter {
                $0 != options.target && $0 != idColumn && !options.drop.contains($0) && !titanicColumns.contains($0)
            }
            if !unused.isEmpty { notes.append("not used by the Titanic recipe: \(unused.joined(separator: ", "))") }
        } else {
            let candidates = table.columns.indices.filter {
                let name = table.columns[$0]
                return name != options.target && name != idColumn && !options.drop.contains(name)
            }
            // Each column is decided on its own, so they are fitted in parallel; the first error in column
            // order is the one reported, as it would be one after another.
            let decisions = parallelMap(candidates.count) { i in
                Result { () -> Decision in
                    let c = candidates[i]
                    if !options.keep.contains(table.columns[c]), let why = rowIndex(table, c) {
                        return .drop("\(why); --keep '\(table.columns[c])' uses it")
                    }
                    return try generic(table, c, train: train, maxCategories: options.maxCategories,
                                       standard: recipe == .standard)
                }
            }
            for (c, decision) in zip(candidates, decisions) {
                switch try decision.get() {
                case .use(let stats): columns.append(stats)
                case .drop(let why): notes.append("'\(table.columns[c])' dropped: \(why)")
                }
            }
            if recipe == .standard && !columns.isEmpty { notes.insert(standardSummary(columns), at: 0) }
        }
        ScratchPool.shared.drain()
        guard !columns.isEmpty else { throw DataError.noFeatures(source: table.source, notes: notes) }
        if task == .regression {
            notes.insert("target '\(options.target)': a regression (numbers, mean \(String(format: "%.4g", targetCenter)), "
                         + "sd \(String(format: "%.4g", targetScale)) on the training rows): trained on its standardised "
                         + "value, reported as RMSE and MAE in its units", at: 0)
        }
        return FeatureStats(recipe: recipe, target: options.target, classNames: classNames, idColumn: idColumn,
                            columns: columns, addOnesColumn: options.addOnesColumn, notes: notes, task: task,
                            targetCenter: targetCenter, targetScale: targetScale)
    }

    /// The task `asked`, or when nil: a regression for a column of numbers (gaps aside) with more than
    /// ``regressionThreshold`` distinct values, else a classification.
    static func task(of table: Table, column t: Int, asked: Task?) throws -> Task {
        if let asked { return asked }
        let column = table.data[t]
        // At most `regressionThreshold + 1` values are ever kept: a short list beats hashing a million rows.
        var distinct: [Double] = []
        for r in 0..<table.rowCount {
            guard let x = column.number(at: r) else {
                if column.isEmpty(at: r) { continue }
                return .classification
            }
            if distinct.count <= regressionThreshold, !distinct.contains(x) { distinct.append(x) }
        }
        return distinct.count > regressionThreshold ? .regression : .classification
    }

    /// `id`, or a name ending in `Id`, `ID` or `_id`.
    static func isIDName(_ name: String) -> Bool {
        name.lowercased() == "id" || name.hasSuffix("Id") || name.hasSuffix("ID") || name.lowercased().hasSuffix("_id")
    }

    /// The target's classes over every row, in ``naturalOrder(_:)``.
    static func classes(_ table: Table, column t: Int, limit: Int = maxClasses) throws -> [String] {
        let column = table.data[t]
        var used = [Bool](repeating: false, count: column.values.count)
        var bareNumbers = Set<Double>()  // values whose spellings the column did not keep
        for r in 0..<table.rowCount {
            if let code = column.code(at: r) {
                used[code] = true
            } else if let x = column.number(at: r) {
                bareNumbers.insert(x + 0.0)
            } else {
                throw DataError.missingTargetValue(source: table.source, column: table.columns[t], row: r + 1,
                                                   line: table.lines[r])
            }
        }
        // In the order first seen, as the values are; "1" and "1.0" are one class, named as first written.
        let seen = column.values.indices.filter { used[$0] }.map { column.values[$0] }
            + bareNumbers.sorted().map(format)
        var byValue: [Double: String] = [:]
        var allNumbers = true
        for value in seen {
            if let x = Double(value), x.isFinite {
                if byValue[x] == nil { byValue[x] = value }
            } else {
                allNumbers = false
            }
        }
        let names = allNumbers ? byValue.keys.sorted().map { byValue[$0]! } : Set(seen).sorted()
        guard names.count >= 2 else {
            throw DataError.constantTarget(source: table.source, column: table.columns[t], value: names.first ?? "")
        }
        guard names.count <= limit else {
            throw DataError.tooManyClasses(source: table.source, column: table.columns[t], count: names.count,
                                           limit: limit)
        }
        return names
    }

    /// Numbers by value when every value is one, else text in lexicographic order.
    static func naturalOrder(_ values: some Collection<String>) -> [String] {
        let numbers = values.map { Double($0) }
        guard numbers.allSatisfy({ $0?.isFinite == true }) else { return values.sorted() }
        return zip(values, numbers).sorted { $0.1! < $1.1! }.map(\.0)
    }

    /// A numeric column's fill (the training mode, smallest on a tie) and scale (largest training magnitude).
    static func numeric(_ table: Table, _ c: Int, _ train: [Int], kind: ColumnStats.Kind) throws -> ColumnStats {
        let column = table.data[c]
        let probe = ColumnStats(column: table.columns[c], kind: .numeric, fill: "0")
        // A field that is neither empty nor a finite number is text, NaN or infinity: an error naming its row.
        for r in train where column.numbers[r].isNaN && !column.isEmpty(at: r) {
            _ = try probe.number(table, row: r, column: c)
        }
        let mode = column.spellingsKept ? modeByCode(column, rows: train) : mostFrequent(column.numbers, rows: train)
        var stats = ColumnStats(column: table.columns[c], kind: kind, fill: format(mode ?? 0))
        var largest = 0.0
        if kind == .numeric, let fill = Double(stats.fill) {
            // Every present value is a finite number (checked above): the fast loop.
            for r in train { largest = max(largest, abs(column.number(at: r) ?? fill)) }
        } else {
            for r in train { largest = max(largest, abs(try stats.number(table, row: r, column: c))) }
        }
        stats.scale = largest > 0 ? largest : 1
        return stats
    }

    /// The most frequent number in `rows`, counted through the codes of a column that kept every spelling (a few
    /// thousand distinct values at most): `1` and `1.0` are one value.
    static func modeByCode(_ column: TableColumn, rows: [Int]) -> Double? {
        var counts = [Int](repeating: 0, count: column.values.count)
        for r in rows {
            if let code = column.code(at: r), column.valueNumbers[code].isFinite { counts[code] += 1 }
        }
        var byValue: [Double: Int] = [:]
        for (code, n) in counts.enumerated() where n > 0 { byValue[column.valueNumbers[code] + 0.0, default: 0] += n }
        return byValue.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// A categorical column's fill: the most frequent training value, first in `categories` order on a tie.
    static func categorical(_ table: Table, _ c: Int, _ train: [Int], categories: [String]) -> ColumnStats {
        let counts = textCounts(table.data[c], rows: train)
        var fill = categories.first ?? ""
        var best = 0
        for value in categories + naturalOrder(counts.keys.filter { !categories.contains($0) })
        where counts[value, default: 0] > best {
            (fill, best) = (value, counts[value]!)
        }
        return ColumnStats(column: table.columns[c], kind: .categorical, fill: fill, categories: categories)
    }

    /// How often each non-empty text occurs in `rows` of `column` (every row when nil).
    static func textCounts(_ column: TableColumn, rows: [Int]? = nil) -> [String: Int] {
        var byCode = [Int](repeating: 0, count: column.values.count)
        var counts: [String: Int] = [:]
        func count(_ r: Int) {
            if let code = column.code(at: r) {
                byCode[code] += 1
            } else if let x = column.number(at: r) {
                counts[format(x), default: 0] += 1
            }
        }
        if let rows { rows.forEach(count) } else { (0..<column.count).forEach(count) }
        for (code, n) in byCode.enumerated() where n > 0 { counts[column.values[code], default: 0] += n }
        return counts
    }

    enum Decision {
        case use(ColumnStats)
        case drop(String)
    }

    /// The generic or, with `standard`, the standard recipe for one column (the rules are in this extension's
    /// comment).
    static func generic(_ table: Table, _ c: Int, train: [Int], maxCategories: Int,
                        standard: Bool = false) throws -> Decision {
        let column = table.data[c]
        let census = column.census()
        guard let first = census.first else { return .drop("empty on every row") }
        if census.kind == .numeric {
            if census.distinctNumbers.count == 1 && !census.nonFinite {
                return .drop("one value (\(column.text(at: first))) on every row")
            }
            if isIDName(table.columns[c]), textCounts(column).count == census.present {
                return .drop("an ID (every value distinct)")
            }
            return standard ? try standardized(table, c, train) : .use(try numeric(table, c, train, kind: .numeric))
        }
        let counts = textCounts(column)
        if counts.count == 1 { return .drop("one value ('\(column.text(at: first))') on every row") }
        if counts.count > maxCategories {
            return .drop(counts.count == census.present
                ? "text with every value distinct (names or IDs)"
                : "\(counts.count) distinct values, more than the \(maxCategories) categories allowed")
        }
        var stats = categorical(table, c, train, categories: naturalOrder(counts.keys))
        if standard {
            // No fill: a gap gives all-zero dummies, plus its own indicator when the training rows had gaps.
            stats.fill = ""
            stats.indicator = train.contains { column.isEmpty(at: $0) }
        }
        return .use(stats)
    }

    /// Why column `c` is a row index, or nil: an empty name, or values exactly 0…n−1 or 1…n in file order
    /// (at least three rows, so a short 0/1 column is not one).
    static func rowIndex(_ table: Table, _ c: Int) -> String? {
        if table.columns[c].trimmingCharacters(in: .whitespaces).isEmpty {
            return "an unnamed column (pandas' to_csv() writes the row index so)"
        }
        let column = table.data[c], n = table.rowCount
        guard n >= 3, let start = column.number(at: 0), start == 0 || start == 1 else { return nil }
        for r in 0..<n where column.number(at: r) != start + Double(r) { return nil }
        return "a row index (\(FeatureStats.format(start))…\(FeatureStats.format(start + Double(n - 1))) in file order)"
    }

    /// The standard recipe's numeric column: the training median fills gaps (with an indicator when the training
    /// rows have any), then the training mean and standard deviation standardise it.
    static func standardized(_ table: Table, _ c: Int, _ train: [Int]) throws -> Decision {
        let column = table.data[c]
        let probe = ColumnStats(column: table.columns[c], kind: .numeric, fill: "0")
        let numbers = UnsafePointer(column.numbers.base)
        // One pass over the training rows for what does not need the median: the count and sum of the present
        // values, the histogram that locates the median, and the first field that is not a number (an error).
        // The sum is taken in row order, as it always was, so the mean is the same to the bit.
        var present = 0, sum = 0.0
        var counts = [Int32](repeating: 0, count: 1 << 16)
        try counts.withUnsafeMutableBufferPointer { counts in
            try train.withUnsafeBufferPointer { rows in
                for r in rows {
                    let x = numbers[r]
                    if x.isNaN {
                        if !column.isEmpty(at: r) { _ = try probe.number(table, row: r, column: c) }
                        continue
                    }
                    present += 1
                    sum += x
                    counts[Int(medianKey(x) >> 48)] &+= 1
                }
            }
        }
        guard present > 0 else { return .drop("empty on every training row") }
        let median = trainingMedian(numbers, rows: train, present: present, counts: counts)
        let gaps = train.count - present
        let mean = (sum + Double(gaps) * median) / Double(train.count)
        var squares = Double(gaps) * (median - mean) * (median - mean)
        train.withUnsafeBufferPointer { rows in
            for r in rows {
                let x = numbers[r]
                if !x.isNaN { squares += (x - mean) * (x - mean) }
            }
        }
        let sd = (squares / Double(train.count)).squareRoot()
        guard sd > 1e-12 * max(abs(mean), .leastNormalMagnitude), sd.isFinite else {
            return .drop("one value (\(format(mean))) on every training row")
        }
        return .use(ColumnStats(column: table.columns[c], kind: .standardized, fill: format(median), scale: sd,
                                center: mean, indicator: gaps > 0))
    }

    /// Flipping the sign bit of positives and every bit of negatives orders these keys as the numbers.
    @inline(__always)
    static func medianKey(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 1 << 63
    }

    /// The median of the `present` numbers (NaN skipped) in `rows`, as ``middle(_:count:)`` gives it.
    ///
    /// Selection over a whole column mispredicts a branch per value and moves every value several times. So the
    /// values are first counted by the top 16 bits of an order-preserving key (``medianKey(_:)``; one streaming
    /// pass, no branches that depend on the data), which tells which bucket holds each middle rank; only those
    /// buckets' values, usually a few thousand, are then gathered and put in order.
    /// - Parameter counts: that count, when the caller has made it in a pass of its own; nil counts here.
    static func trainingMedian(_ numbers: UnsafePointer<Double>, rows: [Int], present: Int,
                               counts: [Int32]? = nil) -> Double {
        var counts = counts ?? []
        if counts.isEmpty {
            counts = [Int32](repeating: 0, count: 1 << 16)
            counts.withUnsafeMutableBufferPointer { counts in
                for r in rows {
                    let x = numbers[r]
                    if !x.isNaN { counts[Int(medianKey(x) >> 48)] &+= 1 }
                }
            }
        }
        let upper = present / 2, lower = present % 2 == 0 ? upper - 1 : upper
        // The buckets of the two middle ranks, and the rank of the first value in the first of them.
        var seen = 0, first = -1, last = -1, firstRank = 0
        for (b, n) in counts.enumerated() where n > 0 {
            if first < 0 && seen + Int(n) > lower { (first, firstRank) = (b, seen) }
            if seen + Int(n) > upper { last = b; break }
            seen += Int(n)
        }
        var middle: [Double] = []
        rows.withUnsafeBufferPointer { rows in
            for r in rows {
                let x = numbers[r]
                if !x.isNaN, case let b = Int(medianKey(x) >> 48), b >= first, b <= last { middle.append(x) }
            }
        }
        // Few values unless the column is mostly one value: then selection, which handles repeats in one pass.
        if middle.count > 4096 {
            return middle.withUnsafeMutableBufferPointer { m in
                let a = select(m.baseAddress!, count: m.count, k: upper - firstRank)
                guard lower != upper else { return a }
                let b = select(m.baseAddress!, count: upper - firstRank, k: lower - firstRank)
                let mean = (b + a) / 2
                return mean.isFinite ? mean : b + (a - b) / 2
            }
        }
        middle.sort()
        let (a, b) = (middle[upper - firstRank], middle[lower - firstRank])
        let mean = (b + a) / 2
        return lower == upper ? a : mean.isFinite ? mean : b + (a - b) / 2
    }

    /// The median of `count` values (the mean of the two middle ones for an even count), as pandas' `median()`;
    /// reorders them.
    static func middle(_ values: UnsafeMutablePointer<Double>, count: Int) -> Double {
        let upper = select(values, count: count, k: count / 2)
        guard count % 2 == 0 else { return upper }
        // Everything before k is at most the k-th value: the lower middle is their largest.
        var lower = values[0]
        for i in 1..<(count / 2) where values[i] > lower { lower = values[i] }
        let mean = (lower + upper) / 2  // numpy's rounding; the other form only where the sum overflows
        return mean.isFinite ? mean : lower + (upper - lower) / 2
    }

    /// The `k`-th smallest of `count` values (Hoare's selection, median-of-three pivots); afterwards every value
    /// before index `k` is at most it and every one after at least it.
    static func select(_ a: UnsafeMutablePointer<Double>, count: Int, k: Int) -> Double {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { swap(&a[mid], &a[lo]) }
            if a[hi] < a[lo] { swap(&a[hi], &a[lo]) }
            if a[hi] < a[mid] { swap(&a[hi], &a[mid]) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j {
                    let t = a[i]; a[i] = a[j]; a[j] = t
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }

    /// The standard recipe's line for people: what was done to the columns, by kind.
    static func standardSummary(_ columns: [ColumnStats]) -> String {
        let numeric = columns.filter { $0.kind == .standardized }, categorical = columns.filter { $0.kind == .categorical }
        var parts = ["standard recipe (fastai's FillMissing, Normalize, Categorify)"]
        if !numeric.isEmpty {
            parts.append("\(numeric.map(\.column).joined(separator: ", ")) standardised to mean 0, sd 1 on the training rows")
        }
        let gapped = numeric.filter(\.indicator)
        if !gapped.isEmpty {
            parts.append("gaps filled with the training median and flagged in "
                         + gapped.map { $0.column + "_na" }.joined(separator: ", "))
        }
        if !categorical.isEmpty {
            parts.append("dummies for " + categorical.map {
                "\($0.column) (\($0.categories.count)\($0.indicator ? " + \($0.column)_na" : ""))"
            }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// A fill value as text: integers without a decimal point (`24`, not `24.0`).
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// The most frequent of the numbers in `rows` (NaN, an empty field, skipped), the smallest on a tie (-0 counts as 0).
///
/// A continuous column has hundreds of thousands of distinct values, and a hash table of them misses the cache
/// on every insert. So the values are first scattered into 256 buckets by their hash (two streaming passes),
/// then each bucket, small enough to stay in cache, is counted on its own.
func mostFrequent(_ numbers: GrowableBuffer<Double>, rows: [Int]) -> Double? {
    let mix: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bucketBits = rows.count < 4096 ? 0 : rows.count < 1 << 18 ? 8 : 10
    let bucketCount = 1 << bucketBits
    let shift = UInt64(64 - bucketBits)
    @inline(__always) func bucket(_ key: UInt64) -> Int { bucketBits == 0 ? 0 : Int((key &* mix) >> shift) }
    // Raw pointers throughout: this runs over every training row of every numeric column.
    let values = UnsafePointer(numbers.base)
    return rows.withUnsafeBufferPointer { rows -> Double? in
        var starts = [Int](repeating: 0, count: bucketCount + 1)
        var present = 0
        starts.withUnsafeMutableBufferPointer { starts in
            for r in rows {
                let x = values[r]
                if x.isNaN { continue }
                starts[bucket((x + 0.0).bitPattern) + 1] += 1
                present += 1
            }
            for b in 0..<bucketCount { starts[b + 1] += starts[b] }
        }
        guard present > 0 else { return nil }
        // The scratch comes from a pool: the columns of a large table would each fault in a fresh one otherwise.
        let scratch = ScratchPool.shared.take(present)
        defer { ScratchPool.shared.give(scratch) }
        let grouped = scratch.base
        var largest = 0
        var next = Array(starts.dropLast())
        next.withUnsafeMutableBufferPointer { next in
            for r in rows {
                let x = values[r]
                if x.isNaN { continue }
                let key = (x + 0.0).bitPattern, b = bucket(key)
                grouped[next[b]] = key
                next[b] += 1
            }
        }
        for b in 0..<bucketCount { largest = max(largest, starts[b + 1] - starts[b]) }
        var size = 16
        while size < 2 * largest { size *= 2 }
        let empty = UInt64.max  // a NaN's bit pattern, never counted
        // One table for every bucket; only the slots a bucket used are read and cleared after it.
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: size)
        let used = UnsafeMutablePointer<Int>.allocate(capacity: max(largest, 1))
        defer {
            slots.deallocate()
            counts.deallocate()
            used.deallocate()
        }
        slots.initialize(repeating: empty, count: size)
        counts.initialize(repeating: 0, count: size)
        var best: (x: Double, n: Int)?
        for b in 0..<bucketCount where starts[b + 1] > starts[b] {
            var tableSize = 16
            while tableSize < 2 * (starts[b + 1] - starts[b]) { tableSize *= 2 }
            let mask = tableSize - 1
            var usedCount = 0
            for k in starts[b] ..< starts[b + 1] {
                let key = grouped[k]
                var slot = Int(truncatingIfNeeded: (key &* mix) >> 20) & mask
                while slots[slot] != key && slots[slot] != empty { slot = (slot + 1) & mask }
                if slots[slot] == empty {
                    slots[slot] = key
                    used[usedCount] = slot
                    usedCount += 1
                }
                counts[slot] += 1
            }
            for u in 0..<usedCount {
                let slot = used[u]
                let x = Double(bitPattern: slots[slot]), n = counts[slot]
                if best == nil || n > best!.n || (n == best!.n && x < best!.x) { best = (x, n) }
                slots[slot] = empty
                counts[slot] = 0
            }
        }
        return best?.x
    }
}

/// `body(0..<count)` on every core, in order of index in the result. Each call must touch only its own data.
func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { out in
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable((body, out))
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let (body, out) = shared.value
                out[i] = body(i)
            }
        }
    }
    return results.map { $0! }
}

/// Scratch buffers of `UInt64`, kept between uses: one per fitting thread at a time.
final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()

    final class Buffer {
        let base: UnsafeMutablePointer<UInt64>
        let capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }
        deinit { base.deallocate() }
    }

    private let lock = NSLock()
    private var free: [Buffer] = []

    /// A buffer of at least `count` elements (uninitialised).
    func take(_ count: Int) -> Buffer {
        lock.lock()
        defer { lock.unlock() }
        if let i = free.firstIndex(where: { $0.capacity >= count }) { return free.remove(at: i) }
        return Buffer(capacity: max(count, 1))
    }

    /// Lets go of the kept buffers (when a fit is done).
    func drain() {
        lock.lock()
        free.removeAll()
        lock.unlock()
    }

    /// Returns a buffer; only the two largest are kept.
    func give(_ buffer: Buffer) {
        lock.lock()
        defer { lock.unlock() }
        free.append(buffer)
        free.sort { $0.capacity > $1.capacity }
        if free.count > 2 { free.removeLast(free.count - 2) }
    }
}
