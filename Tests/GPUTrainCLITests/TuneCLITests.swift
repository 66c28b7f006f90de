import Foundation
import Testing

@Suite("gputrain tune", .enabled(if: CLI.openCLEnabled, "no OpenCL device here"))
struct TuneCLITests {
    static func folder() throws -> URL { URL(fileURLWithPath: try emptyDir()) }

    @Test("tune caches the fastest tile, and the next run on the device builds it")
    func tuneThenUse() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = CLI.environment(["GPUTRAIN_TUNING_CACHE": dir.appendingPathComponent("tiles.json").path])
        let r = try CLI.run(["tune", "--size", "32", "--calls", "1", "--tiles", "64x64x8/4x4,32x32x16/4x4"], environment: env)
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        let winner = try #require(["64x64x8/4x4", "32x32x16/4x4"].first { r.stdout.contains("cached \($0) for opencl:") },
                                  "\(r.summary)")
        #expect(r.stdout.contains("fastest"), "\(r.summary)")
        // Each tile's row has its matmul's local memory: two slices of each operand, rows padded by 4 floats.
        #expect(r.stdout.contains("regs") && r.stdout.contains("local B"), "\(r.summary)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("64x64x8/4x4 ") })
        #expect(row.split(separator: " ").contains("\(2 * 8 * (68 + 68) * 4)"), "\(row)")
        let d = try CLI.run(["devices", "--device", "gpu"], environment: env)
        #expect(d.stdout.contains("kernels: ") && d.stdout.contains("matmul tile \(winner);"), "\(d.summary)")
        // GPUTRAIN_GEMM_TILE still wins over the cache.
        var forced = env
        forced["GPUTRAIN_GEMM_TILE"] = "16x16x8/4x4"
        let f = try CLI.run(["devices", "--device", "gpu"], environment: forced)
        #expect(f.stdout.contains("matmul tile 16x16x8/4x4;"), "\(f.summary)")
    }

    @Test("a tile with wrong results fails its check: one error line, a non-zero exit, nothing cached")
    func wrongResultsAreNotCached() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The repository's kernels with matmul.cl's last slice skipped, loaded through GPUTRAIN_KERNELS.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Kernels")
        let kernels = dir.appendingPathComponent("Kernels")
        try FileManager.default.copyItem(at: source, to: kernels)
        let matmul = kernels.appendingPathComponent("matmul.cl")
        let text = try String(contentsOf: matmul, encoding: .utf8)
        #expect(text.contains("if (t > 0) {"))
        try text.replacingOccurrences(of: "if (t > 0) {", with: "if (t > 1) {").write(to: matmul, atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("tiles.json")
        let env = CLI.environment(["GPUTRAIN_TUNING_CACHE": cache.path, "GPUTRAIN_KERNELS": kernels.path])
        let r = try CLI.run(["tune", "--size", "32", "--calls", "1", "--tiles", "64x64x8/4x4"], environment: env)
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.stdout.contains("failed: wrong result"), "\(r.summary)")
        #expect(r.errorLines.count == 1 && r.errorLines.first?.hasPrefix("Error: no tile built, ran and passed") == true,
                "\(r.summary)")
        #expect(!FileManager.default.fileExists(atPath: cache.path), "a failed tile was cached")
    }

    @Test("bad tune options are one error line", arguments: [
        (["tune", "--device", "cpu"], "--device cpu has no GEMM tile"),
        (["tune", "--tiles", "64x64x8/4x4,3x3"], "'3x3' is not a tile"),
        (["tune", "--size", "0"], "--size must be at least 1"),
        (["tune", "--calls", "0"], "--calls must be at least 1"),
    ])
    func badOptions(arguments: [String], expected: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("tiles.json")
        let r = try CLI.run(arguments, environment: CLI.environment(["GPUTRAIN_TUNING_CACHE": cache.path]))
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1 && r.errorLines.first?.contains(expected) == true, "\(r.summary)")
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }
}
