import Foundation
import GPUTrain

extension BenchCommand {
    /// `mpirun -np N gputrain bench`: the MNIST epoch on rank 0 alone (the other ranks asleep, so it has the machine
    /// a one-process run would have, with its share of the cores), then on all N ranks together, each its share of
    /// every batch: the scaling, and the gradient allreduce's time per step and share of a step.
    func runDataParallel() throws {
        let group = Ranks.group
        let folder = try mnistFolder([.train])
        let choice = try device.first.map { try DeviceChoice(parsing: $0) } ?? .cpu
        let opened = try Devices.open(choice, allowFallback: !noFallback && Devices.fallbackAllowedByEnvironment,
                                      localRank: group.localRank, localSize: group.localSize)
        let mnist = try loadMNIST(folder)
        let epochs = quick ? 1 : 3
        Console.out("gputrain bench under an MPI launcher: \(group.size) ranks, \(group.localSize) on this machine "
            + "(\(ProcessInfo.processInfo.activeProcessorCount) cores); rank 0 on \(opened.backend.name); load average "
            + BenchResults.loadAverage().map { String(format: "%.2f", $0) }.joined(separator: " "))
        Console.out("Data-parallel training: mnist-mlp, \(mnist.split.train.rows)x784 → 256 ReLU → 10, global batch "
            + "\(TrainingBench.batchSize), SGD momentum 0.9; data \(mnist.name); rows/s = median of whole epochs after a warm-up epoch")

        var alone: (timing: Timing, allreduce: Double, steps: Int, parameters: Int)?
        if group.rank == 0 {
            alone = try TrainingBench.mnistRun(mnist.split, on: opened.backend, epochs: epochs, communicator: SingleProcess())
        }
        try sleepingBarrier()
        let together = try TrainingBench.mnistRun(mnist.split, on: opened.backend, epochs: epochs, communicator: group)
        // Every rank's mean allreduce time, summed, for the mean over ranks.
        var allreduce = [together.allreduce]
        try group.allreduceSum(&allreduce)
        guard let alone else { return }

        let rows = Double(mnist.split.train.rows), steps = Double(together.steps)
        let aloneRate = rows / alone.timing.medianSeconds, rate = rows / together.timing.medianSeconds
        let meanAllreduce = allreduce[0] / Double(group.size)
        let bytes = 4 * (together.parameters + 2)
        let table = TextTable(columns: [("ranks", 5), ("rows/s", 9), ("epoch s", 8), ("step ms", 8), ("× 1 rank", 8),
                                        ("efficiency", 10), ("allreduce ms", 12), ("of a step", 9)])
        Console.out(table.header())
        Console.out(table.line(["1", Format.number(aloneRate), Format.number(alone.timing.medianSeconds),
                                String(format: "%.3f", 1000 * alone.timing.medianSeconds / steps), "1.00", "-", "-", "-"]))
        let stepSeconds = together.timing.medianSeconds / steps
        Console.out(table.line(["\(group.size)", Format.number(rate), Format.number(together.timing.medianSeconds),
                                String(format: "%.3f", 1000 * stepSeconds), String(format: "%.2f", rate / aloneRate),
                                String(format: "%.0f%%", 100 * rate / aloneRate / Double(group.size)),
                                String(format: "%.3f", 1000 * meanAllreduce),
                                String(format: "%.1f%%", 100 * meanAllreduce / stepSeconds)]))
        Console.out("allreduce: one per step of \(bytes) bytes (\(together.parameters) gradients and 2 counters, float32), "
            + "summed in place; its time includes waiting for the slowest rank. Mean over the ranks; rank 0's: "
            + String(format: "%.3f ms", 1000 * together.allreduce) + ".")
    }

    /// Waits for every rank, sleeping rather than spinning where the communicator can (so a rank timed alone keeps
    /// its cores).
    private func sleepingBarrier() throws {
        #if MPI
        if let mpi = Ranks.group as? MPICommunicator { return try mpi.sleepingBarrier() }
        #endif
        var token: [Double] = [0]
        try Ranks.group.allreduceSum(&token)
    }
}
