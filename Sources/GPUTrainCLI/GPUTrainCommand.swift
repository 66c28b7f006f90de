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
    /// `--help` and friends print as usual.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard !code.isSuccess else { exit(withError: error) }
            let message = Self.message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
