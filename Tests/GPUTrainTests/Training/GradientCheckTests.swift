import Foundation
@testable import GPUTrain
import Testing

/// Finite-difference checks of the analytic gradients on the CPU backend: the loss kernels alone, and
/// `Network.backward` for every model kind with every loss, at ragged shapes on fresh random inputs.
///
/// Central differences `(L(θ + h) − L(θ − h)) / 2h`, with L the mean loss over the batch, accumulated in
/// Double. The network and the loss run in Float32, so h is large (1e-2) to keep the rounding noise of the
/// two forward passes (≈ 1e-7 relative) well below the tolerance: an analytic gradient g passes when
/// |g − fd| ≤ 2e-2 · max(|fd|, 1e-2). The truncation error at that h is far smaller: a ReLU network is
/// linear in any single weight between kinks, so squared error is exactly quadratic in it and its central
/// difference exact; the cross-entropies are smooth with small third derivatives.
///
/// ReLU kinks: a central difference across a kink measures neither side's slope. Every draw is checked with a
/// Double forward pass on the host: each perturbed evaluation must leave every hidden pre-activation on the
/// side of 0 it had (and ≥ 1e-4 away from it, so Float and Double agree on the side), and every hidden unit
/// must be active on some row and inactive on some other where the layer has more than one row (so no
/// gradient is trivially zero). A draw that fails is replaced by the next one from the same seeded stream.
@Suite("Finite-difference gradient checks (CPU backend)")
struct GradientCheckTests {
    static let h = 1e-2
    static let rtol = 2e-2
    static let floor = 1e-2

    // MARK: Loss kernels alone

    @Test("backend.loss gradients match central differences of its per-row loss", arguments: LossKind.allCases)
    func lossKernel(kind: LossKind) throws {
        var rng = TestRNG("loss-gradient-\(kind)")
        let backend = CPUBackend()
        let rows = 7, k = kind == .softmaxCrossEntropy ? 5 : 1
        let scale = Float.random(in: 0.1...2, using: &rng)
        var z = rng.floats(rows * k, in: -3...3)
        let targets: [Float] = (0..<rows).map { _ in
            switch kind {
            case .binaryCrossEntropy: return Float(Int.random(in: 0...1, using: &rng))
            case .meanSquaredError: return Float.random(in: -1...2, using: &rng)
            case .regression: return Float.random(in: -3...3, using: &rng)
            case .softmaxCrossEntropy: return Float(Int.random(in: 0..<k, using: &rng))
            }
        }
        let p = try backend.matrix(rows: rows, cols: k, z)
        let y = try backend.matrix(rows: rows, cols: 1, targets)
        let g = try backend.makeMatrix(rows: rows, cols: k)
        let stats = try backend.makeMatrix(rows: rows, cols: 2)
        try poison(g, on: backend)
        try backend.loss(kind, predictions: p, targets: y, gradient: g, gradientScale: scale, stats: stats)
        let analytic = try backend.download(g)

        /// Per-row losses from the kernel's stats column.
        func rowLosses(_ values: [Float]) throws -> [Double] {
            try backend.upload(values, to: p)
            try backend.loss(kind, predictions: p, targets: y, gradient: nil, gradientScale: 0, stats: stats)
            let s = try backend.download(stats)
            return (0..<rows).map { Double(s[2 * $0]) }
        }
        var worst = 0.0, largest = 0.0
        for i in z.indices {
            let r = i / k, original = z[i]
            z[i] = original + Float(Self.h)
            let plus = try rowLosses(z)[r]
            let upper = Double(z[i])
            z[i] = original - Float(Self.h)
            let minus = try rowLosses(z)[r]
            let step = upper - Double(z[i])
            z[i] = original
            let fd = Double(scale) * (plus - minus) / step
            largest = max(largest, abs(fd))
            let ratio = abs(Double(analytic[i]) - fd) / (Self.rtol * max(abs(fd), Self.floor))
            worst = max(worst, ratio)
            #expect(ratio <= 1, "\(kind) row \(r) col \(i % k): analytic \(analytic[i]) vs finite difference \(fd) (seed \(testSeed))")
        }
        print("loss \(kind): worst gradient error \(String(format: "%.3g", worst)) of tolerance, largest |g| \(largest)")
        #expect(largest > 0.05, "the gradients are all near zero: the check would prove nothing")
    }

    // MARK: Networks

    /// Every model kind with every loss it can take; mlp with one and two hidden layers. The spreadsheet model
    /// has one output column, so it takes the one-column losses.
    static let cases: [(ModelKind, [Int], LossKind)] = {
        var cases: [(ModelKind, [Int], LossKind)] = []
        for loss in LossKind.allCases {
            cases.append((.linear, [], loss))
            cases.append((.mlp, [3], loss))
            cases.append((.mlp, [4, 3], loss))
            if loss != .softmaxCrossEntropy { cases.append((.excel, [], loss)) }
        }
        return cases
    }()

    @Test("Network.backward matches central differences of the mean loss", arguments: 0..<cases.count)
    func network(index: Int) throws {
        let (kind, hidden, loss) = Self.cases[index]
        let rows = 7, inputs = 5
        let outputs = loss == .softmaxCrossEntropy ? 4 : 1
        let spec = ModelSpec(kind: kind, inputs: inputs, hidden: hidden, outputs: outputs, loss: loss)
        let name = "\(kind) \(hidden) \(loss)"
        var rng = TestRNG("network-gradient-\(name)")
        let backend = CPUBackend()
        let network = try Network(spec: spec, backend: backend, maxRows: rows, momentum: false)

        // Draw inputs, targets and parameters until no perturbation crosses a ReLU kink.
        var draw: Draw?
        var attempts = 0
        while draw == nil, attempts < 5000 {
            attempts += 1
            let candidate = Draw.random(spec: spec, rows: rows, using: &rng)
            if candidate.kinkFree(spec: spec, h: Self.h) { draw = candidate }
        }
        guard let draw else {
            Issue.record("\(name): no kink-free draw in \(attempts) attempts (seed \(testSeed))")
            return
        }

        let x = try backend.matrix(rows: rows, cols: inputs, draw.x)
        let y = try backend.matrix(rows: rows, cols: 1, draw.targets)
        let stats = try backend.makeMatrix(rows: rows, cols: 2)

        // Analytic: forward, the loss's gradient scaled by 1/rows as the trainer does, backward.
        try network.setParameters(draw.parameters)
        let prediction = try network.forward(x)
        let devicePrediction = try backend.download(prediction)
        let hostPrediction = HostNet.forward(spec: spec, parameters: draw.parameters, x: draw.x, rows: rows).prediction
        let forwardError = zip(devicePrediction, hostPrediction).map { abs(Double($0) - $1) / max(abs($1), 1) }.max()!
        #expect(forwardError < 1e-5, "\(name): Network.forward differs from the Double reference by \(forwardError)")
        let gradient = network.lossGradientBuffer(rows: rows)
        try poison(gradient, on: backend)
        try backend.loss(loss, predictions: prediction, targets: y, gradient: gradient,
                         gradientScale: 1 / Float(rows), stats: stats)
        try network.backward(x, gradient: gradient)
        let analytic = try network.parameterGradients()
        #expect(analytic.map(\.count) == draw.parameters.map(\.count))

        /// Mean loss of the network's (Float) predictions, in Double.
        func meanLoss(_ parameters: [[Float]]) throws -> Double {
            try network.setParameters(parameters)
            let p = try backend.download(try network.forward(x))
            return HostNet.meanLoss(loss, predictions: p.map(Double.init), targets: draw.targets, rows: rows)
        }

        var worst = 0.0, checked = 0
        for (t, values) in draw.parameters.enumerated() {
            var largest = 0.0
            for i in values.indices {
                var params = draw.parameters
                params[t][i] = values[i] + Float(Self.h)
                let upper = Double(params[t][i])
                let plus = try meanLoss(params)
                params[t][i] = values[i] - Float(Self.h)
                let step = upper - Double(params[t][i])
                let minus = try meanLoss(params)
                let fd = (plus - minus) / step
                let g = Double(analytic[t][i])
                largest = max(largest, abs(fd))
                let ratio = abs(g - fd) / (Self.rtol * max(abs(fd), Self.floor))
                worst = max(worst, ratio)
                checked += 1
                #expect(ratio <= 1, "\(name): parameter \(t) element \(i): analytic \(g) vs finite difference \(fd) (seed \(testSeed))")
            }
            if values.count > 1 {  // a lone bias may be near zero by chance; a whole matrix may not
                #expect(largest > 1e-3, "\(name): parameter \(t)'s gradients are all near zero, so the check proves nothing")
            }
        }
        print("network \(name): \(checked) parameters, worst error \(String(format: "%.3g", worst)) of tolerance, "
              + "draw \(attempts)")
    }
}

/// One random problem: inputs in [−1, 1], targets for the loss, and parameters in the order of
/// `Network.parameters()` (weights then bias per layer), biases random so their gradients are exercised.
private struct Draw {
    var x: [Float]
    var targets: [Float]
    var parameters: [[Float]]
    let rows: Int

    static func random(spec: ModelSpec, rows: Int, using rng: inout TestRNG) -> Draw {
        let x = rng.floats(rows * spec.inputs)
        let targets: [Float] = (0..<rows).map { _ in
            switch spec.loss {
            case .binaryCrossEntropy: return Float(Int.random(in: 0...1, using: &rng))
            case .meanSquaredError: return Float.random(in: -0.5...1.5, using: &rng)
            case .regression: return Float.random(in: -2...2, using: &rng)
            case .softmaxCrossEntropy: return Float(Int.random(in: 0..<spec.outputs, using: &rng))
            }
        }
        var parameters: [[Float]] = []
        for (fanIn, fanOut, bias) in spec.layerShapes {
            let bound = Float(1.5 / Double(fanIn).squareRoot())
            parameters.append(rng.floats(fanIn * fanOut, in: -bound...bound))
            if bias { parameters.append(rng.floats(fanOut, in: -0.5...0.5)) }
        }
        return Draw(x: x, targets: targets, parameters: parameters, rows: rows)
    }

    /// Whether every ±h perturbation of one parameter keeps every hidden pre-activation's sign, with a margin,
    /// and every hidden unit is active on some row and inactive on another.
    func kinkFree(spec: ModelSpec, h: Double) -> Bool {
        let base = HostNet.forward(spec: spec, parameters: parameters, x: x, rows: rows).preactivations
        for z in base {
            if z.contains(where: { abs($0) < 1e-4 }) { return false }
        }
        for z in base {
            let cols = z.count / rows
            for c in 0..<cols {
                let column = (0..<rows).map { z[$0 * cols + c] }
                if !column.contains(where: { $0 > 0 }) || !column.contains(where: { $0 < 0 }) { return false }
            }
        }
        let signs = base.map { $0.map { $0 > 0 } }
        for t in parameters.indices {
            for i in parameters[t].indices {
                for delta in [h, -h] {
                    var p = parameters
                    p[t][i] = Float(Double(p[t][i]) + delta)
                    let z = HostNet.forward(spec: spec, parameters: p, x: x, rows: rows).preactivations
                    if z.map({ $0.map { $0 > 0 } }) != signs { return false }
                }
            }
        }
        return true
    }
}

/// A Double reference of the network's forward pass and of the three losses.
private enum HostNet {
    /// The prediction (rows × width) and each ReLU layer's pre-activations (rows × its width).
    static func forward(spec: ModelSpec, parameters: [[Float]], x: [Float], rows: Int)
        -> (prediction: [Double], preactivations: [[Double]]) {
        var a = x.map(Double.init), width = spec.inputs, next = 0
        var pre: [[Double]] = []
        let shapes = spec.layerShapes
        for (l, (fanIn, fanOut, hasBias)) in shapes.enumerated() {
            precondition(fanIn == width)
            let w = parameters[next].map(Double.init)
            next += 1
            let b = hasBias ? parameters[next].map(Double.init) : [Double](repeating: 0, count: fanOut)
            if hasBias { next += 1 }
            var z = [Double](repeating: 0, count: rows * fanOut)
            for r in 0..<rows {
                for c in 0..<fanOut {
                    var s = b[c]
                    for k in 0..<fanIn { s += a[r * fanIn + k] * w[k * fanOut + c] }
                    z[r * fanOut + c] = s
                }
            }
            let hidden = l < shapes.count - 1 || spec.kind == .excel
            if hidden {
                pre.append(z)
                a = z.map { max($0, 0) }
            } else {
                a = z
            }
            width = fanOut
        }
        if spec.kind == .excel {
            a = (0..<rows).map { r in (0..<width).reduce(0) { $0 + a[r * width + $1] } }
        }
        return (a, pre)
    }

    static func meanLoss(_ kind: LossKind, predictions p: [Double], targets: [Float], rows: Int) -> Double {
        let k = p.count / rows
        var total = 0.0
        for r in 0..<rows {
            let y = Double(targets[r])
            switch kind {
            case .binaryCrossEntropy:
                let z = p[r]
                total += max(z, 0) - z * y + log1p(exp(-abs(z)))
            case .meanSquaredError, .regression:
                total += (p[r] - y) * (p[r] - y)
            case .softmaxCrossEntropy:
                let z = p[r * k ..< (r + 1) * k]
                let m = z.max()!
                total += log(z.reduce(0) { $0 + exp($1 - m) }) + m - z[r * k + Int(y)]
            }
        }
        return total / Double(rows)
    }
}
