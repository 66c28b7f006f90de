import Foundation
@testable import GPUTrain
import Testing

/// The tuning pass on the test machine's OpenCL device (PoCL in CI), with its cache in a fresh folder.
@Suite("GEMM tuning: every candidate checked, the fastest cached per device, driver and kernel source",
       .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
struct GemmTuningTests {
    static func device() throws -> OpenCLDeviceInfo {
        let opened = try Devices.open(.gpu, allowFallback: false)
        return try #require(opened.backend as? OpenCLBackend).device
    }

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-tuning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("every default candidate builds and passes the CPU check; the fastest is cached and read back")
    func tuneAndCache() throws {
        let device = try Self.device(), dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["GPUTRAIN_TUNING_CACHE": dir.appendingPathComponent("tiles.json").path]
        let outcome = try GemmTuning.tune(device, size: 48, calls: 1, environment: env)
        #expect(outcome.trials.map(\.tile) == GemmTuning.defaultCandidates)
        for trial in outcome.trials {
            #expect(trial.error == nil && (trial.gflops ?? 0) > 0, "\(trial.tile): \(trial.error ?? "no figure")")
        }
        let fastest = outcome.trials.max { ($0.gflops ?? 0) < ($1.gflops ?? 0) }?.tile
        #expect(outcome.winner == fastest)
        #expect(outcome.cachePath == env["GPUTRAIN_TUNING_CACHE"])
        #expect(GemmTuning.cachedTile(for: device, environment: env)?.description == outcome.winner)
        // A backend built from the cached tile reports it.
        let tuned = try OpenCLBackend(device: device, matmulKernel: nil, tile: GemmTuning.cachedTile(for: device, environment: env),
                                      useTuningCache: false)
        #expect(tuned.kernelSummary.contains("matmul tile \(outcome.winner ?? "?")"), "\(tuned.kernelSummary)")
    }

    @Test("off caches nothing; a damaged cache is ignored and rewritten; an entry for other kernels does not apply")
    func cacheFile() throws {
        let device = try Self.device(), dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let off = try GemmTuning.tune(device, size: 16, calls: 1, candidates: ["64x64x8/4x4"],
                                      environment: ["GPUTRAIN_TUNING_CACHE": "off"])
        #expect(off.winner == "64x64x8/4x4" && off.cachePath == nil)

        let path = dir.appendingPathComponent("sub/tiles.json")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: path)
        let env = ["GPUTRAIN_TUNING_CACHE": path.path]
        #expect(GemmTuning.cachedTile(for: device, environment: env) == nil)
        _ = try GemmTuning.tune(device, size: 16, calls: 1, candidates: ["32x32x16/4x4"], environment: env)
        #expect(GemmTuning.cachedTile(for: device, environment: env) == GemmTile("32x32x16/4x4"))

        // The same device with an edited matmul.cl (GPUTRAIN_KERNELS) is another key: nothing cached for it.
        let kernels = dir.appendingPathComponent("Kernels")
        try FileManager.default.createDirectory(at: kernels, withIntermediateDirectories: true)
        for (name, text) in KernelSources.files {
            try (text + (name == "matmul.cl" ? "\n// edited\n" : "")).write(to: kernels.appendingPathComponent(name),
                                                                          atomically: true, encoding: .utf8)
        }
        var edited = env
        edited["GPUTRAIN_KERNELS"] = kernels.path
        #expect(try GemmTuning.key(device, matmulSource: GemmTuning.matmulSource(environment: edited))
                != GemmTuning.key(device, matmulSource: GemmTuning.matmulSource(environment: env)))
        #expect(GemmTuning.cachedTile(for: device, environment: edited) == nil)
    }

    @Test("a candidate that is not a tile is an error before anything is built or cached")
    func badCandidate() throws {
        let device = try Self.device(), dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tiles.json")
        #expect(throws: DeviceSelectionError.self) {
            try GemmTuning.tune(device, size: 16, calls: 1, candidates: ["64x64x8/4x4", "64x64/4x4"],
                                environment: ["GPUTRAIN_TUNING_CACHE": path.path])
        }
        #expect(!FileManager.default.fileExists(atPath: path.path))
    }

    @Test("the cache's place: GPUTRAIN_TUNING_CACHE, else XDG_CACHE_HOME, else ~/.cache")
    func cachePlace() {
        #expect(GemmTuning.cacheURL(environment: ["GPUTRAIN_TUNING_CACHE": "/x/t.json", "HOME": "/h"])?.path == "/x/t.json")
        #expect(GemmTuning.cacheURL(environment: ["GPUTRAIN_TUNING_CACHE": "OFF", "HOME": "/h"]) == nil)
        #expect(GemmTuning.cacheURL(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.path == "/c/gputrain/gemm-tiles.json")
        #expect(GemmTuning.cacheURL(environment: ["HOME": "/h"])?.path == "/h/.cache/gputrain/gemm-tiles.json")
        #expect(GemmTuning.cacheURL(environment: [:]) == nil)
    }
}
