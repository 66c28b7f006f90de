import Foundation
import GPUTrain
import Testing

/// Every ``DeviceError`` path, run on the CPU backend and (same checks) on OpenCL: the backends share the checks
/// in `Check`, so both must reject the same calls with the same case, before doing any work.
enum DeviceErrorChecks {
    enum Kind: String { case emptyShape, shapeMismatch, foreignMatrix, lengthMismatch, tooLarge }

    static func kind(of error: DeviceError) -> Kind {
        switch error {
        case .emptyShape: return .emptyShape
        case .shapeMismatch: return .shapeMismatch
        case .foreignMatrix: return .foreignMatrix
        case .lengthMismatch: return .lengthMismatch
        case .tooLarge: return .tooLarge
        }
    }

    /// Expects `body` to throw the `kind` of ``DeviceError`` whose message contains every one of `words`.
    static func expect(_ kind: Kind, _ words: [String] = [], _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        let error = #expect(throws: DeviceError.self, "\(what): expected DeviceError.\(kind)", sourceLocation: sourceLocation) {
            try body()
        }
        guard let error else { return }
        #expect(Self.kind(of: error) == kind, "\(what): got \(error)", sourceLocation: sourceLocation)
        for word in words {
            #expect(error.description.contains(word), "\(what): '\(error)' does not mention \(word)", sourceLocation: sourceLocation)
        }
    }

    /// A matrix filled with NaN, to show later that a rejected op wrote nothing into it.
    static func poisoned(_ b: any Backend, _ rows: Int, _ cols: Int) throws -> Matrix {
        try b.matrix(rows: rows, cols: cols, [Float](repeating: .nan, count: rows * cols))
    }

    static func expectUntouched(_ m: Matrix, on b: any Backend, _ what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let values = try b.download(m)
        #expect(values.allSatisfy { $0.isNaN }, "\(what): a rejected op wrote into its output: \(values.prefix(8))",
                sourceLocation: sourceLocation)
    }

    // MARK: The checks, for any backend

    static func emptyShapes(_ b: any Backend) {
        for (r, c) in [(0, 3), (3, 0), (0, 0), (-1, 3), (3, -2)] {
            expect(.emptyShape, ["\(r)×\(c)"], "\(b.kind) makeMatrix(\(r), \(c))") { _ = try b.makeMatrix(rows: r, cols: c) }
        }
        expect(.emptyShape, [], "\(b.kind) makeIndices(0)") { _ = try b.makeIndices(count: 0) }
        expect(.emptyShape, [], "\(b.kind) makeIndices(-1)") { _ = try b.makeIndices(count: -1) }
        // Past what the kernels index with Int32 — rejected before any allocation is tried.
        expect(.tooLarge, ["65536×65536"], "\(b.kind) makeMatrix 2³²") { _ = try b.makeMatrix(rows: 65536, cols: 65536) }
        expect(.tooLarge, [], "\(b.kind) makeMatrix overflowing Int") { _ = try b.makeMatrix(rows: Int.max / 2, cols: 3) }
        expect(.tooLarge, [], "\(b.kind) makeIndices 2³¹") { _ = try b.makeIndices(count: Int(Int32.max) + 1) }
    }

    static func matmulShapes(_ b: any Backend, _ rng: inout TestRNG) throws {
        let a = try b.matrix(rows: 3, cols: 4, rng.floats(12))      // A 3×4, Aᵀ 4×3
        let b52 = try b.matrix(rows: 5, cols: 2, rng.floats(10))    // B 5×2, Bᵀ 2×5
        let b42 = try b.matrix(rows: 4, cols: 2, rng.floats(8))     // fits A
        let b34 = try b.matrix(rows: 3, cols: 4, rng.floats(12))    // Bᵀ 4×3: A·Bᵀ is 3×3
        // Inner dimensions: the message names both operand shapes, as op(A) and op(B) see them.
        let c32 = try poisoned(b, 3, 2)
        expect(.shapeMismatch, ["A is 3×4", "B is 5×2"], "\(b.kind) A·B inner") { try b.matmul(a, b52, into: c32) }
        expect(.shapeMismatch, ["Aᵀ is 4×3", "B is 5×2"], "\(b.kind) Aᵀ·B inner") {
            try b.matmul(a, b52, into: c32, transposeA: true, transposeB: false)
        }
        expect(.shapeMismatch, ["A is 3×4", "Bᵀ is 2×5"], "\(b.kind) A·Bᵀ inner") {
            try b.matmul(a, b52, into: c32, transposeA: false, transposeB: true)
        }
        expect(.shapeMismatch, ["Aᵀ is 4×3", "Bᵀ is 2×5"], "\(b.kind) Aᵀ·Bᵀ inner") {
            try b.matmul(a, b52, into: c32, transposeA: true, transposeB: true)
        }
        try expectUntouched(c32, on: b, "\(b.kind) matmul inner mismatch")
        // Output shapes: A·B is 3×2, so C 2×3 (transposed), 3×3 and 4×2 are wrong.
        for (r, c) in [(2, 3), (3, 3), (4, 2)] {
            let out = try poisoned(b, r, c)
            expect(.shapeMismatch, ["A·B is 3×2", "C is \(r)×\(c)"], "\(b.kind) A·B into \(r)×\(c)") { try b.matmul(a, b42, into: out) }
            try expectUntouched(out, on: b, "\(b.kind) A·B into \(r)×\(c)")
        }
        // Aᵀ·A is 4×4; A·Aᵀ is 3×3 (A·Bᵀ with B = b34 is 3×3 as well).
        let c33 = try poisoned(b, 3, 3), c44 = try poisoned(b, 4, 4)
        expect(.shapeMismatch, ["Aᵀ·B is 4×4", "C is 3×3"], "\(b.kind) Aᵀ·B output") {
            try b.matmul(a, a, into: c33, transposeA: true, transposeB: false)
        }
        expect(.shapeMismatch, ["A·Bᵀ is 3×3", "C is 4×4"], "\(b.kind) A·Bᵀ output") {
            try b.matmul(a, b34, into: c44, transposeA: false, transposeB: true)
        }
        try expectUntouched(c33, on: b, "\(b.kind) Aᵀ·B output mismatch")
        try expectUntouched(c44, on: b, "\(b.kind) A·Bᵀ output mismatch")
        // The valid calls next to them do run (so the failures above are about shapes, not the matrices).
        try b.matmul(a, b34, into: c33, transposeA: false, transposeB: true)
        try b.matmul(a, a, into: c44, transposeA: true, transposeB: false)
        #expect(try b.download(c33).allSatisfy { $0.isFinite } && b.download(c44).allSatisfy { $0.isFinite }, "\(b.kind) valid matmuls")
    }

    static func elementwiseShapes(_ b: any Backend, _ rng: inout TestRNG) throws {
        let x = try poisoned(b, 4, 3)
        for (r, c) in [(1, 2), (1, 4), (3, 1), (4, 3), (2, 3)] {
            let bias = try b.matrix(rows: r, cols: c, rng.floats(r * c))
            for relu in [false, true] {
                expect(.shapeMismatch, ["bias is \(r)×\(c)", "1×3", "4×3"], "\(b.kind) addBias \(r)×\(c)") {
                    try b.addBias(bias, to: x, relu: relu)
                }
            }
        }
        try expectUntouched(x, on: b, "\(b.kind) addBias with a wrong bias")

        let src = try b.matrix(rows: 4, cols: 3, rng.floats(12))
        for (r, c) in [(3, 4), (4, 2), (5, 3)] {
            let y = try poisoned(b, r, c)
            expect(.shapeMismatch, ["4×3", "\(r)×\(c)"], "\(b.kind) relu into \(r)×\(c)") { try b.relu(src, into: y) }
            expect(.shapeMismatch, ["4×3", "\(r)×\(c)"], "\(b.kind) reluBackward output \(r)×\(c)") {
                try b.reluBackward(src, output: y, into: x)
            }
            expect(.shapeMismatch, ["4×3", "\(r)×\(c)"], "\(b.kind) reluBackward into \(r)×\(c)") {
                try b.reluBackward(src, output: src, into: y)
            }
            try expectUntouched(y, on: b, "\(b.kind) relu/reluBackward into \(r)×\(c)")
        }
        try expectUntouched(x, on: b, "\(b.kind) reluBackward with a wrong output shape")

        for (r, c) in [(1, 4), (2, 3), (3, 1)] {
            let out = try poisoned(b, r, c)
            expect(.shapeMismatch, ["\(r)×\(c)", "1×3"], "\(b.kind) columnSum into \(r)×\(c)") { try b.columnSum(src, into: out) }
            try expectUntouched(out, on: b, "\(b.kind) columnSum into \(r)×\(c)")
        }
        for (r, c) in [(3, 1), (4, 2), (1, 4)] {
            let out = try poisoned(b, r, c)
            expect(.shapeMismatch, ["\(r)×\(c)", "4×1"], "\(b.kind) rowSum into \(r)×\(c)") { try b.rowSum(src, into: out) }
            try expectUntouched(out, on: b, "\(b.kind) rowSum into \(r)×\(c)")
        }
        for (r, c) in [(3, 1), (4, 2), (1, 4)] {
            let dy = try b.matrix(rows: r, cols: c, rng.floats(r * c))
            let dx = try poisoned(b, 4, 3)
            expect(.shapeMismatch, ["gradient is \(r)×\(c)", "4×1"], "\(b.kind) rowSumBackward from \(r)×\(c)") {
                try b.rowSumBackward(dy, into: dx)
            }
            try expectUntouched(dx, on: b, "\(b.kind) rowSumBackward from \(r)×\(c)")
        }
    }

    static func sgdShapes(_ b: any Backend, _ rng: inout TestRNG) throws {
        let w = try poisoned(b, 4, 3), v = try poisoned(b, 4, 3)
        let g = try b.matrix(rows: 4, cols: 3, rng.floats(12))
        for (r, c) in [(3, 4), (4, 2), (1, 12)] {
            let bad = try b.matrix(rows: r, cols: c, rng.floats(r * c))
            expect(.shapeMismatch, ["weights is 4×3", "gradient is \(r)×\(c)"], "\(b.kind) sgd gradient \(r)×\(c)") {
                try b.sgdStep(weights: w, gradient: bad, velocity: v, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
            }
            expect(.shapeMismatch, ["weights is 4×3", "velocity is \(r)×\(c)"], "\(b.kind) sgd velocity \(r)×\(c)") {
                try b.sgdStep(weights: w, gradient: g, velocity: bad, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
            }
        }
        try expectUntouched(w, on: b, "\(b.kind) sgd weights after rejected steps")
        try expectUntouched(v, on: b, "\(b.kind) sgd velocity after rejected steps")
    }

    static func adamShapes(_ b: any Backend, _ rng: inout TestRNG) throws {
        let w = try poisoned(b, 4, 3), m = try poisoned(b, 4, 3), v = try poisoned(b, 4, 3)
        let g = try b.matrix(rows: 4, cols: 3, rng.floats(12))
        func step(_ g: Matrix, _ m: Matrix, _ v: Matrix) throws {
            try b.adamStep(weights: w, gradient: g, firstMoment: m, secondMoment: v, learningRate: 0.1,
                           beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, step: 1)
        }
        for (r, c) in [(3, 4), (4, 2), (1, 12)] {
            let bad = try poisoned(b, r, c)
            expect(.shapeMismatch, ["adamStep", "weights is 4×3", "gradient is \(r)×\(c)"], "\(b.kind) adam gradient \(r)×\(c)") {
                try step(bad, m, v)
            }
            expect(.shapeMismatch, ["adamStep", "weights is 4×3", "first moment is \(r)×\(c)"], "\(b.kind) adam first moment \(r)×\(c)") {
                try step(g, bad, v)
            }
            expect(.shapeMismatch, ["adamStep", "weights is 4×3", "second moment is \(r)×\(c)"], "\(b.kind) adam second moment \(r)×\(c)") {
                try step(g, m, bad)
            }
            try expectUntouched(bad, on: b, "\(b.kind) adam \(r)×\(c) operand after rejected steps")
        }
        // A weight matrix of another shape than the rest: the message names the weights' shape.
        let small = try poisoned(b, 2, 6)
        expect(.shapeMismatch, ["weights is 2×6", "gradient is 4×3"], "\(b.kind) adam weights 2×6") {
            try b.adamStep(weights: small, gradient: g, firstMoment: m, secondMoment: v, learningRate: 0.1,
                           beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, step: 1)
        }
        for (x, what) in [(w, "weights"), (m, "first moment"), (v, "second moment"), (small, "2×6 weights")] {
            try expectUntouched(x, on: b, "\(b.kind) adam \(what) after rejected steps")
        }
    }

    static func lossShapes(_ b: any Backend, _ rng: inout TestRNG) throws {
        for kind in LossKind.allCases {
            let k = kind == .softmaxCrossEntropy ? 3 : 1
            let p = try b.matrix(rows: 5, cols: k, rng.floats(5 * k))
            let y = try b.matrix(rows: 5, cols: 1, (0..<5).map { Float($0 % 2) })
            let grad = try poisoned(b, 5, k), stats = try poisoned(b, 5, 2)
            func run(_ p: Matrix, _ y: Matrix, _ g: Matrix?, _ s: Matrix) throws {
                try b.loss(kind, predictions: p, targets: y, gradient: g, gradientScale: 0.2, stats: s)
            }
            for (r, c) in [(4, 1), (5, 2), (1, 5)] {
                let bad = try b.matrix(rows: r, cols: c, rng.floats(r * c))
                expect(.shapeMismatch, ["targets are \(r)×\(c)", "5×1"], "\(b.kind) \(kind) targets \(r)×\(c)") { try run(p, bad, grad, stats) }
            }
            for (r, c) in [(5, 1), (4, 2), (5, 3)] {
                let bad = try poisoned(b, r, c)
                expect(.shapeMismatch, ["stats are \(r)×\(c)", "5×2"], "\(b.kind) \(kind) stats \(r)×\(c)") { try run(p, y, grad, bad) }
                try expectUntouched(bad, on: b, "\(b.kind) \(kind) stats \(r)×\(c)")
            }
            let badGrad = try poisoned(b, 5, k + 1)
            expect(.shapeMismatch, ["gradient is 5×\(k + 1)"], "\(b.kind) \(kind) gradient 5×\(k + 1)") { try run(p, y, badGrad, stats) }
            try expectUntouched(badGrad, on: b, "\(b.kind) \(kind) wrong-shaped gradient")
            if kind != .softmaxCrossEntropy {
                // One prediction per row for bce and mse: 5×2 predictions are rejected (softmax takes any k).
                let wide = try b.matrix(rows: 5, cols: 2, rng.floats(10)), wideGrad = try poisoned(b, 5, 2)
                expect(.shapeMismatch, ["predictions are 5×2", "5×1"], "\(b.kind) \(kind) 5×2 predictions") {
                    try run(wide, y, wideGrad, stats)
                }
                try expectUntouched(wideGrad, on: b, "\(b.kind) \(kind) gradient after 5×2 predictions")
            }
            try expectUntouched(grad, on: b, "\(b.kind) \(kind) gradient after rejected calls")
            try expectUntouched(stats, on: b, "\(b.kind) \(kind) stats after rejected calls")
            // The right shapes are accepted.
            try run(p, y, grad, stats)
            #expect(try b.download(stats).allSatisfy { $0.isFinite }, "\(b.kind) \(kind) valid call")

            // lossTotals: the same input checks, and totals that are not 1×2.
            let totals = try poisoned(b, 1, 2), freshGrad = try poisoned(b, 5, k)
            func runTotals(_ p: Matrix, _ y: Matrix, _ g: Matrix?, _ t: Matrix) throws {
                try b.lossTotals(kind, predictions: p, targets: y, gradient: g, gradientScale: 0.2, totals: t, accumulate: true)
            }
            let shortTargets = try b.matrix(rows: 4, cols: 1, rng.floats(4))
            expect(.shapeMismatch, ["targets are 4×1", "5×1"], "\(b.kind) \(kind) totals, targets 4×1") {
                try runTotals(p, shortTargets, freshGrad, totals)
            }
            expect(.shapeMismatch, ["gradient is 5×\(k + 1)"], "\(b.kind) \(kind) totals, gradient 5×\(k + 1)") {
                try runTotals(p, y, badGrad, totals)
            }
            for (r, c) in [(2, 2), (1, 1), (1, 3), (5, 2)] {
                let bad = try poisoned(b, r, c)
                expect(.shapeMismatch, ["totals are \(r)×\(c)", "1×2"], "\(b.kind) \(kind) totals \(r)×\(c)") { try runTotals(p, y, freshGrad, bad) }
                try expectUntouched(bad, on: b, "\(b.kind) \(kind) totals \(r)×\(c)")
            }
            try expectUntouched(freshGrad, on: b, "\(b.kind) \(kind) gradient after rejected lossTotals calls")
            try expectUntouched(totals, on: b, "\(b.kind) \(kind) totals after rejected calls")
            try b.upload([0, 0], to: totals)
            try runTotals(p, y, freshGrad, totals)
            #expect(try b.download(totals).allSatisfy { $0.isFinite }, "\(b.kind) \(kind) valid lossTotals call")
        }
    }

    static func uploadLengths(_ b: any Backend, _ rng: inout TestRNG) throws {
        let m = try poisoned(b, 3, 4)
        for n in [0, 11, 13, 4, 3] {
            let values = rng.floats(n)
            expect(.lengthMismatch, ["\(n) values", "3×4"], "\(b.kind) upload \(n) floats") { try b.upload(values, to: m) }
        }
        expect(.lengthMismatch, ["13 values", "1×4"], "\(b.kind) upload 13 floats to a row view") {
            try b.upload(rng.floats(13), to: m.rows(1..<2))
        }
        try expectUntouched(m, on: b, "\(b.kind) matrix after rejected uploads")
        let idx = try b.makeIndices(count: 4)
        for n in [0, 3, 5] {
            let values = (0..<Int32(n)).map { $0 }
            expect(.lengthMismatch, ["\(n) indices", "4"], "\(b.kind) upload \(n) indices") { try b.upload(values, to: idx) }
        }
        // A rejected index upload records no bounds: gathering with the buffer still fails as never uploaded.
        let src = try b.matrix(rows: 6, cols: 2, rng.floats(12)), dst = try poisoned(b, 4, 2)
        expect(.shapeMismatch, ["never uploaded"], "\(b.kind) gather after rejected index uploads") {
            try b.gatherRows(src, indices: idx, into: dst)
        }
        try expectUntouched(dst, on: b, "\(b.kind) gather with indices never uploaded")
    }

    static func gatherIndices(_ b: any Backend, _ rng: inout TestRNG) throws {
        let src = try b.matrix(rows: 6, cols: 3, rng.floats(18))
        let dst = try poisoned(b, 4, 3)
        let idx = try b.makeIndices(count: 4)
        // An index ≥ rows (6 and a huge one) or < 0: rejected on the host, before any device reads outside `src`.
        for bad: [Int32] in [[0, 1, 2, 6], [6, 0, 0, 0], [0, Int32.max, 1, 2], [0, -1, 2, 3], [Int32.min, 0, 0, 0]] {
            try b.upload(bad, to: idx)
            expect(.shapeMismatch, ["0..<6"], "\(b.kind) gather with indices \(bad)") { try b.gatherRows(src, indices: idx, into: dst) }
        }
        // The bound is the view's rows, not the underlying matrix's: index 3 is outside rows 2..<5.
        try b.upload([0, 1, 2, 3], to: idx)
        expect(.shapeMismatch, ["0..<3"], "\(b.kind) gather from a 3-row view with index 3") {
            try b.gatherRows(src.rows(2..<5), indices: idx, into: dst)
        }
        // Output shape: indices.count × src.cols.
        try b.upload([5, 4, 0, 1], to: idx)
        for (r, c) in [(3, 3), (4, 2), (5, 3)] {
            let out = try poisoned(b, r, c)
            expect(.shapeMismatch, ["\(r)×\(c)", "4×3"], "\(b.kind) gather into \(r)×\(c)") { try b.gatherRows(src, indices: idx, into: out) }
            try expectUntouched(out, on: b, "\(b.kind) gather into \(r)×\(c)")
        }
        try expectUntouched(dst, on: b, "\(b.kind) gather output after rejected gathers")
        // Indices never uploaded.
        let fresh = try b.makeIndices(count: 4)
        expect(.shapeMismatch, ["never uploaded"], "\(b.kind) gather with indices never uploaded") {
            try b.gatherRows(src, indices: fresh, into: dst)
        }
        try expectUntouched(dst, on: b, "\(b.kind) gather output after indices never uploaded")
        // And a valid gather after all that works.
        try b.gatherRows(src, indices: idx, into: dst)
        let s = try b.download(src), d = try b.download(dst)
        #expect(d == Array(s[15..<18] + s[12..<15] + s[0..<3] + s[3..<6]), "\(b.kind) valid gather after rejected ones")
    }

    /// Every op with one operand made by `other`: `.foreignMatrix`, nothing written, no crash (an unchecked
    /// foreign buffer would be cast to the wrong storage type).
    static func foreign(_ b: any Backend, other: any Backend, _ rng: inout TestRNG) throws {
        let mine = try b.matrix(rows: 3, cols: 3, rng.floats(9)), theirs = try other.matrix(rows: 3, cols: 3, rng.floats(9))
        let out = try poisoned(b, 3, 3), row = try poisoned(b, 1, 3), col = try poisoned(b, 3, 1)
        let theirRow = try other.matrix(rows: 1, cols: 3, rng.floats(3)), theirCol = try other.matrix(rows: 3, cols: 1, rng.floats(3))
        let myCol = try b.matrix(rows: 3, cols: 1, [0, 1, 0]), stats = try poisoned(b, 3, 2)
        let w = "\(b.kind) given a \(other.kind) matrix"
        let f = DeviceErrorChecks.Kind.foreignMatrix
        expect(f, ["another backend"], "\(w): upload") { try b.upload(rng.floats(9), to: theirs) }
        expect(f, [], "\(w): download") { _ = try b.download(theirs) }
        expect(f, [], "\(w): download of a view") { _ = try b.download(theirs.rows(1..<2)) }
        expect(f, [], "\(w): matmul A") { try b.matmul(theirs, mine, into: out) }
        expect(f, [], "\(w): matmul B") { try b.matmul(mine, theirs, into: out) }
        expect(f, [], "\(w): matmul C") { try b.matmul(mine, mine, into: theirs) }
        expect(f, [], "\(w): addBias bias") { try b.addBias(theirRow, to: out, relu: true) }
        expect(f, [], "\(w): addBias x") { try b.addBias(row, to: theirs, relu: false) }
        expect(f, [], "\(w): relu in") { try b.relu(theirs, into: out) }
        expect(f, [], "\(w): relu out") { try b.relu(mine, into: theirs) }
        expect(f, [], "\(w): reluBackward dy") { try b.reluBackward(theirs, output: mine, into: out) }
        expect(f, [], "\(w): reluBackward y") { try b.reluBackward(mine, output: theirs, into: out) }
        expect(f, [], "\(w): reluBackward dx") { try b.reluBackward(mine, output: mine, into: theirs) }
        expect(f, [], "\(w): columnSum in") { try b.columnSum(theirs, into: row) }
        expect(f, [], "\(w): columnSum out") { try b.columnSum(mine, into: theirRow) }
        expect(f, [], "\(w): rowSum in") { try b.rowSum(theirs, into: col) }
        expect(f, [], "\(w): rowSum out") { try b.rowSum(mine, into: theirCol) }
        expect(f, [], "\(w): rowSumBackward dy") { try b.rowSumBackward(theirCol, into: out) }
        expect(f, [], "\(w): rowSumBackward dx") { try b.rowSumBackward(col, into: theirs) }
        expect(f, [], "\(w): sgd weights") {
            try b.sgdStep(weights: theirs, gradient: mine, velocity: nil, learningRate: 0.1, momentum: 0, weightDecay: 0)
        }
        expect(f, [], "\(w): sgd gradient") {
            try b.sgdStep(weights: out, gradient: theirs, velocity: nil, learningRate: 0.1, momentum: 0, weightDecay: 0)
        }
        expect(f, [], "\(w): sgd velocity") {
            try b.sgdStep(weights: out, gradient: mine, velocity: theirs, learningRate: 0.1, momentum: 0.9, weightDecay: 0)
        }
        let moment = try poisoned(b, 3, 3)
        for (i, which) in ["weights", "gradient", "first moment", "second moment"].enumerated() {
            var operands = [out, mine, moment, moment]
            operands[i] = theirs
            expect(f, ["adamStep", "another backend"], "\(w): adam \(which)") {
                try b.adamStep(weights: operands[0], gradient: operands[1], firstMoment: operands[2], secondMoment: operands[3],
                               learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, step: 1)
            }
        }
        try expectUntouched(moment, on: b, "\(w): adam moments")
        for kind in LossKind.allCases {
            let p = kind == .softmaxCrossEntropy ? mine : myCol, tp = kind == .softmaxCrossEntropy ? theirs : theirCol
            let g = try poisoned(b, 3, p.cols)
            expect(f, [], "\(w): \(kind) predictions") {
                try b.loss(kind, predictions: tp, targets: myCol, gradient: g, gradientScale: 1, stats: stats)
            }
            expect(f, [], "\(w): \(kind) targets") {
                try b.loss(kind, predictions: p, targets: theirCol, gradient: g, gradientScale: 1, stats: stats)
            }
            expect(f, [], "\(w): \(kind) gradient") {
                try b.loss(kind, predictions: p, targets: myCol, gradient: tp, gradientScale: 1, stats: stats)
            }
            let theirStats = try other.makeMatrix(rows: 3, cols: 2)
            expect(f, [], "\(w): \(kind) stats") {
                try b.loss(kind, predictions: p, targets: myCol, gradient: g, gradientScale: 1, stats: theirStats)
            }
            let myTotals = try b.makeMatrix(rows: 1, cols: 2), theirTotals = try other.makeMatrix(rows: 1, cols: 2)
            expect(f, [], "\(w): \(kind) totals") {
                try b.lossTotals(kind, predictions: p, targets: myCol, gradient: g, gradientScale: 1, totals: theirTotals, accumulate: false)
            }
            expect(f, [], "\(w): \(kind) totals' predictions") {
                try b.lossTotals(kind, predictions: tp, targets: myCol, gradient: g, gradientScale: 1, totals: myTotals, accumulate: false)
            }
            try expectUntouched(g, on: b, "\(w): \(kind) gradient")
        }
        let myIdx = try b.makeIndices(count: 3), theirIdx = try other.makeIndices(count: 3)
        try b.upload([2, 1, 0], to: myIdx)
        try other.upload([2, 1, 0], to: theirIdx)
        expect(f, [], "\(w): upload to an index buffer") { try b.upload([0, 1, 2], to: theirIdx) }
        expect(f, [], "\(w): gather source") { try b.gatherRows(theirs, indices: myIdx, into: out) }
        expect(f, [], "\(w): gather output") { try b.gatherRows(mine, indices: myIdx, into: theirs) }
        expect(f, ["index buffer"], "\(w): gather indices") { try b.gatherRows(mine, indices: theirIdx, into: out) }
        for m in [out, row, col, stats] { try expectUntouched(m, on: b, "\(w): outputs") }
    }
}

@Suite("Device errors on the CPU backend")
struct CPUDeviceErrorTests {
    let cpu = CPUBackend()

    @Test("empty and oversized shapes are rejected") func emptyShapes() {
        DeviceErrorChecks.emptyShapes(cpu)
    }

    @Test("matmul inner and output shape mismatches, transposed or not") func matmul() throws {
        var rng = TestRNG("err-cpu-matmul")
        try DeviceErrorChecks.matmulShapes(cpu, &rng)
    }

    @Test("bias, ReLU and sum shape mismatches") func elementwise() throws {
        var rng = TestRNG("err-cpu-elementwise")
        try DeviceErrorChecks.elementwiseShapes(cpu, &rng)
    }

    @Test("sgd shape mismatches") func sgd() throws {
        var rng = TestRNG("err-cpu-sgd")
        try DeviceErrorChecks.sgdShapes(cpu, &rng)
    }

    @Test("adamStep shape mismatches") func adam() throws {
        var rng = TestRNG("err-cpu-adam")
        try DeviceErrorChecks.adamShapes(cpu, &rng)
    }

    @Test("loss shape mismatches") func loss() throws {
        var rng = TestRNG("err-cpu-loss")
        try DeviceErrorChecks.lossShapes(cpu, &rng)
    }

    @Test("uploads of the wrong length") func uploads() throws {
        var rng = TestRNG("err-cpu-upload")
        try DeviceErrorChecks.uploadLengths(cpu, &rng)
    }

    @Test("gatherRows with indices out of range or never uploaded") func gather() throws {
        var rng = TestRNG("err-cpu-gather")
        try DeviceErrorChecks.gatherIndices(cpu, &rng)
    }

    @Test("a matrix of another CPU backend is foreign") func foreign() throws {
        var rng = TestRNG("err-cpu-foreign")
        let other = CPUBackend()
        try DeviceErrorChecks.foreign(cpu, other: other, &rng)
        try DeviceErrorChecks.foreign(other, other: cpu, &rng)
        withExtendedLifetime(other) {}
    }
}

extension CPUDeviceErrorTests {
    /// A regression test: ownership used to be an `ObjectIdentifier` of the backend, which the allocator hands
    /// to the next backend once the first is freed, so a matrix outliving its backend passed as the new one's.
    @Test("a matrix whose backend is gone is foreign to a new backend")
    func deadOwner() throws {
        var rng = TestRNG("err-cpu-dead-owner")
        for attempt in 0..<20 {
            var old: CPUBackend? = CPUBackend(threads: 1)
            let m = try old!.matrix(rows: 2, cols: 2, rng.floats(4))
            old = nil
            let fresh = CPUBackend(threads: 1)
            DeviceErrorChecks.expect(.foreignMatrix, [], "attempt \(attempt): download by a new backend") { _ = try fresh.download(m) }
        }
    }
}

@Suite("Device errors on OpenCL", .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
struct OpenCLDeviceErrorTests {
    @Test("empty and oversized shapes are rejected") func emptyShapes() throws {
        try OpenCLTests.withBackend { cl in DeviceErrorChecks.emptyShapes(cl) }
    }

    @Test("matmul inner and output shape mismatches, transposed or not") func matmul() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-matmul")
            try DeviceErrorChecks.matmulShapes(cl, &rng)
        }
    }

    @Test("bias, ReLU and sum shape mismatches") func elementwise() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-elementwise")
            try DeviceErrorChecks.elementwiseShapes(cl, &rng)
        }
    }

    @Test("sgd shape mismatches") func sgd() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-sgd")
            try DeviceErrorChecks.sgdShapes(cl, &rng)
        }
    }

    @Test("adamStep shape mismatches") func adam() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-adam")
            try DeviceErrorChecks.adamShapes(cl, &rng)
        }
    }

    @Test("loss shape mismatches") func loss() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-loss")
            try DeviceErrorChecks.lossShapes(cl, &rng)
        }
    }

    @Test("uploads of the wrong length") func uploads() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-upload")
            try DeviceErrorChecks.uploadLengths(cl, &rng)
        }
    }

    @Test("gatherRows with indices out of range or never uploaded") func gather() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-gather")
            try DeviceErrorChecks.gatherIndices(cl, &rng)
        }
    }

    /// The contract: "when `gradient` is given, `gradientScale ·` dloss/dprediction into it", and outputs are
    /// overwritten. A regression test: the kernels used to read `grad_scale != 0` as "no gradient" and left
    /// the (NaN-poisoned) gradient as it was.
    @Test("loss with a gradient and gradientScale 0 writes zeros into it, as the CPU does",
          arguments: LossKind.allCases)
    func zeroGradientScale(kind: LossKind) throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-zero-scale\(kind)")
            let cpu = CPUBackend()
            let k = kind == .softmaxCrossEntropy ? 3 : 1
            let z = rng.floats(5 * k, in: -3...3), y: [Float] = [0, 1, 0, 1, 0]
            var gradients: [[Float]] = []
            for b in [cpu as any Backend, cl] {
                let p = try b.matrix(rows: 5, cols: k, z), t = try b.matrix(rows: 5, cols: 1, y)
                let g = try DeviceErrorChecks.poisoned(b, 5, k), s = try b.makeMatrix(rows: 5, cols: 2)
                try b.loss(kind, predictions: p, targets: t, gradient: g, gradientScale: 0, stats: s)
                gradients.append(try b.download(g))
            }
            // 0 · anything finite is ±0: exact.
            #expect(gradients[0].allSatisfy { $0 == 0 }, "CPU \(kind): \(gradients[0])")
            #expect(gradients[1].allSatisfy { $0 == 0 }, "OpenCL \(kind): \(gradients[1])")
        }
    }

    @Test("CPU matrices on OpenCL and OpenCL matrices on the CPU are foreign") func foreign() throws {
        try OpenCLTests.withBackend { cl in
            var rng = TestRNG("err-cl-foreign")
            let cpu = CPUBackend()
            try DeviceErrorChecks.foreign(cl, other: cpu, &rng)
            try DeviceErrorChecks.foreign(cpu, other: cl, &rng)
        }
    }
}

@Suite("OpenCLError descriptions")
struct OpenCLErrorTests {
    @Test("a code is named with its number", arguments: [
        (Int32(-5), "CL_OUT_OF_RESOURCES"), (-1001, "CL_PLATFORM_NOT_FOUND_KHR"), (-11, "CL_BUILD_PROGRAM_FAILURE"),
        (-1, "CL_DEVICE_NOT_FOUND"), (-54, "CL_INVALID_WORK_GROUP_SIZE"), (-4, "CL_MEM_OBJECT_ALLOCATION_FAILURE"),
    ])
    func named(code: Int32, name: String) {
        let e = OpenCLError(call: "clX", code: code)
        #expect(e.name == name)
        #expect(e.description == "clX failed: \(name) (\(code))")
    }

    @Test("an unknown code says unknown, with the number") func unknown() {
        for code: Int32 in [-9999, 7, -20, -73] {
            let e = OpenCLError(call: "clEnqueueNDRangeKernel(matmul)", code: code)
            #expect(e.description.contains("unknown"), "\(e)")
            #expect(e.description.contains("(\(code))") && e.description.hasPrefix("clEnqueueNDRangeKernel(matmul) failed"), "\(e)")
        }
    }

    @Test("a build log is included; an empty one is left out") func buildLog() {
        var rng = TestRNG("cl-error-log")
        let line = "<kernel>:\(Int.random(in: 1...999, using: &rng)):5: error: use of undeclared identifier 'foo'"
        let e = OpenCLError(call: "clBuildProgram(pthread)", code: -11, buildLog: "\n\(line)\n  \n")
        #expect(e.description.contains("CL_BUILD_PROGRAM_FAILURE (-11)"), "\(e)")
        #expect(e.description.contains(line), "\(e)")
        #expect(e.description.hasSuffix(line), "surrounding blank lines are trimmed: \(e)")
        let quiet = OpenCLError(call: "clBuildProgram", code: -11, buildLog: " \n\t")
        #expect(quiet.description == "clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)")
        #expect(OpenCLError(call: "clBuildProgram", code: -11, buildLog: nil).description == quiet.description)
    }
}
