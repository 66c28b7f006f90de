import Foundation
import Testing

/// `mpirun` and a `gputrain` built with the MPI trait: `GPUTRAIN_MPI_BINARY`, or the binary under test when these
/// tests were themselves built with `--traits MPI`. CI builds one and sets the variable; under CI a missing one is
/// a failure (``MPICLITests/presentInCI()``), elsewhere these tests skip.
enum MPI {
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["GPUTRAIN_MPI_BINARY"], !path.isEmpty,
           FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        #if MPI
        return CLI.binary
        #else
        return nil
        #endif
    }()
    static let mpirun: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    static let enabled = binary != nil && mpirun != nil
    static let skipReason: Comment = "no mpirun or no MPI build of gputrain: `apt-get install libopenmpi-dev openmpi-bin`, `swift build -c release --traits MPI --scratch-path .build/mpi`, GPUTRAIN_MPI_BINARY=.build/mpi/release/gputrain"

    /// `mpirun` with the flags a 2-core machine, root and no network need (see the README), a 60 s limit (ranks
    /// out of step wait for ever), then the app contexts: each a list of mpirun options for it (`-np 2`, `--wdir D`,
    /// `-x VAR=value`) and gputrain's arguments.
    static func run(_ contexts: [(mpi: [String], args: [String])], timeout: TimeInterval = 120,
                    started: ((Process) -> Void)? = nil) throws -> CLI.Result {
        var arguments = ["--allow-run-as-root", "--bind-to", "none", "--oversubscribe", "--mca", "btl", "self,vader",
                         "--timeout", "60"]
        for (i, context) in contexts.enumerated() {
            if i > 0 { arguments.append(":") }
            arguments += context.mpi + [binary!.path] + context.args
        }
        let environment = CLI.environment(["SWIFT_BACKTRACE": "enable=no"])
        // A child inherits the spawning thread's blocked signals, and a test runs on a worker thread that blocks
        // most of them: mpirun would never see the Ctrl-C a test sends. Spawn it with none blocked, as a shell does.
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        var result = try CLI.run(arguments, environment: environment, timeout: timeout, executable: mpirun!, started: started)
        // OpenMPI 4 now and then reports a rank "exiting improperly" after every rank has finalised and exited 0
        // (open-mpi/ompi#7833): the run itself succeeded, so it is run once more rather than failing the test.
        if result.status != 0, result.stderr.contains("exiting improperly"), !result.stderr.contains("Error:") {
            result = try CLI.run(arguments, environment: environment, timeout: timeout, executable: mpirun!, started: started)
        }
        return result
    }

    /// `gputrain args` alone, as one process (the MPI build, started without a launcher).
    static func alone(_ args: [String]) throws -> CLI.Result {
        try CLI.run(args, environment: CLI.environment(), timeout: 120, executable: binary!)
    }
}

/// Per-epoch (train_loss, valid_loss) from a `--metrics` JSON file.
private func losses(_ path: String) throws -> [(Double, Double)] {
    let records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
    return records.map { ($0["train_loss"] as! Double, $0["valid_loss"] as! Double) }
}

private func scratchFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-mpi-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite("mpirun: data-parallel training across processes", .serialized, .enabled(if: MPI.enabled, MPI.skipReason))
struct MPICLITests {
    @Test("mpirun -np N reproduces the one-process run's losses within 1e-5 relative, only rank 0 printing and writing",
          arguments: [("titanic", 2, "cpu"), ("titanic", 4, "cpu"), ("titanic", 2, "gpu"), ("mnist", 2, "cpu"), ("mnist", 4, "gpu")])
    func sameAsOneProcess(data: String, ranks: Int, device: String) throws {
        if device == "gpu" { try #require(CLI.openCLEnabled, "no OpenCL device for --device gpu") }
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = ["--device", device, "--no-fallback", "--epochs", "3"]
        if data == "mnist" {
            try MNISTFixture.writeSynthetic(to: dir, train: 3000, test: 500)
            args += ["--data", dir, "--hidden", "32", "--batch-size", "128", "--lr", "0.01"]  // slow enough that every epoch has a loss to compare
        }
        let alone = try MPI.alone(args + ["--metrics", dir + "/alone.json"])
        try #require(alone.status == 0, "\(alone.summary)")
        let job = try MPI.run([(["-np", "\(ranks)"], args + ["--metrics", dir + "/ranks.json", "--save", dir + "/model.json"])])
        try #require(job.status == 0, "\(job.summary)")
        print(job.stdout.split(separator: "\n").filter { $0.hasPrefix("data-parallel") || $0.hasPrefix("device") }.joined(separator: "\n"))
        for (epoch, (a, b)) in zip(try losses(dir + "/ranks.json"), try losses(dir + "/alone.json")).enumerated() {
            let worst = max(abs(a.0 - b.0) / b.0, abs(a.1 - b.1) / b.1)
            print("\(data) \(ranks) ranks \(device) epoch \(epoch): train \(a.0) vs \(b.0), valid \(a.1) vs \(b.1); worst relative \(worst)")
            #expect(worst <= 1e-5)
        }
        #expect(try losses(dir + "/ranks.json").count == 3)
        #expect(job.stdout.contains("data-parallel: \(ranks) ranks, identical weights on every rank"))
        // One table, not one per rank; and the model is rank 0's.
        #expect(job.stdout.components(separatedBy: "epoch  train_loss").count == 2, "\(job.stdout)")
        #expect(job.stdout.components(separatedBy: "saved model to").count == 2)
        #expect(FileManager.default.fileExists(atPath: dir + "/model.json"))
    }

    @Test("ranks started with different options fail at once, rank 0 naming the option")
    func differentOptions() throws {
        let started = Date()
        let job = try MPI.run([(["-np", "1"], ["--device", "cpu", "--lr", "0.1"]), (["-np", "1"], ["--device", "cpu", "--lr", "0.2"])])
        #expect(job.status != 0)
        #expect(Date().timeIntervalSince(started) < 20)
        let errors = job.errorLines.filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(job.summary)")
        #expect(errors.first?.contains("--lr ('0.1' on rank 0, '0.2' on rank 1)") == true, "\(job.summary)")
        #expect(!job.stdout.contains("epoch  train_loss"))
    }

    @Test("a rank that cannot read its data ends the whole job within seconds, with no model file")
    func badDataOnOneRank() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = "a,b,y\n" + (0..<200).map { "\($0 % 7),\($0 % 5),\($0 % 2)" }.joined(separator: "\n") + "\n"
        for (name, text) in [("good", good), ("bad", good.replacingOccurrences(of: "\n3,3,1\n", with: "\n3,three,1\n"))] {
            try FileManager.default.createDirectory(atPath: "\(dir)/\(name)", withIntermediateDirectories: true)
            try text.write(toFile: "\(dir)/\(name)/t.csv", atomically: true, encoding: .utf8)
        }
        let args = ["--device", "cpu", "--data", "t.csv", "--target", "y", "--save", "model.json"]
        let started = Date()
        let job = try MPI.run([(["-np", "1", "--wdir", dir + "/good"], args), (["-np", "1", "--wdir", dir + "/bad"], args)])
        let seconds = Date().timeIntervalSince(started)
        print("bad data on rank 1: exit \(job.status) after \(seconds) s")
        #expect(job.status != 0)
        #expect(seconds < 20)
        #expect(job.stderr.contains("Error: rank 1: ") && job.stderr.contains("three"), "\(job.summary)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/good/model.json"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad/model.json"))
    }

    @Test("an OpenCL setting that fails on one rank ends the whole job within seconds")
    func deviceErrorOnOneRank() throws {
        try #require(CLI.openCLEnabled, "no OpenCL device for --device gpu")
        let args = ["--device", "gpu", "--no-fallback"]
        let started = Date()
        let job = try MPI.run([(["-np", "1"], args), (["-np", "1", "-x", "GPUTRAIN_MATMUL=bogus"], args)])
        #expect(job.status != 0)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(job.stderr.contains("Error: rank 1: GPUTRAIN_MATMUL=bogus"), "\(job.summary)")
    }

    @Test("kill -9 of one rank mid-run ends the whole job within seconds, with no model file")
    func killedRank() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try MNISTFixture.writeSynthetic(to: dir, train: 3000, test: 300)
        final class Launched: @unchecked Sendable { var pid: Int32 = 0 }
        let launched = Launched()
        let killer = Thread {
            // Wait for mpirun's ranks (its children running gputrain) to be training, then kill one.
            for _ in 0..<300 {
                usleep(100_000)
                guard launched.pid != 0 else { continue }
                let children = (try? String(contentsOfFile: "/proc/\(launched.pid)/task/\(launched.pid)/children", encoding: .utf8)) ?? ""
                let pids = children.split(separator: " ").compactMap { Int32($0) }
                if pids.count == 2 {
                    usleep(1_500_000)
                    kill(pids[1], SIGKILL)
                    return
                }
            }
        }
        let started = Date()
        killer.start()
        let job = try MPI.run([(["-np", "2"], ["--device", "cpu", "--data", dir, "--hidden", "64", "--epochs", "1000",
                                                "--save", dir + "/model.json"])], started: { launched.pid = $0.processIdentifier })
        let seconds = Date().timeIntervalSince(started)
        print("kill -9 of rank 1: exit \(job.status) after \(seconds) s")
        #expect(job.status != 0, "\(job.summary)")
        #expect(seconds < 30)
        #expect(!FileManager.default.fileExists(atPath: dir + "/model.json"))
    }

    @Test("Ctrl-C on mpirun: the ranks agree to stop after the batch in flight, and rank 0 writes the finished epochs")
    func interrupted() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try MNISTFixture.writeSynthetic(to: dir, train: 3000, test: 300)
        let job = try MPI.run([(["-np", "2"], ["--device", "cpu", "--data", dir, "--hidden", "64", "--epochs", "100000",
                                                "--metrics", dir + "/m.json", "--save", dir + "/model.json"])],
                              started: { mpirun in
            let pid = mpirun.processIdentifier
            Thread.detachNewThread {
                sleep(4)  // loaded, and some epochs finished
                kill(pid, SIGINT)
            }
        })
        #expect(job.status != 0)
        #expect(job.stdout.contains("interrupted by SIG"), "\(job.summary)")
        let epochs = try losses(dir + "/m.json").count
        #expect(epochs >= 1)
        #expect(job.stdout.contains("keeping the \(epochs) finished epoch"), "\(job.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir + "/model.json"))
    }

    @Test("lr-find across ranks suggests what it suggests in one process")
    func learningRateFinder() throws {
        let alone = try MPI.alone(["lr-find", "--device", "cpu"])
        let job = try MPI.run([(["-np", "2"], ["lr-find", "--device", "cpu"])])
        try #require(alone.status == 0 && job.status == 0, "\(alone.summary)\n\(job.summary)")
        func suggestion(_ r: CLI.Result) -> String? { r.stdout.split(separator: "\n").first { $0.hasPrefix("suggested lr") }.map(String.init) }
        #expect(suggestion(job) != nil && suggestion(job) == suggestion(alone), "\(job.stdout)")
    }

    @Test("a one-process command (devices) refuses to run under mpirun")
    func oneProcessCommands() throws {
        let job = try MPI.run([(["-np", "2"], ["devices"])])
        #expect(job.status != 0)
        #expect(job.stderr.contains("runs in one process"), "\(job.summary)")
    }
}

@Suite("MPI builds and launches")
struct MPILaunchTests {
    @Test("under CI the MPI tests run: mpirun and an MPI build of gputrain are there")
    func presentInCI() {
        guard CLI.inCI else { return }
        #expect(MPI.mpirun != nil, "mpirun is missing")
        #expect(MPI.binary != nil, "GPUTRAIN_MPI_BINARY is not set to an MPI build of gputrain")
    }

    #if !MPI
    @Test("a build without the MPI trait started as one of several ranks stops at once, rank 0 saying why in one line")
    func notBuiltWithMPI() throws {
        for rank in 0..<2 {
            let r = try CLI.run(["--device", "cpu"], environment: CLI.environment(["OMPI_COMM_WORLD_RANK": "\(rank)",
                                                                                  "OMPI_COMM_WORLD_SIZE": "2"]))
            #expect(r.status == 1 && r.exitedNormally)
            #expect(r.stdout.isEmpty, "no training: \(r.stdout)")
            if rank == 0 {
                #expect(r.errorLines.count == 1 && r.stderr.contains("--traits MPI"), "\(r.summary)")
            } else {
                #expect(r.stderr.isEmpty, "only rank 0 says it: \(r.stderr)")
            }
        }
        // Started as the only rank, it is the ordinary tool.
        let one = try CLI.run(["--device", "cpu", "--epochs", "1"],
                              environment: CLI.environment(["OMPI_COMM_WORLD_RANK": "0", "OMPI_COMM_WORLD_SIZE": "1"]))
        #expect(one.status == 0, "\(one.summary)")
    }
    #endif
}
