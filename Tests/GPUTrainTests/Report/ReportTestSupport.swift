import Foundation
import GPUTrain

/// A fresh empty directory under the system temporary directory, removed by `remove()`.
struct TempDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gputrain-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Names in the directory, hidden ones (the temporary files of an atomic write) included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A clock the test moves by hand.
final class ManualClock {
    var now = 0.0
}

/// Three epochs with awkward numbers: thirds and tenths have no exact binary form, 1e-7 prints with an exponent.
let sampleRecords = [
    EpochRecord(epoch: 0, trainLoss: 0.693147, validLoss: 0.5, accuracy: 0.8, seconds: 10),
    EpochRecord(epoch: 1, trainLoss: 1.0 / 3, validLoss: 0.3, accuracy: 0.85, seconds: 10.1),
    EpochRecord(epoch: 2, trainLoss: 1e-7, validLoss: 0.4, accuracy: 0.9, seconds: 9.9),
]
