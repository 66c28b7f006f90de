import Foundation

/// A finished child process of the bench: its exit, its output, and when and for how long it ran.
struct ChildRun {
    /// Exited normally (not by a signal) with status 0.
    var succeeded: Bool
    var status: Int32
    var stdout: Data
    var stderr: String
    /// Wall-clock time (seconds since 1970) just before the spawn, to compare with times the child prints.
    var spawnedAt: Double
    /// Monotonic seconds from just before the spawn to the exit.
    var seconds: Double

    /// The child's last stderr line, for a one-line error.
    var lastErrorLine: String? { stderr.split(separator: "\n").last.map(String.init) }

    /// Runs `executable` to completion with stdin from `input` (or nothing). Its output goes to temporary
    /// files, not pipes: a chatty child can never fill a pipe and block, and a child that exits at once
    /// can never kill the bench with SIGPIPE.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    input: URL? = nil) throws -> ChildRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let stdin = try input.map { try FileHandle(forReadingFrom: $0) }
        defer { try? stdin?.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let spawnedAt = Date().timeIntervalSince1970, start = Stopwatch.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Stopwatch.now() - start
        return ChildRun(succeeded: process.terminationReason == .exit && process.terminationStatus == 0,
                        status: process.terminationStatus,
                        stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                        spawnedAt: spawnedAt, seconds: seconds)
    }
}
