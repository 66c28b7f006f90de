import COpenCL

/// The GEMM: `matmul.cl`'s tiled kernel on GPUs (in two tile sizes), `matmul_blocked.cl`'s packed, barrier-free kernels on CPU
/// devices (see ``OpenCLMatmulKernel``), with the blocked kernels' reusable scratch buffers. Every kernel
/// takes an epilogue (`Kernels/matmul.cl`), which makes `dense`, `weightGradients` and `inputGradient` one
/// launch each.
extension OpenCLBackend {
    /// What a GEMM kernel does besides `C = op(A)·op(B)`, as the `EPI_*` bits of `Kernels/common.cl`.
    enum Epilogue {
        case none
        /// `C = act(C + bias)`, act = ReLU when `relu`; a nil bias adds nothing.
        case bias(Matrix?, relu: Bool)
        /// `C = C` where `output > 0`, else 0 (`output` has C's shape).
        case reluMask(output: Matrix)
        /// `sums[n] = Σ_k op(B)[k, n]` beside C.
        case columnSumsOfB(into: Matrix)

        var arguments: [OpenCLBackend.KernelArg] {
            switch self {
            case .none: return [.optionalMatrix(nil), .int(0)]
            case .bias(let b, let relu): return [.optionalMatrix(b), .int((b == nil ? 0 : 1) | (relu ? 2 : 0))]
            case .reluMask(let y): return [.matrix(y), .int(4)]
            case .columnSumsOfB(let sums): return [.matrix(sums), .int(8)]
            }
        }
    }

    public func matmul(_ a: Matrix, _ b: Matrix, into c: Matrix, transposeA: Bool, transposeB: Bool) throws {
        try Check.owned(by: self, "matmul", a, b, c)
        try gemm(a, b, c, transposeA: transposeA, transposeB: transposeB, .none)
    }

    /// `y = act(x·w + bias)` in one launch: the bias and ReLU are applied as the product is stored.
    public func dense(_ x: Matrix, _ w: Matrix, bias: Matrix?, relu: Bool, into y: Matrix) throws {
        try Check.owned(by: self, "dense", x, w, bias, y)
        if let bias { try Check.bias(y, bias, op: "dense") }
        try gemm(x, w, y, transposeA: false, transposeB: false, .bias(bias, relu: relu))
    }

    /// `dw = xᵀ·dy` and `db = Σ_rows dy` in one launch: the bias gradient is summed from the rows of dy the
    /// GEMM reads anyway.
    public func weightGradients(_ x: Matrix, _ dy: Matrix, weights dw: Matrix, bias db: Matrix?) throws {
        try Check.owned(by: self, "weightGradients", x, dy, dw, db)
        if let db { try Check.columnSum(dy, db, owner: self) }
        try gemm(x, dy, dw, transposeA: true, transposeB: false, db.map { .columnSumsOfB(into: $0) } ?? .none)
    }

    /// `dx = (dy·wᵀ)` masked by `reluOutput > 0`, in one launch.
    public func inputGradient(_ dy: Matrix, _ w: Matrix, reluOutput y: Matrix?, into dx: Matrix) throws {
        try Check.owned(by: self, "inputGradient", dy, w, y, dx)
        if let y { try Check.same("inputGradient", y, dx, "ReLU output", "result") }
        try gemm(dy, w, dx, transposeA: false, transposeB: true, y.map { .reluMask(output: $0) } ?? .none)
    }

    private func gemm(_ a: Matrix, _ b: Matrix, _ c: Matrix, transposeA: Bool, transposeB: Bool,
                      _ epilogue: Epilogue) throws {
        let (m, n, k) = try Check.matmul(a, b, c, transposeA, transposeB)
        let epilogue = epilogue.arguments
        let product = m.multipliedReportingOverflow(by: n * k)  // n·k ≤ 2³¹·2³¹: no overflow
        let g = config.mbWG
        let flops = 2 * Double(m) * Double(n) * Double(k)
        let shape = { LaunchRecorder.gemmShape(a, b, c, transposeA, transposeB) }
        if matmulKernel == .direct || (!product.overflow && product.partialValue < directProductLimit) {
            return try launch("matmul_direct", shape: shape(), flops: flops,
                              global: [roundUp((m + KernelConfig.mbM - 1) / KernelConfig.mbM, g), (n + KernelConfig.mbN - 1) / KernelConfig.mbN],
                              local: [g, 1],
                              [.int(m), .int(n), .int(k), .matrix(a), .int(a.cols), .int(transposeA ? 1 : 0),
                               .matrix(b), .int(b.cols), .int(transposeB ? 1 : 0), .matrix(c), .int(n)] + epilogue)
        }
        if matmulKernel == .blocked, let plan = BlockedPlan(m: m, n: n, k: k, transposeA: transposeA) {
            return try matmulBlocked(a, b, c, plan, transposeA: transposeA, transposeB: transposeB, epilogue: epilogue,
                                     shape: shape(), flops: flops)
        }
        var (name, tile) = ("matmul", config.tile)
        if let small = config.smallTile,
           matmulKernel == .tiledSmall || (matmulKernel == .tiled && tile.groups(m: m, n: n) < smallTileGroupLimit) {
            (name, tile) = ("matmul_small", small)
        }
        let (gx, gy) = tile.group
        try launch(name, shape: shape(), flops: flops, global: [roundUp(n, tile.tsn) / tile.wptn, roundUp(m, tile.tsm) / tile.wptm],
                   local: [gx, gy],
                   [.int(m), .int(n), .int(k),
                    .matrix(a), .int(a.cols), .int(transposeA ? 1 : 0),
                    .matrix(b), .int(b.cols), .int(transposeB ? 1 : 0),
                    .matrix(c), .int(n)] + epilogue)
    }

    /// Sizes of a blocked GEMM's launches and packed operands; nil when a padded panel would pass the
    /// kernels' 32-bit indexing (then the tiled kernel, which needs no scratch, runs instead).
    struct BlockedPlan {
        let m: Int, n: Int, k: Int
        /// Panels of 16 columns of op(B), and of KernelConfig.mbM rows of op(A).
        let panelsB: Int, panelsA: Int
        /// Aᵀ is packed only when more than one panel of B re-reads it: read once, in place is cheaper.
        let packA: Bool

        init?(m: Int, n: Int, k: Int, transposeA: Bool) {
            (self.m, self.n, self.k) = (m, n, k)
            panelsB = (n + KernelConfig.mbN - 1) / KernelConfig.mbN
            panelsA = (m + KernelConfig.mbM - 1) / KernelConfig.mbM
            packA = transposeA && panelsB > 1
            guard panelsB * KernelConfig.mbN * k <= Check.maxElements,
                  !packA || panelsA * KernelConfig.mbM * k <= Check.maxElements else { return nil }
        }
    }

    private func matmulBlocked(_ a: Matrix, _ b: Matrix, _ c: Matrix, _ plan: BlockedPlan,
                               transposeA: Bool, transposeB: Bool, epilogue: [KernelArg],
                               shape: @autoclosure () -> String, flops: Double) throws {
        let g = config.mbWG
        let kChunks = (plan.k + KernelConfig.mbPK - 1) / KernelConfig.mbPK
        let pb = try scratch(&packedB, floats: plan.panelsB * KernelConfig.mbN * plan.k)
        try launch("matmul_pack_b", shape: "\(b.shape) → \(plan.panelsB) panels", global: [roundUp(kChunks, g), plan.panelsB], local: [g, 1],
                   .int(plan.k), .int(plan.n), .matrix(b), .int(b.cols), .int(transposeB ? 1 : 0), .buffer(pb))
        var aArgs: [KernelArg] = [.matrix(a), .int(a.cols), .int(transposeA ? 1 : 0)]
        if plan.packA {
            let pa = try scratch(&packedA, floats: plan.panelsA * KernelConfig.mbM * plan.k)
            let panelGroups = (plan.panelsA + KernelConfig.mbPQ - 1) / KernelConfig.mbPQ
            try launch("matmul_pack_a", shape: "\(a.shape) → \(plan.panelsA) panels", global: [panelGroups, roundUp(kChunks, g)], local: [1, g],
                       .int(plan.m), .int(plan.k), .matrix(a), .int(a.cols), .int(1), .buffer(pa))
            aArgs = [.buffer(pa), .int(0), .int(0), .int(2)]
        }
        try launch("matmul_blocked", shape: shape(), flops: flops, global: [roundUp(plan.panelsA, g), plan.panelsB], local: [g, 1],
                   [.int(plan.m), .int(plan.n), .int(plan.k)] + aArgs + [.buffer(pb), .matrix(c), .int(plan.n)] + epilogue)
    }

    /// `buffer` if it holds `floats` values, else a new one that does (the old one is released once the
    /// kernels queued on it have run); at least 64 Ki floats, so small products never reallocate.
    /// A new buffer is zeroed from the host: oclgrind keeps the shadow state of a released buffer for the
    /// next one at the same address, and a buffer that only kernels have written then reads as partly
    /// uninitialised. A host write gives it a fresh, clean state (its cost is paid once per growth).
    private func scratch(_ buffer: inout CLBuffer?, floats: Int) throws -> cl_mem {
        if let buffer, buffer.bytes >= floats * 4 { return buffer.mem }
        let count = max(floats, 1 << 16)
        let grown = try allocate(bytes: count * 4)
        let zeros = [Float](repeating: 0, count: count)
        try zeros.withUnsafeBytes { bytes in
            try OpenCLError.check(clEnqueueWriteBuffer(queue, grown.mem, cl_bool(CL_TRUE), 0, bytes.count,
                                                       bytes.baseAddress, 0, nil, nil),
                                  "clEnqueueWriteBuffer")
        }
        buffer = grown
        return grown.mem
    }
}
