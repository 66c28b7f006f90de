import Foundation
import GPUTrain
import Testing

@Suite("Choosing the OpenCL GEMM kernel")
struct MatmulKernelChoiceTests {
    @Test("blocked on CPU devices, tiled on GPUs and the rest, unless GPUTRAIN_MATMUL says otherwise")
    func choice() throws {
        try #expect(OpenCLMatmulKernel.choice(deviceType: "CPU", environment: [:]) == .blocked)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "GPU", environment: [:]) == .tiled)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "accelerator", environment: [:]) == .tiled)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "CPU", environment: ["GPUTRAIN_MATMUL": "tiled"]) == .tiled)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "GPU", environment: ["GPUTRAIN_MATMUL": "Blocked"]) == .blocked)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "GPU", environment: ["GPUTRAIN_MATMUL": ""]) == .tiled)
        try #expect(OpenCLMatmulKernel.choice(deviceType: "GPU", environment: ["GPUTRAIN_MATMUL": "direct"]) == .direct)
        #expect(throws: DeviceSelectionError.self) {
            try OpenCLMatmulKernel.choice(deviceType: "CPU", environment: ["GPUTRAIN_MATMUL": "fast"])
        }
    }

    @Test("small products take the direct kernel on CPU devices only, and never when GPUTRAIN_MATMUL names a kernel")
    func directLimit() {
        #expect(OpenCLMatmulKernel.directProductLimit(deviceType: "CPU", environment: [:]) == 1 << 20)
        #expect(OpenCLMatmulKernel.directProductLimit(deviceType: "GPU", environment: [:]) == 0)
        #expect(OpenCLMatmulKernel.directProductLimit(deviceType: "CPU", environment: ["GPUTRAIN_MATMUL": "blocked"]) == 0)
        #expect(OpenCLMatmulKernel.directProductLimit(deviceType: "CPU", environment: ["GPUTRAIN_MATMUL": ""]) == 1 << 20)
    }

    @Test("the shared test backend starts with the kernel its device type calls for",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
    func deviceDefault() throws {
        try OpenCLTests.withBackend { cl in
            let expected = try OpenCLMatmulKernel.choice(deviceType: cl.device.type)
            #expect(cl.matmulKernel == expected, "\(cl.device.type) device \(cl.device.name)")
            #expect(cl.directProductLimit == OpenCLMatmulKernel.directProductLimit(deviceType: cl.device.type))
        }
    }
}
