import Foundation
import Testing

/// The built `gputrain` binary, run as a subprocess with an environment set per test (the test process may
/// inherit `CI=1` and `GPUTRAIN_NO_FALLBACK=1` from CI; each child gets exactly what its test means).
enum CLI {
    /// `gputrain` next to the test bundle: `swift build --build-tests` puts both in the same folder (on macOS
    /// the bundle's executable is a few levels inside `gputrainPackageTests.xctest`, so parents are searched too).
    static let binary: URL? = {
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        if let url = Bundle.main.executableURL { starts.append(url.resolvingSymlinksInPath()) }
        for start in starts {
            var dir = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("gputrain")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }()

    static let notFound: Comment = "the gputrain binary is not next to the test bundle (\(CommandLine.arguments[0])): run `swift build --build-tests` before `swift test --skip-build`"

    struct Result: Sendable {
        let status: Int32
        /// False when the child died of a signal (a crash, or the timeout's kill).
        let exitedNormally: Bool
        let stdout: String
        let stderr: String
        /// stderr's non-empty lines.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
        var summary: String { "\(exitedNormally ? "exit status" : "killed by signal") \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    /// The environment for a child: ours, minus everything that changes device selection or the kernels built,
    /// plus `set`.
    static func environment(_ set: [String: String] = [:], keepOpenCL: Bool = true) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in ["GPUTRAIN_NO_FALLBACK", "GPUTRAIN_KERNELS", "GPUTRAIN_CL_OPTIONS", "GPUTRAIN_MATMUL", "GPUTRAIN_GEMM_TILE"] {
            env[name] = nil
        }
        if !keepOpenCL { for name in ["OCL_ICD_VENDORS", "OCL_ICD_FILENAMES", "OPENCL_VENDOR_PATH"] { env[name] = nil } }
        env["GPUTRAIN_TUNING_CACHE"] = "off"  // no tile tuned on this machine changes what a test builds
        env.merge(set) { $1 }
        return env
    }

    /// Runs `gputrain arguments` (or `executable arguments`) with `environment`; stdout and stderr go to temporary
    /// files (no pipe can fill up and block the child). Killed and recorded as a failure after `timeout` seconds.
    /// `started` gets the child's process (to signal it) once it runs.
    static func run(_ arguments: [String], environment: [String: String], timeout: TimeInterval = 60,
                    executable: URL? = nil, started: ((Process) -> Void)? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let binary = try executable ?? #require(binary, notFound, sourceLocation: sourceLocation)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        started?(process)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()   // this test's own child, by its handle
            process.waitUntilExit()
            Issue.record("gputrain \(arguments.joined(separator: " ")) ran past \(Int(timeout)) s and was killed",
                         sourceLocation: sourceLocation)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, exitedNormally: process.terminationReason == .exit,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// An empty folder for `OCL_ICD_VENDORS`: the ICD loader finds no driver there, so there is no platform.
    static func emptyVendorFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-no-icd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// As the library tests decide it: OpenCL must be there under CI (CI set, not 0/false) or when the
    /// binary's own listing shows an OpenCL device.
    static let inCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
    static let realListing: Result? = binary == nil ? nil : try? run(["--list-devices"], environment: environment())
    static let platformPresent = realListing.map { $0.status == 0 && $0.stdout.contains("\nopencl:") } ?? false
    static let openCLEnabled = inCI || platformPresent
}

@Suite("gputrain devices and --list-devices")
struct DevicesCLITests {
    @Test("the binary is found next to the tests")
    func binaryPresent() {
        #expect(CLI.binary != nil, CLI.notFound)
    }

    @Test("--device gpu with no OpenCL platform falls back to the CPU and says why on one stderr line")
    func fallback() throws {
        let vendors = try CLI.emptyVendorFolder()
        defer { try? FileManager.default.removeItem(at: vendors) }
        let r = try CLI.run(["devices", "--device", "gpu"], environment: CLI.environment(["OCL_ICD_VENDORS": vendors.path], keepOpenCL: false))
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        #expect(r.errorLines.count == 1, "exactly one line on stderr: \(r.summary)")
        let line = r.errorLines.first ?? ""
        for word in ["no OpenCL platform found", "CL_PLATFORM_NOT_FOUND_KHR", "install", "pocl-opencl-icd", "CPU backend"] {
            #expect(line.contains(word), "stderr does not mention \(word): \(line)")
        }
        #expect(r.stdout.contains("--device gpu runs on: CPU (Swift"), "\(r.summary)")
        #expect(!r.stdout.contains("opencl:"), "no OpenCL device can be listed without a platform: \(r.summary)")
        #expect(r.stdout.contains("note: no OpenCL platform found"), "\(r.summary)")
    }

    @Test("--no-fallback, or GPUTRAIN_NO_FALLBACK=1, makes the missing platform an error",
          arguments: [(["--no-fallback"], [String: String]()), ([], ["GPUTRAIN_NO_FALLBACK": "1"]),
                      (["--no-fallback"], ["GPUTRAIN_NO_FALLBACK": "0"])])
    func noFallback(flags: [String], variables: [String: String]) throws {
        let vendors = try CLI.emptyVendorFolder()
        defer { try? FileManager.default.removeItem(at: vendors) }
        var env = CLI.environment(["OCL_ICD_VENDORS": vendors.path], keepOpenCL: false)
        env.merge(variables) { $1 }
        let r = try CLI.run(["devices", "--device", "gpu"] + flags, environment: env)
        #expect(r.exitedNormally, "not a crash: \(r.summary)")
        #expect(r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1, "exactly one line on stderr: \(r.summary)")
        let line = r.errorLines.first ?? ""
        #expect(line.hasPrefix("Error: "), "\(line)")
        #expect(line.contains("CL_PLATFORM_NOT_FOUND_KHR") && line.contains("fallback is off"), "\(line)")
        #expect(!r.stdout.contains("runs on"), "\(r.summary)")
    }

    @Test("GPUTRAIN_NO_FALLBACK=0 or empty still allows the fallback", arguments: ["0", ""])
    func fallbackVariableOff(value: String) throws {
        let vendors = try CLI.emptyVendorFolder()
        defer { try? FileManager.default.removeItem(at: vendors) }
        let env = CLI.environment(["OCL_ICD_VENDORS": vendors.path, "GPUTRAIN_NO_FALLBACK": value], keepOpenCL: false)
        let r = try CLI.run(["devices", "--device", "gpu"], environment: env)
        #expect(r.exitedNormally && r.status == 0 && r.stdout.contains("runs on: CPU (Swift"), "\(r.summary)")
    }

    @Test("--device opencl:0:0 with no platform is an error, never a fallback")
    func explicitDeviceWithoutPlatform() throws {
        let vendors = try CLI.emptyVendorFolder()
        defer { try? FileManager.default.removeItem(at: vendors) }
        let r = try CLI.run(["devices", "--device", "opencl:0:0"],
                            environment: CLI.environment(["OCL_ICD_VENDORS": vendors.path], keepOpenCL: false))
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1 && r.stderr.hasPrefix("Error: ") && r.stderr.contains("no OpenCL platform found"), "\(r.summary)")
    }

    @Test("--list-devices always lists the cpu row; `devices` prints the same table")
    func listsCPU() throws {
        let r = try CLI.run(["--list-devices"], environment: CLI.environment())
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["DEVICE", "TYPE", "UNITS", "MEMORY", "OPENCL", "NAME"],
                "\(r.summary)")
        let cpu = try #require(lines.first { $0.hasPrefix("cpu ") }, "no cpu row: \(r.summary)")
        let cells = cpu.split(separator: " ").map(String.init)
        // cpu  CPU  <threads>  <x.y> GiB  -  CPU (Swift, <threads> thread(s))
        #expect(cells.count >= 8 && cells[1] == "CPU", "\(cpu)")
        let threads = Int(cells.count > 2 ? cells[2] : "") ?? 0
        #expect(threads >= 1, "\(cpu)")
        #expect(cells.count > 4 && cells[4] == "GiB" && Double(cells[3]).map { $0 > 0 } == true, "\(cpu)")
        #expect(cpu.hasSuffix("CPU (Swift, \(threads) thread\(threads == 1 ? "" : "s"))"), "\(cpu)")
        #expect(r.stderr.isEmpty, "\(r.summary)")

        let sub = try CLI.run(["devices"], environment: CLI.environment())
        #expect(sub.exitedNormally && sub.status == 0 && sub.stdout == r.stdout, "\(sub.summary)")
    }

    @Test("--list-devices lists opencl:0:0 with type, units, memory and OpenCL version",
          .enabled(if: CLI.openCLEnabled, "no OpenCL device listed here (install pocl-opencl-icd); CI=1 makes this a failure"))
    func listsOpenCL() throws {
        let r = try CLI.run(["--list-devices"], environment: CLI.environment())
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        let row = try #require(r.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("opencl:0:0 ") },
                               "no opencl:0:0 row (CI=\(CLI.inCI)): \(r.summary)")
        let cells = row.split(separator: " ").map(String.init)
        // opencl:0:0  <GPU|CPU|accelerator|other>  <units>  <x.y> GiB  OpenCL <n.m>  <device> (<platform>)
        #expect(cells.count >= 8, "\(row)")
        guard cells.count >= 8 else { return }
        #expect(["GPU", "CPU", "accelerator", "other"].contains(cells[1]), "type: \(row)")
        #expect((Int(cells[2]) ?? 0) >= 1, "compute units: \(row)")
        #expect(Double(cells[3]).map { $0 > 0 } == true && cells[4] == "GiB", "memory: \(row)")
        #expect(cells[5] == "OpenCL" && cells[6].first?.isNumber == true && cells[6].contains("."), "version: \(row)")
        #expect(row.hasSuffix(")"), "name (platform): \(row)")
        #expect(!r.stdout.contains("note: no OpenCL platform"), "\(r.summary)")
    }

    @Test("--device opencl:99:0 is a one-line error naming the platforms that exist")
    func missingPlatform() throws {
        let r = try CLI.run(["devices", "--device", "opencl:99:0"], environment: CLI.environment())
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1, "\(r.summary)")
        let line = r.errorLines.first ?? ""
        #expect(line.hasPrefix("Error: --device opencl:99:0: "), "\(line)")
        // The platforms, as the listing shows them: "opencl:P:D ... <device> (<platform>)".
        let platforms = Set(r.stdout.split(separator: "\n").filter { $0.hasPrefix("opencl:") }.compactMap { row -> String? in
            guard let open = row.lastIndex(of: "("), row.hasSuffix(")") else { return nil }
            return String(row[row.index(after: open)..<row.index(before: row.endIndex)])
        })
        if CLI.inCI { #expect(!platforms.isEmpty, "CI=1 but no OpenCL platform listed: \(r.summary)") }
        if platforms.isEmpty {
            #expect(line.contains("no OpenCL platform found"), "\(line)")
        } else {
            #expect(line.contains("no OpenCL platform '99'; there are: "), "\(line)")
            for platform in platforms { #expect(line.contains("'\(platform)'"), "\(line) does not name \(platform)") }
            #expect(line.contains("0 '"), "platform indices: \(line)")
        }
    }

    @Test("an unknown --device is a usage error, not a crash", arguments: ["bogus", "opencl", "gpu:0", ""])
    func bogusDevice(text: String) throws {
        let r = try CLI.run(["devices", "--device", text], environment: CLI.environment())
        #expect(r.exitedNormally, "not a crash: \(r.summary)")
        #expect(r.status == 64, "ArgumentParser's usage error (EX_USAGE): \(r.summary)")
        #expect(r.stderr.contains("Error: The value '\(text)' is invalid for '--device"), "\(r.summary)")
        #expect(r.stdout.isEmpty, "nothing runs: \(r.summary)")
    }

    @Test("--device cpu runs on the Swift backend with nothing on stderr")
    func cpuDevice() throws {
        let r = try CLI.run(["devices", "--device", "cpu", "--no-fallback"], environment: CLI.environment(["GPUTRAIN_NO_FALLBACK": "1"]))
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("--device cpu runs on: CPU (Swift"), "\(r.summary)")
        #expect(r.stderr.isEmpty, "\(r.summary)")
    }
}
