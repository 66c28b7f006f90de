import Foundation

/// Which device to run on, as `--device` takes it.
///
/// - `gpu`: the best OpenCL device — a GPU first, then an accelerator, then any other (PoCL's CPU device);
///   with no OpenCL at all, the CPU backend (unless fallback is off).
/// - `cpu`: the Swift ``CPUBackend``.
/// - `opencl:P:D` (or `opencl:P`, device 0): platform P, device D, each an index or a case-insensitive part
///   of the name, as PyOpenCL's `PYOPENCL_CTX` takes them (`opencl:nvidia:h100`, `opencl:portable:0`).
///   An explicit device that does not exist is an error, never a fallback.
public enum DeviceChoice: Equatable, Sendable, CustomStringConvertible {
    /// The best OpenCL device, or the CPU backend when there is none and fallback is allowed.
    case gpu
    /// The Swift ``CPUBackend``.
    case cpu
    /// One OpenCL device: each of `platform` and `device` an index or a case-insensitive part of its name.
    case opencl(platform: String, device: String)

    /// Parses `gpu`, `cpu`, `opencl:P` or `opencl:P:D`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first?.lowercased() {
        case "gpu" where parts.count == 1: self = .gpu
        case "cpu" where parts.count == 1: self = .cpu
        case "opencl" where parts.count == 2 && !parts[1].isEmpty: self = .opencl(platform: parts[1], device: "0")
        case "opencl" where parts.count == 3 && !parts[1].isEmpty && !parts[2].isEmpty:
            self = .opencl(platform: parts[1], device: parts[2])
        default:
            throw DeviceSelectionError("unknown device '\(text)': use gpu, cpu or opencl:PLATFORM:DEVICE (see --list-devices)")
        }
    }

    public var description: String {
        switch self {
        case .gpu: return "gpu"
        case .cpu: return "cpu"
        case .opencl(let p, let d): return "opencl:\(p):\(d)"
        }
    }
}

/// A device that cannot be used as asked, in one line for a person.
public struct DeviceSelectionError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// An error whose message, one line, is `description`.
    public init(_ description: String) { self.description = description }
}

/// A backend ready to run, and what a person should be told about how it was chosen.
public struct OpenedDevice {
    /// The backend to run the ops on.
    public let backend: any Backend
    /// Set when ``DeviceChoice/gpu`` ran on the CPU backend instead: why, in one line.
    public let fallbackReason: String?
    /// Other things worth a line on stderr, e.g. a better device that failed to build the kernels.
    public let notices: [String]
}

/// Opening a device by ``DeviceChoice``.
public enum Devices {
    /// `GPUTRAIN_NO_FALLBACK=1` makes `gpu` fail rather than fall back to the CPU (CI sets it, so an
    /// OpenCL job can never quietly turn into a CPU run).
    public static let noFallbackVariable = "GPUTRAIN_NO_FALLBACK"

    /// Whether the environment allows `gpu` to fall back to the CPU backend: unset, empty, `0`, `false`
    /// or `no` allow it; any other value (`1`, `true`, `yes`…) forbids it.
    public static var fallbackAllowedByEnvironment: Bool {
        fallbackAllowed(noFallbackValue: ProcessInfo.processInfo.environment[noFallbackVariable])
    }

    static func fallbackAllowed(noFallbackValue value: String?) -> Bool {
        let v = (value ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return ["", "0", "false", "no", "off"].contains(v)
    }

    /// Opens `choice`. With `allowFallback`, `gpu` runs on the CPU backend when no OpenCL device works, and
    /// says why in ``OpenedDevice/fallbackReason``; without, that is a ``DeviceSelectionError``.
    ///
    /// ```swift
    /// let opened = try Devices.open(.gpu)
    /// if let why = opened.fallbackReason { print(why) }
    /// print(opened.backend.name)
    /// ```
    ///
    /// - Parameters:
    ///   - choice: the device asked for.
    ///   - allowFallback: whether `gpu` may run on the CPU backend when no OpenCL device works.
    ///   - localRank: this process's index among the processes sharing the machine in a data-parallel run
    ///     (``Communicator/localRank``): `gpu` takes the GPUs in turn (`localRank % count`; every OpenCL device in
    ///     turn when there is no GPU), so each process gets its own.
    ///   - localSize: how many such processes share the machine: the CPU backend takes its share of the cores.
    public static func open(_ choice: DeviceChoice,
                            allowFallback: Bool = fallbackAllowedByEnvironment,
                            localRank: Int = 0, localSize: Int = 1) throws -> OpenedDevice {
        let cpuThreads = max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, localSize))
        switch choice {
        case .cpu:
            return OpenedDevice(backend: CPUBackend(threads: cpuThreads), fallbackReason: nil, notices: [])
        case .opencl(let p, let d):
            let device = try find(platform: p, device: d, in: try OpenCLPlatforms.list())
            return OpenedDevice(backend: try OpenCLBackend(device: device), fallbackReason: nil, notices: [])
        case .gpu:
            var notices: [String] = []
            let reason: String
            do {
                let platforms = try OpenCLPlatforms.list()
                let devices = ranked(platforms.flatMap(\.devices), localRank: localRank)
                if platforms.isEmpty {
                    reason = "no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR): install an OpenCL driver, "
                        + "e.g. `apt-get install ocl-icd-libopencl1 pocl-opencl-icd` for the CPU, or your GPU vendor's"
                } else if devices.isEmpty {
                    let why = platforms.map { "'\($0.name)': \($0.deviceError.map { $0.name } ?? "no devices")" }
                    reason = "OpenCL platform(s) found but none has a device (\(why.joined(separator: ", "))); "
                        + "is the driver installed completely? `clinfo` shows what the loader sees"
                } else {
                    for device in devices {
                        do {
                            let backend = try OpenCLBackend(device: device)
                            return OpenedDevice(backend: backend, fallbackReason: nil, notices: notices)
                        } catch let error as DeviceSelectionError {
                            throw error  // a bad setting (GPUTRAIN_MATMUL, _GEMM_TILE, _KERNELS), not the device's fault
                        } catch {
                            // The whole error, build log included: it is what a driver bug report needs.
                            notices.append("\(device.address) \(device) failed to build the kernels: \(error)")
                        }
                    }
                    reason = "no OpenCL device could build the kernels (\(devices.count) tried: "
                        + devices.map(\.address).joined(separator: ", ") + ")"
                }
            } catch let error as DeviceSelectionError {
                throw error  // a setting no device could fix: falling back would hide the typo
            } catch {
                reason = "OpenCL is unusable: \(error)"
            }
            guard allowFallback else {
                throw DeviceSelectionError(([ "--device gpu: \(reason); CPU fallback is off (--no-fallback or \(noFallbackVariable))"]
                    + notices).joined(separator: "\n"))
            }
            return OpenedDevice(backend: CPUBackend(threads: cpuThreads), fallbackReason: "\(reason); running on the CPU backend",
                                notices: notices)
        }
    }

    /// GPUs first, then accelerators, then the rest, keeping the loader's order within each type; with a
    /// `localRank`, the GPU it takes in turn (or the device, when there is no GPU) comes first.
    static func ranked(_ devices: [OpenCLDeviceInfo], localRank: Int = 0) -> [OpenCLDeviceInfo] {
        let order = ["GPU": 0, "accelerator": 1]
        var ranked = devices.enumerated()
            .sorted { (order[$0.element.type] ?? 2, $0.offset) < (order[$1.element.type] ?? 2, $1.offset) }
            .map(\.element)
        let turns = ranked.filter { $0.type == "GPU" }.count
        let pool = turns > 0 ? turns : ranked.count
        if pool > 1 { ranked.insert(ranked.remove(at: localRank % pool), at: 0) }
        return ranked
    }

    static func find(platform p: String, device d: String, in platforms: [OpenCLPlatformInfo]) throws -> OpenCLDeviceInfo {
        func matches(_ selector: String, index: Int, name: String) -> Bool {
            if let i = Int(selector) { return i == index }
            return name.lowercased().contains(selector.lowercased())
        }
        guard !platforms.isEmpty else {
            throw DeviceSelectionError("--device opencl:\(p):\(d): no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)")
        }
        guard let platform = platforms.first(where: { matches(p, index: $0.index, name: $0.name) }) else {
            let known = platforms.map { "\($0.index) '\($0.name)'" }.joined(separator: ", ")
            throw DeviceSelectionError("--device opencl:\(p):\(d): no OpenCL platform '\(p)'; there are: \(known)")
        }
        if let error = platform.deviceError {
            throw DeviceSelectionError("--device opencl:\(p):\(d): platform '\(platform.name)' has no devices (\(error))")
        }
        guard let device = platform.devices.first(where: { matches(d, index: $0.deviceIndex, name: $0.name) }) else {
            let known = platform.devices.map { "\($0.deviceIndex) '\($0.name)'" }.joined(separator: ", ")
            throw DeviceSelectionError("--device opencl:\(p):\(d): platform '\(platform.name)' has no device '\(d)'; "
                + "it has: \(known.isEmpty ? "none" : known)")
        }
        return device
    }
}
