/// Why training (or loading a model) cannot go on, in one line.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A setting out of range, e.g. `--lr must be a positive number, got -1`.
    case invalidSetting(String)
    /// The loss became NaN or infinite.
    case diverged(epoch: Int, learningRate: Float)
    /// A saved model that cannot be used.
    case badModel(String)

    public var description: String {
        switch self {
        case .invalidSetting(let s), .badModel(let s): return s
        case .diverged(let epoch, let lr):
            return "training diverged in epoch \(epoch): the loss became NaN or infinite; try a lower learning rate "
                + "than \(lr) (e.g. --lr \(lr / 10))"
        }
    }
}
