import Foundation
import GPUTrain

/// `--verbose`: the trainer's events on stderr as they happen, by fastai's callback names, each with the time
/// since `before_fit` and, for an `after_…`, how long since its `before_…`.
final class VerboseLog {
    private var fitStart: UInt64?
    private var began: [String: UInt64] = [:]
    private let write: (String) -> Void

    init(write: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.write = write
    }

    func observe(_ event: TrainingEvent) {
        let t = event.time
        if fitStart == nil { fitStart = t }
        func ms(_ ns: UInt64) -> String { String(format: "%.3f ms", Double(ns) / 1e6) }
        func since(_ key: String) -> UInt64 { began[key].map { t > $0 ? t - $0 : 0 } ?? 0 }
        let epoch = event.epoch.map { "epoch \($0)" } ?? ""
        let batches = event.count.map { "\($0) batch\($0 == 1 ? "" : "es")" } ?? ""
        let detail: String
        switch event.name {
        case .beforeBatch, .afterBatch:
            return
        case .beforeFit:
            detail = ""
        case .beforeEpoch:
            began["epoch"] = t
            detail = ""
        case .beforeTrain:
            began["phase"] = t
            detail = ": \(batches) of forward, loss, backward, SGD"
        case .afterTrain:
            detail = ": \(batches) in \(ms(since("phase")))"
        case .beforeValidate:
            began["phase"] = t
            detail = ": \(batches) of forward, loss"
        case .afterValidate:
            began["readback"] = t
            detail = ": \(batches) in \(ms(since("phase")))"
        case .afterEpoch:
            var text = ": metrics read back (waited \(ms(since("readback")))); epoch \(ms(since("epoch")))"
            if let r = event.record {
                text += String(format: " (train_loss %.6f, valid_loss %.6f, accuracy %.6f)", r.trainLoss, r.validLoss, r.accuracy)
            }
            detail = text
        case .afterFit:
            detail = ""
        }
        let clock = String(format: "[%10.6f s]", Double(t - fitStart!) / 1e9)
        let name = event.name.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
        write("\(clock) \(name) \(epoch)\(detail)".trimmingCharacters(in: .whitespaces))
    }
}
