import ArgumentParser
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
            """,
        subcommands: [TrainCommand.self, PredictCommand.self, DevicesCommand.self, BenchCommand.self],
        defaultSubcommand: TrainCommand.self)
}
