import ArgumentParser
import GPUTrain

@main
struct GPUTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gputrain",
        abstract: "Train small neural networks on any OpenCL device, or on the CPU when there is none.",
        subcommands: [DevicesCommand.self])

    @Flag(name: .long, help: "List the OpenCL devices and the CPU backend, then exit.")
    var listDevices = false

    func run() throws {
        guard listDevices else { throw CleanExit.helpRequest(self) }
        print(try DevicesCommand.listing())
    }
}
