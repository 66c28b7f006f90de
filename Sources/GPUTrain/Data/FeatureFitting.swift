/// Fitting: deciding the feature columns from the whole table and their statistics from the training rows.
///
/// The generic recipe's rules, applied to each column other than the target, the ID column and those dropped.
/// The shape of the features (which columns, of which kind, with which categories) is decided on every row of
/// the table, so it does not change with the split seed; the numbers (fill values, scales) come from the
/// training rows only.
/// - A column is **numeric** when at least 90% of its non-empty values parse as numbers. Any other value in it
///   is then an error naming the row (a typo, or a marker such as `?` or `NA` that should be left empty), and so
///   is `nan` or `inf`. Empty values are filled with the training mode; features are divided by the largest
///   training magnitude.
/// - Otherwise it is **categorical**: one dummy per distinct value, unless it has more than
///   ``FeatureOptions/maxCategories`` of them (names, tickets, cabins), when it is dropped with a note. Empty
///   values are filled with the training mode.
/// - A column with one value, or none, is dropped with a note, as is a numeric column with an ID-like name
///   whose values are all distinct.
extension FeatureStats {
    /// The most classes a target may have; more suggests a continuous column chosen by mistake.
    public static let maxClasses = 100

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
        let train = rows ?? Array(table.rows.indices)
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
        let idColumn = options.idColumn ?? table.columns.first {
            $0 != options.target && !options.drop.contains($0) && isIDName($0)
        }
        let classNames = try classes(table, column: t)
        let titanicColumns = titanicRecipe.map(\.column)
        let recipe: FeatureOptions.Recipe
        switch options.recipe {
        case .automatic:
            recipe = options.target == "Survived" && titanicColumns.allSatisfy { table.index(of: $0) != nil }
                ? .titanic : .generic
        case .titanic, .generic:
            recipe = options.recipe
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
            for (c, name) in table.columns.enumerated()
            where name != options.target && name != idColumn && !options.drop.contains(name) {
                switch try generic(table, c, train: train, maxCategories: options.maxCategories) {
                case .use(let stats): columns.append(stats)
                case .drop(let why): notes.append("'\(name)' dropped: \(why)")
                }
            }
        }
        guard !columns.isEmpty else { throw DataError.noFeatures(source: table.source, notes: notes) }
        return FeatureStats(recipe: recipe, target: options.target, classNames: classNames, idColumn: idColumn,
                            columns: columns, addOnesColumn: options.addOnesColumn, notes: notes)
    }

    /// `id`, or a name ending in `Id`, `ID` or `_id`.
    static func isIDName(_ name: String) -> Bool {
        name.lowercased() == "id" || name.hasSuffix("Id") || name.hasSuffix("ID") || name.lowercased().hasSuffix("_id")
    }

    /// The target's classes over every row, in ``naturalOrder(_:)``.
    static func classes(_ table: Table, column t: Int) throws -> [String] {
        var seen = Set<String>()
        var byValue: [Double: String] = [:]  // "1" and "1.0" are one class
        var allNumbers = true
        for (r, row) in table.rows.enumerated() {
            let value = text(row[t])
            guard !value.isEmpty else {
                throw DataError.missingTargetValue(source: table.source, column: table.columns[t], row: r + 1,
                                                   line: table.lines[r])
            }
            guard seen.insert(value).inserted else { continue }
            if let x = Double(value), x.isFinite {
                if byValue[x] == nil { byValue[x] = value }
            } else {
                allNumbers = false
            }
        }
        let names = allNumbers ? byValue.keys.sorted().map { byValue[$0]! } : seen.sorted()
        guard names.count >= 2 else {
            throw DataError.constantTarget(source: table.source, column: table.columns[t], value: names.first ?? "")
        }
        guard names.count <= maxClasses else {
            throw DataError.tooManyClasses(source: table.source, column: table.columns[t], count: names.count,
                                           limit: maxClasses)
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
        var counts: [Double: Int] = [:]
        let probe = ColumnStats(column: table.columns[c], kind: .numeric, fill: "0")
        for r in train where !text(table.rows[r][c]).isEmpty {
            counts[try probe.number(table, row: r, column: c), default: 0] += 1
        }
        let mode = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0
        var stats = ColumnStats(column: table.columns[c], kind: kind, fill: format(mode))
        let largest = try train.map { abs(try stats.number(table, row: $0, column: c)) }.max() ?? 0
        stats.scale = largest > 0 ? largest : 1
        return stats
    }

    /// A categorical column's fill: the most frequent training value, first in `categories` order on a tie.
    static func categorical(_ table: Table, _ c: Int, _ train: [Int], categories: [String]) -> ColumnStats {
        var counts: [String: Int] = [:]
        for r in train {
            let value = text(table.rows[r][c])
            if !value.isEmpty { counts[value, default: 0] += 1 }
        }
        var fill = categories.first ?? ""
        var best = 0
        for value in categories + naturalOrder(counts.keys.filter { !categories.contains($0) })
        where counts[value, default: 0] > best {
            (fill, best) = (value, counts[value]!)
        }
        return ColumnStats(column: table.columns[c], kind: .categorical, fill: fill, categories: categories)
    }

    enum Decision {
        case use(ColumnStats)
        case drop(String)
    }

    /// The generic recipe for one column (the rules are in this extension's comment).
    static func generic(_ table: Table, _ c: Int, train: [Int], maxCategories: Int) throws -> Decision {
        let present = table.rows.map { text($0[c]) }.filter { !$0.isEmpty }
        guard !present.isEmpty else { return .drop("empty on every row") }
        let distinct = Set(present)
        if present.count(where: { Double($0) != nil }) * 10 >= present.count * 9 {
            if Set(present.compactMap(Double.init)).count == 1 {
                return .drop("one value (\(present[0])) on every row")
            }
            if isIDName(table.columns[c]), distinct.count == present.count {
                return .drop("an ID (every value distinct)")
            }
            return .use(try numeric(table, c, train, kind: .numeric))
        }
        if distinct.count == 1 { return .drop("one value ('\(present[0])') on every row") }
        if distinct.count > maxCategories {
            return .drop(distinct.count == present.count
                ? "text with every value distinct (names or IDs)"
                : "\(distinct.count) distinct values, more than the \(maxCategories) categories allowed")
        }
        return .use(categorical(table, c, train, categories: naturalOrder(distinct)))
    }

    /// A fill value as text: integers without a decimal point (`24`, not `24.0`).
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
