import Foundation
import GPUTrain

/// The `csv` section of `gputrain bench`: a large CSV loaded and featurised, beside pandas.
enum CSVBench {
    static let rows = 1_000_000
    static let numericColumns = 20
    /// The text column's values as written in the file: quoted, some with commas and doubled quotes.
    static let categories = ["alpha", "\"beta, the second\"", "\"gamma \"\"quoted\"\"\"", "delta", "\"eps, \"\"x\"\"\""]

    /// Writes the benchmark's file: `rows` rows of 20 numeric columns (uniform in [-10, 10), four decimals,
    /// about 1% empty), a quoted text column with 5 values, and `y` = 1 when the numbers (gaps as 0) sum above 0.
    static func write(rows: Int, to path: String, seed: UInt64 = 7) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CLIFailure("bench: cannot create \(path)")
        }
        defer { try? file.close() }
        var rng = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 22)
        let header = (1...numericColumns).map { "x\($0)" } + ["cat", "y"]
        out += Array((header.joined(separator: ",") + "\n").utf8)
        let categoryBytes = categories.map { Array($0.utf8) }
        for _ in 0..<rows {
            var sum = 0
            for _ in 0..<numericColumns {
                // Ten-thousandths as an integer, written without Foundation's formatting (which would dominate).
                let value = Int(rng.next(below: 200_000)) - 100_000
                if rng.next(below: 100) != 0 {
                    sum += value
                    appendFixed4(value, to: &out)
                }
                out.append(UInt8(ascii: ","))
            }
            out += categoryBytes[rng.next(below: categoryBytes.count)]
            out += [UInt8(ascii: ","), sum > 0 ? UInt8(ascii: "1") : UInt8(ascii: "0"), UInt8(ascii: "\n")]
            if out.count > 1 << 22 - 256 {
                file.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        file.write(Data(out))
    }

    /// `value / 10_000` with four decimals, e.g. -31416 → `-3.1416`.
    private static func appendFixed4(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        out += Array(String(magnitude / 10_000).utf8)
        out.append(UInt8(ascii: "."))
        let fraction = magnitude % 10_000
        for divisor in [1000, 100, 10, 1] { out.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10)) }
    }

    /// Loading and featurising in this process, as training does it; returns the seconds of each part.
    static func load(_ path: String) throws -> (parse: Double, featurise: Double) {
        let t0 = Stopwatch.now()
        let table = try Table(contentsOfFile: path)
        let t1 = Stopwatch.now()
        _ = try table.split(validPct: 0.2, seed: 42, options: FeatureOptions(target: "y"))
        return (t1 - t0, Stopwatch.now() - t1)
    }
}

/// pandas on the same file: `read_csv` then `get_dummies`, one warm-up call and `runs` timed ones.
enum PandasCSVReference {
    struct Result: Decodable {
        var error: String?
        var pandas: String?
        var medianS: Double?
        var bestS: Double?
        var readMedianS: Double?
        var peakMB: Double?
    }

    static let script = #"""
import json, resource, sys, time
path, runs = sys.argv[1], int(sys.argv[2])
try:
    import pandas as pd
except Exception as e:
    print(json.dumps({"error": "pandas not installed (%s)" % type(e).__name__}))
    sys.exit(0)
def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
pd.get_dummies(pd.read_csv(path))
times, reads = [], []
for _ in range(runs):
    t = time.perf_counter()
    frame = pd.read_csv(path)
    reads.append(time.perf_counter() - t)
    frame = pd.get_dummies(frame)
    times.append(time.perf_counter() - t)
    del frame
print(json.dumps({"pandas": pd.__version__, "median_s": median(times), "best_s": min(times),
                  "read_median_s": median(reads),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""#

    static func run(path: String, runs: Int) -> Result {
        let env = ProcessInfo.processInfo.environment
        let python = env[BenchReference.pythonVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        do {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-pandas-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let scriptURL = dir.appendingPathComponent("pandas.py")
            try Data(script.utf8).write(to: scriptURL)
            let child = try ChildRun.run("/usr/bin/env", [python, "-", path, "\(runs)"], environment: env, input: scriptURL)
            guard child.succeeded else {
                return Result(error: "\(python) failed: \(child.lastErrorLine ?? "exit status \(child.status)")")
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Result.self, from: child.stdout)
        } catch {
            return Result(error: "\(python): \(error)")
        }
    }
}

extension CSVBench {
    struct WholeRun {
        var seconds: Double?
        var peakMegabytes: Double?
        var accuracy: Double?
        var error: String?
    }

    /// Spawns `gputrain --device cpu --data path --target y --epochs 1`: spawn to exit, the peak resident memory the
    /// child reports (``TrainCommand/peakMemoryVariable``) and the accuracy in its metrics file.
    static func wholeRun(path: String, directory: String) throws -> WholeRun {
        guard let binary = StartupBench.executable else { throw CLIFailure("bench: cannot find the gputrain executable to spawn") }
        var env = ProcessInfo.processInfo.environment
        env[TrainCommand.peakMemoryVariable] = "1"
        let metrics = directory + "/metrics.json"
        let arguments = ["--device", "cpu", "--data", path, "--target", "y", "--epochs", "1", "--metrics", metrics]
        let child = try ChildRun.run(binary, arguments, environment: env)
        guard child.succeeded else {
            return WholeRun(seconds: child.seconds, error: "gputrain \(arguments.joined(separator: " ")) failed "
                            + "(status \(child.status)): \(child.lastErrorLine ?? "no message")")
        }
        let peak = child.stderr.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "peak memory ") else { return nil }
            return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }.last
        var accuracy: Double?
        if let data = FileManager.default.contents(atPath: metrics),
           let records = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
            accuracy = records.last?["accuracy"] as? Double
        }
        return WholeRun(seconds: child.seconds, peakMegabytes: peak, accuracy: accuracy)
    }
}
