import GPUTrain
import Testing

/// Every way a CSV can be unusable, each from a small bad file on disk, checked for the case and its one line.
@Suite struct DataErrorTests {
    let folder: TempFolder

    init() throws {
        folder = try TempFolder()
    }

    /// Writes `text` as `name`, loads it and fits features with target `y`; returns the error and the file's path.
    private func failure(_ name: String, _ text: String, options: FeatureOptions = FeatureOptions(target: "y"),
                         validPct: Double = 0.5) throws -> (DataError?, String) {
        let path = try folder.write(name, text)
        let error = dataError {
            _ = try Table(contentsOfFile: path).split(validPct: validPct, seed: 1, options: options)
        }
        if let error { #expect(!error.description.contains("\n"), "\(error) spans lines") }
        return (error, path)
    }

    /// Twelve rows of `x,y` with `x` numeric, for the value errors (the 90% rule needs ten or more values).
    private func numbers(replacingRow row: Int, with value: String) -> String {
        "x,y\n" + (1...12).map { "\($0 == row ? value : String($0)),\($0 % 2)\n" }.joined()
    }

    @Test func missingFile() throws {
        let path = folder.path + "/absent.csv"
        let error = dataError { _ = try Table(contentsOfFile: path) }
        #expect(error == .fileNotFound(path: path))
        #expect(error?.description == "no file at \(path)")
    }

    @Test func emptyAndWhitespaceOnlyFiles() throws {
        for text in ["", "\r\n\n  \n"] {
            let (error, path) = try failure("empty.csv", text)
            #expect(error == .emptyCSV(source: path))
            #expect(error?.description.hasPrefix("\(path) is empty") == true)
        }
    }

    @Test func headerOnly() throws {
        let (error, path) = try failure("header.csv", "x,y\r\n")
        #expect(error == .headerOnly(source: path, columns: ["x", "y"]))
        #expect(error?.description == "\(path) has a header ('x', 'y') but no data rows")
    }

    @Test func malformedRow() throws {
        let (error, path) = try failure("short.csv", "x,y\n1,0\n2\n3,1\n")
        #expect(error == .wrongFieldCount(source: path, line: 3, found: 1, expected: 2))
        #expect(error?.description.hasPrefix("\(path), line 3: 1 field but the header has 2 columns") == true)
    }

    @Test func missingTarget() throws {
        let (error, path) = try failure("notarget.csv", "a,b\n1,2\n3,4\n")
        #expect(error == .missingTarget(source: path, column: "y", available: ["a", "b"]))
        #expect(error?.description == "\(path) has no target column 'y'; columns: 'a', 'b'")
    }

    @Test func unknownDropColumn() throws {
        let (error, path) = try failure("drop.csv", "x,y\n1,0\n2,1\n",
                                        options: FeatureOptions(target: "y", drop: ["z"]))
        #expect(error == .unknownColumn(source: path, column: "z", option: "drop", available: ["x", "y"]))
        #expect(error?.description == "\(path) has no column 'z' (given in drop); columns: 'x', 'y'")
    }

    @Test func constantTarget() throws {
        let (error, path) = try failure("constant.csv", "x,y\n1,1\n2,1\n3,1\n")
        #expect(error == .constantTarget(source: path, column: "y", value: "1"))
        #expect(error?.description.contains("there is nothing to learn") == true)
    }

    @Test func emptyTargetValue() throws {
        let (error, path) = try failure("gap.csv", "x,y\n1,1\n2,\n3,0\n")
        #expect(error == .missingTargetValue(source: path, column: "y", row: 2, line: 3))
        #expect(error?.description == "\(path), data row 2 (line 3): the target 'y' is empty")
    }

    @Test func notANumber() throws {
        let (error, path) = try failure("nan.csv", numbers(replacingRow: 4, with: "NaN"))
        #expect(error == .nonFiniteValue(source: path, column: "x", row: 4, line: 5, value: "'NaN'"))
        #expect(error?.description.hasPrefix("\(path), data row 4 (line 5): column 'x' has 'NaN'") == true)
    }

    @Test func infinity() throws {
        let (error, path) = try failure("inf.csv", numbers(replacingRow: 12, with: "-inf"))
        #expect(error == .nonFiniteValue(source: path, column: "x", row: 12, line: 13, value: "'-inf'"))
    }

    @Test func textInANumericColumn() throws {
        let (error, path) = try failure("text.csv", numbers(replacingRow: 7, with: "seven"))
        #expect(error == .nonNumericValue(source: path, column: "x", row: 7, line: 8, value: "seven"))
        #expect(error?.description == "\(path), data row 7 (line 8): column 'x' is numeric but has 'seven'; "
                + "use a number or leave it empty (missing)")
    }

    @Test func mostlyTextIsCategoricalNotAnError() throws {
        let path = try folder.write("mixed.csv", "x,y\nred,0\n3,1\nblue,0\nred,1\n")
        let stats = try FeatureStats.fit(Table(contentsOfFile: path), options: FeatureOptions(target: "y"))
        #expect(stats.featureNames == ["x_3", "x_blue", "x_red"])
    }

    @Test func noFeaturesLeft() throws {
        let (error, path) = try failure("bare.csv", "x,y\n1,0\n2,1\n", options: FeatureOptions(target: "y", drop: ["x"]))
        #expect(error == .noFeatures(source: path, notes: ["dropped as asked: x"]))
    }

    @Test func splitsThatLeaveAPartEmpty() throws {
        let (tiny, tinyPath) = try failure("tiny.csv", "x,y\n1,0\n2,1\n3,0\n", validPct: 0.2)
        #expect(tiny == .emptySplit(source: tinyPath, rows: 3, validPct: 0.2, part: "validation"))
        let (one, onePath) = try failure("one.csv", "x,y\n1,0\n")
        #expect(one == .tooFewRows(source: onePath, rows: 1, needed: 2))
        let (pct, _) = try failure("pct.csv", "x,y\n1,0\n2,1\n", validPct: 1)
        #expect(pct == .badValidPct(1))
    }
}
