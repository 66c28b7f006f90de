import Foundation

/// What `python3 -` with ``BenchReferenceScript`` measured (its JSON, snake_case keys).
struct ReferenceResults: Codable {
    struct Timed: Codable {
        var medianS: Double
        var bestS: Double
        var timed: Int
        var warmupS: Double?
    }
    struct GEMM: Codable {
        var m, k, n: Int
        var variant: String
        var medianS: Double
        var bestS: Double
        var timed: Int
    }
    struct MLP: Codable {
        var rows: Int?
        var numpy: Timed?
        var torch: Timed?
        var torchCuda: Timed?
        var error: String?
    }
    struct Titanic: Codable {
        var numpy: Timed?
        var torch: Timed?
        var torchCuda: Timed?
    }

    var error: String?
    var python: String?
    var numpy: String?
    var blas: String?
    var threads: Int?
    var torch: String?
    /// The CUDA device PyTorch ran on, or why it could not.
    var cuda: String?
    var cudaError: String?
    var gemm: [GEMM]?
    var cudaGemm: [GEMM]?
    var mlp: MLP?
    var titanic: Titanic?

    func gemm(_ c: GEMMCase) -> GEMM? { Self.find(c, in: gemm) }
    func cudaGemm(_ c: GEMMCase) -> GEMM? { Self.find(c, in: cudaGemm) }

    private static func find(_ c: GEMMCase, in list: [GEMM]?) -> GEMM? {
        list?.first { $0.m == c.m && $0.k == c.k && $0.n == c.n && $0.variant == c.variant.rawValue }
    }
}

/// Runs the embedded reference script with `python3` (or `GPUTRAIN_BENCH_PYTHON`, e.g. a venv with PyTorch).
enum BenchReference {
    static let pythonVariable = "GPUTRAIN_BENCH_PYTHON"

    struct Config: Encodable {
        struct MLP: Encodable { var folder: String?; var epochs: Int }
        struct Titanic: Encodable { var train, valid, features, hidden, epochs, runs: Int }
        var threads: Int
        var rounds: Int
        /// Whether to import PyTorch (slow to import; `gemm` is numpy only).
        var torch: Bool
        /// Whether to run PyTorch on CUDA too, where it has a GPU (the reference for GPU devices).
        var cuda = false
        var gemm: [[AnyCodable]] = []
        /// GEMMs for torch.mm on CUDA (cuBLAS), `[m, k, n, variant]` as `gemm`.
        var cudaGemm: [[AnyCodable]] = []
        var mlp: MLP? = nil
        var titanic: Titanic? = nil
    }

    /// A JSON scalar in the config's `[m, k, n, "NN"]` tuples.
    enum AnyCodable: Encodable {
        case int(Int), string(String)
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let i): try c.encode(i)
            case .string(let s): try c.encode(s)
            }
        }
    }

    static func run(_ config: Config) -> ReferenceResults {
        let env = ProcessInfo.processInfo.environment
        let python = env[pythonVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        do {
            let configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-py-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let scriptURL = dir.appendingPathComponent("reference.py")
            try Data(BenchReferenceScript.text.utf8).write(to: scriptURL)
            var childEnv = env
            childEnv["OPENBLAS_NUM_THREADS"] = "\(config.threads)"
            childEnv["OMP_NUM_THREADS"] = "\(config.threads)"
            let child = try ChildRun.run("/usr/bin/env", [python, "-", configJSON], environment: childEnv, input: scriptURL)
            guard child.succeeded else {
                return ReferenceResults(error: "\(python) failed: \(child.lastErrorLine ?? "exit status \(child.status)")")
            }
            let stdout = child.stdout
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(ReferenceResults.self, from: stdout)
        } catch {
            return ReferenceResults(error: "\(python): \(error)")
        }
    }
}
