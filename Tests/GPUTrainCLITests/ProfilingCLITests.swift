import Foundation
import Testing

/// The kernel names `Kernels/*.cl` declares (`__kernel [attributes] void NAME(`), with `MATMUL_NAME` replaced by
/// each name the sources define it as (matmul.cl builds as `matmul`, and a second time as `matmul_small`).
let declaredKernels: Set<String> = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Kernels")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".cl") } ?? []
    let sources = files.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    let config = (try? String(contentsOf: root.appendingPathComponent("Sources/GPUTrain/Device/OpenCL/KernelConfig.swift"),
                              encoding: .utf8)) ?? ""
    func matches(_ pattern: String, _ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }
    var names = Set(sources.flatMap { matches(#"__kernel\s+(?:__attribute__\s*\(\(.*?\)\)\s*)?void\s+(\w+)\s*\("#, $0) })
    if names.remove("MATMUL_NAME") != nil {
        names.formUnion((sources + [config]).flatMap { matches(#"#define MATMUL_NAME (\w+)"#, $0) })
    }
    return names
}()

/// What a `--summary --profile --trace` run printed and wrote, parsed.
struct ProfiledRun {
    let result: CLIResult
    /// Per layer (and `sgd step`): the kernels in its forward and backward columns.
    var layers: [(name: String, forward: [String], backward: [String])] = []
    var perTrainingBatch = 0
    var validationBatch: [String] = []
    /// kernel → (launches, total ms).
    var profile: [String: (launches: Int, ms: Double)] = [:]
    var events: [[String: Any]] = []

    /// `a, b ×2, (in dense 1)` → [a, b, b].
    static func kernels(_ cell: String) -> [String] {
        cell.components(separatedBy: ", ").flatMap { item -> [String] in
            let parts = item.trimmingCharacters(in: .whitespaces).components(separatedBy: " ×")
            guard let name = parts.first, name.range(of: #"^[a-z_]+$"#, options: .regularExpression) != nil else { return [] }
            return Array(repeating: name, count: parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
        }
    }

    init(_ arguments: [String], trace: String) throws {
        result = try runGPUTrain(arguments)
        let lines = result.stdout.components(separatedBy: "\n")
        if let header = lines.firstIndex(where: { $0.hasPrefix("layer ") }) {
            let columns = Array(lines[header])
            func offset(_ word: String) -> Int { Array(lines[header]).indices.first { String(columns[$0...]).hasPrefix(word) }! }
            let (f, b) = (offset("forward"), offset("backward"))
            for line in lines[(header + 1)...].prefix(while: { !$0.hasPrefix("parameters:") }) {
                let chars = Array(line)
                func cell(_ from: Int, _ to: Int) -> String { from < chars.count ? String(chars[from..<min(to, chars.count)]) : "" }
                layers.append((cell(0, 10).trimmingCharacters(in: .whitespaces), Self.kernels(cell(f, b)), Self.kernels(cell(b, chars.count))))
            }
        }
        if let line = lines.first(where: { $0.hasPrefix("launches: ") }) {
            perTrainingBatch = Int(line.dropFirst("launches: ".count).prefix { $0.isNumber }) ?? -1
            if let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")") {
                validationBatch = Self.kernels(String(line[line.index(after: open)..<close]))
            }
        }
        if let header = lines.firstIndex(where: { $0.hasPrefix("kernel ") && $0.contains("launches") }) {
            for line in lines[(header + 1)...].prefix(while: { !$0.hasPrefix("device busy") }) {
                let f = line.split(separator: " ")
                if f.count >= 3, let n = Int(f[1]), let ms = Double(f[2]) { profile[String(f[0])] = (n, ms) }
            }
        }
        if let data = FileManager.default.contents(atPath: trace),
           let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
            events = json["traceEvents"] as? [[String: Any]] ?? []
        }
    }

    var complete: [[String: Any]] { events.filter { $0["ph"] as? String == "X" } }
    var launches: [[String: Any]] { complete.filter { $0["tid"] as? Int == 2 } }
    var host: [[String: Any]] { complete.filter { $0["tid"] as? Int == 1 } }
}

func arg(_ event: [String: Any], _ key: String) -> Any? { (event["args"] as? [String: Any])?[key] }
func number(_ event: [String: Any], _ key: String) -> Double { (event[key] as? NSNumber)?.doubleValue ?? .nan }

@Suite("gputrain --summary, --profile, --trace, --verbose")
struct ProfilingCLITests {
    static var devices: [String] { ["cpu"] + (CLI.openCLEnabled ? ["gpu"] : []) }

    @Test("the trace, the summary and the profile agree", arguments: devices)
    func agree(device: String) throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trace = "\(dir)/run.json"
        let epochs = 3
        let run = try ProfiledRun(["--device", device, "--no-fallback", "--epochs", "\(epochs)", "--summary", "--profile",
                                   "--trace", trace, "--trace-epochs", "\(epochs)"], trace: trace)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.result.stdout.contains("trace of 3 epochs written to \(trace)"), "\(run.result.stdout)")

        // The Trace Event Format: metadata naming the tracks, then complete events with µs times.
        #expect(run.events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" && arg($0, "name") as? String == "host" })
        for event in run.complete {
            #expect(event["name"] is String && event["pid"] is Int && event["tid"] is Int, "\(event)")
            #expect(number(event, "ts") >= 0 && number(event, "dur") >= 0, "\(event)")
        }

        // Every launch: a positive duration and the name of a kernel in Kernels/.
        #expect(declaredKernels.isSuperset(of: ["matmul", "matmul_direct", "relu", "sgd", "loss_totals"]), "\(declaredKernels)")
        #expect(!run.launches.isEmpty)
        for launch in run.launches {
            let name = launch["name"] as? String ?? ""
            #expect(number(launch, "dur") > 0, "\(launch)")
            #expect(declaredKernels.contains(name), "\(name) is not a kernel in Kernels/")
            #expect(arg(launch, "shape") is String)
        }

        // The host track: each epoch with its two phases and batches (712/64 → 12 training, 1 validation).
        let hostNames = run.host.compactMap { $0["name"] as? String }
        #expect(hostNames.filter { $0.hasPrefix("epoch ") }.count == epochs)
        #expect(hostNames.filter { $0 == "train" }.count == epochs && hostNames.filter { $0 == "validate" }.count == epochs)
        #expect(hostNames.filter { $0.hasPrefix("train batch") }.count == 12 * epochs)
        #expect(hostNames.filter { $0.hasPrefix("valid batch") }.count == epochs)
        // Each epoch's launches lie within the epoch (to a millisecond: the device's clock is mapped onto the host's).
        for epoch in 0..<epochs {
            let span = try #require(run.host.first { $0["name"] as? String == "epoch \(epoch)" })
            let (start, end) = (number(span, "ts"), number(span, "ts") + number(span, "dur"))
            for launch in run.launches where arg(launch, "epoch") as? Int == epoch {
                #expect(number(launch, "ts") >= start - 1000 && number(launch, "ts") + number(launch, "dur") <= end + 1000,
                        "\(launch) outside epoch \(epoch) [\(start), \(end)]")
            }
        }

        // Per training batch, the launches the summary lists layer by layer (full batches; the last has 9 rows).
        let summarized = run.layers.flatMap { $0.forward + $0.backward }
        #expect(run.layers.map(\.name).prefix(3) == ["dense 1", "ReLU 1", "dense 2"], "\(run.layers.map(\.name))")
        #expect(summarized.count == run.perTrainingBatch && run.perTrainingBatch > 0, "\(run.result.stdout)")
        for epoch in 0..<epochs {
            for batch in 0..<11 {
                let ran = run.launches.filter {
                    arg($0, "epoch") as? Int == epoch && arg($0, "phase") as? String == "train" && arg($0, "batch") as? Int == batch
                }.compactMap { $0["name"] as? String }
                #expect(counts(ran) == counts(summarized), "epoch \(epoch) batch \(batch): \(ran) vs \(summarized)")
            }
            let valid = run.launches.filter { arg($0, "epoch") as? Int == epoch && arg($0, "phase") as? String == "valid" }
            #expect(counts(valid.compactMap { $0["name"] as? String }) == counts(run.validationBatch))
        }

        // The profile's totals are the trace's: every epoch is in both.
        let byKernel = Dictionary(grouping: run.launches) { $0["name"] as? String ?? "" }
        #expect(Set(run.profile.keys) == Set(byKernel.keys).union(["all"]), "\(run.profile.keys) vs \(byKernel.keys)")
        for (kernel, launches) in byKernel {
            let microseconds = launches.map { number($0, "dur") }.reduce(0, +)
            #expect(run.profile[kernel]?.launches == launches.count, "\(kernel)")
            #expect(abs((run.profile[kernel]?.ms ?? -1) - microseconds / 1000) <= 0.0006, "\(kernel): \(run.profile[kernel]!.ms) ms vs \(microseconds) µs")
        }
        #expect(run.profile["all"]?.launches == run.launches.count)
    }

    @Test("--trace-epochs bounds the trace; the default keeps 2 epochs")
    func bounded() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (flag, kept) in [(["--trace-epochs", "1"], 1), ([], 2)] {
            let trace = "\(dir)/t.json"
            let run = try ProfiledRun(["--device", "cpu", "--epochs", "4", "--trace", trace] + flag, trace: trace)
            #expect(run.result.status == 0, "\(run.result.stderr)")
            let epochs = Set(run.launches.compactMap { arg($0, "epoch") as? Int })
            #expect(epochs == Set(0..<kept))
            #expect(run.host.filter { ($0["name"] as? String)?.hasPrefix("epoch ") == true }.count == kept)
            #expect(!run.result.stdout.contains("kernel "), "no profile without --profile")
        }
    }

    @Test("--verbose prints fastai's event names in order on stderr, and the metrics are those of a plain run")
    func verbose() throws {
        let plain = try runGPUTrain(["--device", "cpu", "--epochs", "2", "--model", "excel"])
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "2", "--model", "excel", "--verbose", "--summary", "--profile"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = r.stderr.split(separator: "\n").compactMap { line in
            line.components(separatedBy: " s] ").last?.split(separator: " ").first.map(String.init)
        }
        let epoch = ["before_epoch", "before_train", "after_train", "before_validate", "after_validate", "after_epoch"]
        #expect(names == ["before_fit"] + epoch + epoch + ["after_fit"], "\(r.stderr)")
        #expect(r.stderr.contains("after_epoch     epoch 1: metrics read back"), "\(r.stderr)")
        // Metric rows without the time column are identical.
        func rows(_ out: String) -> [String] {
            out.split(separator: "\n").filter { $0.first?.isNumber == true }.map { $0.split(separator: " ").prefix(5).joined(separator: " ") }
        }
        #expect(rows(plain.stdout).count == 2 && rows(plain.stdout) == rows(r.stdout), "\(plain.stdout)\n\(r.stdout)")
        // The spreadsheet's shapes: rows × 2 → ReLU → rows × 1.
        #expect(r.stdout.contains("64 × 2") && r.stdout.contains("rowsum"), "\(r.stdout)")
    }

    @Test("bad --trace or --trace-epochs: one error line, before training, nothing written", arguments: [
        (["--trace", "$DIR/missing/t.json"], "directory '$DIR/missing' does not exist"),
        (["--trace", "$DIR/t.txt"], "--trace $DIR/t.txt: name the file .json"),
        (["--trace", "$DIR/folder.json"], "is a directory"),
        (["--trace", "$DIR/t.json", "--trace-epochs", "0"], "--trace-epochs must be at least 1, got 0"),
        (["--trace-epochs", "2"], "--trace-epochs needs --trace FILE.json"),
        (["--trace", ""], "an output file name is empty"),
    ])
    func badInput(arguments: [String], expected: String) throws {
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/folder.json", withIntermediateDirectories: false)
        let args = arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) } + ["--device", "cpu", "--epochs", "1"]
        let r = try runGPUTrain(args)
        // Still an empty folder (rmdir fails otherwise), then no other file either.
        #expect(rmdir("\(dir)/folder.json") == 0, "folder.json is gone or not empty")
        try expectCleanFailure(r, arguments.joined(separator: " "),
                               expected: [expected.replacingOccurrences(of: "$DIR", with: dir)], dir: dir)
    }
}

/// Each kernel's number of launches.
func counts(_ kernels: [String]) -> [String: Int] {
    kernels.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}
