import Dispatch
import Foundation
import GPUTrain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) during training: the first asks the run to stop after the batch in flight,
/// so the finished epochs are kept and written; a second one ends the process at once and writes nothing, for a
/// run that does not stop soon enough.
final class Interrupts: @unchecked Sendable {
    /// Requested by the first signal; the trainer looks at it after every batch.
    let stop: StopRequest
    private let lock = NSLock()
    private var first: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// Takes over SIGINT and SIGTERM for the rest of the process.
    init(stop: StopRequest) {
        self.stop = stop
        let queue = DispatchQueue(label: "gputrain.signals")
        for number in [SIGINT, SIGTERM] {
            // Ignored, the signal no longer kills the process, and the dispatch source still sees it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                // Two signals in quick succession can arrive as one event with a count of 2.
                self.received(number, count: Int(source.data))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var signalNumber: Int32? { lock.withLock { first } }

    /// The exit status a shell expects after `signalNumber`: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    var exitStatus: Int32? { signalNumber.map { 128 + $0 } }

    /// "SIGINT" or "SIGTERM".
    static func name(_ number: Int32) -> String { number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)" }

    private func received(_ number: Int32, count: Int) {
        let isFirst = lock.withLock {
            guard first == nil else { return false }
            first = number
            return true
        }
        if isFirst && count < 2 {
            stop.request()
            return
        }
        abort(number)
    }

    /// Ends the process the way the signal's default action would (so the parent sees it killed by that signal),
    /// after blanking a progress bar on a terminal. Files being written stay as they were: the atomic writes have
    /// not renamed anything into place.
    private func abort(_ number: Int32) -> Never {
        if isatty(2) != 0 {
            let clear = "\r\u{1B}[K"
            _ = clear.withCString { write(2, $0, strlen($0)) }
        }
        signal(number, SIG_DFL)
        // Dispatch keeps the signal blocked on its threads: unblock it on this one, then raise it here.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        // Not reached when the default action ran; the status still says which signal it was.
        _exit(128 + number)
    }
}
