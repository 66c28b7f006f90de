import Foundation
import GPUTrain
import Testing

@Suite struct DataTableTests {
    @Test func embeddedTitanicTrainParses() throws {
        let table = try titanicTrain()
        #expect(table.columns == TitanicData.trainColumns)
        #expect(table.rows.count == 891)
        #expect(table.column("Survived")!.filter { $0 == "1" }.count == 342)
        #expect(table.column("PassengerId") == (1...891).map(String.init))
        // Passenger 23's name is quoted, holds a comma and doubled quotes.
        #expect(table.rows[22][table.index(of: "Name")!] == #"McGowan, Miss. Anna "Annie""#)
        #expect(table.column("Name")!.filter { $0.contains("\"") }.count == 53)
        #expect(table.column("Name")!.allSatisfy { $0.contains(",") })
        // CRLF: no carriage return left in any field, e.g. the last column.
        #expect(table.rows.allSatisfy { $0.allSatisfy { !$0.contains("\r") } })
        #expect(table.rows.last!.last == "Q")
        #expect(table.column("Age")!.filter(\.isEmpty).count == 177)
        #expect(table.column("Cabin")!.filter(\.isEmpty).count == 687)
        #expect(table.column("Embarked")!.filter(\.isEmpty).count == 2)
        #expect(table.lines.first == 2 && table.lines.last == 892)
    }

    @Test func embeddedTitanicTestParses() throws {
        let table = try titanicTest()
        #expect(table.rows.count == 418)
        #expect(table.columns == TitanicData.trainColumns.filter { $0 != "Survived" })
        #expect(table.column("PassengerId") == (892...1309).map(String.init))
        #expect(table.column("Age")!.filter(\.isEmpty).count == 86)
        #expect(table.column("Fare")!.filter(\.isEmpty).count == 1)
    }

    @Test func quotingAndLineEndings() throws {
        let text = "a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\r\n\"two\nlines\",2\r\n3,4\r\n"
        let table = try Table(csv: text)
        #expect(table.rows == [["x, y", #"he said "hi""#], ["two\nlines", "2"], ["3", "4"]])
        #expect(table.lines == [2, 3, 5])  // the second row spans lines 3 and 4
    }

    @Test func emptyLastFieldWithoutFinalNewline() throws {
        #expect(try Table(csv: "a,b\n1,").rows == [["1", ""]])
        #expect(try Table(csv: "a,b\n1,\"\"").rows == [["1", ""]])
        #expect(try Table(csv: "a,b\n,\n").rows == [["", ""]])
    }

    @Test func blankLinesByteOrderMarkAndHeaderSpaces() throws {
        let table = try Table(csv: "\u{FEFF} a , b\n\n1,2\n\n\n3,4\n\n")
        #expect(table.columns == ["a", "b"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.lines == [3, 6])
    }

    @Test func rowsOfTheWrongLengthAreRejected() {
        #expect(dataError { _ = try Table(csv: "a,b,c\n1,2,3\n4,5\n", source: "s.csv") }
                == .wrongFieldCount(source: "s.csv", line: 3, found: 2, expected: 3))
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n3,4,5\n", source: "s.csv") }
                == .wrongFieldCount(source: "s.csv", line: 3, found: 3, expected: 2))
        // An unquoted comma inside a name is the usual cause.
        let error = dataError { _ = try Table(csv: "id,name,age\n1,\"Smith, J\",30\n2,Doe, K,40\n", source: "p.csv") }
        #expect(error?.description == "p.csv, line 3: 4 fields but the header has 3 columns "
                + "(a comma inside a value needs quotes)")
    }

    @Test func unclosedQuoteAndDuplicateColumnsAreRejected() throws {
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n\"3,4\n5,6\n", source: "q.csv") }
                == .malformedCSV(source: "q.csv", line: 3, reason: "a quoted field starting here is never closed"))
        let stray = DataError.malformedCSV(source: "q.csv", line: 3, reason: "a stray quote; quote the whole field "
                                           + #"and double each quote inside it, e.g. "say ""hi""""#)
        #expect(dataError { _ = try Table(csv: "a,b\n1,2\n\"1\"x,2\n", source: "q.csv") } == stray)
        // Line 4: the quoted field before it spans lines 2 and 3.
        #expect(dataError { _ = try Table(csv: "a,b\r\n\"x\ny\",2\r\n5 \"inch\",2\n", source: "q.csv") }?
                .description.hasPrefix("q.csv, line 4: a stray quote") == true)
        // What SwiftCSV accepts passes: doubled quotes anywhere, spaces after a closing quote.
        #expect(try Table(csv: "a,b\nsay \"\"hi\"\",\"x\"  \n").rows == [[#"say "hi""#, "x"]])
        #expect(dataError { _ = try Table(csv: "a,b,a\n1,2,3\n", source: "d.csv") }
                == .duplicateColumn(source: "d.csv", column: "a"))
    }

    @Test func loadsFilesAndNamesThemInErrors() throws {
        let folder = try TempFolder()
        let path = try folder.write("t.csv", "x,y\r\n1,\"a,b\"\r\n")
        let table = try Table(contentsOfFile: path)
        #expect(table.source == path)
        #expect(table.rows == [["1", "a,b"]])
        #expect(dataError { _ = try Table(contentsOfFile: folder.path + "/nope.csv") }
                == .fileNotFound(path: folder.path + "/nope.csv"))
        #expect(dataError { _ = try Table(contentsOfFile: folder.path) }
                == .unreadableFile(path: folder.path, reason: "it is a folder"))
        let latin1 = try folder.write("latin1.csv", bytes: Array("name\nJos".utf8) + [0xE9, 0x0A])
        #expect(dataError { _ = try Table(contentsOfFile: latin1) }
                == .unreadableFile(path: latin1, reason: "not UTF-8 text: line 2, column 'name' (save the file as UTF-8)"))
    }

    @Test func sharedTitanicFilesMatchTheEmbeddedOnes() throws {
        guard let train = sharedData("titanic/train.csv"), let test = sharedData("titanic/test.csv") else { return }
        #expect(try Table(contentsOfFile: train).rows == titanicTrain().rows)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: train))) == Array(TitanicData.trainCSV.utf8))
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: test))) == Array(TitanicData.testCSV.utf8))
    }
}

@Suite struct DataEmbeddedTitanicTests {
    @Test func trainCSVIsTheFileByteForByte() {
        let bytes = Array(TitanicData.trainCSV.utf8)
        #expect(bytes.count == 61_194)
        #expect(sha256(bytes) == "7d118fef8b6ccf7f81111877bc388536f7b1e498a655e3d649d19aaa010e9f6f")
    }

    @Test func testCSVIsTheFileByteForByte() {
        let bytes = Array(TitanicData.testCSV.utf8)
        #expect(bytes.count == 28_629)
        #expect(sha256(bytes) == "56023b9948236f3c7a1c9448fcf418b283e109ef177fa8c7e069158dd7dd52b2")
    }

    @Test("the embedded text is the CSV file in the source tree, byte for byte")
    func embeddedIsTheSourceFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/GPUTrain/Data/Titanic").standardizedFileURL
        for (name, text) in [("train.csv", TitanicData.trainCSV), ("test.csv", TitanicData.testCSV)] {
            let file = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(Array(text.utf8) == Array(file), "\(name)")
        }
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
