import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything `gputrain bench` measured, as `--json` writes it (snake_case keys; a value that was not
/// measured is left out; speeds are `gputrain / reference`, above 1 when gputrain is faster).
struct BenchResults: Codable {
    struct Host: Codable {
        var cpu: String
        var cores: Int
        var loadAverageStart: [Double]
        var loadAverageEnd: [Double]?
    }
    struct Device: Codable {
        var device: String
        var name: String
        var kind: String
        var isGPU: Bool
    }
    struct Check: Codable {
        var passed: Bool
        /// Worst |error| / tolerance over the checked entries (≤ 1 passes); nil when not finite.
        var worstErrorRatio: Double?
        var error: String?
    }
    struct GEMM: Codable {
        var device: String
        var shape: String
        var m, k, n: Int
        var variant: String
        var op: String
        var storedA: String, storedB: String
        var check: Check
        var gflops: Double?
        var bestGflops: Double?
        var medianMs: Double?
        var timed: Int?
        var warmupMs: Double?
        var numpyGflops: Double?
        var speedVsNumpy: Double?
        /// torch.mm on CUDA, fp32 without TF32: set on GPU devices' rows only.
        var cublasGflops: Double?
        var speedVsCublas: Double?
    }
    struct Training: Codable {
        var device: String
        var workload: String
        var data: String
        var rowsPerSecond: Double?
        var bestRowsPerSecond: Double?
        var epochSeconds: Double?
        var timedEpochs: Int?
        var error: String?
        var numpyRowsPerSecond: Double?
        var speedVsNumpy: Double?
        var torchRowsPerSecond: Double?
        var speedVsTorch: Double?
        /// PyTorch on CUDA with the data on the GPU: set on GPU devices' rows only.
        var torchCudaRowsPerSecond: Double?
        var speedVsTorchCuda: Double?
    }
    struct Titanic: Codable {
        var device: String
        var workload: String
        var seconds: Double?
        var bestSeconds: Double?
        var timedRuns: Int?
        var error: String?
        var numpySeconds: Double?
        var speedVsNumpy: Double?
        var torchSeconds: Double?
        var speedVsTorch: Double?
        var torchCudaSeconds: Double?
        var speedVsTorchCuda: Double?
    }
    struct CSV: Codable {
        var rows: Int
        var megabytes: Double
        /// Load + featurise in the bench's process.
        var seconds: Double?
        var bestSeconds: Double?
        /// Of `seconds`: reading the file into columns (`Table`), then the split and the features (median of each).
        var parseSeconds: Double?
        var featuriseSeconds: Double?
        /// `gputrain --device cpu --data F --target y --epochs 1`, spawned: spawn to exit, its peak resident memory
        /// and its last validation accuracy.
        var wholeRunSeconds: Double?
        var peakMegabytes: Double?
        var accuracy: Double?
        var pandas: String?
        var pandasSeconds: Double?
        /// Of `pandasSeconds`: `read_csv` alone (median).
        var pandasReadSeconds: Double?
        var pandasPeakMegabytes: Double?
        var speedVsPandas: Double?
        /// With --data: seconds to load that MNIST-format folder (training and validation parts).
        var mnistLoadSeconds: Double?
        var error: String?
    }
    struct Startup: Codable {
        var device: String
        var command: String
        var firstRun: StartupBench.Run
        var secondRun: StartupBench.Run
    }
    struct Reference: Codable {
        var python: String?
        var numpy: String?
        var blas: String?
        var threads: Int?
        var torch: String?
        var cuda: String?
        var error: String?
    }

    var format = "gputrain-bench-1"
    var date: String
    var host: Host
    var quick: Bool
    var rounds: Int
    var sections: [String]
    var gemmTolerance = GEMMReference.toleranceText
    var devices: [Device] = []
    var reference: Reference?
    var gemm: [GEMM] = []
    var training: [Training] = []
    var titanic: [Titanic] = []
    var startup: [Startup] = []
    var csv: CSV?
    var failures: [String] = []

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func loadAverage() -> [Double] {
        var values = [Double](repeating: 0, count: 3)
        return getloadavg(&values, 3) == 3 ? values.map { ($0 * 100).rounded() / 100 } : []
    }

    static func cpuModel() -> String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown CPU"
    }
}

/// A finite value, or nil (JSON has no NaN or infinity).
func finite(_ x: Double?) -> Double? {
    guard let x, x.isFinite else { return nil }
    return x
}

/// A fixed-width text table printed row by row, as results arrive.
struct TextTable {
    /// Column titles and widths; a negative width left-aligns.
    let columns: [(String, Int)]

    func header() -> String { line(columns.map(\.0)) }

    func line(_ cells: [String]) -> String {
        zip(cells, columns).map { cell, column in
            let width = abs(column.1)
            let pad = String(repeating: " ", count: max(0, width - cell.count))
            return column.1 < 0 ? cell + pad : pad + cell
        }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}

enum Format {
    /// 3 significant digits or so: 0.123, 1.23, 12.3, 1234.
    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        let a = abs(x)
        if a >= 100 { return String(format: "%.0f", x) }
        if a >= 10 { return String(format: "%.1f", x) }
        if a >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.3g", x)
    }

    /// Two significant digits, for error ratios: 0.0012, 0.5, 3.1e+02; `inf` for NaN or infinity.
    static func small(_ x: Double) -> String {
        x.isFinite ? String(format: "%.2g", x) : "inf"
    }

    static func ratio(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: x >= 10 ? "%.1f" : "%.2f", x)
    }
}
