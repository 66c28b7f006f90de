import Foundation

/// A fastai-style bar for one phase of an epoch ("train", "valid") over a known number of batches.
///
/// On a terminal it redraws one line in place with `\r`:
///
/// ```
/// train  45.0% [#########-----------] 45/100 00:02<00:03
/// ```
///
/// (phase, percentage, bar, batches done/total, elapsed<remaining), and ``finish()`` draws the final state and
/// blanks the line, so the epoch table row that follows starts on a clean line and the bar leaves no trace in
/// scrollback. On anything else (a pipe, a file, a CI log) it writes nothing at all: a log full of `\r` redraws
/// helps no one, and the table already says how long each epoch took.
///
/// Redraws are throttled to one per ``minInterval`` seconds (the first and last draws always happen), so calling
/// ``advance(by:)`` after every batch of a loop doing thousands of batches a second costs a clock read and a compare.
///
/// Not thread-safe: update it from the loop that does the work.
public final class ProgressBar {
    /// Label printed before the percentage, e.g. `train`; may be empty.
    public let phase: String
    /// Number of steps (batches) in the phase.
    public let total: Int
    /// Steps done so far, `0...total`.
    public private(set) var completed = 0
    /// Least seconds between two throttled redraws; 0 redraws on every update.
    public let minInterval: Double
    /// Number of characters the bar itself is wide.
    public let width: Int

    private let sink: any TextSink
    private let clock: () -> Double
    private let start: Double
    private var lastDraw: Double?
    /// Length of the line on screen, to blank it exactly.
    private var drawnLength = 0
    private var lastText = ""
    private var finished = false

    /// Creates the bar and, on a terminal, draws it at 0%.
    /// - Parameters:
    ///   - phase: label before the percentage; empty for none.
    ///   - total: steps in the phase; 0 is shown as complete.
    ///   - sink: where to draw; standard error by default. Nothing is written unless `sink.isTerminal`.
    ///   - width: characters in the bar between `[` and `]`.
    ///   - minInterval: seconds between redraws (50 ms by default: smooth to the eye, invisible in a profile).
    ///   - clock: monotonic seconds; injectable so tests control elapsed time and throttling.
    public init(phase: String = "", total: Int, sink: any TextSink = StandardErrorSink(),
                width: Int = 20, minInterval: Double = 0.05,
                clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.phase = phase
        self.total = max(0, total)
        self.sink = sink
        self.width = max(1, width)
        self.minInterval = minInterval
        self.clock = clock
        self.start = clock()
        draw(force: true)
    }

    /// Marks `steps` more steps done (clamped to ``total``) and redraws if the throttle allows.
    public func advance(by steps: Int = 1) {
        update(completed + steps)
    }

    /// Sets the number of steps done (clamped to `0...total`) and redraws if the throttle allows.
    public func update(_ completed: Int) {
        self.completed = min(max(0, completed), total)
        draw(force: false)
    }

    /// Draws the final state unthrottled, then blanks the line and returns the cursor to its start.
    /// Later calls do nothing.
    public func finish() {
        guard !finished else { return }
        draw(force: true)
        finished = true
        guard sink.isTerminal else { return }
        sink.write("\r" + String(repeating: " ", count: drawnLength) + "\r")
        drawnLength = 0
    }

    /// The line as it would be drawn now, without the leading `\r`.
    public func line() -> String {
        line(elapsed: clock() - start)
    }

    private func line(elapsed: Double) -> String {
        let fraction = total == 0 ? 1 : Double(completed) / Double(total)
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(format: "%5.1f%%", fraction * 100)
        // Remaining time assumes the steps still to come take as long as those done; unknown before the first.
        let remaining = completed > 0 ? elapsed / Double(completed) * Double(total - completed) : Double.nan
        let label = phase.isEmpty ? "" : phase + " "
        return "\(label)\(percent) [\(bar)] \(completed)/\(total) "
            + "\(ReportFormat.duration(elapsed))<\(ReportFormat.duration(remaining))"
    }

    private func draw(force: Bool) {
        guard sink.isTerminal, !finished else { return }
        let now = clock()
        if !force, let last = lastDraw, now - last < minInterval { return }
        lastDraw = now
        let text = line(elapsed: now - start)
        guard text != lastText else { return }  // e.g. finish() right after the last step was drawn
        lastText = text
        // Pad over whatever a longer previous line left on screen (the remaining time shrinks from `1:00:00` to
        // `59:59`), so no separate clear is needed between draws.
        let padding = String(repeating: " ", count: max(0, drawnLength - text.count))
        sink.write("\r" + text + padding)
        drawnLength = text.count + padding.count
    }
}
