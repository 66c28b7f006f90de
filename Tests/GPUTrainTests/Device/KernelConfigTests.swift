import Foundation
@testable import GPUTrain
import Testing

/// The GEMM tile choices made before any kernel is built: parsing `GPUTRAIN_GEMM_TILE`, which configurations a
/// device's limits allow, and when a product takes the small tile. (Each tile's results are checked on a
/// device by OpenCLKernelTests, with `tiled` and `tiled-small`.)
@Suite("GEMM tiles and kernel configurations")
struct KernelConfigTests {
    @Test("GPUTRAIN_GEMM_TILE takes TSMxTSNxTSK/WPTMxWPTN and refuses what matmul.cl cannot be built with")
    func parsing() throws {
        #expect(GemmTile("128x64x16/8x4") == GemmTile(tsm: 128, tsn: 64, tsk: 16, wptm: 8, wptn: 4))
        #expect(GemmTile("128x64x16/8x4")?.description == "128x64x16/8x4")
        for bad in ["", "128x128x16", "128x128/8x8", "128x128x16/8", "128x128x16/6x8", "100x128x16/8x8",
                    "128x128x0/8x8", "128x128x16/8x8/2", "axbxc/dxe", "1024x128x16/8x8", "-128x128x16/8x8",
                    // work-groups that cannot split a slice into one line per work-item: 1, 16 and 16 work-items
                    "4x4x4/4x4", "64x64x16/16x16", "16x16x32/4x4"] {
            #expect(GemmTile(bad) == nil, "\(bad)")
        }
        #expect(try GemmTile.override(environment: [:]) == nil)
        #expect(try GemmTile.override(environment: ["GPUTRAIN_GEMM_TILE": ""]) == nil)
        #expect(try GemmTile.override(environment: ["GPUTRAIN_GEMM_TILE": "64x64x8/4x4"])
                == GemmTile(tsm: 64, tsn: 64, tsk: 8, wptm: 4, wptn: 4))
        #expect(throws: DeviceSelectionError.self) {
            try GemmTile.override(environment: ["GPUTRAIN_GEMM_TILE": "64x64x8/3x3"])
        }
    }

    @Test("a tile's work-group, local memory and grid")
    func arithmetic() {
        let t = GemmTile(tsm: 128, tsn: 64, tsk: 16, wptm: 8, wptn: 4)
        #expect(t.group == (16, 16) as (Int, Int))
        #expect(t.groupSize == 256)
        // Two buffers of 16 rows of (128 + 4) and (64 + 4) floats.
        #expect(t.localBytes == 2 * 16 * (132 + 68) * 4)
        #expect(t.groups(m: 1, n: 1) == 1)
        #expect(t.groups(m: 128, n: 64) == 1)
        #expect(t.groups(m: 129, n: 65) == 4)
        #expect(t.groups(m: 4096, n: 256) == 32 * 4)
    }

    @Test("the largest configuration a device's limits allow comes first; the small tile only beside a larger one")
    func candidates() {
        // An H100 through NVIDIA's driver: 1024 work-items, 48 KiB of local memory.
        let gpu = KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10)
        #expect(gpu.first?.tile == GemmTile(tsm: 128, tsn: 128, tsk: 16, wptm: 8, wptn: 8))
        #expect(gpu.first?.smallTile == GemmTile(tsm: 64, tsn: 64, tsk: 16, wptm: 4, wptn: 4))
        #expect(gpu.dropFirst().allSatisfy { $0.smallTile == nil })
        // 32 KiB of local memory cannot hold the 128×128 tile's two slices (33 KiB): 64×64 first, alone.
        let small = KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 32 << 10)
        #expect(small.first?.tile == GemmTile(tsm: 64, tsn: 64, tsk: 16, wptm: 4, wptn: 4))
        #expect(small.first?.smallTile == nil)
        // 64 work-items at most: the 32×32 tile; 16: the 16×16 tile; fewer: none (matmul.cl needs 16).
        #expect(KernelConfig.candidates(maxWorkGroupSize: 64, localMemory: 48 << 10).first?.tile.tsm == 32)
        #expect(KernelConfig.candidates(maxWorkGroupSize: 16, localMemory: 48 << 10).map(\.tile.groupSize) == [16])
        #expect(KernelConfig.candidates(maxWorkGroupSize: 8, localMemory: 48 << 10).isEmpty)
        for config in KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 1 << 20) {
            #expect(config.tile.splitsSlicesEvenly && config.smallTile?.splitsSlicesEvenly != false, "\(config)")
        }
        for text in GemmTuning.defaultCandidates { #expect(GemmTile(text) != nil, "\(text)") }
        for config in gpu + small {
            #expect(config.tile.groupSize <= 1024 && config.tile.localBytes <= 48 << 10, "\(config)")
        }
    }

    @Test("on a CPU device colsum has one work-item per column (its barrier-free form); elsewhere CS_Y of them")
    func colsumShape() {
        let gpu = KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10)
        let cpu = KernelConfig.candidates(maxWorkGroupSize: 4096, localMemory: 256 << 10, cpuDevice: true)
        #expect(!cpu.isEmpty && cpu.allSatisfy { $0.csy == 1 && $0.buildOptions.contains("-DCS_Y=1 ") })
        #expect(gpu.allSatisfy { $0.csy > 1 })
        #expect(cpu.map(\.tile) == KernelConfig.candidates(maxWorkGroupSize: 4096, localMemory: 256 << 10).map(\.tile))
    }

    @Test("a tile from GPUTRAIN_GEMM_TILE is the only candidate, with the small tile only when it is larger")
    func overrideCandidates() {
        let big = GemmTile(tsm: 128, tsn: 64, tsk: 8, wptm: 8, wptn: 4)
        let withBig = KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10, tile: big)
        #expect(withBig.count == 1)
        #expect(withBig.first?.tile == big)
        #expect(withBig.first?.smallTile?.tsm == 64)
        let same = GemmTile(tsm: 64, tsn: 64, tsk: 8, wptm: 4, wptn: 4)
        #expect(KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10, tile: same).first?.smallTile == nil)
        // One that does not fit leaves nothing to build, rather than quietly measuring another tile.
        let huge = GemmTile(tsm: 256, tsn: 256, tsk: 32, wptm: 8, wptn: 8)
        #expect(KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10, tile: huge).isEmpty)
    }

    @Test("the small tile's copy of matmul.cl is named matmul_small and defines every tile size")
    func smallTilePrefix() throws {
        let config = try #require(KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 48 << 10).first)
        let prefix = try #require(config.smallTilePrefix)
        for define in ["#define TSM 64", "#define TSN 64", "#define TSK 16", "#define WPTM 4", "#define WPTN 4",
                       "#define MATMUL_NAME matmul_small"] {
            #expect(prefix.contains(define + "\n"), "\(define)")
        }
        #expect(config.buildOptions.hasPrefix("-DTSM=128 -DTSN=128 -DTSK=16 -DWPTM=8 -DWPTN=8 "))
        #expect(KernelConfig.candidates(maxWorkGroupSize: 1024, localMemory: 32 << 10).first?.smallTilePrefix == nil)
    }

    @Test("small products take the small tile on GPUs only, and never when GPUTRAIN_MATMUL names a kernel")
    func smallTileLimit() throws {
        #expect(OpenCLMatmulKernel.smallTileGroupLimit(deviceType: "GPU", computeUnits: 132, environment: [:]) == 132)
        #expect(OpenCLMatmulKernel.smallTileGroupLimit(deviceType: "accelerator", computeUnits: 8, environment: [:]) == 8)
        #expect(OpenCLMatmulKernel.smallTileGroupLimit(deviceType: "CPU", computeUnits: 2, environment: [:]) == 0)
        #expect(OpenCLMatmulKernel.smallTileGroupLimit(deviceType: "GPU", computeUnits: 132,
                                                       environment: ["GPUTRAIN_MATMUL": "tiled"]) == 0)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "GPU", environment: ["GPUTRAIN_MATMUL": "Tiled-Small"]) == .tiledSmall)
    }
}
