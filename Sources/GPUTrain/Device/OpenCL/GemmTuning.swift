import Foundation

/// A short tuning pass for `matmul.cl`'s tile on one OpenCL device, its winner cached per device, driver and
/// kernel source, so that later backends on that device build the winner (``OpenCLBackend/init(device:matmulKernel:)``).
///
/// Each candidate tile is built, checked against the CPU backend on ragged products in the three layouts the
/// trainer uses (a tile that fails is never cached), then timed on a square product. The cache is a JSON file:
/// `GPUTRAIN_TUNING_CACHE` when set (`off` disables it), else `$XDG_CACHE_HOME/gputrain/gemm-tiles.json`, else
/// `~/.cache/gputrain/gemm-tiles.json`. An entry is keyed by the device's vendor, name and driver version and a
/// hash of `matmul.cl`, so a new driver or an edited kernel is tuned again rather than trusted.
///
/// ```swift
/// let device = try OpenCLPlatforms.list().flatMap(\.devices).first { $0.isGPU }!
/// let outcome = try GemmTuning.tune(device, size: 4096)
/// print(outcome.winner ?? "no tile passed", outcome.cachePath ?? "not cached")
/// ```
public enum GemmTuning {
    /// One candidate: its tile (`TSMxTSNxTSK/WPTMxWPTN`) and GFLOP/s, or why it could not be used, and what
    /// the compiler made of its `matmul` kernel (registers and spills on NVIDIA, whose build is verbose here).
    public struct Trial: Sendable {
        /// The tile, as `GPUTRAIN_GEMM_TILE` takes it.
        public let tile: String
        /// Its speed on the timed GEMM; nil when it failed.
        public let gflops: Double?
        /// Why it could not be used (a failed build, a launch error, a wrong result); nil when it passed.
        public let error: String?
        /// Registers, spills and memory of its `matmul` kernel; nil when it did not build.
        public var resources: KernelResources? = nil
    }

    /// NVIDIA's compiler prints ptxas's register and spill counts into the build log with this option.
    static func verboseBuildOption(for device: OpenCLDeviceInfo) -> String {
        device.hasExtension("cl_nv_compiler_options") ? "-cl-nv-verbose" : ""
    }

    /// What a tuning run found.
    public struct Outcome: Sendable {
        /// Every candidate, in the order tried.
        public let trials: [Trial]
        /// The fastest tile that passed its check; nil when none did.
        public let winner: String?
        /// Where the winner was written; nil when caching is off or nothing passed.
        public let cachePath: String?
    }

    /// The environment variable naming the tuning cache file; `off` disables the cache.
    public static let cacheVariable = "GPUTRAIN_TUNING_CACHE"

    /// Tiles worth trying on a GPU: 256 work-items (16×16) of 8×8, 8×4, 4×8 and 4×4 outputs, slices of 16 or 8.
    public static let defaultCandidates = ["128x128x16/8x8", "128x128x8/8x8", "128x64x16/8x4", "64x128x16/4x8",
                                           "64x64x16/4x4", "64x64x8/4x4"]

    /// Builds, checks and times every tile of `candidates` on `device` (an `size`³ product, the median of
    /// `calls` calls after a warm-up), and caches the fastest that passed. Throws for a candidate that is not a
    /// tile, and when the cache cannot be written; a tile that fails to build or run is a ``Trial`` with its error.
    public static func tune(_ device: OpenCLDeviceInfo, size: Int, calls: Int = 5,
                            candidates: [String] = defaultCandidates,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Outcome {
        guard size >= 1, calls >= 1 else { throw DeviceSelectionError("tuning needs a size and a call count of at least 1") }
        let tiles = try candidates.map { text in
            guard let tile = GemmTile(text) else {
                throw DeviceSelectionError("'\(text)' is not a tile: \(GemmTile.formatHint)")
            }
            return tile
        }
        let trials = tiles.map { tile -> Trial in
            var resources: KernelResources?
            do {
                let backend = try OpenCLBackend(device: device, matmulKernel: .tiled, tile: tile, useTuningCache: false,
                                                buildOptions: verboseBuildOption(for: device))
                resources = backend.resources(ofKernel: "matmul")
                try check(backend)
                return Trial(tile: tile.description, gflops: try gflops(backend, size: size, calls: calls), error: nil,
                             resources: resources)
            } catch {
                return Trial(tile: tile.description, gflops: nil, error: "\(error)", resources: resources)
            }
        }
        let winner = trials.filter { $0.gflops != nil }.max { $0.gflops! < $1.gflops! }
        guard let winner, let url = cacheURL(environment: environment) else {
            return Outcome(trials: trials, winner: winner?.tile, cachePath: nil)
        }
        var cache = Cache.read(url) ?? Cache()
        let source = try matmulSource(environment: environment)
        cache.entries[key(device, matmulSource: source)] = .init(tile: winner.tile, gflops: winner.gflops!, size: size)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writeFileAtomically(try encoder.encode(cache), to: url.path)
        } catch {
            throw DeviceSelectionError("cannot write the tuning cache \(url.path): \(error)")
        }
        return Outcome(trials: trials, winner: winner.tile, cachePath: url.path)
    }

    /// The tile tuned for `device` with today's driver and `matmulSource` (the `matmul.cl` being built; nil:
    /// the one `environment` gives), if the cache has one.
    static func cachedTile(for device: OpenCLDeviceInfo, matmulSource: String? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> GemmTile? {
        guard let url = cacheURL(environment: environment), let cache = Cache.read(url),
              let source = try? matmulSource ?? Self.matmulSource(environment: environment) else { return nil }
        return cache.entries[key(device, matmulSource: source)].flatMap { GemmTile($0.tile) }
    }

    static func cacheURL(environment: [String: String]) -> URL? {
        if let path = environment[cacheVariable], !path.isEmpty {
            return path.lowercased() == "off" ? nil : URL(fileURLWithPath: path)
        }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { ($0 as NSString).appendingPathComponent(".cache") }
        return base.map { URL(fileURLWithPath: $0).appendingPathComponent("gputrain/gemm-tiles.json") }
    }

    /// `matmul.cl` as ``KernelLibrary`` gives it (embedded, or from `GPUTRAIN_KERNELS`).
    static func matmulSource(environment: [String: String]) throws -> String {
        try KernelLibrary.sources(environment: environment).first { $0.0 == "matmul.cl" }?.1 ?? ""
    }

    static func key(_ device: OpenCLDeviceInfo, matmulSource source: String) -> String {
        // FNV-1a: stable across runs, unlike Hasher, which is seeded per process.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(device.vendor) | \(device.name) | driver \(device.driverVersion) | matmul.cl \(String(hash, radix: 16))"
    }

    struct Cache: Codable {
        struct Entry: Codable { var tile: String; var gflops: Double; var size: Int }
        var format = "gputrain-gemm-tiles-1"
        var entries: [String: Entry] = [:]

        /// Nil for a missing or unreadable file: a damaged cache only means tuning again.
        static func read(_ url: URL) -> Cache? {
            guard let data = try? Data(contentsOf: url), let cache = try? JSONDecoder().decode(Cache.self, from: data),
                  cache.format == Cache().format else { return nil }
            return cache
        }
    }

    /// Every layout the trainer uses (A·B, Aᵀ·B, A·Bᵀ) on a product that is ragged against every candidate
    /// tile, against the CPU backend: |C − C_ref| ≤ 1e-4·(|A|·|B|) entry by entry, as the kernel tests demand.
    static func check(_ backend: OpenCLBackend) throws {
        let cpu = CPUBackend()
        var rng = SeededGenerator(seed: 7)
        let (m, k, n) = (131, 75, 197)
        for (ta, tb) in [(false, false), (true, false), (false, true)] {
            let (ar, ac) = ta ? (k, m) : (m, k), (br, bc) = tb ? (n, k) : (k, n)
            let a = (0..<ar * ac).map { _ in rng.nextUniform() * 2 - 1 }, b = (0..<br * bc).map { _ in rng.nextUniform() * 2 - 1 }
            let c = try backend.makeMatrix(rows: m, cols: n)
            try backend.upload([Float](repeating: .nan, count: m * n), to: c)
            try backend.matmul(try backend.matrix(rows: ar, cols: ac, a), try backend.matrix(rows: br, cols: bc, b),
                               into: c, transposeA: ta, transposeB: tb)
            let expected = try cpu.makeMatrix(rows: m, cols: n), scale = try cpu.makeMatrix(rows: m, cols: n)
            try cpu.matmul(try cpu.matrix(rows: ar, cols: ac, a), try cpu.matrix(rows: br, cols: bc, b),
                           into: expected, transposeA: ta, transposeB: tb)
            try cpu.matmul(try cpu.matrix(rows: ar, cols: ac, a.map(abs)), try cpu.matrix(rows: br, cols: bc, b.map(abs)),
                           into: scale, transposeA: ta, transposeB: tb)
            let (got, want, s) = (try backend.download(c), try cpu.download(expected), try cpu.download(scale))
            for i in got.indices where !(abs(got[i] - want[i]) <= 1e-4 * max(s[i], 1e-30)) {
                throw DeviceSelectionError("wrong result: \(ta ? "Aᵀ" : "A")·\(tb ? "Bᵀ" : "B") \(m)×\(k)·\(k)×\(n) entry \(i) "
                                           + "is \(got[i]), the CPU backend's \(want[i])")
            }
        }
    }

    /// GFLOP/s of `size`³ products on `backend`: the median of `calls`, each waited for, after a warm-up.
    static func gflops(_ backend: OpenCLBackend, size: Int, calls: Int) throws -> Double {
        var rng = SeededGenerator(seed: 11)
        let values = (0..<size * size).map { _ in rng.nextUniform() - 0.5 }
        let a = try backend.matrix(rows: size, cols: size, values), b = try backend.matrix(rows: size, cols: size, values)
        let c = try backend.makeMatrix(rows: size, cols: size)
        try backend.matmul(a, b, into: c)
        try backend.finish()
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<calls {
            let start = clock.now
            try backend.matmul(a, b, into: c)
            try backend.finish()
            let d = clock.now - start
            seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        return 2 * pow(Double(size), 3) / seconds.sorted()[seconds.count / 2] / 1e9
    }
}
