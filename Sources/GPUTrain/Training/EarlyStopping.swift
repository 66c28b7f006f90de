import Foundation

/// The per-epoch number that decides which epoch is best (`--monitor`).
public enum Monitor: String, Codable, Sendable, CaseIterable {
    /// Mean validation loss; lower is better.
    case validLoss = "valid_loss"
    /// Validation accuracy; higher is better.
    case accuracy
    /// Root mean squared validation error: a regression's, in the target's units, or √valid_loss for the
    /// spreadsheet's squared-error loss; lower is better.
    case rmse

    /// Whether the metric exists for a model trained on `loss` (RMSE only for a squared-error loss, accuracy
    /// not for a regression).
    public func applies(to loss: LossKind) -> Bool {
        switch self {
        case .validLoss: return true
        case .accuracy: return loss != .regression
        case .rmse: return loss == .meanSquaredError || loss == .regression
        }
    }

    /// The metric's value for one epoch.
    public func value(_ record: EpochRecord) -> Double {
        switch self {
        case .validLoss: return record.validLoss
        case .accuracy: return record.accuracy
        case .rmse: return record.rmse ?? record.validLoss.squareRoot()
        }
    }

    /// Whether `a` is strictly better than `b`; NaN is never better, so a diverged epoch is never the best one.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        guard !a.isNaN else { return false }
        guard !b.isNaN else { return true }
        return self == .accuracy ? a > b : a < b
    }
}

/// Follows one ``Monitor`` over a run's epochs: which epoch is best so far, and how long it has been since any
/// epoch improved on it, for best-model saving and early stopping.
///
/// Ties go to the earlier epoch (an equal value is no improvement), as in the metrics table's summary.
public struct BestEpochTracker: Sendable {
    /// The metric followed.
    public let monitor: Monitor
    /// The best epoch so far; nil before the first epoch with a number (NaN never counts).
    public private(set) var bestEpoch: Int?
    /// The monitored value at ``bestEpoch``; NaN before it.
    public private(set) var bestValue = Double.nan
    /// Epochs seen since the best one (0 right after an improvement).
    public private(set) var epochsWithoutImprovement = 0

    /// A tracker that has seen no epoch yet.
    public init(monitor: Monitor) {
        self.monitor = monitor
    }

    /// Takes in one finished epoch; returns whether it is the new best.
    @discardableResult
    public mutating func observe(_ record: EpochRecord) -> Bool {
        let value = monitor.value(record)
        guard monitor.isBetter(value, than: bestValue) else {
            epochsWithoutImprovement += 1
            return false
        }
        (bestEpoch, bestValue, epochsWithoutImprovement) = (record.epoch, value, 0)
        return true
    }

    /// Whether the last `patience` epochs in a row did not improve on the best: early stopping's test.
    public func isExhausted(patience: Int) -> Bool {
        epochsWithoutImprovement >= patience
    }
}
