import ArgumentParser
import Foundation
import GPUTrain

extension DeviceChoice: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// `--device` and `--no-fallback`, shared by every subcommand that computes.
struct DeviceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Where to compute: gpu, cpu or opencl:PLATFORM:DEVICE.",
        discussion: """
            gpu picks the best OpenCL device (a GPU first, then any other such as PoCL's CPU device) and, \
            when there is no OpenCL platform, runs on the CPU backend and says so. cpu is the Swift CPU \
            backend. opencl:P:D names a platform and device by index or by part of the name \
            (opencl:0:1, opencl:nvidia:h100); one that does not exist is an error.
            """,
        valueName: "device"))
    var device: DeviceChoice = .gpu

    @Flag(name: .long, help: "Fail instead of falling back to the CPU when --device gpu finds no usable OpenCL device (also GPUTRAIN_NO_FALLBACK=1).")
    var noFallback = false

    /// Opens the device, telling stderr about any fallback, and stdout which device runs.
    func open() throws -> any Backend {
        let opened = try Devices.open(device, allowFallback: !noFallback && Devices.fallbackAllowedByEnvironment,
                                      localRank: Ranks.group.localRank, localSize: Ranks.group.localSize)
        for notice in opened.notices { Console.warn(notice) }
        if let reason = opened.fallbackReason { Console.warn(reason) }
        return opened.backend
    }
}

enum Console {
    /// A line on stdout, unbuffered, so each epoch's row shows as soon as it is known, in order with stderr.
    static func out(_ line: String) {
        guard Ranks.isRoot else { return }  // the other ranks of a data-parallel run say nothing
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// One line on stderr, prefixed like the tool's errors.
    static func warn(_ message: String) {
        guard Ranks.isRoot else { return }
        FileHandle.standardError.write(Data("gputrain: \(message)\n".utf8))
    }
}
