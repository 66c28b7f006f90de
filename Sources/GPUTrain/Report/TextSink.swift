import Foundation

/// Where reports write text: standard error in a run, a ``StringSink`` in tests.
///
/// A class-bound protocol rather than `TextOutputStream` because a ``ProgressBar`` keeps its sink for its whole
/// life, and a test must be able to read what was written through its own reference to the same sink.
public protocol TextSink: AnyObject {
    /// Writes `text` as is (no newline added) and makes it visible now: a progress bar that sits in a
    /// buffer is no progress bar.
    func write(_ text: String)
    /// Whether a person is watching: a terminal that understands `\r` redraws. Pipes, files and CI logs are not.
    var isTerminal: Bool { get }
}

/// Standard error, unbuffered; a terminal when `isatty(2)` says so.
///
/// Standard error because progress is not output: `gputrain … > predictions.csv` must not get bar redraws.
public final class StandardErrorSink: TextSink, Sendable {
    /// Whether standard error is a terminal (so a progress bar redraws in place).
    public let isTerminal: Bool

    /// Standard error of this process.
    public init() {
        isTerminal = isatty(STDERR_FILENO) != 0
    }

    public func write(_ text: String) {
        // FileHandle rather than `fputs(_, stderr)`: the C global `stderr` is shared mutable state to Swift 6.
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Collects everything written, for tests and for callers that place the text themselves.
public final class StringSink: TextSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// Whether writers should behave as on a terminal.
    public let isTerminal: Bool

    /// An empty sink.
    /// - Parameter isTerminal: whether to behave as a terminal, so a test can see either kind of output.
    public init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    public func write(_ text: String) {
        self.text += text
    }
}
