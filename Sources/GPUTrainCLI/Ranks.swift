import ArgumentParser
import Foundation
import GPUTrain

/// The ranks this process runs with: one unless an MPI launcher started it in a build with the `MPI` trait.
///
/// Set once by `main` before any command runs, and read by the commands; only rank 0 prints and writes files.
enum Ranks {
    nonisolated(unsafe) private(set) static var group: any Communicator = SingleProcess()

    static var isRoot: Bool { group.rank == 0 }

    /// Starts MPI when a launcher started this process; a build without the trait that finds itself one of several
    /// copies stops, rather than train alone beside the others.
    static func start() throws {
        guard let launch = LaunchEnvironment.current() else { return }
        #if MPI
        group = try MPICommunicator.start()
        #else
        if launch.size > 1 { throw DistributedError.notBuiltWithMPI(rank: launch.rank, size: launch.size) }
        #endif
    }

    /// Checks that every rank was started with the same command line (subcommand, options and their values), so
    /// `mpirun -np 1 gputrain --lr 0.1 : -np 1 gputrain --lr 0.2` fails at once, naming `--lr`.
    static func agreeOnArguments(_ arguments: [String]) throws {
        try group.agree(on: optionPairs(arguments))
    }

    /// `--name value`, `--name=value` and `--flag` as (name, value) pairs, anything else by its position; a repeated
    /// option's values joined in order.
    static func optionPairs(_ arguments: [String]) -> [(name: String, value: String)] {
        func isName(_ s: String) -> Bool { s.hasPrefix("-") && s.count > 1 && Double(s) == nil }
        var pairs: [(name: String, value: String)] = []
        func add(_ name: String, _ value: String) {
            if let i = pairs.firstIndex(where: { $0.name == name }) { pairs[i].value += ", " + value } else { pairs.append((name, value)) }
        }
        var i = 0, position = 0
        while i < arguments.count {
            let a = arguments[i]
            if isName(a) {
                if let eq = a.firstIndex(of: "=") {
                    add(String(a[..<eq]), String(a[a.index(after: eq)...]))
                } else if i + 1 < arguments.count, !isName(arguments[i + 1]) {
                    add(a, arguments[i + 1])
                    i += 1
                } else {
                    add(a, "(set)")
                }
            } else {
                position += 1
                add(position == 1 ? "the subcommand" : "argument \(position)", a)
            }
            i += 1
        }
        return pairs
    }

    /// Whether every rank sees `error` alike (a disagreement, a stop they agreed on, a loss they summed), so rank 0
    /// alone says it and every rank ends normally; any other error only this rank knows of, and it ends the job.
    static func isShared(_ error: any Error) -> Bool {
        if error is DistributedError { return true }
        if error is ExitCode { return true }
        if case TrainingError.diverged = error { return true }
        return false
    }

    /// Ends this rank after `main`: MPI's finalise when every rank ends alike, else an abort of the whole job, so that
    /// no rank is left waiting for ever in a collective the failed one will never make.
    static func end(exitCode code: Int32, shared: Bool) -> Never {
        #if MPI
        if let mpi = group as? MPICommunicator {
            if !shared, mpi.size > 1 { mpi.abort(exitCode: code) }
            mpi.finish()
        }
        #endif
        exit(code)
    }
}
