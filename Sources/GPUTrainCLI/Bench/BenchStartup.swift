import Foundation

/// Start-up cost: the `gputrain` binary itself, spawned as a subprocess for a tiny run
/// (`gputrain --device D --epochs 1`, embedded Titanic), timed from just before the spawn to the moment its
/// first training batch has run on the device (the child reports it, with ``TrainCommand/firstBatchVariable``)
/// and to its exit. Run twice with a fresh, private OpenCL compiler cache (`POCL_CACHE_DIR`,
/// `CUDA_CACHE_PATH`): the first run compiles the kernels as a first-time user's does, the second finds them
/// cached.
enum StartupBench {
    struct Run: Codable {
        var toFirstBatchSeconds: Double?
        var totalSeconds: Double
        var error: String?
    }

    /// This process's executable: the bench spawns the very binary that is running.
    static var executable: String? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath
    }

    static func measure(device: String, noFallback: Bool) throws -> (first: Run, second: Run) {
        guard let binary = executable else { throw CLIFailure("bench: cannot find the gputrain executable to spawn") }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cache) }
        var env = ProcessInfo.processInfo.environment
        env[TrainCommand.firstBatchVariable] = "1"
        env["POCL_CACHE_DIR"] = cache.path
        env["CUDA_CACHE_PATH"] = cache.path
        let arguments = ["--device", device, "--epochs", "1"] + (noFallback ? ["--no-fallback"] : [])
        return (try spawn(binary, arguments, env), try spawn(binary, arguments, env))
    }

    private static func spawn(_ binary: String, _ arguments: [String], _ env: [String: String]) throws -> Run {
        // Output to files, not pipes: nothing can fill up and block the child.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let wallStart = Date().timeIntervalSince1970, start = Stopwatch.now()
        try process.run()
        process.waitUntilExit()
        let total = Stopwatch.now() - start
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let last = stderr.split(separator: "\n").last.map(String.init) ?? "no message"
            return Run(toFirstBatchSeconds: nil, totalSeconds: total,
                       error: "gputrain \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): \(last)")
        }
        let marker = "first batch done at "
        let stamp = stderr.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard let r = line.range(of: marker) else { return nil }
            return Double(line[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }.first
        return Run(toFirstBatchSeconds: stamp.map { $0 - wallStart }, totalSeconds: total,
                   error: stamp == nil ? "the child did not report its first batch" : nil)
    }
}
