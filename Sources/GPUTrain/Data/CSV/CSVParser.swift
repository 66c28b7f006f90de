import Dispatch
import Foundation

/// RFC 4180 on bytes: splits a CSV into typed columns (``TableColumn``) without making a `String` per field.
///
/// The grammar is the one the project has always accepted: fields separated by the delimiter, records by LF,
/// CRLF or a lone CR; a field may be quoted, and inside quotes the delimiter and line breaks are data and `""`
/// is one `"`; spaces around a field (and after a closing quote) are not part of it; `""` in an unquoted field
/// is one `"`, while any other quote there is an error, as is a quoted field that is never closed or a NUL
/// byte. Blank lines are skipped, and a UTF-8 byte order mark is ignored.
///
/// Large inputs are read in parallel, one chunk per core, each starting after a line feed near an even share of
/// the bytes. That is a record boundary unless the line feed is inside a quoted field, which only reading from
/// the start can tell; so the cuts are speculative and checked afterwards, in order: a chunk read from a true
/// boundary ends exactly at the next cut, or that next chunk is read again from where it did end. Errors are
/// taken in file order, so the one reported is the first in the file, with its true line.
struct CSVParser {
    /// A parse: the columns still in the chunks they were read in, which need none of the input's bytes.
    struct Result {
        var header: [String]
        /// Per chunk, per column.
        var chunks: [[ColumnBuilder]]
        var lines: [Int]
        var delimiter: CSVDelimiter

        /// Joins each column's chunks, releasing each chunk's part as it goes so that the peak stays near one
        /// copy of the data.
        mutating func columns() -> [TableColumn] {
            // Regrouped by column first, so that each column's parts have one owner and go when it is joined.
            var byColumn = header.indices.map { c in chunks.indices.map { chunks[$0][c] } }
            chunks = []
            return byColumn.withUnsafeMutableBufferPointer { parts in
                let shared = UncheckedSendable(parts)
                let header = self.header
                return parallelMap(header.count) { c in
                    let column = TableColumn(name: header[c], chunks: shared.value[c])
                    shared.value[c] = []
                    return column
                }
            }
        }
    }

    let source: String
    let delimiter: UInt8
    /// Bytes that end an unquoted field's fast scan: the delimiter, `"`, CR, LF and NUL (a bit set).
    private let stops: (UInt64, UInt64, UInt64, UInt64)

    private init(source: String, delimiter: CSVDelimiter) {
        self.source = source
        self.delimiter = delimiter.byte
        var stops = [UInt64](repeating: 0, count: 4)
        for byte in [delimiter.byte, UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0] {
            stops[Int(byte >> 6)] |= 1 << UInt64(byte & 63)
        }
        self.stops = (stops[0], stops[1], stops[2], stops[3])
    }

    /// Inputs smaller than this are parsed on one thread.
    static let parallelThreshold = 1 << 20

    /// Parses a whole CSV.
    /// - Parameters:
    ///   - delimiter: nil detects it from the header line.
    ///   - progress: called with the bytes parsed so far, from the parsing threads, one call at a time.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, delimiter: CSVDelimiter?,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                      progress: ((Int) -> Void)? = nil) throws -> Result {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // Skip blank lines before the header, counting them.
        var line = 1
        var scan = start
        var headerStart: Int?
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r")
                                               && (scan + 1 == bytes.count || bytes[scan + 1] != UInt8(ascii: "\n"))) {
                line += 1
                scan += 1
                headerStart = nil
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                if headerStart == nil { headerStart = scan }
                scan += 1
            } else {
                headerStart = headerStart ?? scan
                break
            }
        }
        guard scan < bytes.count, let first = headerStart else { throw DataError.emptyCSV(source: source) }
        let chosen = delimiter ?? CSVDelimiter.detect(header: UnsafeBufferPointer(rebasing: bytes[first...]))
        let parser = CSVParser(source: source, delimiter: chosen)

        var pos = first
        var headerSink = HeaderSink()
        var scratch: [UInt8] = []
        let headerLine = line
        _ = try parser.record(bytes, &pos, &line, &scratch, &headerSink)
        if let bad = headerSink.badField {
            throw DataError.unreadableFile(path: source, reason: "not UTF-8 text: line \(headerLine), the name of "
                                           + "column \(bad + 1) (save the file as UTF-8)")
        }
        let header = headerSink.names

        let ranges = parser.chunks(bytes, from: pos, threads: threads)
        let reporter = progress.map { ProgressReporter(total: bytes.count, done: pos, report: $0) }
        var parsed = parser.parseChunks(bytes, ranges, columns: header.count, reporter: reporter)
        // Each chunk but the first started at a guess; the chunk before it, which started at a record, shows
        // whether the guess was one: it must have ended exactly there. Where it was not, the next chunk is read
        // again from the true boundary. The first error in file order then sits in the first chunk with one.
        var lines: [Int] = []
        lines.reserveCapacity(parsed.reduce(0) { $0 + $1.lines.count })
        var base = line
        var k = 0
        while k < parsed.count {
            if let error = parsed[k].error { throw error.dataError(source: source, base: base, header: header) }
            lines += parsed[k].lines.buffer.lazy.map { $0 + base }
            base += parsed[k].lineCount
            if k + 1 < parsed.count, parsed[k].end != ranges[k + 1].range.lowerBound {
                let redo = parsed[k].end ..< max(parsed[k].end, ranges[k + 1].range.upperBound)
                parsed[k + 1] = parser.parseChunk(bytes, redo, rows: ranges[k + 1].rows, columns: header.count,
                                                  reporter: nil)
            }
            k += 1
        }
        return Result(header: header, chunks: parsed.map(\.builders), lines: lines, delimiter: chosen)
    }

    // MARK: Chunks

    /// Cuts `from..<bytes.count` into up to `threads` ranges, each after a line feed, with an estimate of each
    /// range's records (from the lines near the start) to size its columns once.
    ///
    /// A line feed inside a quoted field is no record boundary, and nothing here can tell; ``parse`` checks each
    /// cut once the chunk before it is read, and reads the next chunk again from the true boundary when a cut
    /// was wrong. Only a file with line breaks inside quoted fields can get one wrong.
    private func chunks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                        threads: Int) -> [(range: Range<Int>, rows: Int)] {
        let end = bytes.count
        // Bytes per record, from the first 64 KiB; past that the estimate only has to be an upper bound.
        let sample = min(end, start + (1 << 16))
        var lineFeeds = 0
        for k in start ..< sample where bytes[k] == UInt8(ascii: "\n") { lineFeeds += 1 }
        let bytesPerRecord = max(1, (sample - start) / max(lineFeeds, 1))
        let n = end - start < Self.parallelThreshold ? 1 : max(1, threads)
        var cuts = [start]
        for i in 1..<max(n, 1) {
            var k = max(start + (end - start) * i / n, cuts.last!)
            while k < end, bytes[k] != UInt8(ascii: "\n") { k += 1 }
            if k + 1 < end, k + 1 > cuts.last! { cuts.append(k + 1) }
        }
        cuts.append(end)
        return zip(cuts, cuts.dropFirst()).map { lower, upper in
            (lower ..< upper, (upper - lower) / bytesPerRecord * 9 / 8 + 64)
        }
    }

    struct Chunk {
        var builders: [ColumnBuilder]
        /// Each row's first line, counted from 0 at the chunk's start.
        var lines: GrowableBuffer<Int>
        var lineCount = 0
        /// Where the last record read ended: past the range's end when that record started before it.
        var end = 0
        var error: ChunkError?
    }

    private func parseChunks(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [(range: Range<Int>, rows: Int)], columns: Int,
                             reporter: ProgressReporter?) -> [Chunk] {
        var chunks = [Chunk?](repeating: nil, count: ranges.count)
        chunks.withUnsafeMutableBufferPointer { out in
            let shared = UncheckedSendable((self, bytes, out, reporter))
            let work: @Sendable (Int) -> Void = { i in
                let (parser, bytes, out, reporter) = shared.value
                out[i] = parser.parseChunk(bytes, ranges[i].range, rows: ranges[i].rows, columns: columns, reporter: reporter)
            }
            if ranges.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: ranges.count, execute: work) }
        }
        return chunks.map { $0! }
    }

    fileprivate func parseChunk(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, rows estimate: Int,
                            columns: Int, reporter: ProgressReporter?) -> Chunk {
        let builders = UnsafeMutableBufferPointer<ColumnBuilder>.allocate(capacity: columns)
        _ = builders.initialize(from: (0..<columns).map { _ in ColumnBuilder(capacity: estimate) })
        defer {
            builders.deinitialize()
            builders.deallocate()
        }
        var sink = ColumnSink(builders: builders)
        var chunk = Chunk(builders: [], lines: GrowableBuffer(capacity: estimate))
        var pos = range.lowerBound
        var line = 0
        var scratch: [UInt8] = []
        var reported = pos
        do {
            // A record that starts in the range is read to its end, even past the range's.
            while pos < range.upperBound {
                let recordLine = line
                let (fields, blank) = try record(bytes, &pos, &line, &scratch, &sink)
                if blank {
                    sink.removeLast()
                    continue
                }
                if let bad = sink.badField {
                    throw ChunkError.notUTF8(line: recordLine, column: bad)
                }
                guard fields == columns else {
                    throw ChunkError.fieldCount(line: recordLine, found: fields, expected: columns)
                }
                chunk.lines.append(recordLine)
                if let reporter, pos - reported >= 1 << 23 {
                    reporter.add(pos - reported)
                    reported = pos
                }
            }
        } catch let error as ChunkError {
            chunk.error = error
        } catch {
            chunk.error = .other(error)
        }
        reporter?.add(pos - reported)
        chunk.lineCount = line
        chunk.end = pos
        chunk.builders = (0..<columns).map { c in
            var builder = ColumnBuilder(capacity: 0)
            swap(&builder, &builders[c])
            return builder
        }
        return chunk
    }

    // MARK: Records

    /// Reads the record at `pos` (which must start one) to its end, passing each field to `sink`.
    /// - Returns: the number of fields, and whether the record is a blank line (one empty field).
    @inline(__always)
    private func record<Sink: FieldSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                                         _ scratch: inout [UInt8], _ sink: inout Sink) throws -> (Int, Bool) {
        let base = bytes.baseAddress!
        let end = bytes.count
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        var field = 0
        var firstEmpty = false
        while true {
            while pos < end, base[pos] == space || base[pos] == tab, base[pos] != delimiter { pos += 1 }
            var p: UnsafePointer<UInt8>
            var n: Int
            if pos < end, base[pos] == quote {
                let opened = line
                pos += 1
                scratch.removeAll(keepingCapacity: true)
                var segment = pos
                var copied = false
                while true {
                    guard pos < end else {
                        throw ChunkError.malformed(line: opened, reason: "a quoted field starting here is never closed")
                    }
                    let byte = base[pos]
                    if byte == quote {
                        if pos + 1 < end, base[pos + 1] == quote {
                            scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos + 1 - segment))
                            copied = true
                            pos += 2
                            segment = pos
                            continue
                        }
                        break
                    }
                    if byte == lf || (byte == cr && (pos + 1 == end || base[pos + 1] != lf)) { line += 1 }
                    if byte == 0 { throw ChunkError.nul(line: line) }
                    pos += 1
                }
                if copied { scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos - segment)) }
                let close = pos
                pos += 1
                while pos < end, base[pos] == space || base[pos] == tab, base[pos] != delimiter { pos += 1 }
                if pos < end, base[pos] != delimiter, base[pos] != lf, base[pos] != cr {
                    throw ChunkError.strayQuote(line: line)
                }
                if copied {
                    (p, n) = scratch.withUnsafeBufferPointer { ($0.baseAddress ?? base, $0.count) }
                } else {
                    (p, n) = (base + segment, close - segment)
                }
            } else {
                // Most fields of a large file are numbers: read one in the same pass that finds the field's end.
                if Sink.takesNumbers, let (x, used) = NumberParser.scan(base + pos, end - pos) {
                    var after = pos + used
                    while after < end, base[after] == space || base[after] == tab, base[after] != delimiter { after += 1 }
                    if after == end || base[after] == delimiter || base[after] == lf || base[after] == cr {
                        sink.number(field, x, base + pos, used)
                        if field == 0 { firstEmpty = false }
                        field += 1
                        pos = after
                        guard pos < end else { break }
                        let byte = base[pos]
                        pos += 1
                        if byte == delimiter { continue }
                        if byte == cr, pos < end, base[pos] == lf { pos += 1 }
                        line += 1
                        break
                    }
                }
                let start = pos
                // Every stop byte is below 128 (the delimiters are ASCII), so two words of the set suffice.
                let (low, high) = (stops.0, stops.1)
                while pos < end {
                    let byte = base[pos]
                    if byte < 128, (byte < 64 ? low >> UInt64(byte) : high >> UInt64(byte & 63)) & 1 != 0 { break }
                    pos += 1
                }
                if pos < end, base[pos] == quote || base[pos] == 0 {
                    // Rare: `""` inside an unquoted field is one quote; anything else is an error.
                    scratch.removeAll(keepingCapacity: true)
                    var segment = start
                    while pos < end, base[pos] != delimiter, base[pos] != lf, base[pos] != cr {
                        if base[pos] == 0 { throw ChunkError.nul(line: line) }
                        if base[pos] == quote {
                            guard pos + 1 < end, base[pos + 1] == quote else { throw ChunkError.strayQuote(line: line) }
                            scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos + 1 - segment))
                            pos += 2
                            segment = pos
                        } else {
                            pos += 1
                        }
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos - segment))
                    (p, n) = scratch.withUnsafeBufferPointer { ($0.baseAddress ?? base, $0.count) }
                } else {
                    (p, n) = (base + start, pos - start)
                }
            }
            // Trailing spaces and tabs are not part of the field either (leading ones were skipped).
            while n > 0, p[n - 1] == space || p[n - 1] == tab { n -= 1 }
            if field == 0 { firstEmpty = n == 0 }
            sink.field(field, p, n)
            field += 1
            guard pos < end else { break }
            let byte = base[pos]
            pos += 1
            if byte == delimiter { continue }
            if byte == cr, pos < end, base[pos] == lf { pos += 1 }
            line += 1
            break
        }
        return (field, field == 1 && firstEmpty)
    }
}

/// Receives the fields of a record.
private protocol FieldSink {
    /// Whether plain numbers go to ``number(_:_:_:_:)`` rather than ``field(_:_:_:)``.
    static var takesNumbers: Bool { get }
    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ count: Int)
    /// Field `index`, the finite number `x` spelled by the `count` bytes at `p`.
    mutating func number(_ index: Int, _ x: Double, _ p: UnsafePointer<UInt8>, _ count: Int)
}

extension FieldSink {
    static var takesNumbers: Bool { false }
    mutating func number(_ index: Int, _ x: Double, _ p: UnsafePointer<UInt8>, _ count: Int) { field(index, p, count) }
}

private struct HeaderSink: FieldSink {
    var names: [String] = []
    var badField: Int?

    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ count: Int) {
        guard let name = String(validating: UnsafeBufferPointer(start: p, count: count), as: UTF8.self) else {
            badField = badField ?? index
            names.append("")
            return
        }
        names.append(name)
    }
}

private struct ColumnSink: FieldSink {
    /// The builders, through a pointer: an array's uniqueness check on every field costs more than the field.
    let builders: UnsafeMutableBufferPointer<ColumnBuilder>
    /// The first field of the current record that was not UTF-8.
    var badField: Int?
    private var filled = 0

    init(builders: UnsafeMutableBufferPointer<ColumnBuilder>) { self.builders = builders }

    @inline(__always)
    mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ count: Int) {
        if index == 0 { filled = 0; badField = nil }
        guard index < builders.count else { return }
        if !builders[index].append(p, count) {
            badField = badField ?? index
            builders[index].appendEmpty()  // keeps the columns aligned; the record is an error anyway
        }
        filled = index + 1
    }

    static var takesNumbers: Bool { true }

    @inline(__always)
    mutating func number(_ index: Int, _ x: Double, _ p: UnsafePointer<UInt8>, _ count: Int) {
        if index == 0 { filled = 0; badField = nil }
        guard index < builders.count else { return }
        builders[index].append(number: x, p, count)
        filled = index + 1
    }

    /// Takes back a blank line's field.
    mutating func removeLast() {
        for c in 0..<filled { builders[c].removeLast() }
        filled = 0
    }
}

/// An error found in a chunk, with a line counted from the chunk's start.
enum ChunkError: Error {
    case fieldCount(line: Int, found: Int, expected: Int)
    case malformed(line: Int, reason: String)
    case strayQuote(line: Int)
    case nul(line: Int)
    case notUTF8(line: Int, column: Int)
    case other(any Error)

    func dataError(source: String, base: Int, header: [String]) -> any Error {
        switch self {
        case .fieldCount(let line, let found, let expected):
            return DataError.wrongFieldCount(source: source, line: base + line, found: found, expected: expected)
        case .malformed(let line, let reason):
            return DataError.malformedCSV(source: source, line: base + line, reason: reason)
        case .strayQuote(let line):
            return DataError.malformedCSV(source: source, line: base + line, reason: "a stray quote; quote the "
                + "whole field and double each quote inside it, e.g. \"say \"\"hi\"\"\"")
        case .nul(let line):
            return DataError.malformedCSV(source: source, line: base + line,
                                          reason: "a NUL byte: this is binary data, not CSV text")
        case .notUTF8(let line, let column):
            return DataError.unreadableFile(path: source, reason: "not UTF-8 text: line \(base + line), column "
                                            + "'\(header[column])' (save the file as UTF-8)")
        case .other(let error):
            return error
        }
    }
}

/// Adds up the bytes that the chunks have parsed and reports the total, one call at a time.
private final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int
    private let total: Int
    private let report: (Int) -> Void

    init(total: Int, done: Int, report: @escaping (Int) -> Void) {
        self.done = done
        self.total = total
        self.report = report
    }

    func add(_ bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        done = min(done + bytes, total)  // a chunk read again counts twice
        report(done)
    }
}

/// Shares values with `concurrentPerform`'s iterations, which touch disjoint parts and end before it returns.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
