import Foundation

/// How the learning rate moves over a run.
public enum Schedule: String, Codable, Sendable, CaseIterable {
    /// The same rate for every step.
    case constant
    /// fastai's `fit_one_cycle`: a cosine warm-up from lr/25 to lr over the first 25% of the steps,
    /// then a cosine decay to lr/100000.
    case onecycle

    /// The rate at `step` of `totalSteps` (0-based) for a peak rate `lr`.
    public func learningRate(_ lr: Float, step: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant: return lr
        case .onecycle:
            let warm = max(1, Int((Double(totalSteps) * 0.25).rounded()))
            func cosine(from a: Double, to b: Double, _ t: Double) -> Double { b + (a - b) * (1 + cos(.pi * t)) / 2 }
            if step < warm {
                return Float(cosine(from: Double(lr) / 25, to: Double(lr), Double(step) / Double(warm)))
            }
            let t = Double(step - warm) / Double(max(1, totalSteps - warm - 1))
            return Float(cosine(from: Double(lr), to: Double(lr) / 100_000, min(1, t)))
        }
    }
}
