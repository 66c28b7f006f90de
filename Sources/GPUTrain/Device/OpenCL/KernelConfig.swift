/// Work-group shapes of the kernels that need local memory, passed to the compiler as `-D` options.
///
/// Chosen per device from its queried limits (work-group size, local memory) rather than hard-coded, with
/// smaller fallbacks for devices, or compiled kernels, that cannot run the larger groups.
struct KernelConfig: Equatable, CustomStringConvertible {
    // matmul.cl: a TSM×TSN tile of C per work-group, WPTM×WPTN outputs per work-item, K in TSK slices.
    var tsm: Int, tsn: Int, tsk: Int, wptm: Int, wptn: Int
    // colsum.cl: CS_X columns per work-group, each reduced by CS_Y work-items.
    var csx: Int, csy: Int

    var matmulGroup: (Int, Int) { (tsn / wptn, tsm / wptm) }
    var matmulGroupSize: Int { matmulGroup.0 * matmulGroup.1 }
    var matmulLocalBytes: Int { tsk * (tsm + tsn) * MemoryLayout<Float>.size }
    var colsumGroupSize: Int { csx * csy }

    var buildOptions: String {
        "-DTSM=\(tsm) -DTSN=\(tsn) -DTSK=\(tsk) -DWPTM=\(wptm) -DWPTN=\(wptn) -DCS_X=\(csx) -DCS_Y=\(csy)"
    }

    var description: String { "matmul tile \(tsm)×\(tsn)×\(tsk), \(wptm)×\(wptn) per work-item; colsum \(csx)×\(csy)" }

    /// Configurations to try on a device, largest first, keeping those its limits allow.
    static func candidates(maxWorkGroupSize: Int, localMemory: Int) -> [KernelConfig] {
        [
            KernelConfig(tsm: 64, tsn: 64, tsk: 16, wptm: 4, wptn: 4, csx: 16, csy: 16),  // 256 work-items
            KernelConfig(tsm: 32, tsn: 32, tsk: 16, wptm: 4, wptn: 4, csx: 8, csy: 8),    // 64
            KernelConfig(tsm: 16, tsn: 16, tsk: 8, wptm: 4, wptn: 4, csx: 4, csy: 4),     // 16
            KernelConfig(tsm: 4, tsn: 4, tsk: 4, wptm: 4, wptn: 4, csx: 1, csy: 1),       // 1
        ].filter {
            max($0.matmulGroupSize, $0.colsumGroupSize) <= maxWorkGroupSize
                && $0.matmulLocalBytes + $0.colsumGroupSize * 4 <= localMemory
        }
    }
}
