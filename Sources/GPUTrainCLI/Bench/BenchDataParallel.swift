import Foundation
import GPUTrain

extension BenchCommand {
    /// `mpirun -np N gputrain bench`: MNIST epochs on rank 0 alone (the other ranks asleep, so it has the machine a
    /// one-process run would have, with its share of the cores) alternating with epochs on all N ranks together, each
    /// its share of every batch: the scaling, and the gradient allreduce's time per step and share of a step.
    func runDataParallel() throws {
        let group = Ranks.group
        let folder = try mnistFolder([.train])
        let choice = try device.first.map { try DeviceChoice(parsing: $0) } ?? .cpu
        let opened = try Devices.open(choice, allowFallback: !noFallback && Devices.fallbackAllowedByEnvironment,
                                      localRank: group.localRank, localSize: group.localSize)
        let mnist = try loadMNIST(folder)
        Console.out("gputrain bench under an MPI launcher: \(group.size) ranks, \(group.localSize) on this machine "
            + "(\(ProcessInfo.processInfo.activeProcessorCount) cores); rank 0 on \(opened.backend.name); load average "
            + BenchResults.loadAverage().map { String(format: "%.2f", $0) }.joined(separator: " "))
        Console.out("Data-parallel training: mnist-mlp, \(mnist.split.train.rows)x784 → 256 ReLU → 10, global batch "
            + "\(TrainingBench.batchSize), SGD momentum 0.9; data \(mnist.name); rows/s = median of whole epochs after a warm-up epoch")

        // Epochs alternate, rank 0 alone (the other ranks asleep) then every rank together, so that both see the
        // same machine: on shared cores the load drifts by more than the difference being measured.
        let alone = group.rank == 0 ? try TrainingBench.mnistTrainer(mnist.split, on: opened.backend) : nil
        let trainer = try TrainingBench.mnistTrainer(mnist.split, on: opened.backend, communicator: group)
        var aloneTimes: [Double] = [], times: [Double] = []
        for round in 0 ... (quick ? 1 : 5) {  // round 0 warms up
            if let alone { aloneTimes.append(try TrainingBench.timeEpoch(alone)) }
            try sleepingBarrier()
            times.append(try TrainingBench.timeEpoch(trainer))
            if round == 0 { (aloneTimes, times) = ([], []) }
        }
        // Every rank's mean allreduce time, summed, for the mean over ranks.
        let a = trainer.allreduceTime
        var allreduce = [a.seconds / Double(max(a.count, 1))]
        try group.allreduceSum(&allreduce)
        guard group.rank == 0 else { return }
        let steps = Double(TrainingBench.mnistSteps(mnist.split))
        let aloneSeconds = Stopwatch.median(aloneTimes), seconds = Stopwatch.median(times)
        let rows = Double(mnist.split.train.rows)
        let aloneRate = rows / aloneSeconds, rate = rows / seconds
        let meanAllreduce = allreduce[0] / Double(group.size)
        let bytes = 4 * (TrainingBench.mnistParameters + 2)
        let table = TextTable(columns: [("ranks", 5), ("rows/s", 9), ("epoch s", 8), ("step ms", 8), ("× 1 rank", 8),
                                        ("efficiency", 10), ("allreduce ms", 12), ("of a step", 9)])
        Console.out(table.header())
        Console.out(table.line(["1", Format.number(aloneRate), Format.number(aloneSeconds),
                                String(format: "%.3f", 1000 * aloneSeconds / steps), "1.00", "-", "-", "-"]))
        let stepSeconds = seconds / steps
        Console.out(table.line(["\(group.size)", Format.number(rate), Format.number(seconds),
                                String(format: "%.3f", 1000 * stepSeconds), String(format: "%.2f", rate / aloneRate),
                                String(format: "%.0f%%", 100 * rate / aloneRate / Double(group.size)),
                                String(format: "%.3f", 1000 * meanAllreduce),
                                String(format: "%.1f%%", 100 * meanAllreduce / stepSeconds)]))
        Console.out("allreduce: one per step of \(bytes) bytes (\(TrainingBench.mnistParameters) gradients and 2 counters, "
            + "float32), summed in place; its time, the mean over the ranks, includes waiting for the slowest rank. "
            + "\(times.count) epochs each, alternating.")
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
