#if MPI
import CMPI
import Foundation

/// The group of processes an MPI launcher started (`mpirun -np N gputrain ...`), over OpenMPI: available in builds
/// with the package trait `MPI` (`swift build --traits MPI`, or `traits: ["MPI"]` on the package dependency).
///
/// Start it once per process with ``start()`` when ``LaunchEnvironment/current(_:)`` says a launcher ran this process,
/// and end it with ``finish()``, or with ``abort(exitCode:)`` after an error only this rank has seen, which ends the
/// whole job at once instead of leaving the other ranks waiting in a collective.
///
/// Calls are serialised by a lock, so any thread may make them; the ranks must still make the same calls in the same
/// order.
public final class MPICommunicator: Communicator, @unchecked Sendable {
    public let rank: Int, size: Int, localRank: Int, localSize: Int
    private let lock = NSLock()

    private init(rank: Int, size: Int, localRank: Int, localSize: Int) {
        (self.rank, self.size, self.localRank, self.localSize) = (rank, size, localRank, localSize)
    }

    /// Initialises MPI (thread level SERIALIZED) and learns this rank, the group's size and the ranks on this node.
    /// - Throws: ``DistributedError/mpi(call:message:)`` when MPI cannot start, or was started already.
    public static func start() throws -> MPICommunicator {
        guard cmpi_initialized() == 0 else { throw DistributedError.mpi(call: "MPI_Init_thread", message: "MPI is already initialised") }
        var provided: Int32 = -1
        try check(cmpi_init_thread(cmpi_thread_serialized(), &provided), "MPI_Init_thread")
        guard provided >= cmpi_thread_serialized() else {
            throw DistributedError.mpi(call: "MPI_Init_thread", message: "this MPI grants thread level \(provided), not SERIALIZED")
        }
        var localRank: Int32 = 0, localSize: Int32 = 1
        try check(cmpi_local_rank_and_size(&localRank, &localSize), "MPI_Comm_split_type")
        return MPICommunicator(rank: Int(cmpi_rank()), size: Int(cmpi_size()), localRank: Int(localRank), localSize: Int(localSize))
    }

    /// Ends MPI in this process (MPI_Finalize); every rank calls it once, after its last collective.
    public func finish() {
        lock.withLock { if cmpi_finalized() == 0 { _ = cmpi_finalize() } }
    }

    /// Ends every rank of the job with `exitCode` (MPI_Abort): for an error the other ranks cannot know about, which
    /// would otherwise leave them waiting in their next collective.
    public func abort(exitCode: Int32) -> Never {
        cmpi_abort(exitCode)
        exit(exitCode)  // MPI_Abort does not return; this is for the type checker
    }

    public func allreduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws {
        try lock.withLock { try Self.check(cmpi_allreduce_sum_float(values.baseAddress, Int32(values.count)), "MPI_Allreduce") }
    }

    public func allreduceSum(_ values: inout [Double]) throws {
        try lock.withLock {
            try values.withUnsafeMutableBufferPointer {
                try Self.check(cmpi_allreduce_sum_double($0.baseAddress, Int32($0.count)), "MPI_Allreduce")
            }
        }
    }

    public func broadcast(_ values: inout [Float], from root: Int) throws {
        try lock.withLock {
            try values.withUnsafeMutableBufferPointer {
                try Self.check(cmpi_broadcast_float($0.baseAddress, Int32($0.count), Int32(root)), "MPI_Bcast")
            }
        }
    }

    public func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        try lock.withLock {
            var lengths = [Int32](repeating: 0, count: size)
            try Self.check(cmpi_allgather_lengths(Int32(bytes.count), &lengths), "MPI_Allgather")
            var offsets = [Int32](repeating: 0, count: size)
            for r in 1..<max(size, 1) { offsets[r] = offsets[r - 1] + lengths[r - 1] }
            var out = [UInt8](repeating: 0, count: Int(lengths.reduce(0, +)))
            try bytes.withUnsafeBytes { send in
                try out.withUnsafeMutableBytes { receive in
                    try Self.check(cmpi_allgather_bytes(send.baseAddress, Int32(bytes.count), receive.baseAddress,
                                                        lengths, offsets), "MPI_Allgatherv")
                }
            }
            return (0..<size).map { Array(out[Int(offsets[$0]) ..< Int(offsets[$0] + lengths[$0])]) }
        }
    }

    /// Waits until every rank has called it, sleeping between looks (MPI's own barrier keeps a core busy), so ranks
    /// that wait while another works leave it the machine: `gputrain bench` times one rank alone this way.
    public func sleepingBarrier() throws {
        try lock.withLock { try Self.check(cmpi_sleeping_barrier(200), "MPI_Ibarrier") }
    }

    private static func check(_ code: Int32, _ call: String) throws {
        guard code != 0 else { return }  // MPI_SUCCESS
        var text = [CChar](repeating: 0, count: 512)
        cmpi_error_string(code, &text, Int32(text.count))
        throw DistributedError.mpi(call: call, message: String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                                                               as: UTF8.self))
    }
}
#endif
