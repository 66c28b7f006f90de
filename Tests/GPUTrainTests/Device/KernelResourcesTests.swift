import Foundation
@testable import GPUTrain
import Testing

/// What a compiled kernel takes: ptxas's lines in an NVIDIA build log, and the driver's queries on this
/// machine's OpenCL device.
@Suite("Kernel resources: ptxas build-log lines and driver queries")
struct KernelResourcesTests {
    // As ptxas 12.9 printed it for this repository's program (sm_90), trimmed to three kernels, the one
    // wanted between two others whose names it starts or ends with.
    static let log = """
        ptxas info    : 0 bytes gmem
        ptxas info    : Compiling entry function 'matmul_small' for 'sm_90'
        ptxas info    : Function properties for matmul_small
            0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
        ptxas info    : Used 75 registers, used 1 barriers, 17408 bytes smem
        ptxas info    : Compiling entry function 'matmul' for 'sm_90'
        ptxas info    : Function properties for matmul
            24 bytes stack frame, 16 bytes spill stores, 12 bytes spill loads
        ptxas info    : Used 255 registers, used 1 barriers, 33792 bytes smem
        ptxas info    : Compiling entry function 'pre_matmul' for 'sm_90'
        ptxas info    : Used 12 registers, used 0 barriers
        """

    @Test("each kernel's registers and spill stores are read from its own lines of the log")
    func ptxasLines() {
        #expect(KernelResources.fromPtxasLog(Self.log, kernel: "matmul") == (255, 16))
        #expect(KernelResources.fromPtxasLog(Self.log, kernel: "matmul_small") == (75, 0))
        // No "Function properties" lines: registers, but no spill figure.
        #expect(KernelResources.fromPtxasLog(Self.log, kernel: "pre_matmul") == (12, nil))
        #expect(KernelResources.fromPtxasLog(Self.log, kernel: "sgd") == (nil, nil))
        #expect(KernelResources.fromPtxasLog("", kernel: "matmul") == (nil, nil))
    }

    @Test("a built backend reports its tile's local memory for matmul, and nothing for a kernel it lacks",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
    func driverQueries() throws {
        let device = try GemmTuningTests.device()
        for tile in ["128x128x16/8x8", "64x64x8/4x4"] {
            let t = try #require(GemmTile(tile))
            let backend = try OpenCLBackend(device: device, matmulKernel: .tiled, tile: t, useTuningCache: false,
                                            buildOptions: GemmTuning.verboseBuildOption(for: device))
            let r = try #require(backend.resources(ofKernel: "matmul"))
            // The kernel's two slices of each operand are all of its local memory.
            #expect(r.localBytes == t.localBytes, "\(tile): \(r)")
            #expect((r.privateBytes ?? 0) >= 0)
            if !device.hasExtension("cl_nv_compiler_options") { #expect(r.registers == nil && r.spillBytes == nil) }
            #expect(backend.resources(ofKernel: "no_such_kernel") == nil)
        }
    }
}
