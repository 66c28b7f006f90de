import Foundation
import Testing

@Suite("gputrain bench")
struct BenchCLITests {
    static func tempFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func object(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("--quick --only gemm --device cpu checks and times each GEMM variant and writes the JSON")
    func gemmJSON() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = dir + "/bench.json"
        let r = try CLI.run(["bench", "--quick", "--only", "gemm", "--device", "cpu", "--json", json,
                             "--shapes", "64x64x64,33x17x5"], environment: CLI.environment(), timeout: 120)
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("shape MxKxN"), "a table is printed: \(r.summary)")
        let root = try Self.object(json)
        #expect(root["format"] as? String == "gputrain-bench-1")
        #expect(root["sections"] as? [String] == ["gemm"])
        #expect((root["gemm_tolerance"] as? String)?.contains("1e-4") == true)
        #expect((root["failures"] as? [Any])?.isEmpty == true)
        let devices = try #require(root["devices"] as? [[String: Any]])
        #expect(devices.map { $0["device"] as? String } == ["cpu"])
        let rows = try #require(root["gemm"] as? [[String: Any]])
        #expect(rows.count == 6, "2 shapes × 3 variants: \(rows.count)")
        #expect(Set(rows.compactMap { $0["variant"] as? String }) == ["NN", "TN", "NT"])
        for row in rows {
            let gflops = try #require(row["gflops"] as? Double, "\(row)")
            #expect(gflops.isFinite && gflops > 0, "\(row)")
            #expect((row["best_gflops"] as? Double).map { $0 >= gflops } == true, "\(row)")
            #expect((row["timed"] as? Int).map { $0 >= 3 } == true, "\(row)")
            #expect(row["device"] as? String == "cpu")
            let check = try #require(row["check"] as? [String: Any])
            #expect(check["passed"] as? Bool == true, "\(row)")
            #expect((check["worst_error_ratio"] as? Double).map { $0 >= 0 && $0 <= 1 } == true, "\(row)")
        }
        let tn = try #require(rows.first { $0["shape"] as? String == "33x17x5" && $0["variant"] as? String == "TN" })
        #expect(tn["stored_a"] as? String == "17x33" && tn["stored_b"] as? String == "17x5", "\(tn)")
        let nt = try #require(rows.first { $0["shape"] as? String == "33x17x5" && $0["variant"] as? String == "NT" })
        #expect(nt["stored_a"] as? String == "33x17" && nt["stored_b"] as? String == "5x17", "\(nt)")
    }

    @Test("start-up and the Titanic run: the child reports its first batch; seconds are positive")
    func startupAndTitanic() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = dir + "/bench.json"
        let r = try CLI.run(["bench", "--quick", "--only", "titanic,startup", "--device", "cpu", "--json", json],
                            environment: CLI.environment(), timeout: 180)
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        let root = try Self.object(json)
        let titanic = try #require((root["titanic"] as? [[String: Any]])?.first)
        #expect((titanic["seconds"] as? Double).map { $0 > 0 && $0.isFinite } == true, "\(titanic)")
        let startup = try #require((root["startup"] as? [[String: Any]])?.first)
        for key in ["first_run", "second_run"] {
            let run = try #require(startup[key] as? [String: Any], "\(startup)")
            let first = try #require(run["to_first_batch_seconds"] as? Double, "\(run)")
            let total = try #require(run["total_seconds"] as? Double, "\(run)")
            #expect(first > 0 && first <= total, "\(run)")
        }
    }

    @Test("--compare adds numpy's figures where python3 and numpy work, and says so where they do not",
          arguments: [nil, "/nonexistent/python3"])
    func compare(python: String?) throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = dir + "/bench.json"
        let env = CLI.environment(python.map { ["GPUTRAIN_BENCH_PYTHON": $0] } ?? [:])
        let r = try CLI.run(["bench", "--quick", "--only", "gemm", "--device", "cpu", "--compare", "--json", json,
                             "--shapes", "48x40x24"], environment: env, timeout: 120)
        #expect(r.exitedNormally && r.status == 0, "a missing reference is not a failure: \(r.summary)")
        let root = try Self.object(json)
        let reference = try #require(root["reference"] as? [String: Any], "\(root)")
        let rows = try #require(root["gemm"] as? [[String: Any]])
        if python != nil {
            #expect(reference["error"] is String && r.stdout.contains("reference: unavailable"), "\(r.summary)")
            #expect(rows.allSatisfy { $0["numpy_gflops"] == nil })
        } else if reference["error"] == nil {
            print("bench --compare: numpy \(reference["numpy"] ?? "?"), \(reference["blas"] ?? "?")")
            for row in rows {
                #expect((row["numpy_gflops"] as? Double).map { $0 > 0 && $0.isFinite } == true, "\(row)")
                #expect((row["speed_vs_numpy"] as? Double).map { $0 > 0 && $0.isFinite } == true, "\(row)")
            }
        } else {
            print("bench --compare: no numpy here (\(reference["error"] ?? "")); only the absence is checked")
        }
    }

    @Test("bad options are one error line and write nothing", arguments: [
        (["--only", "gemm,flops"], "unknown section 'flops'"),
        (["--device", "tpu"], "unknown device 'tpu'"),
        (["--data", "/nonexistent/x.csv"], "folder of MNIST-format IDX files"),
        (["--only", "gemm", "--json", "/nonexistent/dir/b.json"], "not writable"),
    ])
    func badOptions(arguments: [String], message: String) throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = dir + "/bench.json"
        let r = try CLI.run(["bench", "--json", json] + arguments, environment: CLI.environment())
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1 && r.errorLines.first?.hasPrefix("Error: ") == true, "\(r.summary)")
        #expect(r.stderr.contains(message), "\(r.summary)")
        #expect(!FileManager.default.fileExists(atPath: json))
        #expect(r.stdout.isEmpty, "nothing is measured: \(r.summary)")
    }

    @Test("--help reads like a manual page, with examples")
    func help() throws {
        let r = try CLI.run(["bench", "--help"], environment: CLI.environment())
        #expect(r.status == 0, "\(r.summary)")
        for text in ["SECTIONS", "EXAMPLES", "--compare", "--only", "1e-4", "gputrain bench --quick"] {
            #expect(r.stdout.contains(text), "help lacks \(text)")
        }
        #expect(!r.stdout.contains("--shapes"), "hidden options stay hidden")
    }
}
