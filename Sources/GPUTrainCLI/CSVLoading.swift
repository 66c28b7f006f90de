import ArgumentParser
import Foundation
import GPUTrain

extension CSVDelimiter: ExpressibleByArgument {
    public static var allValueStrings: [String] { [",", ";", "tab", "|"] }
}

/// Reading a user's CSV for `train` and `predict`: a progress bar in MB on a terminal for a large file, and a
/// line saying which delimiter was detected when it is not a comma.
enum CSVLoading {
    /// Files smaller than this load too fast for a bar to be worth drawing.
    static let barThreshold = 32 << 20

    static func table(_ path: String, delimiter: CSVDelimiter?) throws -> Table {
        let sink = StandardErrorSink()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var bar: ProgressBar?
        let progress: ((Int, Int) -> Void)? = sink.isTerminal && size >= barThreshold ? { done, total in
            if bar == nil { bar = ProgressBar(phase: "read MB", total: max(1, total >> 20), sink: sink) }
            bar?.update(done >> 20)
        } : nil
        defer { bar?.finish() }
        let table = try Table(contentsOfFile: path, delimiter: delimiter, progress: progress)
        if delimiter == nil, table.delimiter != .comma {
            Console.out("data: \(path): fields separated by \(table.delimiter.name)s, detected from the header "
                        + "(--delimiter chooses)")
        }
        return table
    }
}
