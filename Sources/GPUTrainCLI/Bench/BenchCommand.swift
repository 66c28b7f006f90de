import ArgumentParser
import Foundation
import GPUTrain

/// What `gputrain bench --only` can pick.
enum BenchSection: String, CaseIterable {
    case gemm, train, titanic, startup, csv
}

/// `--shapes MxKxN,…` (hidden): GEMM shapes replacing the standard list, for tests.
struct GEMMShapeArgument {
    let m, k, n: Int
}

/// `gputrain bench`: GEMM GFLOP/s, training throughput, the Titanic run and start-up, optionally beside numpy.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GEMM GFLOP/s, training throughput and start-up on each device, optionally beside numpy.",
        discussion: """
            Prints one table per section as results arrive; --json also writes every
            number to a file (atomically). Timing follows the project's reference
            harness (shared/anchors): one warm-up call, then rounds of back-to-back
            timed calls, about 0.25 s a round (3 to 200 calls; 1 when a call takes
            over a second); the median is reported, the best beside it. Device work
            is timed up to backend.finish().

            SECTIONS (--only, comma-separated; default: all five, titanic first)
              gemm     C = op(A)·op(B) as A·B, Aᵀ·B (A stored K×M) and A·Bᵀ (B stored
                       N×K), at square 256, 512, 1024, 2048 (4096 on GPUs) and at the
                       training shapes MxKxN 891x12x2 (Titanic), 4096x784x256 and
                       4096x256x10 (MNIST's layers). Before it is timed, each result
                       on random inputs in [-1, 1] is checked:
                           |C - C_ref|ij <= 1e-4 · (|A|·|B|)ij
                       for every entry against the CPU backend (up to 2048³) and for
                       256 sampled entries against a Double dot product. The check
                       column is the worst error as a fraction of that tolerance.
              train    rows/s of whole epochs of the MNIST workload through gputrain's
                       Trainer: 60,000 × 784 → 256 ReLU → 10, softmax cross-entropy,
                       batch 256, SGD momentum 0.9 (shuffle, gather, forward,
                       backward, step; validation on 256 rows only). Real MNIST with
                       --data, else synthetic data of that shape. One warm-up epoch,
                       then 3 timed (1 with --quick).
              titanic  wall seconds of 100 full-batch epochs of the default Titanic
                       model (12 → 20 ReLU → 1, BCE, all 713 training rows per
                       batch, validation each epoch), median of 9 runs (3 --quick).
              startup  spawns this gputrain twice for `--device D --epochs 1` and
                       times spawn → first training batch and spawn → exit. Both runs
                       share a fresh, private kernel cache (POCL_CACHE_DIR,
                       CUDA_CACHE_PATH): the first compiles the kernels, the second
                       finds them cached.
              csv      writes a deterministic CSV of 1,000,000 rows (--csv-rows) ×
                       22 columns (20 numeric with about 1% empty fields, a quoted
                       text column of 5 values holding commas and doubled quotes, a
                       0/1 target) to a temporary folder, then times loading and
                       featurising it (median of 3 runs after a warm-up; 1 with
                       --quick), and spawns `gputrain --device cpu --data F
                       --target y --epochs 1` for the whole run's time, peak memory
                       and accuracy. With --compare, pandas read_csv + get_dummies on
                       the same file ("not installed" when pandas does not import).
                       With --data, the MNIST-format folder's load time too.

            DEVICES
              --device is repeatable and takes gpu, cpu, opencl:P:D (as training
              does) or all: the CPU backend plus every OpenCL device. Default: all.

            COMPARING
              --compare also runs the same work in Python: the GEMMs with numpy's
              OpenBLAS, the MNIST epoch in hand-written numpy (and PyTorch when it
              imports), the Titanic run in numpy, with the BLAS pinned to the CPU
              backend's thread count (or --reference-threads). When a GPU device
              is measured and PyTorch has CUDA, GPU rows are also set against
              PyTorch on the GPU (fp32, TF32 off, data resident): torch.mm
              (cuBLAS) for the GEMMs, the same MNIST and Titanic loops. The script is
              embedded in gputrain and run as `python3 -` ($GPUTRAIN_BENCH_PYTHON
              picks another interpreter), once per GEMM shape and per section,
              right after gputrain's own measurement, so both see the same load.
              Rows then show speed ratios gputrain/reference: above 1, gputrain is
              faster.

            EXIT STATUS
              0 when every check and run succeeded; 1 when a GEMM check failed, a
              device could not be opened or run (the table says which), or an
              option's value is wrong; 64 for options the parser rejects.

            NOTES
              Other load on the machine skews every number: the load average at the
              start and at the end is printed and saved. --quick uses 1 round, no
              GEMMs of 2048 or more, and 1 timed epoch.

            EXAMPLES
              gputrain bench --quick
              gputrain bench --device cpu --device gpu --compare --data ~/mnist \\
                             --json bench.json
              gputrain bench --only gemm --device opencl:0:0
              gputrain bench --only startup,titanic --device all
              GPUTRAIN_BENCH_PYTHON=venv/bin/python gputrain bench --compare --only train
            """)

    @Option(name: .long, help: ArgumentHelp(
        "A device to measure (gpu, cpu, opencl:P:D or all); repeat for more (default: all).", valueName: "device"))
    var device: [String] = []

    @Flag(name: .long, help: "Fail instead of falling back to the CPU when --device gpu finds no usable OpenCL device.")
    var noFallback = false

    @Flag(help: "Fewer repetitions (1 round, 1 timed epoch) and no GEMMs of 2048 or more.")
    var quick = false

    @Option(help: ArgumentHelp("Only these sections, comma-separated: gemm, train, titanic, startup, csv.", valueName: "sections"))
    var only: String?

    @Flag(help: "Also measure numpy (OpenBLAS), and PyTorch when installed, on the same work, and print speed ratios.")
    var compare = false

    @Option(help: ArgumentHelp("A folder of MNIST-format IDX files (or fashion-mnist) for the train section (default: synthetic data of MNIST's shape); the csv section times its load.",
                               valueName: "folder"))
    var data: String?

    @Option(help: ArgumentHelp("Also write every result to this JSON file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp(
        "BLAS (and PyTorch) threads for --compare (default: the CPU backend's thread count).",
        discussion: "On a loaded machine, 1 gives steadier numpy figures: OpenBLAS's threads wait for each other "
            + "and a descheduled one costs a whole time slice.", valueName: "n"))
    var referenceThreads: Int?

    @Option(help: ArgumentHelp("Rows of the csv section's file (default: 1,000,000; 100,000 with --quick).", valueName: "n"))
    var csvRows: Int?

    @Option(help: ArgumentHelp("Write the csv section's file here and keep it (default: a temporary folder).", valueName: "file"))
    var csvFile: String?

    @Option(help: .hidden, transform: Self.shapes)
    var shapes: [GEMMShapeArgument]?

    @Option(help: .hidden)
    var rounds: Int?

    static func shapes(_ text: String) throws -> [GEMMShapeArgument] {
        try text.split(separator: ",").map { part in
            let dims = part.split(separator: "x").compactMap { Int($0) }
            guard dims.count == 3, dims.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--shapes takes MxKxN,… with positive sizes; got '\(part)'")
            }
            return GEMMShapeArgument(m: dims[0], k: dims[1], n: dims[2])
        }
    }

    /// The sections --only names, in their fixed order.
    static func sections(_ text: String?) throws -> [BenchSection] {
        guard let text else { return BenchSection.allCases }
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = BenchSection.allCases.map(\.rawValue).joined(separator: ", ")
        for name in names where BenchSection(rawValue: name) == nil {
            throw CLIFailure("--only: unknown section '\(name)'; use one or more of \(known), comma-separated")
        }
        guard !names.isEmpty else { throw CLIFailure("--only: name at least one of \(known)") }
        return BenchSection.allCases.filter { names.contains($0.rawValue) }
    }

    func validate() throws {
        for d in device where d.lowercased() != "all" {
            do { _ = try DeviceChoice(parsing: d) } catch { throw CLIFailure("--device: \(error)") }
        }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        if let csvRows, csvRows < 10 { throw ValidationError("--csv-rows must be at least 10") }
        if let referenceThreads, referenceThreads < 1 { throw ValidationError("--reference-threads must be at least 1") }
        if let json {
            // Checked now, not after minutes of measuring.
            let dir = (json as NSString).deletingLastPathComponent
            guard !json.isEmpty, FileManager.default.isWritableFile(atPath: dir.isEmpty ? "." : dir) else {
                throw CLIFailure("--json \(json): the folder does not exist or is not writable")
            }
        }
    }

    func run() throws {
        if Ranks.group.size > 1 { return try runDataParallel() }
        // Everything that can be wrong with the options fails here, before minutes of measuring.
        let sections = try Self.sections(only)
        let folder = try mnistFolder(sections)
        let rounds = self.rounds ?? (quick ? 1 : 3)
        var results = BenchResults(date: ISO8601DateFormatter().string(from: Date()),
                                   host: .init(cpu: BenchResults.cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount,
                                               loadAverageStart: BenchResults.loadAverage()),
                                   quick: quick, rounds: rounds, sections: sections.map(\.rawValue))
        Console.out("gputrain bench: \(results.host.cpu), \(results.host.cores) cores, load average "
                    + results.host.loadAverageStart.map { String(format: "%.2f", $0) }.joined(separator: " "))

        let devices = try openDevices(&results)
        let cases = GEMMCase.all(quick: quick, override: shapes?.map { ($0.m, $0.k, $0.n) })
            .filter { !$0.gpuOnly || devices.contains(where: \.isGPU) }
        let mnist = sections.contains(.train) ? try loadMNIST(folder) : nil

        // The reference runs beside each measurement (per GEMM shape, per section), not all up front, so both
        // see the same load on a shared machine; this first call only checks that python3 and numpy work.
        var reference: Reference?
        if compare {
            let threads = referenceThreads ?? CPUBackend().threads
            let gpus = devices.contains(where: \.isGPU)
            let probe = BenchReference.run(.init(threads: threads, rounds: rounds, torch: true, cuda: gpus))
            results.reference = .init(python: probe.python, numpy: probe.numpy, blas: probe.blas, threads: probe.threads,
                                      torch: probe.torch, cuda: probe.cuda, error: probe.error)
            if let error = probe.error {
                Console.out("\nreference: unavailable: \(error)")
            } else {
                reference = Reference(threads: threads, rounds: rounds, torch: probe.torch != "not installed",
                                      cuda: probe.cuda != nil)
                Console.out("\nreference: python \(probe.python ?? "?"), numpy \(probe.numpy ?? "?") (\(probe.blas ?? "BLAS unknown")), "
                            + "\(probe.threads.map { "\($0) BLAS threads" } ?? "BLAS threads not set"); PyTorch: \(probe.torch ?? "not installed")")
                if gpus {
                    Console.out("reference for GPU devices: PyTorch CUDA " + (probe.cuda.map { "on \($0), fp32 without TF32" }
                                ?? "unavailable (\(probe.cudaError ?? "PyTorch is not installed"))"))
                }
                Console.out("reference: ×numpy, ×torch, ×cuBLAS and ×cuda are gputrain's speed / the reference's (above 1: gputrain is faster)")
            }
        }

        // The launch-bound Titanic run goes first: after the large GEMMs in the same process PoCL's small launches
        // ran about twice as slow in most runs (not after them in a process of their own; see the README).
        if sections.contains(.titanic) { runTitanic(devices, reference, &results) }
        if sections.contains(.gemm) { try runGEMM(cases, devices, rounds, reference, &results) }
        if let mnist { runTraining(mnist, folder: folder, devices, reference, &results) }
        if sections.contains(.startup) { try runStartup(devices, &results) }
        if sections.contains(.csv) { try runCSV(mnist: folder, &results) }

        results.host.loadAverageEnd = BenchResults.loadAverage()
        Console.out("\nload average at the end: " + (results.host.loadAverageEnd ?? []).map { String(format: "%.2f", $0) }.joined(separator: " "))
        if let json {
            try writeFileAtomically(try results.encoded(), to: json)
            Console.out("wrote \(json)")
        }
        if !results.failures.isEmpty {
            throw CLIFailure("bench: \(results.failures.count) failure(s): " + results.failures.joined(separator: "; "))
        }
    }

    // MARK: Devices and data

    struct Device {
        let address: String
        let backend: any Backend
        let isGPU: Bool
    }

    /// Opens every device asked for, once each, and lists them.
    func openDevices(_ results: inout BenchResults) throws -> [Device] {
        var devices: [Device] = []
        func add(_ backend: any Backend) {
            let cl = backend as? OpenCLBackend
            let address = cl?.device.address ?? "cpu"
            guard !devices.contains(where: { $0.address == address }) else { return }
            devices.append(Device(address: address, backend: backend, isGPU: cl?.device.isGPU ?? false))
        }
        for request in device.isEmpty ? ["all"] : device {
            if request.lowercased() == "all" {
                add(CPUBackend())
                for platform in try OpenCLPlatforms.list() {
                    if let error = platform.deviceError {
                        Console.warn("OpenCL platform \(platform.index) '\(platform.name)' has no devices (\(error))")
                    }
                    for info in platform.devices where !devices.contains(where: { $0.address == info.address }) {
                        do { add(try OpenCLBackend(device: info)) } catch {
                            results.failures.append("\(info.address) could not be opened")
                            Console.warn("\(info.address) \(info): \(error)")
                        }
                    }
                }
            } else {
                var options = DeviceOptions()
                options.device = try DeviceChoice(parsing: request)
                options.noFallback = noFallback
                add(try options.open())
            }
        }
        Console.out("")
        for d in devices {
            Console.out("device \(d.address): \(d.backend.name)\(d.isGPU ? " (GPU)" : "")")
            if let cl = d.backend as? OpenCLBackend { Console.out("    kernels: \(cl.kernelSummary)") }
            results.devices.append(.init(device: d.address, name: d.backend.name, kind: d.backend.kind.rawValue, isGPU: d.isGPU))
        }
        return devices
    }

    /// The MNIST folder for the train section, nil for synthetic data.
    func mnistFolder(_ sections: [BenchSection]) throws -> String? {
        guard let data else { return nil }
        guard case .idx(let folder) = try TrainingData.resolve(data) else {
            throw CLIFailure("--data \(data): bench takes a folder of MNIST-format IDX files (or fashion-mnist)")
        }
        if !sections.contains(.train) && !sections.contains(.csv) {
            Console.warn("--data is used by the train and csv sections only, neither of which is run")
        }
        return folder
    }

    func loadMNIST(_ folder: String?) throws -> (split: DataSplit, name: String) {
        guard let folder else { return (TrainingBench.syntheticMNIST(), "synthetic 60000x784") }
        let split = try MNIST.load(folder: folder)
        return (split, "MNIST \(folder)")
    }

    /// How to run the Python reference beside a measurement.
    struct Reference {
        let threads: Int, rounds: Int, torch: Bool
        /// PyTorch has a CUDA device: GPU devices are also measured against it.
        let cuda: Bool

        func gemm(_ c: GEMMCase) -> ReferenceResults {
            BenchReference.run(.init(threads: threads, rounds: rounds, torch: false,
                                     gemm: [[.int(c.m), .int(c.k), .int(c.n), .string(c.variant.rawValue)]]))
        }

        /// torch.mm on CUDA for all of `cases` in one run: on the GPU they do not compete with the host's load,
        /// and each run pays PyTorch's import and CUDA's start-up.
        func cudaGemm(_ cases: [GEMMCase]) -> ReferenceResults {
            BenchReference.run(.init(threads: threads, rounds: rounds, torch: true, cuda: true,
                                     cudaGemm: cases.map { [.int($0.m), .int($0.k), .int($0.n), .string($0.variant.rawValue)] }))
        }

        func mlp(folder: String?, epochs: Int) -> ReferenceResults {
            BenchReference.run(.init(threads: threads, rounds: rounds, torch: torch, cuda: cuda,
                                     mlp: .init(folder: folder, epochs: epochs)))
        }

        func titanic(runs: Int) -> ReferenceResults {
            let t = TrainingBench.titanicShape
            return BenchReference.run(.init(threads: threads, rounds: rounds, torch: torch, cuda: cuda, titanic: .init(
                train: t.train, valid: t.valid, features: t.features, hidden: t.hidden,
                epochs: TrainingBench.titanicEpochs, runs: runs)))
        }
    }

    // MARK: Sections

    func runGEMM(_ cases: [GEMMCase], _ devices: [Device], _ rounds: Int, _ reference: Reference?,
                 _ results: inout BenchResults) throws {
        let table = TextTable(columns: [("shape MxKxN", -15), ("op", -5), ("device", -11), ("GFLOP/s", 8), ("best", 7),
                                        ("ms/call", 9), ("n", 4), ("check", -10)]
                              + (compare ? [("numpy", 7), ("×numpy", 7)] : [])
                              + (reference?.cuda == true ? [("cuBLAS", 8), ("×cuBLAS", 7)] : []))
        Console.out("\nGEMM: median GFLOP/s of n timed calls after a warm-up; check = worst |C−C_ref| / (1e-4·(|A|·|B|)ij), must be ≤ 1")
        let gpuCases = devices.contains(where: \.isGPU) ? cases : []
        let cudaRun = reference?.cuda == true && !gpuCases.isEmpty ? reference?.cudaGemm(gpuCases) : nil
        if let error = cudaRun?.error ?? cudaRun?.cudaError { Console.out("    PyTorch CUDA: \(error)") }
        Console.out(table.header())
        let cpu = CPUBackend()
        for (index, gemm) in cases.enumerated() {
            let targets = devices.filter { !gemm.gpuOnly || $0.isGPU }
            guard !targets.isEmpty else { continue }
            let ref = try GEMMReference(gemm, seed: 1000 + UInt64(index), cpu: cpu)
            let outcomes = targets.map { GEMMBench.run(ref, on: $0.backend, rounds: rounds) }
            let numpyRun = reference?.gemm(gemm)
            if let error = numpyRun?.error { Console.out("    numpy: \(error)") }
            let numpy = numpyRun?.gemm(gemm).map { gemm.flops / $0.medianS / 1e9 }
            let cublas = cudaRun?.cudaGemm(gemm).map { gemm.flops / $0.medianS / 1e9 }
            for (d, outcome) in zip(targets, outcomes) {
                let passed = outcome.error == nil && outcome.worstRatio <= 1
                let gflops = outcome.timing.map { gemm.flops / $0.medianSeconds / 1e9 }
                let row = BenchResults.GEMM(
                    device: d.address, shape: gemm.shape, m: gemm.m, k: gemm.k, n: gemm.n, variant: gemm.variant.rawValue,
                    op: gemm.variant.op, storedA: "\(gemm.storedA.rows)x\(gemm.storedA.cols)",
                    storedB: "\(gemm.storedB.rows)x\(gemm.storedB.cols)",
                    check: .init(passed: passed, worstErrorRatio: finite(outcome.worstRatio), error: outcome.error),
                    gflops: finite(gflops), bestGflops: finite(outcome.timing.map { gemm.flops / $0.bestSeconds / 1e9 }),
                    medianMs: finite(outcome.timing.map { $0.medianSeconds * 1e3 }), timed: outcome.timing?.timed,
                    warmupMs: finite(outcome.timing.map { $0.warmupSeconds * 1e3 }),
                    numpyGflops: finite(numpy), speedVsNumpy: finite(gflops.flatMap { g in numpy.map { g / $0 } }),
                    cublasGflops: d.isGPU ? finite(cublas) : nil,
                    speedVsCublas: d.isGPU ? finite(gflops.flatMap { g in cublas.map { g / $0 } }) : nil)
                results.gemm.append(row)
                let check = outcome.error != nil ? "ERROR" : (passed ? "ok " : "FAIL ") + Format.small(outcome.worstRatio)
                Console.out(table.line([gemm.shape, gemm.variant.op, d.address, Format.number(row.gflops),
                                        Format.number(row.bestGflops), Format.number(row.medianMs), row.timed.map(String.init) ?? "-",
                                        check, Format.number(row.numpyGflops), Format.ratio(row.speedVsNumpy),
                                        Format.number(row.cublasGflops), Format.ratio(row.speedVsCublas)]))
                if let error = outcome.error { Console.out("    \(error)") }
                if !passed {
                    results.failures.append("GEMM \(gemm.shape) \(gemm.variant.op) on \(d.address) "
                                            + (outcome.error != nil ? "failed" : "is wrong (\(Format.ratio(outcome.worstRatio))× tolerance)"))
                }
            }
        }
    }

    func runTraining(_ mnist: (split: DataSplit, name: String), folder: String?, _ devices: [Device], _ reference: Reference?,
                     _ results: inout BenchResults) {
        let workload = "mnist-mlp: \(mnist.split.train.rows)x784 → 256 ReLU → 10, softmax xent, batch 256, SGD momentum 0.9"
        Console.out("\nTraining: \(workload); data \(mnist.name); rows/s = median of whole epochs after a warm-up epoch")
        let table = TextTable(columns: [("device", -11), ("rows/s", 8), ("best", 8), ("epoch s", 8), ("n", 3)]
                              + (compare ? [("numpy rows/s", 12), ("×numpy", 7), ("torch rows/s", 12), ("×torch", 7)] : [])
                              + (reference?.cuda == true ? [("cuda rows/s", 11), ("×cuda", 6)] : []))
        Console.out(table.header())
        let rows = Double(mnist.split.train.rows)
        let ref = reference?.mlp(folder: folder, epochs: quick ? 1 : 3)
        if let error = ref?.error ?? ref?.mlp?.error { Console.out("    numpy: \(error)") }
        let numpy = ref?.mlp?.numpy.map { Double(ref?.mlp?.rows ?? 60_000) / $0.medianS }
        let torch = ref?.mlp?.torch.map { Double(ref?.mlp?.rows ?? 60_000) / $0.medianS }
        let torchCuda = ref?.mlp?.torchCuda.map { Double(ref?.mlp?.rows ?? 60_000) / $0.medianS }
        for d in devices {
            var row = BenchResults.Training(device: d.address, workload: workload, data: mnist.name,
                                            numpyRowsPerSecond: finite(numpy), torchRowsPerSecond: finite(torch),
                                            torchCudaRowsPerSecond: d.isGPU ? finite(torchCuda) : nil)
            do {
                let t = try TrainingBench.mnistThroughput(mnist.split, on: d.backend, epochs: quick ? 1 : 3)
                row.rowsPerSecond = finite(rows / t.medianSeconds)
                row.bestRowsPerSecond = finite(rows / t.bestSeconds)
                row.epochSeconds = finite(t.medianSeconds)
                row.timedEpochs = t.timed
                row.speedVsNumpy = finite(row.rowsPerSecond.flatMap { r in numpy.map { r / $0 } })
                row.speedVsTorch = finite(row.rowsPerSecond.flatMap { r in torch.map { r / $0 } })
                row.speedVsTorchCuda = finite(row.rowsPerSecond.flatMap { r in row.torchCudaRowsPerSecond.map { r / $0 } })
            } catch {
                row.error = "\(error)"
                results.failures.append("training on \(d.address) failed")
            }
            results.training.append(row)
            Console.out(table.line([d.address, Format.number(row.rowsPerSecond), Format.number(row.bestRowsPerSecond),
                                    Format.number(row.epochSeconds), row.timedEpochs.map(String.init) ?? "-",
                                    Format.number(row.numpyRowsPerSecond), Format.ratio(row.speedVsNumpy),
                                    reference == nil ? "-" : row.torchRowsPerSecond == nil ? "not installed" : Format.number(row.torchRowsPerSecond),
                                    Format.ratio(row.speedVsTorch), Format.number(row.torchCudaRowsPerSecond),
                                    Format.ratio(row.speedVsTorchCuda)]))
            if let error = row.error { Console.out("    \(error)") }
        }
    }

    func runTitanic(_ devices: [Device], _ reference: Reference?, _ results: inout BenchResults) {
        let workload = "titanic: 100 full-batch epochs, 713 rows, 12 → 20 ReLU → 1, BCE, validation each epoch"
        Console.out("\nTitanic: \(workload); wall seconds of fit, median of runs after a warm-up run")
        let table = TextTable(columns: [("device", -11), ("seconds", 8), ("best", 8), ("ms/epoch", 9), ("n", 3)]
                              + (compare ? [("numpy s", 8), ("×numpy", 7), ("torch s", 13), ("×torch", 7)] : [])
                              + (reference?.cuda == true ? [("cuda s", 8), ("×cuda", 6)] : []))
        Console.out(table.header())
        let ref = reference?.titanic(runs: quick ? 3 : 9)
        if let error = ref?.error { Console.out("    numpy: \(error)") }
        let numpy = ref?.titanic?.numpy?.medianS, torch = ref?.titanic?.torch?.medianS
        let torchCuda = ref?.titanic?.torchCuda?.medianS
        for d in devices {
            var row = BenchResults.Titanic(device: d.address, workload: workload, numpySeconds: finite(numpy), torchSeconds: finite(torch),
                                           torchCudaSeconds: d.isGPU ? finite(torchCuda) : nil)
            do {
                let t = try TrainingBench.titanic(on: d.backend, runs: quick ? 3 : 9)
                row.seconds = finite(t.medianSeconds)
                row.bestSeconds = finite(t.bestSeconds)
                row.timedRuns = t.timed
                row.speedVsNumpy = finite(numpy.map { $0 / t.medianSeconds })
                row.speedVsTorch = finite(torch.map { $0 / t.medianSeconds })
                row.speedVsTorchCuda = finite(row.torchCudaSeconds.map { $0 / t.medianSeconds })
            } catch {
                row.error = "\(error)"
                results.failures.append("the Titanic run on \(d.address) failed")
            }
            results.titanic.append(row)
            Console.out(table.line([d.address, Format.number(row.seconds), Format.number(row.bestSeconds),
                                    Format.number(row.seconds.map { $0 * 1000 / Double(TrainingBench.titanicEpochs) }),
                                    row.timedRuns.map(String.init) ?? "-", Format.number(row.numpySeconds), Format.ratio(row.speedVsNumpy),
                                    reference == nil ? "-" : row.torchSeconds == nil ? "not installed" : Format.number(row.torchSeconds),
                                    Format.ratio(row.speedVsTorch), Format.number(row.torchCudaSeconds), Format.ratio(row.speedVsTorchCuda)]))
            if let error = row.error { Console.out("    \(error)") }
        }
    }

    func runCSV(mnist folder: String?, _ results: inout BenchResults) throws {
        let rows = csvRows ?? (quick ? 100_000 : CSVBench.rows)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = csvFile ?? dir.appendingPathComponent("big.csv").path
        try CSVBench.write(rows: rows, to: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let megabytes = Double(bytes) / 1e6
        Console.out("\nCSV: \(rows) rows × 22 columns, \(Format.number(megabytes)) MB (20 numeric with ~1% gaps, a quoted "
                    + "text column, a 0/1 target); seconds of load + featurise, median of runs after a warm-up")
        var row = BenchResults.CSV(rows: rows, megabytes: megabytes)
        let runs = quick ? 1 : 3
        do {
            var parts: [(parse: Double, featurise: Double)] = []
            let timing = try Stopwatch.repeated(runs) {
                let part = try CSVBench.load(path)
                parts.append(part)
                return part.parse + part.featurise
            }
            parts.removeFirst()  // the warm-up
            row.seconds = timing.medianSeconds
            row.bestSeconds = timing.bestSeconds
            row.parseSeconds = Stopwatch.median(parts.map(\.parse))
            row.featuriseSeconds = Stopwatch.median(parts.map(\.featurise))
        } catch {
            row.error = "\(error)"
            results.failures.append("the csv load failed: \(error)")
        }
        let whole = try CSVBench.wholeRun(path: path, directory: dir.path)
        row.wholeRunSeconds = whole.seconds
        row.peakMegabytes = whole.peakMegabytes
        row.accuracy = whole.accuracy
        if let error = whole.error {
            row.error = row.error ?? error
            results.failures.append("the csv training run failed: \(error)")
        }
        if compare {
            let pandas = PandasCSVReference.run(path: path, runs: runs)
            row.pandas = pandas.pandas ?? pandas.error
            row.pandasSeconds = pandas.medianS
            row.pandasReadSeconds = pandas.readMedianS
            row.pandasPeakMegabytes = pandas.peakMB
            row.speedVsPandas = finite(pandas.medianS.flatMap { p in row.seconds.map { p / $0 } })
        }
        results.csv = row
        let table = TextTable(columns: [("what", -26), ("seconds", 8), ("best", 8), ("MB/s", 7), ("rows/s", 8), ("peak MB", 8)]
                              + (compare ? [("pandas s", 9), ("×pandas", 8)] : []))
        Console.out(table.header())
        Console.out(table.line(["load + featurise", Format.number(row.seconds), Format.number(row.bestSeconds),
                                Format.number(row.seconds.map { megabytes / $0 }), Format.number(row.seconds.map { Double(rows) / $0 }),
                                "-", Format.number(row.pandasSeconds), Format.ratio(row.speedVsPandas)]))
        Console.out(table.line(["  of which parse (Table)", Format.number(row.parseSeconds), "-", "-", "-", "-",
                                Format.number(row.pandasReadSeconds), Format.ratio(finite(row.pandasReadSeconds.flatMap { p in row.parseSeconds.map { p / $0 } }))]))
        Console.out(table.line(["  of which split + features", Format.number(row.featuriseSeconds), "-", "-", "-", "-",
                                Format.number(row.pandasSeconds.flatMap { all in row.pandasReadSeconds.map { all - $0 } }), "-"]))
        Console.out(table.line(["whole run, 1 epoch (cpu)", Format.number(row.wholeRunSeconds), "-", "-", "-",
                                Format.number(row.peakMegabytes), "-", "-"]))
        if compare {
            Console.out("    pandas: \(row.pandas ?? "?")" + (row.pandasPeakMegabytes.map { ", peak \(Format.number($0)) MB with the interpreter" } ?? ""))
        }
        Console.out("    validation accuracy after 1 epoch: \(row.accuracy.map { String(format: "%.4f", $0) } ?? "-"); "
                    + "peak memory \(Format.ratio(row.peakMegabytes.map { $0 / megabytes })) × the file")
        if let error = row.error { Console.out("    \(error)") }
        if let folder {
            // MNIST-format files take another path (IDX, maybe gzipped); their load is measured beside the CSV's.
            do {
                let timing = try Stopwatch.repeated(runs) {
                    let t0 = Stopwatch.now()
                    _ = try MNIST.load(folder: folder)
                    return Stopwatch.now() - t0
                }
                results.csv?.mnistLoadSeconds = timing.medianSeconds
                Console.out("    MNIST-format \(folder) (70,000 images): load in \(Format.number(timing.medianSeconds)) s")
            } catch {
                results.failures.append("the MNIST load failed: \(error)")
                Console.out("    MNIST-format \(folder): \(error)")
            }
        }
    }

    func runStartup(_ devices: [Device], _ results: inout BenchResults) throws {
        Console.out("\nStart-up: `gputrain --device D --epochs 1` spawned twice with a fresh kernel cache; seconds from the spawn")
        let table = TextTable(columns: [("device", -11), ("1st: first batch", 16), ("exit", 6), ("2nd: first batch", 16), ("exit", 6)])
        Console.out(table.header())
        for d in devices {
            let runs = try StartupBench.measure(device: d.address, noFallback: noFallback)
            results.startup.append(.init(device: d.address, command: "gputrain --device \(d.address) --epochs 1",
                                         firstRun: runs.first, secondRun: runs.second))
            Console.out(table.line([d.address, Format.number(runs.first.toFirstBatchSeconds), Format.number(runs.first.totalSeconds),
                                    Format.number(runs.second.toFirstBatchSeconds), Format.number(runs.second.totalSeconds)]))
            for error in [runs.first.error, runs.second.error].compactMap({ $0 }) {
                Console.out("    \(error)")
                results.failures.append("start-up on \(d.address): \(error)")
            }
        }
    }
}
