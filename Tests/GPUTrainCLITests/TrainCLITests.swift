import Foundation
import Testing

/// What a run of the built `gputrain` printed and how it ended.
struct CLIResult {
    let status: Int32, stdout: String, stderr: String, signaled: Bool
}

/// Runs the built `gputrain` (beside the test bundle) with `arguments` and an explicit environment.
func runGPUTrain(_ arguments: [String], environment: [String: String] = [:],
                 removing: [String] = ["GPUTRAIN_NO_FALLBACK"]) throws -> CLIResult {
    let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gputrain")
    guard FileManager.default.isExecutableFile(atPath: bin.path) else {
        throw CLIError("gputrain is not built at \(bin.path); run `swift build --build-tests` first")
    }
    let process = Process()
    process.executableURL = bin
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in removing { env.removeValue(forKey: key) }
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self),
                     signaled: process.terminationReason == .uncaughtSignal)
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A new empty folder: as OCL_ICD_VENDORS it makes the OpenCL loader see no platform at all.
func emptyDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-test-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

@Suite("gputrain CLI")
struct TrainCLITests {
    @Test("with no OpenCL platform, --device gpu says so in one line and trains on the CPU backend")
    func fallback() throws {
        let r = try runGPUTrain(["--device", "gpu", "--epochs", "2"], environment: ["OCL_ICD_VENDORS": try emptyDir()])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line on stderr, got: \(r.stderr)")
        #expect(lines.first?.contains("no OpenCL platform found (CL_PLATFORM_NOT_FOUND_KHR)") == true)
        #expect(lines.first?.contains("pocl-opencl-icd") == true)
        #expect(r.stdout.contains("device: CPU (Swift"))
        #expect(r.stdout.contains("epoch  train_loss  valid_loss  accuracy  error_rate  time"))
    }

    @Test("with fallback off (flag or environment), no OpenCL platform is a clean failure", arguments: [true, false])
    func noFallback(flag: Bool) throws {
        let env = ["OCL_ICD_VENDORS": try emptyDir()].merging(flag ? [:] : ["GPUTRAIN_NO_FALLBACK": "1"]) { $1 }
        let r = try runGPUTrain(["--device", "gpu", "--epochs", "1"] + (flag ? ["--no-fallback"] : []),
                                environment: env, removing: flag ? ["GPUTRAIN_NO_FALLBACK"] : [])
        #expect(r.status != 0 && !r.signaled)
        #expect(r.stderr.contains("Error: --device gpu: no OpenCL platform found"), "\(r.stderr)")
        #expect(!r.stdout.contains("epoch "), "no training may start")
    }

    @Test("--list-devices shows the CPU backend, and PoCL under CI")
    func listDevices() throws {
        let r = try runGPUTrain(["--list-devices"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("CPU (Swift"))
        if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty && $0 != "0" && $0 != "false" }) ?? false {
            #expect(r.stdout.contains("opencl:0:0"), "CI must see PoCL: \(r.stdout)")
            #expect(r.stdout.contains("OpenCL "))
        }
    }

    @Test("a CSV with NaN fails naming the column; nothing is saved")
    func nanInCSV() throws {
        let dir = try emptyDir()
        let csv = "\(dir)/bad.csv", model = "\(dir)/model.json"
        let rows = (0..<20).map { "\($0 % 2),\($0 == 7 ? "nan" : "\(20 + $0)"),\(7 + $0)" }
        try (["Survived,Age,Fare"] + rows).joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try runGPUTrain(["--device", "cpu", "--data", csv, "--save", model])
        #expect(r.status != 0 && !r.signaled)
        #expect(r.stderr.contains("Age"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test("train, save, then predict the embedded Kaggle test set; a corrupt model is refused")
    func predict() throws {
        let dir = try emptyDir()
        let model = "\(dir)/model.json", out = "\(dir)/predictions.csv"
        let t = try runGPUTrain(["--device", "cpu", "--epochs", "3", "--save", model])
        #expect(t.status == 0, "\(t.stderr)")
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", model, "--out", out])
        #expect(p.status == 0, "\(p.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "PassengerId,Survived")
        #expect(lines.count == 419)
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",0") || $0.hasSuffix(",1") })
        #expect(lines.count > 1 && lines[1].hasPrefix("892,"))
        try "not json".write(toFile: model, atomically: true, encoding: .utf8)
        let bad = try runGPUTrain(["predict", "--device", "cpu", "--model", model, "--out", "\(dir)/p2.csv"])
        #expect(bad.status != 0 && !bad.signaled)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/p2.csv"))
    }
}
