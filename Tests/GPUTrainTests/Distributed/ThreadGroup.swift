import Foundation
import GPUTrain

/// A data-parallel group of threads in one process, for tests: each thread is a rank with its own ``Communicator``,
/// and each collective meets at a barrier, where the last rank to arrive combines everyone's buffers in rank order.
/// Like NIOEmbedded, an in-memory stand-in for the real transport, so the trainer's data-parallel path runs in every
/// test run, MPI or not. A collective that not every rank reaches fails after `timeout` instead of hanging.
final class ThreadGroup: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var arrived = 0, generation = 0
    private var slots: [Any?]
    private var result: Any?
    private let timeout: TimeInterval

    struct Timeout: Error, CustomStringConvertible {
        var description: String { "a collective was not reached by every rank (the ranks are out of step)" }
    }

    init(size: Int, timeout: TimeInterval = 60) {
        self.size = size
        self.timeout = timeout
        slots = Array(repeating: nil, count: size)
    }

    /// Rank `rank` offers `value`; every rank gets `combine` of all the values, in rank order.
    func collective<T>(rank: Int, _ value: T, _ combine: ([T]) -> T) throws -> T {
        condition.lock()
        defer { condition.unlock() }
        slots[rank] = value
        arrived += 1
        let mine = generation
        if arrived == size {
            result = combine(slots.map { $0 as! T })
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            let deadline = Date(timeIntervalSinceNow: timeout)
            while generation == mine {
                if !condition.wait(until: deadline) { throw Timeout() }
            }
        }
        return result as! T
    }

    /// Runs `body` on `size` threads at once, one per rank, and returns each rank's result (or rethrows the first
    /// rank's error, in rank order).
    func run<T>(_ body: @escaping @Sendable (ThreadRank) throws -> T) throws -> [T] {
        let box = ResultBox<T>(count: size)
        let done = DispatchGroup()
        let lock = NSLock()
        for rank in 0..<size {
            done.enter()
            let thread = Thread {
                let result = Result { try body(ThreadRank(group: self, rank: rank)) }
                lock.withLock { box.results[rank] = result }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return try box.results.map { try $0!.get() }
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var results: [Result<T, any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
}

/// One rank of a ``ThreadGroup``.
final class ThreadRank: Communicator {
    let group: ThreadGroup
    let rank: Int
    init(group: ThreadGroup, rank: Int) { (self.group, self.rank) = (group, rank) }
    var size: Int { group.size }
    var localRank: Int { rank }
    var localSize: Int { group.size }

    private static func sum<T: AdditiveArithmetic>(_ all: [[T]]) -> [T] {
        var total = all[0]
        for other in all.dropFirst() {
            precondition(other.count == total.count, "allreduce buffers of different sizes")
            for i in total.indices { total[i] += other[i] }
        }
        return total
    }
    func allreduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws {
        let sum = try group.collective(rank: rank, Array(values), Self.sum)
        for i in values.indices { values[i] = sum[i] }
    }
    func allreduceSum(_ values: inout [Double]) throws { values = try group.collective(rank: rank, values, Self.sum) }
    func broadcast(_ values: inout [Float], from root: Int) throws {
        values = try group.collective(rank: rank, values) { $0[root] }
    }
    func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        try group.collective(rank: rank, [bytes]) { $0.flatMap { $0 } }
    }
}
