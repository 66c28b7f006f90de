/// A misuse of the device API that either backend detects before doing any work.
public enum DeviceError: Error, Equatable, CustomStringConvertible {
    /// A matrix or index buffer with no elements was asked for; every op needs at least one row and column.
    case emptyShape(String)
    /// Operand shapes that do not fit the op, e.g. `matmul: A is 3×4 but B is 5×2`.
    case shapeMismatch(String)
    /// A matrix made by another backend was passed in.
    case foreignMatrix(String)
    /// Host data whose length is not the matrix's element count.
    case lengthMismatch(String)
    /// Sizes past what the kernels index with 32-bit integers.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .emptyShape(let s), .shapeMismatch(let s), .foreignMatrix(let s),
             .lengthMismatch(let s), .tooLarge(let s):
            return s
        }
    }
}

/// Shape and ownership checks shared by every backend, so both reject the same calls with the same words.
enum Check {
    static let maxElements = Int(Int32.max)

    static func shape(rows: Int, cols: Int) throws {
        guard rows > 0, cols > 0 else {
            throw DeviceError.emptyShape("a \(rows)×\(cols) matrix has no elements; every op needs at least 1×1")
        }
        guard rows.multipliedReportingOverflow(by: cols).partialValue <= maxElements,
              !rows.multipliedReportingOverflow(by: cols).overflow else {
            throw DeviceError.tooLarge("a \(rows)×\(cols) matrix has more than \(maxElements) elements")
        }
    }

    static func owned(by owner: AnyObject, _ op: String, _ matrices: Matrix?...) throws {
        for m in matrices.compactMap({ $0 }) where m.owner !== owner {
            throw DeviceError.foreignMatrix("\(op): a \(m.shape) matrix belongs to another backend")
        }
    }

    static func same(_ op: String, _ a: Matrix, _ b: Matrix, _ an: String = "input", _ bn: String = "output") throws {
        guard a.rows == b.rows, a.cols == b.cols else {
            throw DeviceError.shapeMismatch("\(op): \(an) is \(a.shape) but \(bn) is \(b.shape)")
        }
    }

    /// Returns (M, N, K) for `C = op(A)·op(B)`.
    static func matmul(_ a: Matrix, _ b: Matrix, _ c: Matrix, _ ta: Bool, _ tb: Bool) throws -> (Int, Int, Int) {
        let (m, k) = ta ? (a.cols, a.rows) : (a.rows, a.cols)
        let (kb, n) = tb ? (b.cols, b.rows) : (b.rows, b.cols)
        let opA = ta ? "Aᵀ" : "A", opB = tb ? "Bᵀ" : "B"
        guard k == kb else {
            throw DeviceError.shapeMismatch("matmul: \(opA) is \(m)×\(k) but \(opB) is \(kb)×\(n)")
        }
        guard c.rows == m, c.cols == n else {
            throw DeviceError.shapeMismatch("matmul: \(opA)·\(opB) is \(m)×\(n) but C is \(c.shape)")
        }
        return (m, n, k)
    }

    static func bias(_ x: Matrix, _ b: Matrix, op: String = "addBias") throws {
        guard b.rows == 1, b.cols == x.cols else {
            throw DeviceError.shapeMismatch("\(op): bias is \(b.shape) but must be 1×\(x.cols) for a \(x.shape) input")
        }
    }

    static func columnSum(_ x: Matrix, _ out: Matrix, owner: AnyObject) throws {
        try owned(by: owner, "columnSum", x, out)
        guard out.rows == 1, out.cols == x.cols else {
            throw DeviceError.shapeMismatch("columnSum: output is \(out.shape) but must be 1×\(x.cols)")
        }
    }

    static func rowSum(_ x: Matrix, _ out: Matrix, owner: AnyObject) throws {
        try owned(by: owner, "rowSum", x, out)
        guard out.rows == x.rows, out.cols == 1 else {
            throw DeviceError.shapeMismatch("rowSum: output is \(out.shape) but must be \(x.rows)×1")
        }
    }

    static func rowSumBackward(_ dy: Matrix, _ dx: Matrix, owner: AnyObject) throws {
        try owned(by: owner, "rowSumBackward", dy, dx)
        guard dy.rows == dx.rows, dy.cols == 1 else {
            throw DeviceError.shapeMismatch("rowSumBackward: gradient is \(dy.shape) but must be \(dx.rows)×1")
        }
    }

    static func sgd(_ w: Matrix, _ g: Matrix, _ v: Matrix?, owner: AnyObject) throws {
        try owned(by: owner, "sgdStep", w, g, v)
        try same("sgdStep", w, g, "weights", "gradient")
        if let v { try same("sgdStep", w, v, "weights", "velocity") }
    }

    static func adam(_ w: Matrix, _ g: Matrix, _ m: Matrix, _ v: Matrix, step: Int, owner: AnyObject) throws {
        precondition(step >= 1, "adamStep: step is \(step) but counts from 1")
        try owned(by: owner, "adamStep", w, g, m, v)
        try same("adamStep", w, g, "weights", "gradient")
        try same("adamStep", w, m, "weights", "first moment")
        try same("adamStep", w, v, "weights", "second moment")
    }

    static func loss(_ kind: LossKind, _ p: Matrix, _ y: Matrix, _ grad: Matrix?, _ stats: Matrix) throws {
        try lossInputs(kind, p, y, grad)
        guard stats.rows == p.rows, stats.cols == 2 else {
            throw DeviceError.shapeMismatch("\(kind): stats are \(stats.shape) but must be \(p.rows)×2")
        }
    }

    static func lossTotals(_ kind: LossKind, _ p: Matrix, _ y: Matrix, _ grad: Matrix?, _ totals: Matrix) throws {
        try lossInputs(kind, p, y, grad)
        guard totals.rows == 1, totals.cols == 2 else {
            throw DeviceError.shapeMismatch("\(kind): totals are \(totals.shape) but must be 1×2")
        }
    }

    private static func lossInputs(_ kind: LossKind, _ p: Matrix, _ y: Matrix, _ grad: Matrix?) throws {
        guard y.rows == p.rows, y.cols == 1 else {
            throw DeviceError.shapeMismatch("\(kind): targets are \(y.shape) but must be \(p.rows)×1")
        }
        if kind != .softmaxCrossEntropy, p.cols != 1 {
            throw DeviceError.shapeMismatch("\(kind): predictions are \(p.shape) but must be \(p.rows)×1")
        }
        if let g = grad { try same("\(kind)", p, g, "predictions", "gradient") }
    }

    /// Checks an index upload and records its bounds.
    static func upload(_ values: [Int32], into indices: IndexBuffer, owner: AnyObject) throws {
        guard indices.owner === owner else {
            throw DeviceError.foreignMatrix("upload: an index buffer belongs to another backend")
        }
        guard values.count == indices.count else {
            throw DeviceError.lengthMismatch("upload: \(values.count) indices for a buffer of \(indices.count)")
        }
        indices.bounds = values.min()! ... values.max()!
    }

    static func gather(_ src: Matrix, _ indices: IndexBuffer, _ dst: Matrix, owner: AnyObject) throws {
        try owned(by: owner, "gatherRows", src, dst)
        guard indices.owner === owner else {
            throw DeviceError.foreignMatrix("gatherRows: the index buffer belongs to another backend")
        }
        guard dst.rows == indices.count, dst.cols == src.cols else {
            throw DeviceError.shapeMismatch("gatherRows: output is \(dst.shape) but must be \(indices.count)×\(src.cols)")
        }
        guard let b = indices.bounds, b.lowerBound >= 0, Int(b.upperBound) < src.rows else {
            throw DeviceError.shapeMismatch("gatherRows: indices \(indices.bounds.map { "\($0)" } ?? "never uploaded") "
                + "are not all inside 0..<\(src.rows)")
        }
    }

    static func upload(_ count: Int, into m: Matrix) throws {
        guard count == m.count else {
            throw DeviceError.lengthMismatch("upload: \(count) values for a \(m.shape) matrix of \(m.count)")
        }
    }
}
