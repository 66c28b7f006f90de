import Foundation

/// The collectives data-parallel training needs, over a group of processes (ranks) that each hold a replica of the
/// model: Horovod's and PyTorch DDP's model, one process per device.
///
/// ``Trainer`` takes one: with ``SingleProcess`` (the default) it trains alone; with `MPICommunicator` (the `MPI`
/// package trait) each rank computes its share of every batch and the gradients are summed across ranks before each
/// step, so every replica takes the same step.
///
/// Every rank must make the same calls in the same order with the same sizes: a rank that skips one leaves the
/// others waiting for ever. Nothing here negotiates or times out.
///
/// ```swift
/// let group: any Communicator = SingleProcess()
/// var gradient: [Float] = [0.5, -1, 2]
/// try group.allreduceSum(&gradient)  // on N ranks: the element-wise sum of the N buffers, on every rank
/// ```
public protocol Communicator: AnyObject {
    /// This process's index in the group, 0 ..< ``size``; rank 0 prints and writes files.
    var rank: Int { get }
    /// The number of processes in the group.
    var size: Int { get }
    /// This process's index among the group's processes on the same machine: which of its devices it takes.
    var localRank: Int { get }
    /// The number of the group's processes on this machine, which share its cores and devices.
    var localSize: Int { get }

    /// Replaces `values` on every rank, in place, by the element-wise sum of every rank's `values` (the same count
    /// on each): the gradient exchange of every step, so it works on the memory it is given, without copies.
    func allreduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws
    /// Replaces `values` on every rank by the element-wise sum of every rank's `values`, in double precision.
    func allreduceSum(_ values: inout [Double]) throws
    /// Replaces `values` on every rank by rank `root`'s (the same count on each).
    func broadcast(_ values: inout [Float], from root: Int) throws
    /// Every rank's bytes, in rank order, on every rank; the counts may differ.
    func allgather(_ bytes: [UInt8]) throws -> [[UInt8]]
}

/// A group of one: every collective leaves its buffer as it is. The communicator of a run on one device.
public final class SingleProcess: Communicator {
    /// A group of one process.
    public init() {}
    /// Always 0.
    public var rank: Int { 0 }
    /// Always 1.
    public var size: Int { 1 }
    /// Always 0.
    public var localRank: Int { 0 }
    /// Always 1.
    public var localSize: Int { 1 }
    /// Leaves `values` as they are: the sum over one rank.
    public func allreduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws {}
    /// Leaves `values` as they are: the sum over one rank.
    public func allreduceSum(_ values: inout [Double]) throws {}
    /// Leaves `values` as they are: this is the only rank.
    public func broadcast(_ values: inout [Float], from root: Int) throws {}
    /// `[bytes]`.
    public func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] { [bytes] }
}

/// Why a data-parallel run cannot go on, in one line.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// The ranks were started with different settings or data; every rank throws the same one.
    case disagreement(String)
    /// A call into MPI failed: the call and MPI's text for its error code.
    case mpi(call: String, message: String)
    /// A launcher started several copies of a build that cannot talk to each other.
    case notBuiltWithMPI(rank: Int, size: Int)
    /// The ranks' collectives did not line up (a bug, or ranks started from different builds).
    case outOfStep(String)

    public var description: String {
        switch self {
        case .disagreement(let s), .outOfStep(let s): return s
        case .mpi(let call, let message): return "\(call) failed: \(message)"
        case .notBuiltWithMPI(let rank, let size):
            return "started as rank \(rank) of \(size) by an MPI launcher, but this gputrain was built without MPI, so "
                + "the \(size) copies would each train alone: rebuild it with `swift build -c release --traits MPI`"
        }
    }
}

extension Communicator {
    /// Replaces `values` on every rank by the element-wise sum of every rank's `values` (the same count on each).
    public func allreduceSum(_ values: inout [Float]) throws {
        try values.withUnsafeMutableBufferPointer { try allreduceSum($0) }
    }

    /// Checks that every rank has the same `items` (settings, the model's shape, a fingerprint of the data), so that
    /// ranks started differently fail at once instead of training apart or waiting on each other for ever.
    ///
    /// - Parameter items: `(name, value)` pairs, e.g. `("--lr", "0.1")`.
    /// - Throws: ``DistributedError/disagreement(_:)`` naming each item that differs and its value on each rank, on
    ///   every rank alike.
    public func agree(on items: [(name: String, value: String)]) throws {
        guard size > 1 else { return }
        // Unit and record separators: they cannot appear in a command line's options or a file's path by accident.
        let encoded = items.map { "\($0.name)\u{1F}\($0.value)" }.joined(separator: "\u{1E}")
        let all = try allgather(Array(encoded.utf8)).map { bytes -> [(String, String)] in
            String(decoding: bytes, as: UTF8.self).split(separator: "\u{1E}", omittingEmptySubsequences: true).map {
                let parts = $0.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
        }
        var names: [String] = []
        for list in all { for (name, _) in list where !names.contains(name) { names.append(name) } }
        var differences: [String] = []
        for name in names {
            let values = all.map { list in list.first { $0.0 == name }?.1 }
            guard Set(values.map { $0 ?? "\u{0}" }).count > 1 else { continue }
            let each = values.enumerated().map { "\($0.element.map { "'\($0)'" } ?? "none") on rank \($0.offset)" }
            differences.append("\(name) (\(each.joined(separator: ", ")))")
        }
        guard differences.isEmpty else {
            throw DistributedError.disagreement("the ranks were started differently: " + differences.joined(separator: "; ")
                + "; every rank needs the same options and data")
        }
    }

    /// The rows of `range` (a batch of the whole group) this rank computes: a contiguous share, the first ranks'
    /// shares one row shorter when the rows do not divide evenly, and empty when there are fewer rows than ranks.
    public func share(of range: Range<Int>) -> Range<Int> {
        let n = range.count
        return range.lowerBound + rank * n / size ..< range.lowerBound + (rank + 1) * n / size
    }
}

/// How an MPI launcher (`mpirun`, `srun`) started this process, read from the variables it sets; nil when none did.
///
/// MPI is started only when this is not nil, so a plain run of an MPI build costs nothing and needs no network.
public struct LaunchEnvironment: Equatable, Sendable {
    /// This process's rank and the job's size, as the launcher numbers them.
    public var rank: Int, size: Int

    /// Rank `rank` of a job of `size` processes.
    public init(rank: Int, size: Int) { (self.rank, self.size) = (rank, size) }

    /// The launch `environment` describes (by default this process's), or nil for a process no launcher started.
    public static func current(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> LaunchEnvironment? {
        func int(_ key: String) -> Int? { environment[key].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        // OpenMPI's mpirun; then PMI (MPICH's Hydra, Slurm's srun --mpi=pmi2); then PMIx (srun --mpi=pmix).
        for (rankKey, sizeKey) in [("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"), ("PMI_RANK", "PMI_SIZE"),
                                   ("PMIX_RANK", "SLURM_NTASKS")] {
            if let rank = int(rankKey), let size = int(sizeKey), size >= 1, (0..<size).contains(rank) {
                return LaunchEnvironment(rank: rank, size: size)
            }
        }
        if let rank = int("PMIX_RANK") { return LaunchEnvironment(rank: rank, size: max(rank + 1, 1)) }
        return nil
    }
}
