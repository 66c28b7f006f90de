import Foundation
import Testing

/// A `gputrain` run in the background whose output can be watched while it runs, so a test signals it only once
/// it has printed what the test waits for (no fixed sleeps). Stdout is a pipe; stderr a pipe or a pseudo-terminal.
final class RunningGPUTrain: @unchecked Sendable {
    let process = Process()
    private let condition = NSCondition()
    private var stdout = Data(), stderr = Data()
    private var openStreams = 2
    let onTerminal: Bool

    /// - Parameter user: when the tests run as root, a user id to run gputrain as (through setpriv), so that file
    ///   permissions apply to it.
    init(_ arguments: [String], onTerminal: Bool = false, user: String? = nil) throws {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gputrain")
        self.onTerminal = onTerminal
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", bin.path] + arguments
        } else {
            process.executableURL = bin
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GPUTRAIN_NO_FALLBACK")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        let errorSide: Int32
        if onTerminal {
            let (master, slave) = try Self.pseudoTerminal()
            process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
            errorSide = master
            do { try process.run() } catch { close(slave); close(master); throw error }
            close(slave)  // the child holds its own copy; the master reads EIO once it is gone
        } else {
            let err = Pipe()
            process.standardError = err
            try process.run()
            errorSide = dup(err.fileHandleForReading.fileDescriptor)
        }
        let outSide = dup(out.fileHandleForReading.fileDescriptor)
        Thread { self.drain(outSide, into: \.stdout) }.start()
        Thread { self.drain(errorSide, into: \.stderr) }.start()
    }

    private static func pseudoTerminal() throws -> (Int32, Int32) {
        // As in runGPUTrainOnTerminal: /dev/ptmx by hand, with Linux's TIOCSPTLCK and TIOCGPTN.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw CLIError("cannot open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            close(master)
            throw CLIError("cannot set up the pseudo-terminal: errno \(errno)")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw CLIError("cannot open /dev/pts/\(number): errno \(errno)") }
        return (master, slave)
    }

    private func drain(_ fd: Int32, into key: ReferenceWritableKeyPath<RunningGPUTrain, Data>) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            condition.withLock {
                self[keyPath: key].append(contentsOf: buffer[0..<n])
                condition.broadcast()
            }
        }
        close(fd)
        condition.withLock {
            openStreams -= 1
            condition.broadcast()
        }
    }

    /// Waits until stdout so far satisfies `ready` (true), or the run ends or `timeout` seconds pass (false).
    func waitForStdout(timeout: Double = 120, _ ready: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while !ready(String(decoding: stdout, as: UTF8.self)) {
                guard openStreams > 0, condition.wait(until: deadline) else { return false }
            }
            return true
        }
    }

    /// Waits for the row of `epoch` in the metrics table.
    func waitForEpoch(_ epoch: Int) -> Bool {
        waitForStdout { $0.split(separator: "\n").contains { $0.hasPrefix("\(epoch) ") } }
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the end of the run and of its output.
    func finish() -> (result: CLIResult, terminal: String) {
        process.waitUntilExit()
        return condition.withLock {
            while openStreams > 0 { condition.wait() }
            let err = String(decoding: stderr, as: UTF8.self)
            return (CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                              stderr: onTerminal ? "" : err, signaled: process.terminationReason == .uncaughtSignal),
                    onTerminal ? err : "")
        }
    }
}

/// The metrics table's rows (lines starting with an epoch number), by epoch.
private func tableRows(_ stdout: String) -> [Int: String] {
    var rows: [Int: String] = [:]
    for line in stdout.split(separator: "\n") {
        // A row starts with its epoch in the first column (the confusion matrix below the table is indented).
        if line.first?.isNumber == true, let first = line.split(separator: " ").first, let epoch = Int(first) { rows[epoch] = String(line) }
    }
    return rows
}

/// The rows of a metrics CSV without its time column: (epoch, [train_loss, valid_loss, accuracy, error_rate]).
private func metricsRows(_ path: String) throws -> [(Int, [Double])] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "epoch,train_loss,valid_loss,accuracy,error_rate,time_s")
    return lines.dropFirst().map { line in
        let fields = line.split(separator: ",").map(String.init)
        return (Int(fields[0]) ?? -1, fields[1...4].map { Double($0) ?? .nan })
    }
}

private func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
}

/// Long enough (about a second or more per hundred epochs) to be signalled partway.
private let longRun = ["--device", "cpu", "--epochs", "3000", "--batch-size", "16"]

@Suite("gputrain: Ctrl-C, SIGTERM, best model, early stopping, checkpoints")
struct InterruptCLITests {
    @Test("the first SIGINT or SIGTERM keeps the finished epochs: complete files, the exit status shells expect",
          arguments: [(SIGINT, Int32(130), false), (SIGTERM, 143, false), (SIGINT, 130, true), (SIGTERM, 143, true)])
    func interrupt(signal: Int32, status: Int32, onTerminal: Bool) throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (model, metrics, plot) = ("\(dir)/m.json", "\(dir)/m.csv", "\(dir)/p.svg")
        let run = try RunningGPUTrain(longRun + ["--save", model, "--metrics", metrics, "--plot", plot],
                                      onTerminal: onTerminal)
        #expect(run.waitForEpoch(3), "no epoch 3 row")
        run.send(signal)
        let (r, terminal) = run.finish()
        #expect(r.status == status && !r.signaled, "status \(r.status): \(r.stderr)")
        let rows = tableRows(r.stdout)
        let finished = rows.count
        #expect(finished >= 4 && finished < 3000 && rows.keys.sorted() == Array(0..<finished))
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        let notes = r.stdout.split(separator: "\n").filter { $0.hasPrefix("interrupted") }
        #expect(notes == ["interrupted by \(name) at epoch \(finished): keeping the \(finished) finished epochs (0–\(finished - 1))"],
                "\(notes)")
        // The metrics file holds exactly the printed epochs, with the printed values.
        let written = try metricsRows(metrics)
        #expect(written.map(\.0) == Array(0..<finished))
        for (epoch, values) in written {
            let printed = rows[epoch]?.split(separator: " ").dropFirst().prefix(4).compactMap { Double($0) } ?? []
            #expect(printed.count == 4 && zip(printed, values).allSatisfy { abs($0 - $1) <= 5e-7 }, "epoch \(epoch)")
        }
        #expect(try String(contentsOfFile: plot, encoding: .utf8).hasSuffix("</svg>\n"))
        let predictions = "\(dir)/pred.csv"
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", model, "--out", predictions])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n").count == 419)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "temporary files left: \(left)")
        if onTerminal {
            // The bar the signal cut short is blanked: the terminal ends on a line of spaces after a carriage return.
            let lastLine = terminal.split(separator: "\r", omittingEmptySubsequences: false).dropLast().last ?? ""
            #expect(terminal.hasSuffix("\r") && lastLine.allSatisfy { $0 == " " }, "terminal ends with \(terminal.suffix(200).debugDescription)")
        }
    }

    @Test("a second signal ends the run at once and writes nothing")
    func secondSignal() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Batches slow enough (two 1024-wide layers over 4,000 rows: about 25 GFLOP, a fraction of a second here)
        // that the second signal is handled long before the first is acted on: one batch an epoch, so the run is
        // always mid-batch.
        var generator = SystemRandomNumberGenerator()
        let rows = (0..<5000).map { i in "\(i % 2)," + (0..<20).map { _ in String(Double.random(in: 0..<1, using: &generator)) }.joined(separator: ",") }
        try (["y," + (0..<20).map { "x\($0)" }.joined(separator: ",")] + rows).joined(separator: "\n")
            .write(toFile: "\(dir)/data.csv", atomically: true, encoding: .utf8)
        let outputs = ["--save", "\(dir)/m.json", "--metrics", "\(dir)/m.csv", "--checkpoint", "\(dir)/c.json",
                       "--checkpoint-every", "1000"]
        let run = try RunningGPUTrain(["--device", "cpu", "--data", "\(dir)/data.csv", "--target", "y", "--epochs", "50",
                                       "--batch-size", "4000", "--hidden", "1024,1024"] + outputs)
        #expect(run.waitForEpoch(0))
        // Two different signals: the kernel merges a signal into one already pending, so two SIGINTs sent while
        // both cores are busy can arrive as one; a SIGINT and a SIGTERM always arrive as two. The handler may see
        // either first; the second kills the process by its own number.
        run.send(SIGINT)
        run.send(SIGTERM)
        let (r, _) = run.finish()
        #expect(r.signaled && (r.status == SIGINT || r.status == SIGTERM), "status \(r.status), signaled \(r.signaled): \(r.stdout)")
        #expect(!r.stdout.contains("interrupted"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["data.csv"])
    }

    @Test("interrupted, then resumed from its checkpoint, a run gives the same metrics and model as one never stopped",
          arguments: ["cpu"] + (CLI.openCLEnabled ? ["gpu"] : []))
    func resume(device: String) throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = ["--device", device, "--no-fallback", "--epochs", "400", "--batch-size", "64"]
        let straight = try runGPUTrain(options + ["--metrics", "\(dir)/a.csv", "--save", "\(dir)/a.json"])
        #expect(straight.status == 0, "\(straight.stderr)")

        let first = try RunningGPUTrain(options + ["--checkpoint", "\(dir)/c.json", "--checkpoint-every", "50"])
        #expect(first.waitForEpoch(3))
        first.send(SIGINT)
        let (stopped, _) = first.finish()
        #expect(stopped.status == 130, "\(stopped.stderr)")
        let kept = tableRows(stopped.stdout).count
        #expect(try json("\(dir)/c.json")["epoch"] as? Int == kept, "the interrupted run checkpoints its last epoch")

        let second = try runGPUTrain(options + ["--resume", "\(dir)/c.json", "--metrics", "\(dir)/b.csv",
                                                "--save", "\(dir)/b.json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("resuming from \(dir)/c.json at epoch \(kept) of 400"))
        let (a, b) = (try metricsRows("\(dir)/a.csv"), try metricsRows("\(dir)/b.csv"))
        #expect(a.map(\.0) == Array(0..<400) && b.map(\.0) == a.map(\.0))
        var worst = 0.0
        for ((_, x), (_, y)) in zip(a, b) {
            for (u, v) in zip(x, y) { worst = max(worst, u == v ? 0 : abs(u - v) / max(abs(u), 1e-30)) }
        }
        print("\(device): resumed at epoch \(kept) of 400; metrics max relative difference \(worst)")
        #expect(worst <= 1e-6)
        let weights = { (path: String) in ((try? json(path))?["parameters"] as? [[Double]])?.flatMap { $0 } ?? [] }
        let (wa, wb) = (weights("\(dir)/a.json"), weights("\(dir)/b.json"))
        #expect(!wa.isEmpty && wa.count == wb.count)
        #expect(zip(wa, wb).allSatisfy { abs($0 - $1) <= 1e-6 * max(abs($0), 1e-6) })
    }

    @Test("--save-best saves the best epoch's model and says which; --patience stops early and says so")
    func bestAndPatience() throws {
        let dir = try emptyDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A high constant rate makes the validation loss wander, so the best epoch is not the last.
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "200", "--lr", "0.5", "--schedule", "constant",
                                 "--patience", "5", "--monitor", "accuracy", "--save-best", "--save", "\(dir)/m.json",
                                 "--metrics", "\(dir)/m.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try metricsRows("\(dir)/m.csv")
        let accuracies = rows.map { $0.1[2] }
        let best = accuracies.firstIndex(of: accuracies.max()!)!
        #expect(rows.count == best + 6 && rows.count < 200, "stops 5 epochs after the best, epoch \(best), of \(rows.count)")
        let early = r.stdout.split(separator: "\n").filter { $0.hasPrefix("early stop") }
        #expect(early.count == 1 && early.first!.contains("after epoch \(rows.count - 1): accuracy has not improved for 5 epochs since epoch \(best)"),
                "\(early)")
        #expect(r.stdout.contains("saved the model of epoch \(best) (best accuracy "))
        let p = try runGPUTrain(["predict", "--device", "cpu", "--model", "\(dir)/m.json", "--out", "\(dir)/p.csv"])
        #expect(p.status == 0, "\(p.stderr)")
    }

    @Test("a checkpoint that cannot be written (its folder made read-only) leaves the previous one intact")
    func readOnlyFolder() throws {
        let dir = try emptyDir()
        defer { chmod(dir, 0o755); try? FileManager.default.removeItem(atPath: dir) }
        // Root ignores permissions: run gputrain as nobody then, in a folder it may write until the test says not.
        let user = geteuid() == 0 ? "65534" : nil
        if user != nil { chmod(dir, 0o777) }
        let path = "\(dir)/c.json"
        let run = try RunningGPUTrain(longRun + ["--checkpoint", path, "--checkpoint-every", "2"], user: user)
        #expect(run.waitForStdout { _ in FileManager.default.fileExists(atPath: path) })
        chmod(dir, 0o555)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let epochBefore = try json(path)["epoch"] as? Int ?? -1
        #expect(run.waitForEpoch(epochBefore + 6))
        run.send(SIGINT)
        let (r, _) = run.finish()
        #expect(r.status == 130, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write '\(path)'") && r.stderr.contains("the previous checkpoint, if any, is unchanged"),
                "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["c.json"])
        chmod(dir, 0o755)
        let resumed = try runGPUTrain(["--device", "cpu", "--epochs", "3000", "--batch-size", "16", "--resume", path,
                                       "--patience", "1"])
        #expect(resumed.status == 0 && resumed.stdout.contains("resuming from \(path) at epoch \(epochBefore)"), "\(resumed.stderr)")
    }
}

@Suite("gputrain: bad input for --resume and --save-best")
struct ResumeBadInputCLITests {
    /// A checkpoint of a 3-epoch run with the default options, in a folder of its own.
    static func checkpoint() throws -> String {
        let dir = try emptyDir()
        let r = try runGPUTrain(["--device", "cpu", "--epochs", "3", "--checkpoint", "\(dir)/c.json"])
        #expect(r.status == 0, "\(r.stderr)")
        return "\(dir)/c.json"
    }

    @Test("a checkpoint of another run, or a damaged one, is refused saying why; --save-best needs --save",
          arguments: [
              (["--epochs", "5"], ["--epochs 3 there, 5 here (the schedule spans all the epochs)"]),
              (["--epochs", "3", "--model", "linear"], ["the model is mlp", "linear"]),
              (["--epochs", "3", "--drop", "Sex"], ["other features"]),
              (["--epochs", "3", "--lr", "0.2"], ["--lr 0.01 there, 0.2 here"]),
              (["--epochs", "3", "TRUNCATE"], ["is not a gputrain checkpoint"]),
              (["--epochs", "3", "WRONG-FORMAT"], ["has format 'gputrain-model-1'"]),
              (["--epochs", "3", "--save-best", "NO-SAVE"], ["--save-best needs --save FILE"]),
          ])
    func refused(arguments: [String], expected: [String]) throws {
        let path = try Self.checkpoint()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        if arguments.contains("TRUNCATE") { try original.prefix(original.count * 2 / 3).write(to: URL(fileURLWithPath: path)) }
        if arguments.contains("WRONG-FORMAT") {
            try String(decoding: original, as: UTF8.self).replacingOccurrences(of: "gputrain-checkpoint-1", with: "gputrain-model-1")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let dir = try Fixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = ["--device", "cpu", "--resume", path] + arguments.filter { !["TRUNCATE", "WRONG-FORMAT", "NO-SAVE"].contains($0) }
        args += ["--metrics", "\(dir)/metrics.csv", "--plot", "\(dir)/loss.svg"]
        if !arguments.contains("NO-SAVE") { args += ["--save", "\(dir)/model.json"] }
        try expectCleanFailure(try runGPUTrain(args), arguments.joined(separator: " "), expected: expected, dir: dir)
        if !arguments.contains("TRUNCATE") && !arguments.contains("WRONG-FORMAT") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original, "the checkpoint is left as it was")
        }
    }
}
