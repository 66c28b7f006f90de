import Foundation
import GPUTrain
import Testing

private let lessonFeatures = ["Age", "SibSp", "Parch", "LogFare", "Sex_male", "Sex_female",
                              "Pclass_1", "Pclass_2", "Pclass_3", "Embarked_C", "Embarked_Q", "Embarked_S"]

/// Compares features with hand-computed values.
private func close(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 }
}

@Suite struct DataFeatureTests {
    @Test func titanicRecipeOnEveryRowMatchesTheLesson() throws {
        let table = try titanicTrain()
        let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "Survived"))
        #expect(stats.recipe == .titanic)
        #expect(stats.featureNames == lessonFeatures)
        #expect(stats.classNames == ["0", "1"] && stats.idColumn == "PassengerId")
        let age = stats.columns[0], fare = stats.columns[3]
        #expect(age.fill == "24" && age.scale == 80)             // mode and maximum of Age
        #expect(fare.kind == .logNumeric && fare.fill == "8.05")  // mode of Fare, before the log
        #expect(abs(fare.scale - 6.240917354759096) < 1e-12)      // log(512.3292 + 1)
        #expect(stats.columns[6].fill == "S")                     // Embarked's mode fills its 2 gaps

        let data = try stats.apply(to: table)
        #expect(data.rows == 891 && data.cols == 12 && data.classCount == 2)
        #expect(data.targets.filter { $0 == 1 }.count == 342)
        #expect(data.ids?.first == "1" && data.ids?.last == "891")
        // Passenger 1: 22 years, 1 sibling, fare 7.25, male, 3rd class, Southampton.
        #expect(close(data.row(0), [22.0 / 80, 1.0 / 8, 0, 0.3381254838661527, 1, 0, 0, 0, 1, 0, 0, 1]))
        // Passenger 6: no age (filled with 24), fare 8.4583, male, 3rd class, Queenstown.
        #expect(close(data.row(5), [0.3, 0, 0, 0.3600260242486264, 1, 0, 0, 0, 1, 0, 1, 0]))
        // Passenger 2: female, 1st class, Cherbourg.
        #expect(close(Array(data.row(1)[4...]), [0, 1, 1, 0, 0, 1, 0, 0]))
        // All 177 missing ages are filled with the mode.
        let missing = table.column("Age")!.indices.filter { table.column("Age")![$0].isEmpty }
        #expect(missing.count == 177)
        #expect(missing.allSatisfy { data.row($0).first == 24.0 / 80 })
        #expect(data.features.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
    }

    @Test func statsAreFittedOnTheTrainingRowsOnly() throws {
        let table = try titanicTrain()
        let options = FeatureOptions(target: "Survived")
        // A seed whose validation part holds passenger 631, the only 80-year-old.
        let seed = try #require((0..<200).first { seed in
            (try? DataSplit.indices(count: 891, validPct: 0.2, seed: UInt64(seed)).valid.contains(630)) == true
        })
        let parts = try DataSplit.indices(count: 891, validPct: 0.2, seed: UInt64(seed))
        let split = try table.split(validPct: 0.2, seed: UInt64(seed), options: options)
        let stats = try #require(split.stats)
        let trainAges = parts.train.compactMap { Double(table.rows[$0][5]) }
        #expect(stats.columns[0].scale == trainAges.max()! && stats.columns[0].scale < 80)
        let counts = Dictionary(trainAges.map { ($0, 1) }, uniquingKeysWith: +)
        let mode = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        #expect(Double(stats.columns[0].fill) == mode)
        // The validation features use the training maximum, so passenger 631's age scales above 1.
        let row = try #require(split.valid.ids?.firstIndex(of: "631"))
        #expect(split.valid.row(row).first! > 1)
        #expect(split.train.features.allSatisfy { $0 <= 1 })
        #expect(split.train.ids == parts.train.map { String($0 + 1) })
        #expect(stats == (try FeatureStats.fit(table, rows: parts.train, options: options)))
    }

    @Test func statsApplyToKaggleTestCSV() throws {
        let stats = try FeatureStats.fit(titanicTrain(), options: FeatureOptions(target: "Survived"))
        let test = try titanicTest()
        let data = try stats.apply(to: test)
        #expect(data.rows == 418 && data.featureNames == lessonFeatures)
        #expect(!data.hasTargets && data.targets.isEmpty)
        #expect(data.ids == (892...1309).map(String.init))
        // Passenger 892: 34.5 years, fare 7.8292, male, 3rd class, Queenstown.
        #expect(close(data.row(0), [34.5 / 80, 0, 0, 0.34899747688919597, 1, 0, 0, 0, 1, 0, 1, 0]))
        // Passenger 1044 has no fare: the training mode, 8.05, stands in.
        let row = try #require(data.ids?.firstIndex(of: "1044"))
        #expect(abs(data.row(row)[3] - 0.35295528405484916) < 1e-6)
        // A table without a needed column cannot be featurised.
        let noSex = try Table(columns: test.columns.filter { $0 != "Sex" },
                              rows: test.rows.map { row in row.enumerated().filter { $0.offset != 3 }.map(\.element) },
                              source: "test-no-sex.csv")
        #expect(dataError { _ = try stats.apply(to: noSex) }
                == .missingFeatureColumn(source: "test-no-sex.csv", column: "Sex", available: noSex.columns))
    }

    @Test func statsRoundTripThroughJSON() throws {
        let table = try titanicTrain()
        let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "Survived", addOnesColumn: true))
        let json = try JSONEncoder().encode(stats)
        let decoded = try JSONDecoder().decode(FeatureStats.self, from: json)
        #expect(decoded == stats)
        #expect(try decoded.apply(to: titanicTest()) == stats.apply(to: titanicTest()))
    }

    @Test func onesColumnForTheSpreadsheetModel() throws {
        let data = try titanicTrain().split(validPct: 0.2, seed: 1,
                                            options: FeatureOptions(target: "Survived", addOnesColumn: true)).train
        #expect(data.featureNames == lessonFeatures + ["Ones"])
        #expect((0..<data.rows).allSatisfy { data.row($0).last == 1 })
    }

    @Test func droppingAColumnFromTheTitanicRecipe() throws {
        let stats = try FeatureStats.fit(titanicTrain(), options: FeatureOptions(target: "Survived", drop: ["Sex"]))
        #expect(stats.featureNames == lessonFeatures.filter { !$0.hasPrefix("Sex") })
        #expect(stats.notes.contains("dropped as asked: Sex"))
    }

    @Test func genericRecipeOnTitanic() throws {
        let stats = try FeatureStats.fit(titanicTrain(), options: FeatureOptions(target: "Survived", recipe: .generic))
        #expect(stats.recipe == .generic && stats.idColumn == "PassengerId")
        #expect(stats.featureNames == ["Pclass", "Sex_female", "Sex_male", "Age", "SibSp", "Parch", "Fare",
                                       "Embarked_C", "Embarked_Q", "Embarked_S"])
        #expect(stats.notes == ["'Name' dropped: text with every value distinct (names or IDs)",
                                "'Ticket' dropped: 681 distinct values, more than the 10 categories allowed",
                                "'Cabin' dropped: 147 distinct values, more than the 10 categories allowed"])
        #expect(stats.columns.first { $0.column == "Fare" }?.scale == 512.3292)
    }

    @Test func genericRecipeOnASmallTable() throws {
        let csv = """
            id,temp,colour,size,label
            a,-4,red,1,dog
            b,2,blue,,cat
            c,,red,3,fish
            d,1,green,3,dog
            e,8,red,2,cat
            """
        let table = try Table(csv: csv, source: "pets.csv")
        let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "label", recipe: .lesson))
        #expect(stats.recipe == .generic && stats.idColumn == "id")
        #expect(stats.featureNames == ["temp", "colour_blue", "colour_green", "colour_red", "size"])
        #expect(stats.classNames == ["cat", "dog", "fish"])
        let data = try stats.apply(to: table)
        #expect(data.classCount == 3 && data.targets == [1, 0, 2, 1, 0])
        // temp: divided by max |value| = 8; the gap takes the mode (all tie: the smallest, -4).
        // size: mode 3 fills row b; divided by 3.
        #expect(close(data.row(0), [-0.5, 0, 0, 1, 1.0 / 3]))
        #expect(close(data.row(1), [0.25, 1, 0, 0, 1]))
        #expect(close(data.row(2), [-0.5, 0, 0, 1, 1]))
        // An unseen category gives all-zero dummies; an unseen class is an error.
        let other = try Table(csv: "id,temp,colour,size,label\nf,1,purple,1,dog\ng,1,red,1,bird\n", source: "o.csv")
        let error = dataError { _ = try stats.apply(to: other) }
        #expect(error == .unknownClass(source: "o.csv", column: "label", row: 2, line: 3, value: "bird",
                                       known: ["cat", "dog", "fish"]))
        let unlabelled = try Table(csv: "id,temp,colour,size\nf,1,purple,1\n")
        #expect(close(try stats.apply(to: unlabelled).row(0), [0.125, 0, 0, 0, 1.0 / 3]))
    }

    @Test func numericTargetsSortByValue() throws {
        let table = try Table(csv: "x,y\n3,10\n1,2\n4,1\n2,2.0\n")
        let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "y"))
        #expect(stats.classNames == ["1", "2", "10"])
        #expect(try stats.apply(to: table).targets == [2, 1, 0, 1])
    }

    @Test func manyCategoriesAndConstantColumnsAreDroppedWithNotes() throws {
        let rows = (0..<24).map { ["c\($0 % 12)", "k", "\($0 % 2)", "\($0 * 7 % 24)"] }
        let table = try Table(columns: ["many", "same", "y", "n"], rows: rows, source: "wide.csv")
        let stats = try FeatureStats.fit(table, options: FeatureOptions(target: "y", recipe: .lesson))
        #expect(stats.featureNames == ["n"])
        #expect(stats.notes == ["'many' dropped: 12 distinct values, more than the 10 categories allowed",
                                "'same' dropped: one value ('k') on every row"])
        let twelve = try FeatureStats.fit(table, options: FeatureOptions(target: "y", maxCategories: 12))
        #expect(twelve.featureNames.count == 13)
    }
}
