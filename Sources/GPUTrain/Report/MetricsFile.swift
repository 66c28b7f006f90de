import Foundation

/// The formats a metrics file can be written in, chosen by its extension.
public enum MetricsFormat: String, Sendable, CaseIterable {
    /// `epoch,train_loss,valid_loss,accuracy,error_rate,time_s`, one line per epoch.
    case csv
    /// An array of objects with the same snake_case keys.
    case json

    /// The format for `path`'s extension (case-insensitive), or nil for any other.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }
}

/// The CSV header line, without newline.
public let metricsCSVHeader = "epoch,train_loss,valid_loss,accuracy,error_rate,time_s"
/// A regression's CSV header line, without newline.
public let regressionMetricsCSVHeader = "epoch,train_loss,valid_loss,rmse,mae,time_s"

/// Records as CSV text: ``metricsCSVHeader`` (``regressionMetricsCSVHeader`` for a regression's records) and one
/// line per record, each ending in a newline.
///
/// Numbers are written with Swift's shortest round-trip form (`0.1`, `1e-07`), so reading the file back gives the
/// exact doubles; a diverged loss appears as `nan` or `inf`, which pandas and spreadsheets read as such.
public func metricsCSV(_ records: [EpochRecord]) -> String {
    let regression = records.first?.isRegression ?? false
    var out = (regression ? regressionMetricsCSVHeader : metricsCSVHeader) + "\n"
    for r in records {
        let (a, b) = regression ? (r.rmse ?? .nan, r.mae ?? .nan) : (r.accuracy, r.errorRate)
        out += "\(r.epoch),\(r.trainLoss),\(r.validLoss),\(a),\(b),\(r.seconds)\n"
    }
    return out
}

/// Records as a pretty-printed JSON array with snake_case keys, sorted so files of two runs diff cleanly.
public func metricsJSON(_ records: [EpochRecord]) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
        var data = try encoder.encode(records)
        data.append(0x0A)
        return data
    } catch {
        throw ReportError.encoding("cannot encode \(records.count) epoch records as JSON: \(error)")
    }
}

/// Writes `records` to `path` atomically, as CSV or JSON according to its extension (`.csv`, `.json`).
///
/// Meant to be called after every epoch with all records so far: the file is always complete, so a run that is
/// stopped part-way still leaves every finished epoch on disk.
/// - Throws: ``ReportError/unsupportedFormat(_:)`` for another extension (before touching the file system), or
///   any error of ``writeFileAtomically(_:to:)-(String,_)``.
public func writeMetrics(_ records: [EpochRecord], to path: String) throws {
    guard let format = MetricsFormat(path: path) else {
        let choices = MetricsFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: " or ")
        throw ReportError.unsupportedFormat("cannot write metrics to '\(path)': name the file with \(choices)")
    }
    switch format {
    case .csv: try writeFileAtomically(metricsCSV(records), to: path)
    case .json: try writeFileAtomically(metricsJSON(records), to: path)
    }
}
