import ArgumentParser
import Foundation
import GPUTrain

/// `gputrain tune`: the GEMM tile for an OpenCL device, measured and cached (``GemmTuning``).
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Find the fastest GEMM tile for an OpenCL device and cache it for later runs.",
        discussion: """
            Builds matmul.cl (the tiled GEMM, the GPU kernel) with each candidate tile, checks its \
            results against the CPU backend on ragged products (A·B, Aᵀ·B and A·Bᵀ), times a square \
            product, and caches the fastest tile that passed for this device, driver and kernel source. \
            Later runs on the device build that tile; GPUTRAIN_GEMM_TILE still overrides it.

            The cache is $GPUTRAIN_TUNING_CACHE (off: none), else $XDG_CACHE_HOME/gputrain/gemm-tiles.json, \
            else ~/.cache/gputrain/gemm-tiles.json.

            EXAMPLES
              gputrain tune
              gputrain tune --device opencl:nvidia:h100 --size 4096
              gputrain tune --tiles 128x128x16/8x8,128x64x16/8x4 --calls 10
            """)

    @Option(name: .long, help: ArgumentHelp("The OpenCL device to tune: gpu or opencl:P:D.", valueName: "device"))
    var device: DeviceChoice = .gpu

    @Option(help: ArgumentHelp("The square product timed (default: 4096 on GPUs, 1024 elsewhere).", valueName: "n"))
    var size: Int?

    @Option(help: ArgumentHelp("Timed calls per tile, after a warm-up; the median counts.", valueName: "n"))
    var calls = 5

    @Option(help: ArgumentHelp("Candidate tiles, comma-separated TSMxTSNxTSK/WPTMxWPTN (default: \(GemmTuning.defaultCandidates.joined(separator: ","))).",
                               valueName: "tiles"))
    var tiles: String?

    func validate() throws {
        if case .cpu = device { throw CLIFailure("--device cpu has no GEMM tile to tune: name an OpenCL device (gpu or opencl:P:D)") }
        if let size, size < 1 { throw ValidationError("--size must be at least 1, got \(size)") }
        if calls < 1 { throw ValidationError("--calls must be at least 1, got \(calls)") }
    }

    func run() throws {
        let candidates = tiles.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? GemmTuning.defaultCandidates
        guard let cl = try Devices.open(device, allowFallback: false).backend as? OpenCLBackend else {
            throw CLIFailure("--device \(device) is not an OpenCL device")
        }
        let info = cl.device
        let size = self.size ?? (info.isGPU ? 4096 : 1024)
        Console.out("tuning matmul.cl on \(cl.name): \(size)³ A·B, median of \(calls) calls per tile")
        let outcome = try GemmTuning.tune(info, size: size, calls: calls, candidates: candidates)
        // Registers and spills come from NVIDIA's verbose build log; private and local memory from any driver.
        let table = TextTable(columns: [("tile", -15), ("GFLOP/s", 9), ("regs", 5), ("spill B", 8), ("private B", 10),
                                        ("local B", 8), ("", -40)])
        Console.out(table.header())
        for trial in outcome.trials {
            let note = trial.tile == outcome.winner ? "fastest" : trial.error.map { "failed: \($0)" } ?? ""
            let r = trial.resources
            let counts = [r?.registers, r?.spillBytes, r?.privateBytes, r?.localBytes].map { $0.map(String.init) ?? "-" }
            Console.out(table.line([trial.tile, Format.number(trial.gflops)] + counts + [note]))
        }
        guard let winner = outcome.winner else {
            throw CLIFailure("no tile built, ran and passed its check on \(info.address); nothing was cached")
        }
        Console.out(outcome.cachePath.map { "cached \(winner) for \(info.address) in \($0)" }
                    ?? "\(winner) is fastest; caching is off (\(GemmTuning.cacheVariable)=off)")
    }
}
