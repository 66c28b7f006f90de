import Foundation
import Testing

/// MNIST-format folders for the trainer: real MNIST when it is on this machine, otherwise made-up IDX files.
enum MNISTFixture {
    /// `GPUTRAIN_MNIST_DIR`, or the project's shared copy of MNIST beside the repository, when it has the files;
    /// `GPUTRAIN_MNIST_DIR=synthetic` makes the tests use made-up files even where MNIST is.
    static let realFolder: String? = {
        var candidates: [String] = []
        let variable = ProcessInfo.processInfo.environment["GPUTRAIN_MNIST_DIR"] ?? ""
        if variable == "synthetic" { return nil }
        if !variable.isEmpty { candidates.append(variable) }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }  // the file, GPUTrainCLITests, Tests
        candidates += [root.appendingPathComponent("shared/data/mnist").path,
                       root.deletingLastPathComponent().appendingPathComponent("shared/data/mnist").path]
        return candidates.first { dir in
            ["train-images.idx3-ubyte.gz", "train-images-idx3-ubyte.gz", "train-images-idx3-ubyte", "train-images.idx3-ubyte"]
                .contains { FileManager.default.fileExists(atPath: dir + "/" + $0) }
        }
    }()

    /// Big-endian IDX bytes: magic, dimensions, data.
    static func idx(magic: UInt32, dims: [Int], data: [UInt8]) -> [UInt8] {
        ([magic] + dims.map(UInt32.init)).flatMap { word in (0..<4).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
            + data
    }

    /// Writes a synthetic MNIST-format folder: 10 classes, each a random 28×28 prototype (a third of the
    /// pixels lit), every image its class's prototype with a tenth of its pixels flipped and ±30 of noise on
    /// the rest. Well separated, so a small MLP should be nearly always right; a broken pipeline (labels
    /// misaligned with images, pixels not scaled, argmax wrong) is at chance, 10%.
    static func writeSynthetic(to folder: String, train: Int, test: Int, seed: UInt64 = 7) throws {
        var state = seed
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pixels = 28 * 28
        let prototypes = (0..<10).map { _ in (0..<pixels).map { _ in next() % 3 == 0 } }
        func part(_ count: Int, images: String, labels: String) throws {
            var data = [UInt8](), classes = [UInt8]()
            for _ in 0..<count {
                let label = Int(next() % 10)
                classes.append(UInt8(label))
                for p in 0..<pixels {
                    let lit = prototypes[label][p] != (next() % 10 == 0)
                    let noise = Int(next() % 61) - 30
                    data.append(UInt8(clamping: (lit ? 220 : 20) + noise))
                }
            }
            try Data(idx(magic: 0x803, dims: [count, 28, 28], data: data)).write(to: URL(fileURLWithPath: folder + "/" + images))
            try Data(idx(magic: 0x801, dims: [count], data: classes)).write(to: URL(fileURLWithPath: folder + "/" + labels))
        }
        // Both spellings of the names, as the reader accepts.
        try part(train, images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte")
        try part(test, images: "t10k-images.idx3-ubyte", labels: "t10k-labels.idx1-ubyte")
    }

    /// The last epoch's validation accuracy in a training run's output.
    static func finalAccuracy(_ stdout: String) -> Double? {
        let rows = stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        guard let last = rows.last else { return nil }
        let fields = last.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count >= 4 ? Double(fields[3]) : nil
    }
}

@Suite("gputrain on MNIST-format data")
struct MNISTCLITests {
    /// Smoke test of the whole MNIST path (IDX reading, 784 features, 10-class softmax, argmax accuracy) on the
    /// CPU backend and on the OpenCL device: the first 3,000 training and (real MNIST) 3,000 validation images,
    /// 784 → 64 → 10, 5 epochs at batch 64, lr 0.2. Real MNIST reaches 0.89–0.90 so (threshold 0.85; chance is
    /// 0.10); the synthetic folder (1,000 validation images) about 1.0 (threshold 0.95).
    @Test("a few thousand images train to well above chance", arguments: ["cpu", "gpu"])
    func smoke(device: String) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-mnist-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let folder: String, threshold: Double
        if let real = MNISTFixture.realFolder {
            (folder, threshold) = (real, 0.85)
        } else {
            try MNISTFixture.writeSynthetic(to: temp, train: 3000, test: 1000)
            (folder, threshold) = (temp, 0.95)
        }
        // gpu: PoCL under CI (no fallback there); elsewhere the CPU backend when there is no OpenCL.
        let env = CLI.environment(CLI.inCI && device == "gpu" ? ["GPUTRAIN_NO_FALLBACK": "1"] : [:])
        let r = try CLI.run(["--device", device, "--data", folder, "--limit", "3000", "--hidden", "64",
                             "--epochs", "5", "--batch-size", "64", "--lr", "0.2"], environment: env, timeout: 300)
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("3000 training and \(folder == temp ? 1000 : 3000) validation rows, 784 features"), "\(r.summary)")
        #expect(r.stdout.contains("loss softmax"), "\(r.summary)")
        let accuracy = try #require(MNISTFixture.finalAccuracy(r.stdout), "no epoch rows: \(r.summary)")
        print("MNIST smoke (\(folder == temp ? "synthetic" : "real") data, --device \(device)): accuracy \(accuracy), threshold \(threshold)")
        #expect(accuracy >= threshold, "\(r.stdout)")
    }

    @Test("MNIST-format data gets its own defaults, and --valid-pct is said to be ignored")
    func defaultsAndValidPct() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-mnist-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try MNISTFixture.writeSynthetic(to: temp, train: 300, test: 100)
        let r = try CLI.run(["--device", "cpu", "--data", temp, "--epochs", "1", "--hidden", "8", "--valid-pct", "0.3"],
                            environment: CLI.environment())
        #expect(r.exitedNormally && r.status == 0, "\(r.summary)")
        #expect(r.stdout.contains("300 training and 100 validation rows"), "\(r.summary)")
        #expect(r.stdout.contains("lr 0.4, batch 256"), "the MNIST defaults: \(r.summary)")
        #expect(r.errorLines == ["gputrain: --valid-pct is ignored for MNIST-format data: the t10k files are the validation set"],
                "\(r.summary)")
    }

    @Test("MNIST errors are one line and start no training", arguments: [
        (["--limit", "0"], "--limit must be at least 1"),
    ])
    func errors(arguments: [String], message: String) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-mnist-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try MNISTFixture.writeSynthetic(to: temp, train: 50, test: 20)
        let r = try CLI.run(["--device", "cpu", "--data", temp] + arguments, environment: CLI.environment())
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.filter { $0.hasPrefix("Error:") }.count == 1, "\(r.summary)")
        #expect(r.stderr.contains(message), "\(r.summary)")
        #expect(!r.stdout.contains("epoch "), "\(r.summary)")
    }

    @Test("a folder without the IDX files names the first one missing")
    func missingFiles() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-mnist-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let r = try CLI.run(["--device", "cpu", "--data", temp], environment: CLI.environment())
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1 && r.stderr.contains("train-images-idx3-ubyte"), "\(r.summary)")
    }

    @Test("--data fashion-mnist, when not installed, says how to install it in one line",
          .enabled(if: !FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist")))
    func fashionMNISTMissing() throws {
        let r = try CLI.run(["--device", "cpu", "--data", "fashion-mnist"], environment: CLI.environment())
        #expect(r.exitedNormally && r.status != 0, "\(r.summary)")
        #expect(r.errorLines.count == 1, "\(r.summary)")
        #expect(r.stderr.contains("apt-get install dataset-fashion-mnist"), "\(r.summary)")
    }
}
