import ArgumentParser
import Foundation
import GPUTrain

/// `gputrain devices` (also `gputrain --list-devices`): what can compute here.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the OpenCL platforms and devices, and the CPU backend.",
        discussion: """
            Each OpenCL device is shown with the address --device takes (opencl:P:D), its type, compute \
            units, global memory and OpenCL version. With --device, also opens that device (building the \
            kernels) and says which backend it gives, including any fallback to the CPU.

            EXAMPLES
              gputrain devices
              gputrain devices --device gpu
              OCL_ICD_VENDORS=/nonexistent gputrain devices --device gpu    # see the CPU fallback
            """)

    @Option(name: .long, help: "Also open this device (gpu, cpu or opencl:P:D) and report which backend runs.")
    var device: DeviceChoice?

    @Flag(name: .long, help: "With --device gpu: fail instead of falling back to the CPU.")
    var noFallback = false

    func run() throws {
        Console.out(try Self.listing())
        if let device {
            var options = DeviceOptions()
            options.device = device
            options.noFallback = noFallback
            let backend = try options.open()
            Console.out("--device \(device) runs on: \(backend.name)")
            if let cl = backend as? OpenCLBackend { Console.out("kernels: \(cl.kernelSummary)") }
        }
    }

    /// The device table, one row per OpenCL device plus the CPU backend.
    static func listing() throws -> String {
        var rows = [["DEVICE", "TYPE", "UNITS", "MEMORY", "OPENCL", "NAME"]]
        var problems: [String] = []
        let platforms = try OpenCLPlatforms.list()
        if platforms.isEmpty { problems.append("no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)") }
        for platform in platforms {
            if let error = platform.deviceError {
                problems.append("platform \(platform.index) '\(platform.name)' has no devices (\(error))")
            }
            for d in platform.devices {
                rows.append([d.address, d.type, "\(d.computeUnits)", gib(d.globalMemory),
                             d.openCLVersion.split(separator: " ").prefix(2).joined(separator: " "),
                             "\(d.name) (\(platform.name))"])
            }
        }
        let cpu = CPUBackend()
        rows.append(["cpu", "CPU", "\(cpu.threads)", gib(ProcessInfo.processInfo.physicalMemory), "-", cpu.name])
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        var text = rows.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
        for problem in problems { text += "\nnote: \(problem)" }
        return text
    }

    private static func gib(_ bytes: UInt64) -> String { String(format: "%.1f GiB", Double(bytes) / 1_073_741_824) }
}
