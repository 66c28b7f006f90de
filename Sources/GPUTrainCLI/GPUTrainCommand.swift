import ArgumentParser
import Foundation
import GPUTrain

@main
struct GPUTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gputrain",
        abstract: "Train small neural networks on any OpenCL device, or on the CPU when there is none.",
        discussion: """
            Without a subcommand, runs `train`: `gputrain --device gpu` trains on the embedded Titanic data.

            EXAMPLES
              gputrain --device gpu
              gputrain --list-devices
              gputrain predict --model model.json --data test.csv --out predictions.csv
              gputrain bench --quick --compare      # speed, beside numpy
              gputrain tune                         # the fastest GEMM tile for this GPU, cached
            """,
        subcommands: [TrainCommand.self, LRFindCommand.self, PredictCommand.self, DevicesCommand.self, BenchCommand.self, TuneCommand.self],
        defaultSubcommand: TrainCommand.self)

    /// ArgumentParser's `main`, except that an error is one line on stderr: `Error: ` and the message, without
    /// the usage and help lines ArgumentParser adds to a bad option, so every failure reads the same in a log.
    /// `--help` and friends print as usual. Under an MPI launcher it starts MPI first, checks that every rank got the
    /// same command line, and at the end finalises MPI, or aborts the whole job on an error only this rank has.
    static func main() {
        do {
            try Ranks.start()
        } catch {
            // Every copy knows; the first says it.
            if LaunchEnvironment.current()?.rank ?? 0 == 0 { FileHandle.standardError.write(Data("Error: \(error)\n".utf8)) }
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot()
            if Ranks.group.size > 1 {
                try Ranks.agreeOnArguments(Array(CommandLine.arguments.dropFirst()))
                command = try Self.forRank(command)
            }
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let shared = Ranks.isShared(error)
            if !code.isSuccess, !shared || Ranks.isRoot {
                let message = Self.message(for: error)
                if !message.isEmpty {
                    let rank = Ranks.group.size > 1 && !shared ? "rank \(Ranks.group.rank): " : ""
                    FileHandle.standardError.write(Data("Error: \(rank)\(message)\n".utf8))
                }
            }
            if code.isSuccess {  // --help and friends
                if Ranks.group is SingleProcess { exit(withError: error) }  // no MPI to finalise
                if Ranks.isRoot { print(fullMessage(for: error)) }
            }
            Ranks.end(exitCode: code.rawValue, shared: shared || code.isSuccess)
        }
        Ranks.end(exitCode: 0, shared: true)
    }

    /// The command as this rank of several runs it: training on every rank, printing and writing on rank 0 only.
    static func forRank(_ command: any ParsableCommand) throws -> any ParsableCommand {
        switch command {
        case var train as TrainCommand:
            if !Ranks.isRoot { train.dropOutputs() }
            return train
        case is LRFindCommand, is BenchCommand:
            return command
        case _ where type(of: command).configuration.commandName == "help":  // `--help`: rank 0 prints it
            return Ranks.isRoot ? command : Quiet()
        default:
            throw DistributedError.disagreement("`gputrain \(type(of: command).configuration.commandName ?? "")` runs in one "
                + "process: start it without mpirun (train, lr-find and bench run across ranks)")
        }
    }
}

/// What a rank other than 0 runs for a command only rank 0 needs to run (`--help`).
private struct Quiet: ParsableCommand {
    func run() {}
}
