import Foundation
import GPUTrain
import Testing

@Suite struct ReportMetricsFileTests {
    @Test func csvRoundTripsExactNumbers() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.csv")
        try writeMetrics(sampleRecords, to: path)

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "epoch,train_loss,valid_loss,accuracy,error_rate,time_s")
        let parsed = lines.dropFirst().map { line -> EpochRecord in
            let f = line.split(separator: ",").map(String.init)
            #expect(f.count == 6)
            return EpochRecord(epoch: Int(f[0])!, trainLoss: Double(f[1])!, validLoss: Double(f[2])!,
                               accuracy: Double(f[3])!, errorRate: Double(f[4])!, seconds: Double(f[5])!)
        }
        #expect(parsed == sampleRecords)
        #expect(try dir.contents() == ["metrics.csv"])
    }

    @Test func jsonRoundTripsWithSnakeCaseKeys() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.json")
        try writeMetrics(sampleRecords, to: path)

        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.count == 3)
        #expect(Set(objects[0].keys) == ["epoch", "train_loss", "valid_loss", "accuracy", "error_rate", "time_s"])
        #expect(objects[1]["epoch"] as? Int == 1)
        // JSONSerialization is only a second, independent reader here: on Linux it can misread the last bit
        // of a 17-digit number (0.09999999999999998 → …96), so compare it loosely and JSONDecoder exactly.
        func close(_ value: Any?, _ expected: Double) -> Bool {
            guard let v = value as? Double else { return false }
            return abs(v - expected) <= abs(expected) * 1e-15
        }
        #expect(close(objects[1]["train_loss"], 1.0 / 3))
        #expect(close(objects[2]["train_loss"], 1e-7))
        #expect(close(objects[2]["error_rate"], 1 - 0.9))
        #expect(close(objects[0]["time_s"], 10))
        #expect(try JSONDecoder().decode([EpochRecord].self, from: data) == sampleRecords)
    }

    @Test func jsonWritesDivergedLossAsNull() throws {
        let records = [EpochRecord(epoch: 0, trainLoss: .infinity, validLoss: .nan, accuracy: 0.5, seconds: 1)]
        let data = try metricsJSON(records)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects[0]["train_loss"] is NSNull)
        #expect(objects[0]["valid_loss"] is NSNull)
        let back = try JSONDecoder().decode([EpochRecord].self, from: data)
        #expect(back[0].trainLoss.isNaN && back[0].validLoss.isNaN && back[0].accuracy == 0.5)
    }

    @Test func csvWritesDivergedLossReadably() {
        let records = [EpochRecord(epoch: 0, trainLoss: .infinity, validLoss: .nan, accuracy: 0.5, seconds: 1)]
        let row = metricsCSV(records).split(separator: "\n")[1].split(separator: ",")
        #expect(Double(String(row[1])) == .infinity)
        #expect(Double(String(row[2]))!.isNaN)
    }

    @Test func extensionChoosesFormatCaseInsensitively() throws {
        #expect(MetricsFormat(path: "out/Metrics.CSV") == .csv)
        #expect(MetricsFormat(path: "a.b/metrics.json") == .json)
        #expect(MetricsFormat(path: "a.json/metrics") == nil)
        #expect(MetricsFormat(path: ".csv") == nil)
        #expect(MetricsFormat(path: "metrics.txt") == nil)
    }

    @Test func unknownExtensionIsAClearErrorAndWritesNothing() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("metrics.txt")
        let error = #expect(throws: ReportError.self) { try writeMetrics(sampleRecords, to: path) }
        #expect(error?.description == "cannot write metrics to '\(path)': name the file with .csv or .json")
        #expect(try dir.contents() == [])
    }

    @Test func emptyRunWritesHeaderOrEmptyArray() throws {
        #expect(metricsCSV([]) == "epoch,train_loss,valid_loss,accuracy,error_rate,time_s\n")
        let objects = try JSONSerialization.jsonObject(with: try metricsJSON([])) as? [Any]
        #expect(objects?.isEmpty == true)
    }
}
