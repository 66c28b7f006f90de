import COpenCL
import Foundation

/// A device buffer; released when the last ``Matrix`` (or view) using it goes away.
final class CLBuffer {
    let mem: cl_mem
    let bytes: Int
    init(mem: cl_mem, bytes: Int) { self.mem = mem; self.bytes = bytes }
    deinit { clReleaseMemObject(mem) }
}

/// The ops as OpenCL kernels (`Kernels/*.cl`) on one device, queued in order on one command queue.
///
/// Ops are enqueued without waiting: the host only blocks in ``download(_:)``, ``finish()`` and uploads,
/// so a training step is a stream of launches with no round trips. Every OpenCL call is checked and a
/// failure becomes an ``OpenCLError`` naming the call and the CL error.
public final class OpenCLBackend: Backend {
    /// Always ``BackendKind/opencl``.
    public let kind = BackendKind.opencl
    /// The device the kernels run on.
    public let device: OpenCLDeviceInfo
    let config: KernelConfig
    private let context: cl_context
    /// The one in-order queue; replaced by one with `CL_QUEUE_PROFILING_ENABLE` while a timing ``launchRecorder``
    /// is set (see ``launchRecorder``).
    private(set) var queue: cl_command_queue
    /// Whether ``queue`` was created with `CL_QUEUE_PROFILING_ENABLE`.
    private var queueProfiles = false
    /// Timed launches whose events have not been read yet: read once the queue has run them (``finish()``,
    /// ``download(_:)``), so timing never makes the host wait for a launch.
    private var pendingLaunches: [(event: cl_event, launch: KernelLaunch, hostQueued: UInt64)] = []
    /// Host clock minus device clock, from the first timed launch read back for the current recorder.
    private var clockOffset: Int64?
    private let program: cl_program
    private var kernels: [String: cl_kernel] = [:]
    /// Work-group size for the one-dimensional kernels, within every one of their compiled limits.
    private let flatGroup: Int
    /// Host copies behind non-blocking uploads, freed once the in-order queue is known to have run them
    /// (after a blocking read or a finish). A blocking write costs tens of µs on PoCL; a training epoch
    /// uploads its shuffle and should not wait for it.
    private var staged: [UnsafeMutableRawBufferPointer] = []
    private var stagedBytes = 0
    /// The GEMM kernel `matmul` and `dense` launch; see ``OpenCLMatmulKernel``. All are built, so this may
    /// change between calls (the tests run every GEMM check with each).
    public var matmulKernel: OpenCLMatmulKernel
    /// Products of fewer multiply-adds (M·N·K) than this run ``OpenCLMatmulKernel/direct`` whatever
    /// ``matmulKernel`` says; 0 turns that off. See ``OpenCLMatmulKernel/directProductLimit(deviceType:environment:)``
    /// for the default: the Titanic model's products (713×12·12×20 and smaller) ran faster in the direct
    /// kernel's one launch than their packing alone took.
    public var directProductLimit: Int
    /// Products whose grid of ``OpenCLMatmulKernel/tiled`` work-groups would be smaller than this run on
    /// the small tile (``OpenCLMatmulKernel/tiledSmall``) when ``matmulKernel`` is `tiled`; 0 turns that off.
    /// See ``OpenCLMatmulKernel/smallTileGroupLimit(deviceType:computeUnits:environment:)`` for the default.
    public var smallTileGroupLimit: Int
    /// Reused scratch for the blocked GEMM's packed operands: grown on demand, never shrunk. The queue is
    /// in order, so a later matmul cannot overwrite a panel an earlier one still reads.
    var packedA: CLBuffer?, packedB: CLBuffer?  // internal: used by OpenCLBackend+Matmul.swift

    static let blockedKernelNames = ["matmul_blocked", "matmul_pack_a", "matmul_pack_b", "matmul_direct"]
    /// Kernels without a required work-group size, launched in groups of ``flatGroup`` (or a 2-D split of it).
    static let flatKernelNames = ["relu", "relu_backward", "bias_act", "rowsum", "rowsum_backward",
                                  "sgd", "adamw", "gather_rows", "bce_logits", "mse", "softmax_xent"]
    /// Every kernel but `matmul_small`, which is built only with a small tile (``KernelConfig/smallTile``).
    static let kernelNames = ["matmul", "colsum", "loss_totals"] + flatKernelNames + blockedKernelNames

    public var name: String { "OpenCL: \(device.name) (\(device.platformName))" }

    /// The GEMM kernel and the tile and work-group sizes the kernels were built with, e.g. `GEMM tiled
    /// (small tile below 132 work-groups); matmul tile 128x128x16/8x8, small 64x64x16/4x4; …`.
    public var kernelSummary: String {
        var gemm = "GEMM \(matmulKernel)"
        if directProductLimit > 0 { gemm += " (direct below \(directProductLimit) multiply-adds)" }
        if matmulKernel == .tiled && smallTileGroupLimit > 0 && config.smallTile != nil {
            gemm += " (small tile below \(smallTileGroupLimit) work-groups)"
        }
        return "\(gemm); \(config)"
    }

    /// What the compiler made of kernel `name` (e.g. `matmul`): its private and local memory from
    /// `clGetKernelWorkGroupInfo`, and, where the build log has them (NVIDIA with `-cl-nv-verbose`), its
    /// registers and spilled bytes. Nil for a kernel this backend did not build.
    public func resources(ofKernel name: String) -> KernelResources? {
        guard let kernel = kernels[name] else { return nil }
        func value(_ param: Int32) -> Int? {
            var v: cl_ulong = 0
            let status = clGetKernelWorkGroupInfo(kernel, device.deviceID, cl_kernel_work_group_info(param),
                                                  MemoryLayout<cl_ulong>.size, &v, nil)
            return status == CL_SUCCESS ? Int(v) : nil
        }
        // The build log is usually empty; with -cl-nv-verbose (NVIDIA) it has ptxas's lines per kernel.
        let log = KernelResources.fromPtxasLog(Self.buildLog(program, device.deviceID), kernel: name)
        return KernelResources(privateBytes: value(CL_KERNEL_PRIVATE_MEM_SIZE), localBytes: value(CL_KERNEL_LOCAL_MEM_SIZE),
                               registers: log.registers, spillBytes: log.spillBytes)
    }

    /// Creates a context and queue on `device` and builds every kernel for it.
    /// `matmulKernel` nil: `GPUTRAIN_MATMUL` when set, else by device type (``OpenCLMatmulKernel/choice(deviceType:environment:)``),
    /// with small products on the direct kernel as ``directProductLimit`` says; a kernel given runs at every size.
    /// `matmul.cl`'s tile: `GPUTRAIN_GEMM_TILE` when set, else the one ``GemmTuning`` cached for this device and
    /// driver (the defaults again if it fails to build), else the largest the device's limits allow.
    /// Throws an ``OpenCLError``; a failed build carries the compiler's log.
    public convenience init(device: OpenCLDeviceInfo, matmulKernel: OpenCLMatmulKernel? = nil) throws {
        try self.init(device: device, matmulKernel: matmulKernel, tile: nil, useTuningCache: true)
    }

    /// `tile`, when given, is the only tile tried (as `GPUTRAIN_GEMM_TILE`'s is); `buildOptions` go after
    /// the configuration's and `GPUTRAIN_CL_OPTIONS`.
    init(device: OpenCLDeviceInfo, matmulKernel: OpenCLMatmulKernel?, tile: GemmTile?, useTuningCache: Bool,
         buildOptions: String = "") throws {
        self.device = device
        self.matmulKernel = try matmulKernel ?? OpenCLMatmulKernel.choice(deviceType: device.type)
        directProductLimit = matmulKernel == nil ? OpenCLMatmulKernel.directProductLimit(deviceType: device.type) : 0
        smallTileGroupLimit = matmulKernel == nil
            ? OpenCLMatmulKernel.smallTileGroupLimit(deviceType: device.type, computeUnits: device.computeUnits) : 0
        var status: cl_int = CL_SUCCESS
        var deviceID: cl_device_id? = device.deviceID
        guard let context = clCreateContext(nil, 1, &deviceID, nil, nil, &status), status == CL_SUCCESS else {
            throw OpenCLError(call: "clCreateContext(\(device.name))", code: status)
        }
        self.context = context
        let queue: cl_command_queue
        do { queue = try Self.makeQueue(context, device, profiling: false) } catch {
            clReleaseContext(context)
            throw error
        }
        self.queue = queue
        do {
            let sources = try KernelLibrary.sources()
            let matmulSource = sources.first { $0.0 == "matmul.cl" }?.1
            let cpuDevice = device.type == "CPU"
            // CPU_DEVICE: unaligned float8 accesses as plain vector loads and stores (Kernels/common.cl).
            let extra = (cpuDevice ? " -DCPU_DEVICE" : "") + KernelLibrary.extraBuildOptions()
                + (buildOptions.isEmpty ? "" : " " + buildOptions)
            let explicit = try tile ?? GemmTile.override()
            var configs = KernelConfig.candidates(maxWorkGroupSize: device.maxWorkGroupSize,
                                                  localMemory: Int(device.localMemory), tile: explicit, cpuDevice: cpuDevice)
            // The tuned tile first (at most one configuration), then the defaults.
            var tunedConfigs = 0
            if explicit == nil, useTuningCache,
               let tuned = GemmTuning.cachedTile(for: device, matmulSource: matmulSource ?? "") {
                let first = KernelConfig.candidates(maxWorkGroupSize: device.maxWorkGroupSize,
                                                    localMemory: Int(device.localMemory), tile: tuned, cpuDevice: cpuDevice)
                (configs, tunedConfigs) = (first + configs, first.count)
            }
            var built: (cl_program, [String: cl_kernel], KernelConfig, Int)?
            for (index, config) in configs.enumerated() {
                // The small tile is matmul.cl once more, after a prefix naming its tile and kernel.
                var texts = sources.map(\.1)
                if let prefix = config.smallTilePrefix, let matmulSource { texts.append(prefix + matmulSource) }
                let program: cl_program
                do {
                    program = try Self.build(texts, options: config.buildOptions + extra, context: context, device: device)
                } catch where index < tunedConfigs {
                    continue  // a cached tile this compiler now rejects: the defaults follow
                }
                let names = Self.kernelNames + (config.smallTile == nil ? [] : ["matmul_small"])
                let kernels = try Self.makeKernels(program, names)
                let limits = try kernels.mapValues { try Self.workGroupLimit($0, device.deviceID) }
                // A kernel compiled with more registers than the device has for a full group reports a
                // smaller limit: then try the next, smaller configuration.
                let blockedFits = Self.blockedKernelNames.allSatisfy { limits[$0]! >= config.mbWG }
                let smallFits = config.smallTile.map { limits["matmul_small"]! >= $0.groupSize } ?? true
                if limits["matmul"]! >= config.tile.groupSize && smallFits && limits["colsum"]! >= config.colsumGroupSize
                    && limits["loss_totals"]! >= config.colsumGroupSize
                    && blockedFits {
                    // Kernels with a required group size may report just that size: not a limit for the flat ones.
                    let flat = limits.filter { Self.flatKernelNames.contains($0.key) }.values.min()!
                    built = (program, kernels, config, min(256, flat))
                    break
                }
                kernels.values.forEach { clReleaseKernel($0) }
                clReleaseProgram(program)
            }
            guard let built else {
                throw OpenCLError(call: "clGetKernelWorkGroupInfo(\(device.name)): no kernel configuration fits",
                                  code: CL_OUT_OF_RESOURCES)
            }
            (program, kernels, config, flatGroup) = built
        } catch {
            clReleaseCommandQueue(queue)
            clReleaseContext(context)
            throw error
        }
    }

    deinit {
        clFinish(queue)
        pendingLaunches.forEach { clReleaseEvent($0.event) }
        releaseStaged()
        kernels.values.forEach { clReleaseKernel($0) }
        clReleaseProgram(program)
        clReleaseCommandQueue(queue)
        clReleaseContext(context)
    }

    // MARK: Memory and transfers

    public func makeMatrix(rows: Int, cols: Int) throws -> Matrix {
        try Check.shape(rows: rows, cols: cols)
        return Matrix(rows: rows, cols: cols, storage: try allocate(bytes: rows * cols * 4), owner: self)
    }

    public func makeIndices(count: Int) throws -> IndexBuffer {
        try Check.shape(rows: count, cols: 1)
        return IndexBuffer(count: count, storage: try allocate(bytes: count * 4), owner: self)
    }

    public func upload(_ values: [Float], to matrix: Matrix) throws {
        try Check.owned(by: self, "upload", matrix)
        try Check.upload(values.count, into: matrix)
        try values.withUnsafeBytes { try enqueueWrite(mem(matrix), at: matrix.offset * 4, $0) }
    }

    public func upload(_ values: [Int32], to indices: IndexBuffer) throws {
        try Check.upload(values, into: indices, owner: self)
        try values.withUnsafeBytes { try enqueueWrite((indices.storage as! CLBuffer).mem, at: 0, $0) }
    }

    /// Queues a copy of `bytes` without waiting; past 64 MiB of copies in flight, waits for them first.
    private func enqueueWrite(_ buffer: cl_mem, at offset: Int, _ bytes: UnsafeRawBufferPointer) throws {
        if stagedBytes + bytes.count > 64 << 20 { try finish() }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 64)
        copy.copyMemory(from: bytes)
        staged.append(copy)  // kept even if the enqueue fails: it is freed at the next synchronisation
        stagedBytes += bytes.count
        try OpenCLError.check(clEnqueueWriteBuffer(queue, buffer, cl_bool(CL_FALSE), offset, bytes.count,
                                                   copy.baseAddress, 0, nil, nil), "clEnqueueWriteBuffer")
    }

    private func releaseStaged() {
        staged.forEach { $0.deallocate() }
        staged.removeAll(keepingCapacity: true)
        stagedBytes = 0
    }

    public func download(_ matrix: Matrix) throws -> [Float] {
        try Check.owned(by: self, "download", matrix)
        let read = try OpenCLRead(count: matrix.count, queue: queue) { host, event in
            clEnqueueReadBuffer(queue, mem(matrix), cl_bool(CL_FALSE), matrix.offset * 4, matrix.count * 4, host, 0, nil, event)
        }
        let values = try read.wait()
        releaseStaged()  // the read came after every queued write on the in-order queue
        readPendingLaunches()  // and after every launch
        return values
    }

    public func finish() throws {
        var event: cl_event?
        if clEnqueueMarkerWithWaitList(queue, 0, nil, &event) == CL_SUCCESS, let event {
            defer { clReleaseEvent(event) }
            try OpenCLEvents.wait(event, queue: queue, "clFinish")
        } else {  // a driver without OpenCL 1.2 markers: wait the blocking way
            try OpenCLError.check(clFinish(queue), "clFinish")
        }
        releaseStaged()
        readPendingLaunches()
    }

    // MARK: Ops

    public func addBias(_ bias: Matrix, to x: Matrix, relu: Bool) throws {
        try Check.owned(by: self, "addBias", bias, x)
        try Check.bias(x, bias)
        try launchRows("bias_act", x.shape, rows: x.rows, cols: x.cols, .int(x.rows), .int(x.cols), .matrix(x), .matrix(bias), .int(relu ? 1 : 0))
    }

    public func relu(_ x: Matrix, into y: Matrix) throws {
        try Check.owned(by: self, "relu", x, y)
        try Check.same("relu", x, y)
        try launchEights("relu", x.shape, x.count, .int(x.count), .matrix(x), .matrix(y))
    }

    public func reluBackward(_ dy: Matrix, output y: Matrix, into dx: Matrix) throws {
        try Check.owned(by: self, "reluBackward", dy, y, dx)
        try Check.same("reluBackward", dy, y, "gradient", "output")
        try Check.same("reluBackward", dy, dx, "gradient", "result")
        try launchEights("relu_backward", dy.shape, dy.count, .int(dy.count), .matrix(dy), .matrix(y), .matrix(dx))
    }

    public func columnSum(_ x: Matrix, into out: Matrix) throws {
        try Check.columnSum(x, out, owner: self)
        try launch("colsum", shape: x.shape, global: [roundUp(x.cols, config.csx), config.csy], local: [config.csx, config.csy],
                   .int(x.rows), .int(x.cols), .matrix(x), .matrix(out))
    }

    public func rowSum(_ x: Matrix, into out: Matrix) throws {
        try Check.rowSum(x, out, owner: self)
        try launchFlat("rowsum", x.shape, x.rows, .int(x.rows), .int(x.cols), .matrix(x), .matrix(out))
    }

    public func rowSumBackward(_ dy: Matrix, into dx: Matrix) throws {
        try Check.rowSumBackward(dy, dx, owner: self)
        try launchFlat("rowsum_backward", dx.shape, dx.count, .int(dx.rows), .int(dx.cols), .matrix(dy), .matrix(dx))
    }

    public func sgdStep(weights w: Matrix, gradient g: Matrix, velocity v: Matrix?,
                        learningRate: Float, momentum: Float, weightDecay: Float) throws {
        try Check.sgd(w, g, v, owner: self)
        try launchEights("sgd", w.shape, w.count, .int(w.count), .matrix(w), .matrix(g), .optionalMatrix(v),
                       .float(learningRate), .float(momentum), .float(weightDecay), .int(v == nil ? 0 : 1))
    }

    public func adamStep(weights w: Matrix, gradient g: Matrix, firstMoment m: Matrix, secondMoment v: Matrix,
                         learningRate: Float, beta1: Double, beta2: Double, epsilon: Float, weightDecay: Float,
                         step: Int) throws {
        try Check.adam(w, g, m, v, step: step, owner: self)
        let f = AdamFactors(learningRate: learningRate, beta1: beta1, beta2: beta2, weightDecay: weightDecay, step: step)
        try launchEights("adamw", w.shape, w.count, .int(w.count), .matrix(w), .matrix(g), .matrix(m), .matrix(v),
                         .float(f.decay), .float(f.beta1), .float(f.oneMinusBeta1), .float(f.beta2), .float(f.oneMinusBeta2),
                         .float(f.stepSize), .float(f.bc2Sqrt), .float(epsilon))
    }

    public func loss(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
                     gradient: Matrix?, gradientScale: Float, stats: Matrix) throws {
        try Check.owned(by: self, "\(kind)", p, y, gradient, stats)
        try Check.loss(kind, p, y, gradient, stats)
        let tail: [KernelArg] = [.matrix(p), .matrix(y), .optionalMatrix(gradient), .float(gradientScale),
                                 .int(gradient == nil ? 0 : 1), .matrix(stats)]
        switch kind {
        case .binaryCrossEntropy: try launchEights("bce_logits", p.shape, p.rows, [.int(p.rows)] + tail)
        case .meanSquaredError: try launchEights("mse", p.shape, p.rows, [.int(p.rows), .int(0)] + tail)
        case .regression: try launchEights("mse", p.shape, p.rows, [.int(p.rows), .int(1)] + tail)
        case .softmaxCrossEntropy: try launchFlat("softmax_xent", p.shape, p.rows, [.int(p.rows), .int(p.cols)] + tail)
        }
    }

    /// One work-group (of colsum's size) over all the rows, summing them in a fixed order (`Kernels/loss.cl`).
    public func lossTotals(_ kind: LossKind, predictions p: Matrix, targets y: Matrix,
                           gradient: Matrix?, gradientScale: Float, totals: Matrix, accumulate: Bool) throws {
        try Check.owned(by: self, "\(kind)", p, y, gradient, totals)
        try Check.lossTotals(kind, p, y, gradient, totals)
        let code = switch kind {
            case .binaryCrossEntropy: 0; case .meanSquaredError: 1; case .softmaxCrossEntropy: 2; case .regression: 3
        }
        let group = config.colsumGroupSize
        try launch("loss_totals", shape: p.shape, global: [group], local: [group],
                   .int(code), .int(p.rows), .int(p.cols), .matrix(p), .matrix(y), .optionalMatrix(gradient),
                   .float(gradientScale), .int(gradient == nil ? 0 : 1), .matrix(totals), .int(accumulate ? 1 : 0))
    }

    public func gatherRows(_ src: Matrix, indices: IndexBuffer, into dst: Matrix) throws {
        try Check.gather(src, indices, dst, owner: self)
        try launchRows("gather_rows", dst.shape, rows: dst.rows, cols: dst.cols, .int(dst.rows), .int(dst.cols), .matrix(src),
                       .buffer((indices.storage as! CLBuffer).mem), .matrix(dst))
    }

    // MARK: Launching

    enum KernelArg {
        case int(Int)
        case float(Float)
        case buffer(cl_mem)
        /// A buffer and its element offset: two kernel arguments.
        case matrix(Matrix)
        /// A null buffer (when nil) and offset 0: for outputs a kernel skips.
        case optionalMatrix(Matrix?)
    }

    private func launchFlat(_ name: String, _ shape: @autoclosure () -> String, _ n: Int, _ args: KernelArg...) throws {
        try launchFlat(name, shape(), n, args)
    }

    private func launchFlat(_ name: String, _ shape: @autoclosure () -> String, _ n: Int, _ args: [KernelArg]) throws {
        try launch(name, shape: shape(), global: [roundUp(n, flatGroup)], local: [flatGroup], args)
    }

    /// A launch of a kernel that takes 8 consecutive values of `n` per work-item (see `Kernels/common.cl`).
    private func launchEights(_ name: String, _ shape: @autoclosure () -> String, _ n: Int, _ args: KernelArg...) throws {
        try launchEights(name, shape(), n, args)
    }

    private func launchEights(_ name: String, _ shape: @autoclosure () -> String, _ n: Int, _ args: [KernelArg]) throws {
        try launchFlat(name, shape(), (n + 7) / 8, args)
    }

    /// A two-dimensional launch over a `rows × cols` matrix, dimension 0 along a row (contiguous), in groups
    /// of `flatGroup` work-items: as wide as the row allows (up to 64), the rest of the group down the rows.
    private func launchRows(_ name: String, _ shape: @autoclosure () -> String, rows: Int, cols: Int,
                            _ args: KernelArg...) throws {
        var gx = 1
        while gx < min(cols, 64, flatGroup) { gx *= 2 }
        gx = min(gx, flatGroup)
        let gy = max(1, flatGroup / gx)
        try launch(name, shape: shape(), global: [roundUp(cols, gx), roundUp(rows, gy)], local: [gx, gy], args)
    }

    func launch(_ name: String, shape: @autoclosure () -> String, flops: Double = 0, global: [Int], local: [Int],
                _ args: KernelArg...) throws {
        try launch(name, shape: shape(), flops: flops, global: global, local: local, args)
    }

    /// Every kernel launch goes through here: the arguments are set, the kernel queued and, with a
    /// ``launchRecorder``, the launch recorded (`shape` and `flops` describe it for the recorder).
    func launch(_ name: String, shape: @autoclosure () -> String, flops: Double = 0, global: [Int], local: [Int],
                _ args: [KernelArg]) throws {
        let kernel = kernels[name]!
        var index: cl_uint = 0
        func set<T: BitwiseCopyable>(_ value: T) throws {
            try withUnsafeBytes(of: value) { bytes in
                try OpenCLError.check(clSetKernelArg(kernel, index, bytes.count, bytes.baseAddress),
                                      "clSetKernelArg(\(name), \(index))")
            }
            index += 1
        }
        func setNull() throws {
            try OpenCLError.check(clSetKernelArg(kernel, index, MemoryLayout<cl_mem?>.size, nil),
                                  "clSetKernelArg(\(name), \(index))")
            index += 1
        }
        for arg in args {
            switch arg {
            case .int(let v): try set(cl_int(v))
            case .float(let v): try set(cl_float(v))
            case .buffer(let m): try set(Optional(m))
            case .matrix(let m): try set(Optional(mem(m))); try set(cl_int(m.offset))
            case .optionalMatrix(let m?): try set(Optional(mem(m))); try set(cl_int(m.offset))
            case .optionalMatrix(nil): try setNull(); try set(cl_int(0))
            }
        }
        guard let recorder = launchRecorder else {
            return try OpenCLError.check(clEnqueueNDRangeKernel(queue, kernel, cl_uint(global.count), nil, global, local, 0, nil, nil),
                                         "clEnqueueNDRangeKernel(\(name))")
        }
        let record = KernelLaunch(kernel: name, shape: recorder.keepsLaunches ? shape() : "", flops: flops, tag: recorder.tag)
        guard recorder.timesLaunches && queueProfiles else {
            try OpenCLError.check(clEnqueueNDRangeKernel(queue, kernel, cl_uint(global.count), nil, global, local, 0, nil, nil),
                                  "clEnqueueNDRangeKernel(\(name))")
            return recorder.record(record)
        }
        var event: cl_event?
        let hostQueued = LaunchRecorder.now()
        try OpenCLError.check(clEnqueueNDRangeKernel(queue, kernel, cl_uint(global.count), nil, global, local, 0, nil, &event),
                              "clEnqueueNDRangeKernel(\(name))")
        guard let event else { return recorder.record(record) }
        pendingLaunches.append((event, record, hostQueued))
        // A long stretch without a read-back: read the launches the queue has already run, without waiting.
        if pendingLaunches.count >= Self.pendingLaunchLimit { readPendingLaunches(onlyFinished: true) }
    }

    // MARK: Recording launches

    /// Timed launches held before their events are read even without a synchronisation.
    static let pendingLaunchLimit = 4096

    /// Records launches while set. A timing recorder (``LaunchRecorder/timesLaunches``) switches the backend to a
    /// command queue created with `CL_QUEUE_PROFILING_ENABLE` (after waiting for the current one); setting nil
    /// switches back. Launches queued for an earlier recorder are read and recorded first.
    public var launchRecorder: LaunchRecorder? {
        willSet {
            guard newValue !== launchRecorder else { return }
            try? finish()  // the old recorder gets the launches queued while it was set
        }
        didSet {
            guard oldValue !== launchRecorder else { return }
            clockOffset = nil
            let profiling = launchRecorder?.timesLaunches == true
            if profiling != queueProfiles && (profiling || launchRecorder == nil) {
                // The queue is idle (willSet finished it). Should a new queue fail, the old one stays and
                // launches are recorded untimed.
                if let replacement = try? Self.makeQueue(context, device, profiling: profiling) {
                    clReleaseCommandQueue(queue)
                    (queue, queueProfiles) = (replacement, profiling)
                }
            }
        }
    }

    /// Reads the device times of the pending launches and records them, oldest first, releasing their events;
    /// with `onlyFinished`, stops at the first launch the queue has not finished.
    private func readPendingLaunches(onlyFinished: Bool = false) {
        guard !pendingLaunches.isEmpty else { return }
        var done = 0
        defer { pendingLaunches.removeFirst(done) }
        for (event, launch, hostQueued) in pendingLaunches {
            func time(_ param: Int32) -> UInt64? {
                var value: cl_ulong = 0
                let status = clGetEventProfilingInfo(event, cl_profiling_info(param), MemoryLayout<cl_ulong>.size, &value, nil)
                return status == CL_SUCCESS ? UInt64(value) : nil
            }
            if onlyFinished {
                var status = cl_int(CL_QUEUED)
                clGetEventInfo(event, cl_event_info(CL_EVENT_COMMAND_EXECUTION_STATUS), MemoryLayout<cl_int>.size, &status, nil)
                if status > CL_COMPLETE { break }
            }
            var timed = launch
            if let start = time(CL_PROFILING_COMMAND_START), let end = time(CL_PROFILING_COMMAND_END) {
                // One offset per recorder, taken where the host queued the first launch and the device says it
                // was queued: the device track then keeps the device's own spacing.
                let offset = clockOffset ?? (Int64(bitPattern: hostQueued) - Int64(bitPattern: time(CL_PROFILING_COMMAND_QUEUED) ?? start))
                clockOffset = offset
                timed.start = UInt64(max(0, Int64(bitPattern: start) + offset))
                timed.duration = end > start ? end - start : 0
            }
            clReleaseEvent(event)
            done += 1
            launchRecorder?.record(timed)
        }
    }

    // MARK: Helpers

    func mem(_ m: Matrix) -> cl_mem { (m.storage as! CLBuffer).mem }

    /// A command queue on `device`, with `CL_QUEUE_PROFILING_ENABLE` when `profiling`.
    private static func makeQueue(_ context: cl_context, _ device: OpenCLDeviceInfo, profiling: Bool) throws -> cl_command_queue {
        var status: cl_int = CL_SUCCESS
        let properties = profiling ? cl_command_queue_properties(CL_QUEUE_PROFILING_ENABLE) : 0
        guard let queue = clCreateCommandQueue(context, device.deviceID, properties, &status), status == CL_SUCCESS else {
            throw OpenCLError(call: "clCreateCommandQueue(\(device.name))", code: status)
        }
        return queue
    }

    func allocate(bytes: Int) throws -> CLBuffer {
        var status: cl_int = CL_SUCCESS
        guard let mem = clCreateBuffer(context, cl_mem_flags(CL_MEM_READ_WRITE), bytes, nil, &status),
              status == CL_SUCCESS else {
            throw OpenCLError(call: "clCreateBuffer(\(bytes) bytes)", code: status)
        }
        return CLBuffer(mem: mem, bytes: bytes)
    }

    func roundUp(_ n: Int, _ multiple: Int) -> Int { (n + multiple - 1) / multiple * multiple }

    private static func build(_ sources: [String], options: String, context: cl_context,
                              device: OpenCLDeviceInfo) throws -> cl_program {
        var status: cl_int = CL_SUCCESS
        let cStrings = sources.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer<CChar>($0) }
        guard let program = clCreateProgramWithSource(context, cl_uint(sources.count), &pointers, nil, &status),
              status == CL_SUCCESS else {
            throw OpenCLError(call: "clCreateProgramWithSource", code: status)
        }
        var deviceID: cl_device_id? = device.deviceID
        let built = clBuildProgram(program, 1, &deviceID, options, nil, nil)
        if built != CL_SUCCESS {
            let log = buildLog(program, device.deviceID)
            clReleaseProgram(program)
            throw OpenCLError(call: "clBuildProgram(\(device.name))", code: built, buildLog: log)
        }
        return program
    }

    private static func buildLog(_ program: cl_program, _ device: cl_device_id) -> String {
        var size = 0
        let param = cl_program_build_info(CL_PROGRAM_BUILD_LOG)
        guard clGetProgramBuildInfo(program, device, param, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        guard clGetProgramBuildInfo(program, device, param, size, &bytes, nil) == CL_SUCCESS else { return "" }
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func makeKernels(_ program: cl_program, _ names: [String]) throws -> [String: cl_kernel] {
        var kernels: [String: cl_kernel] = [:]
        do {
            for name in names {
                var status: cl_int = CL_SUCCESS
                guard let kernel = clCreateKernel(program, name, &status), status == CL_SUCCESS else {
                    throw OpenCLError(call: "clCreateKernel(\(name))", code: status)
                }
                kernels[name] = kernel
            }
        } catch {
            kernels.values.forEach { clReleaseKernel($0) }
            throw error
        }
        return kernels
    }

    private static func workGroupLimit(_ kernel: cl_kernel, _ device: cl_device_id) throws -> Int {
        var size = 0
        try OpenCLError.check(clGetKernelWorkGroupInfo(kernel, device, cl_kernel_work_group_info(CL_KERNEL_WORK_GROUP_SIZE),
                                                       MemoryLayout<Int>.size, &size, nil),
                              "clGetKernelWorkGroupInfo")
        return size
    }
}
