/// fastai's `fit` table as plain text: a header, then one fixed-width row per epoch as it finishes.
///
/// ```
/// epoch  train_loss  valid_loss  accuracy  error_rate  time
/// 0      0.693147    0.512345    0.781250  0.218750    00:03
/// ```
///
/// Columns are left-aligned like fastai's console output and two spaces apart; each is as wide as its header, so a
/// row can be printed the moment its epoch ends without knowing later values. A value wider than its column (a loss
/// of 12345.678901) pushes the rest of that row right rather than being cut: a misaligned row is better than a
/// wrong number. Rows carry no trailing spaces.
public struct MetricsTable: Sendable {
    /// Column titles of a classification, in order.
    public static let columns = ["epoch", "train_loss", "valid_loss", "accuracy", "error_rate", "time"]
    /// Column titles of a regression, in order: its metrics are in the target's units.
    public static let regressionColumns = ["epoch", "train_loss", "valid_loss", "rmse", "mae", "time"]

    /// This table's column titles.
    public let columns: [String]

    /// A table printer; it keeps no state between lines.
    /// - Parameter regression: print a regression's columns (``regressionColumns``).
    public init(regression: Bool = false) {
        columns = regression ? Self.regressionColumns : Self.columns
    }

    /// `epoch  train_loss  valid_loss  accuracy  error_rate  time` (or a regression's columns)
    public func header() -> String {
        line(columns)
    }

    /// One epoch: losses and metrics with 6 decimals, time as `mm:ss`.
    public func row(_ r: EpochRecord) -> String {
        line([String(r.epoch),
              ReportFormat.fixed6(r.trainLoss), ReportFormat.fixed6(r.validLoss),
              ReportFormat.fixed6(r.rmse ?? r.accuracy), ReportFormat.fixed6(r.mae ?? r.errorRate),
              ReportFormat.duration(r.seconds)])
    }

    /// The whole table: header and one row per record, each line ending in a newline.
    public func render(_ records: [EpochRecord]) -> String {
        ([header()] + records.map(row)).map { $0 + "\n" }.joined()
    }

    /// One line after the table: where the run was best and how fast it went, e.g.
    /// `best valid_loss 0.401200 at epoch 3; best accuracy 0.875000 at epoch 4; 5 epochs in 00:12, 45.2k rows/s`.
    ///
    /// Epochs whose loss or accuracy is NaN (a diverged run) are never "best". Ties go to the earliest epoch.
    /// - Parameters:
    ///   - records: the finished epochs, in order.
    ///   - rowsPerEpoch: training rows seen per epoch; when given, throughput is reported over the
    ///     total time of all epochs.
    public func summary(_ records: [EpochRecord], rowsPerEpoch: Int? = nil) -> String {
        guard !records.isEmpty else { return "no epochs run" }
        var parts: [String] = []
        if let best = records.filter({ !$0.validLoss.isNaN }).min(by: { $0.validLoss < $1.validLoss }) {
            parts.append("best valid_loss \(ReportFormat.fixed6(best.validLoss)) at epoch \(best.epoch)")
        }
        // `min(by:)` and `max(by:)` keep the first of equal elements, so the earliest epoch wins ties.
        if let best = records.filter({ !($0.rmse ?? .nan).isNaN }).min(by: { $0.rmse! < $1.rmse! }) {
            parts.append("best rmse \(ReportFormat.fixed6(best.rmse!)) at epoch \(best.epoch)")
        }
        if let best = records.filter({ !$0.accuracy.isNaN }).max(by: { $0.accuracy < $1.accuracy }) {
            parts.append("best accuracy \(ReportFormat.fixed6(best.accuracy)) at epoch \(best.epoch)")
        }
        let total = records.reduce(0) { $0 + $1.seconds }
        let n = records.count
        var timing = "\(n) epoch\(n == 1 ? "" : "s") in \(ReportFormat.duration(total))"
        if let rows = rowsPerEpoch, total > 0 {
            timing += ", \(ReportFormat.rate(Double(rows) * Double(n) / total)) rows/s"
        }
        parts.append(timing)
        return parts.joined(separator: "; ")
    }

    private func line(_ cells: [String]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            out += cell
            if i < cells.count - 1 {
                // A metric column is at least as wide as a 6-decimal value, so `rmse` lines up like `accuracy`.
                let width = i == 0 ? columns[i].count : max(columns[i].count, 8)
                out += String(repeating: " ", count: max(0, width - cell.count) + 2)
            }
        }
        return out
    }
}
