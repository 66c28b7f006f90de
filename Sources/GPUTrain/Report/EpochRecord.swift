/// What one epoch of training measured: the unit every report (table, metrics file, loss plot) is made of.
///
/// Encoded with the same snake_case names as the CSV columns (`epoch`, `train_loss`, `valid_loss`, `accuracy`,
/// `error_rate`, `time_s`; a regression has `rmse` and `mae` instead of `accuracy` and `error_rate`), so a JSON and
/// a CSV metrics file of one run read the same in pandas or a spreadsheet.
/// A non-finite number (the loss of a diverged run) is encoded as `null`, which JSON allows and `JSONEncoder` would
/// otherwise refuse, and decodes as NaN.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// The epoch's number as the trainer counts it (fastai counts from 0); reports print it unchanged.
    public var epoch: Int
    /// Mean training loss over the epoch's batches.
    public var trainLoss: Double
    /// Mean loss over the validation set after the epoch.
    public var validLoss: Double
    /// Fraction of validation rows predicted right, 0...1.
    public var accuracy: Double
    /// `1 - accuracy`, stored rather than computed so the files carry the column fastai prints.
    public var errorRate: Double
    /// Wall-clock seconds the epoch took, training and validation together.
    public var seconds: Double
    /// For a regression, the validation root mean squared error and mean absolute error in the target's units
    /// (then ``accuracy`` and ``errorRate`` are NaN); nil for a classification.
    public var rmse: Double?, mae: Double?

    /// Whether the record is a regression's (it has ``rmse``).
    public var isRegression: Bool { rmse != nil }

    /// A finished epoch's figures.
    /// - Parameters:
    ///   - epoch: the epoch's number as the trainer counts it.
    ///   - trainLoss: mean training loss over the epoch's batches.
    ///   - validLoss: mean loss over the validation set after the epoch.
    ///   - accuracy: fraction of validation rows predicted right, 0...1.
    ///   - errorRate: defaults to `1 - accuracy`; pass it only to record a rate measured otherwise.
    ///   - seconds: wall-clock seconds the epoch took.
    public init(epoch: Int, trainLoss: Double, validLoss: Double, accuracy: Double,
                errorRate: Double? = nil, seconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.validLoss = validLoss
        self.accuracy = accuracy
        self.errorRate = errorRate ?? 1 - accuracy
        self.seconds = seconds
    }

    /// A finished epoch of a regression.
    /// - Parameters:
    ///   - epoch: the epoch's number as the trainer counts it.
    ///   - trainLoss: mean training loss (squared error of the standardised target) over the epoch's batches.
    ///   - validLoss: the same over the validation set after the epoch.
    ///   - rmse: validation root mean squared error, in the target's units.
    ///   - mae: validation mean absolute error, in the target's units.
    ///   - seconds: wall-clock seconds the epoch took.
    public init(epoch: Int, trainLoss: Double, validLoss: Double, rmse: Double, mae: Double, seconds: Double) {
        self.init(epoch: epoch, trainLoss: trainLoss, validLoss: validLoss, accuracy: .nan, errorRate: .nan,
                  seconds: seconds)
        self.rmse = rmse
        self.mae = mae
    }

    enum CodingKeys: String, CodingKey {
        case epoch
        case trainLoss = "train_loss"
        case validLoss = "valid_loss"
        case accuracy
        case errorRate = "error_rate"
        case seconds = "time_s"
        case rmse, mae
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func number(_ key: CodingKeys) throws -> Double {
            try c.decodeIfPresent(Double.self, forKey: key) ?? .nan
        }
        epoch = try c.decode(Int.self, forKey: .epoch)
        trainLoss = try number(.trainLoss)
        validLoss = try number(.validLoss)
        accuracy = try number(.accuracy)
        errorRate = try number(.errorRate)
        seconds = try number(.seconds)
        if c.contains(.rmse) {
            rmse = try number(.rmse)
            mae = try number(.mae)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func number(_ value: Double, _ key: CodingKeys) throws {
            if value.isFinite { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
        try c.encode(epoch, forKey: .epoch)
        try number(trainLoss, .trainLoss)
        try number(validLoss, .validLoss)
        if let rmse, let mae {
            try number(rmse, .rmse)
            try number(mae, .mae)
        } else {
            try number(accuracy, .accuracy)
            try number(errorRate, .errorRate)
        }
        try number(seconds, .seconds)
    }
}
