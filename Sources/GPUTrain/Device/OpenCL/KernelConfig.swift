import Foundation

/// A tile of `matmul.cl`: TSM×TSN of C per work-group, WPTM×WPTN of it per work-item (multiples of 4), K in
/// TSK-deep slices staged twice over in local memory, split evenly over the work-items (``splitsSlicesEvenly``).
struct GemmTile: Equatable, CustomStringConvertible {
    var tsm: Int, tsn: Int, tsk: Int, wptm: Int, wptn: Int

    /// Work-items along N (dimension 0) and M.
    var group: (Int, Int) { (tsn / wptn, tsm / wptm) }
    var groupSize: Int { group.0 * group.1 }
    /// Two slices of op(A) and op(B), rows padded by 4 floats (`Kernels/matmul.cl`).
    var localBytes: Int { 2 * tsk * (tsm + 4 + tsn + 4) * MemoryLayout<Float>.size }
    /// Work-groups of an M×N product.
    func groups(m: Int, n: Int) -> Int { ((m + tsm - 1) / tsm) * ((n + tsn - 1) / tsn) }

    var defines: [(String, Int)] { [("TSM", tsm), ("TSN", tsn), ("TSK", tsk), ("WPTM", wptm), ("WPTN", wptn)] }
    var description: String { "\(tsm)x\(tsn)x\(tsk)/\(wptm)x\(wptn)" }

    /// `TSMxTSNxTSK/WPTMxWPTN`, e.g. `128x128x16/8x8`, the form `GPUTRAIN_GEMM_TILE` takes; nil for anything
    /// the kernel cannot be built with.
    init?(_ text: String) {
        let parts = text.split(separator: "/").map { $0.split(separator: "x").compactMap { Int($0) } }
        guard parts.count == 2, parts[0].count == 3, parts[1].count == 2 else { return nil }
        self.init(tsm: parts[0][0], tsn: parts[0][1], tsk: parts[0][2], wptm: parts[1][0], wptn: parts[1][1])
        guard [tsm, tsn, tsk, wptm, wptn].allSatisfy({ $0 > 0 && $0 <= 512 }), wptm % 4 == 0, wptn % 4 == 0,
              tsm % wptm == 0, tsn % wptn == 0, splitsSlicesEvenly else { return nil }
    }

    /// matmul.cl's slice loads walk one line of a slice per work-item at a fixed step, which needs a group
    /// size that is a multiple of TSM, TSN and TSK and divides both slices (so at least 16 work-items).
    var splitsSlicesEvenly: Bool {
        let n = groupSize
        return n % tsm == 0 && n % tsn == 0 && n % tsk == 0 && (tsm * tsk) % n == 0 && (tsn * tsk) % n == 0
    }

    init(tsm: Int, tsn: Int, tsk: Int, wptm: Int, wptn: Int) {
        (self.tsm, self.tsn, self.tsk, self.wptm, self.wptn) = (tsm, tsn, tsk, wptm, wptn)
    }

    /// Overrides the first choice's tile on every device, e.g. `GPUTRAIN_GEMM_TILE=128x64x16/8x4`: for
    /// tuning on a new GPU without rebuilding.
    static let environmentVariable = "GPUTRAIN_GEMM_TILE"

    /// How a tile is written, for the errors about one that is not.
    static let formatHint = "use TSMxTSNxTSK/WPTMxWPTN with WPTM and WPTN multiples of 4 that divide TSM and TSN, "
        + "and a work-group of (TSM/WPTM)·(TSN/WPTN) that is a multiple of TSM, TSN and TSK and divides TSM·TSK and "
        + "TSN·TSK, e.g. 128x128x16/8x8"

    static func override(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GemmTile? {
        guard let value = environment[environmentVariable], !value.isEmpty else { return nil }
        guard let tile = GemmTile(value) else {
            throw DeviceSelectionError("\(environmentVariable)=\(value) is not a tile: \(formatHint)")
        }
        return tile
    }
}

/// Work-group shapes of the kernels that need local memory, passed to the compiler as `-D` options.
///
/// Chosen per device from its queried limits (work-group size, local memory) rather than hard-coded, with
/// smaller fallbacks for devices, or compiled kernels, that cannot run the larger groups.
struct KernelConfig: Equatable, CustomStringConvertible {
    /// matmul.cl's tile, and a smaller one built beside it as `matmul_small` for products too small to
    /// give every compute unit a work-group of the first (nil: there is none smaller).
    var tile: GemmTile, smallTile: GemmTile?
    // colsum.cl: CS_X columns per work-group, each reduced by CS_Y work-items. loss.cl's loss_totals runs one
    // work-group of the same size (LOSS_WG).
    var csx: Int, csy: Int
    // matmul_blocked.cl: work-items per group of all three of its kernels. Its register block (MB_M rows ×
    // 16 columns) and pack chunks (MB_PK values of k, MB_PQ panels of A) are fixed: they are the host's
    // launch arithmetic too.
    var mbWG: Int

    static let mbM = 6, mbN = 16, mbPK = 8, mbPQ = 64

    var colsumGroupSize: Int { csx * csy }

    var buildOptions: String {
        tile.defines.map { "-D\($0.0)=\($0.1)" }.joined(separator: " ") + " -DCS_X=\(csx) -DCS_Y=\(csy) -DLOSS_WG=\(colsumGroupSize)"
            + " -DMB_WG=\(mbWG) -DMB_M=\(Self.mbM) -DMB_PK=\(Self.mbPK) -DMB_PQ=\(Self.mbPQ)"
    }

    /// What goes before the second copy of matmul.cl in the program: its tile and kernel name as macros
    /// (the file undefines its own at its end). Nil without a small tile.
    var smallTilePrefix: String? {
        guard let t = smallTile else { return nil }
        return t.defines.map { "#define \($0.0) \($0.1)\n" }.joined() + "#define MATMUL_NAME matmul_small\n"
    }

    var description: String {
        "matmul tile \(tile)\(smallTile.map { ", small \($0)" } ?? ""); blocked \(Self.mbM)×\(Self.mbN) per work-item, "
            + "\(mbWG) per group; colsum \(csx)×\(csy)"
    }

    /// Configurations to try on a device, largest first, keeping those its limits allow. `tile` (from
    /// `GPUTRAIN_GEMM_TILE`) replaces the first one's tile, and is then the only candidate. On a CPU device
    /// colsum takes one work-item per column (`csy` 1), which builds it without barriers.
    static func candidates(maxWorkGroupSize: Int, localMemory: Int, tile: GemmTile? = nil,
                           cpuDevice: Bool = false) -> [KernelConfig] {
        let small = GemmTile(tsm: 64, tsn: 64, tsk: 16, wptm: 4, wptn: 4)
        var all = [
            // 256 work-items of 8×8: on a GPU each slice value read from local memory feeds 8 multiply-adds.
            KernelConfig(tile: GemmTile(tsm: 128, tsn: 128, tsk: 16, wptm: 8, wptn: 8), smallTile: small,
                         csx: 16, csy: 16, mbWG: 8),
            KernelConfig(tile: small, smallTile: nil, csx: 16, csy: 16, mbWG: 8),                                   // 256
            KernelConfig(tile: GemmTile(tsm: 32, tsn: 32, tsk: 16, wptm: 4, wptn: 4), smallTile: nil, csx: 8, csy: 8, mbWG: 8),  // 64
            KernelConfig(tile: GemmTile(tsm: 16, tsn: 16, tsk: 8, wptm: 4, wptn: 4), smallTile: nil, csx: 4, csy: 4, mbWG: 8),   // 16
        ]
        if let tile {  // an explicit tile is tried alone: a silent fallback would mislead a tuning run
            all[0].tile = tile
            if let s = all[0].smallTile, s.tsm * s.tsn >= tile.tsm * tile.tsn { all[0].smallTile = nil }
            all = [all[0]]
        }
        if cpuDevice { all = all.map { var c = $0; c.csy = 1; return c } }
        return all.filter { c in
            let tiles = [c.tile] + (c.smallTile.map { [$0] } ?? [])
            return tiles.allSatisfy { $0.groupSize <= maxWorkGroupSize && $0.localBytes <= localMemory }
                && max(c.colsumGroupSize, c.mbWG) <= maxWorkGroupSize && c.colsumGroupSize * 8 <= localMemory
        }
    }
}

/// Which GEMM kernel an ``OpenCLBackend`` launches for `matmul` (and `dense`). All are built on every device,
/// so the choice can change at any time (``OpenCLBackend/matmulKernel``, ``OpenCLBackend/directProductLimit``);
/// results agree to rounding.
public enum OpenCLMatmulKernel: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `matmul.cl`: local-memory tiles shared by a work-group through barriers — the GPU kernel. By default
    /// products too small to fill the device with its tiles take ``tiledSmall`` (``OpenCLBackend/smallTileGroupLimit``).
    case tiled
    /// `matmul.cl` built with 64×64 tiles as `matmul_small`: four times the work-groups of ``tiled``'s
    /// 128×128, for products that would leave compute units idle (the same kernel where the device's first
    /// tile is already that small).
    case tiledSmall = "tiled-small"
    /// `matmul_blocked.cl`: packed panels and 6×16 register blocks, no barriers — for CPU devices such as
    /// PoCL, which run barrier kernels as slow work-item loops (about 10× faster there than `tiled` at 1024³).
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

    /// The default ``OpenCLBackend/smallTileGroupLimit``: the device's compute units on GPUs and other
    /// non-CPU devices (a product with fewer of ``tiled``'s work-groups than that leaves units idle); 0
    /// (never) on CPU devices, which run ``blocked``, and whenever `GPUTRAIN_MATMUL` names a kernel.
    public static func smallTileGroupLimit(deviceType: String, computeUnits: Int,
                                           environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let value = environment[environmentVariable], !value.isEmpty { return 0 }
        return deviceType == "CPU" ? 0 : computeUnits
    }
}
