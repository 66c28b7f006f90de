import Foundation

/// Work-group shapes of the kernels that need local memory, passed to the compiler as `-D` options.
///
/// Chosen per device from its queried limits (work-group size, local memory) rather than hard-coded, with
/// smaller fallbacks for devices, or compiled kernels, that cannot run the larger groups.
struct KernelConfig: Equatable, CustomStringConvertible {
    // matmul.cl: a TSM×TSN tile of C per work-group, WPTM×WPTN outputs per work-item, K in TSK slices.
    var tsm: Int, tsn: Int, tsk: Int, wptm: Int, wptn: Int
    // colsum.cl: CS_X columns per work-group, each reduced by CS_Y work-items.
    var csx: Int, csy: Int
    // matmul_blocked.cl: work-items per group of all three of its kernels. Its register block (MB_M rows ×
    // 16 columns) and pack chunks (MB_PK values of k, MB_PQ panels of A) are fixed: they are the host's
    // launch arithmetic too.
    var mbWG: Int

    static let mbM = 6, mbN = 16, mbPK = 8, mbPQ = 64

    var matmulGroup: (Int, Int) { (tsn / wptn, tsm / wptm) }
    var matmulGroupSize: Int { matmulGroup.0 * matmulGroup.1 }
    var matmulLocalBytes: Int { tsk * (tsm + tsn) * MemoryLayout<Float>.size }
    var colsumGroupSize: Int { csx * csy }

    var buildOptions: String {
        "-DTSM=\(tsm) -DTSN=\(tsn) -DTSK=\(tsk) -DWPTM=\(wptm) -DWPTN=\(wptn) -DCS_X=\(csx) -DCS_Y=\(csy)"
            + " -DMB_WG=\(mbWG) -DMB_M=\(Self.mbM) -DMB_PK=\(Self.mbPK) -DMB_PQ=\(Self.mbPQ)"
    }

    var description: String {
        "matmul tile \(tsm)×\(tsn)×\(tsk), \(wptm)×\(wptn) per work-item; blocked \(Self.mbM)×\(Self.mbN) per work-item, "
            + "\(mbWG) per group; colsum \(csx)×\(csy)"
    }

    /// Configurations to try on a device, largest first, keeping those its limits allow.
    static func candidates(maxWorkGroupSize: Int, localMemory: Int) -> [KernelConfig] {
        [
            KernelConfig(tsm: 64, tsn: 64, tsk: 16, wptm: 4, wptn: 4, csx: 16, csy: 16, mbWG: 8),  // 256 work-items
            KernelConfig(tsm: 32, tsn: 32, tsk: 16, wptm: 4, wptn: 4, csx: 8, csy: 8, mbWG: 8),    // 64
            KernelConfig(tsm: 16, tsn: 16, tsk: 8, wptm: 4, wptn: 4, csx: 4, csy: 4, mbWG: 8),     // 16
            KernelConfig(tsm: 4, tsn: 4, tsk: 4, wptm: 4, wptn: 4, csx: 1, csy: 1, mbWG: 1),       // 1
        ].filter {
            max($0.matmulGroupSize, $0.colsumGroupSize, $0.mbWG) <= maxWorkGroupSize
                && $0.matmulLocalBytes + $0.colsumGroupSize * 4 <= localMemory
        }
    }
}

/// Which GEMM kernel an ``OpenCLBackend`` launches for `matmul` (and `dense`). All are built on every device,
/// so the choice can change at any time (``OpenCLBackend/matmulKernel``, ``OpenCLBackend/directProductLimit``);
/// results agree to rounding.
public enum OpenCLMatmulKernel: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `matmul.cl`: local-memory tiles shared by a work-group through barriers — the GPU kernel.
    case tiled
    /// `matmul_blocked.cl`: packed panels and 6×16 register blocks, no barriers — for CPU devices such as
    /// PoCL, which run barrier kernels as slow work-item loops (about 10–30× faster there than `tiled`).
    case blocked
    /// `matmul_blocked.cl`'s `matmul_direct`: the same register blocks with both operands read in place, in
    /// one launch instead of two or three. For small products on CPU devices (``OpenCLBackend/directProductLimit``).
    case direct

    /// Overrides the choice for every backend, e.g. `GPUTRAIN_MATMUL=tiled`.
    public static let environmentVariable = "GPUTRAIN_MATMUL"

    public var description: String { rawValue }

    /// `GPUTRAIN_MATMUL` when set, else `blocked` on CPU devices and `tiled` on the rest.
    /// Throws for a value that names no kernel, rather than quietly ignoring a typo.
    public static func choice(deviceType: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        if let value = environment[environmentVariable], !value.isEmpty {
            guard let kernel = Self(rawValue: value.lowercased()) else {
                throw DeviceSelectionError("\(environmentVariable)=\(value) names no matmul kernel; use "
                                           + allCases.map(\.rawValue).joined(separator: " or "))
            }
            return kernel
        }
        return deviceType == "CPU" ? .blocked : .tiled
    }

    /// The default ``OpenCLBackend/directProductLimit``: 2²⁰ multiply-adds on CPU devices, where a launch
    /// costs microseconds and packing is one or two more; 0 (never) on the rest, which this was not measured
    /// on, and whenever `GPUTRAIN_MATMUL` names a kernel, which then runs at every size.
    public static func directProductLimit(deviceType: String,
                                          environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let value = environment[environmentVariable], !value.isEmpty { return 0 }
        return deviceType == "CPU" ? 1 << 20 : 0
    }
}
