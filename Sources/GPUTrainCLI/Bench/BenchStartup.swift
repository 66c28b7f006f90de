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
        let child = try ChildRun.run(binary, arguments, environment: env)
        guard child.succeeded else {
            return Run(toFirstBatchSeconds: nil, totalSeconds: child.seconds,
                       error: "gputrain \(arguments.joined(separator: " ")) failed (status \(child.status)): \(child.lastErrorLine ?? "no message")")
        }
        let stderr = child.stderr, wallStart = child.spawnedAt, total = child.seconds
        let marker = "first batch done at "
        let stamp = stderr.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard let r = line.range(of: marker) else { return nil }
            return Double(line[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }.first
        return Run(toFirstBatchSeconds: stamp.map { $0 - wallStart }, totalSeconds: total,
                   error: stamp == nil ? "the child did not report its first batch" : nil)
    }
}
