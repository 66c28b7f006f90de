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
/// A file is read a window (16 MiB) at a time, so only its columns are ever held whole. A window is read in
/// parallel, one chunk per core, each starting after a line feed near an even share of the bytes. That is a record boundary unless the line feed is inside a quoted field, which only reading from
/// the start can tell; so the cuts are speculative and checked afterwards, in order: a chunk read from a true
/// boundary ends exactly at the next cut, or that next chunk is read again from where it did end. Errors are
/// taken in file order, so the one reported is the first in the file, with its true line.
struct CSVParser {
    struct Result {
        var header: [String]
        var columns: [TableColumn]
        var lines: [Int]
        var delimiter: CSVDelimiter
        /// The most chunks one window was cut into (1: read on one thread).
        var chunkCount = 1
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

    /// Inputs (and windows) smaller than this are parsed on one thread.
    static let parallelThreshold = 1 << 20
    /// How much of a file is in memory at a time.
    static let windowSize = 16 << 20

    /// Parses CSV bytes that are all in memory.
    /// - Parameters:
    ///   - delimiter: nil detects it from the header line.
    ///   - progress: called with the bytes parsed so far.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, delimiter: CSVDelimiter?,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                      progress: ((Int) -> Void)? = nil) throws -> Result {
        try parse(MemoryWindow(bytes), source: source, delimiter: delimiter, threads: threads, progress: progress)
    }

    /// Reads and parses a file a window at a time: the whole file is never in memory, only its columns.
    /// - Parameters:
    ///   - expectedSize: the size to read; nil asks the file system (tests pass a larger one to stand for a file
    ///     that shrinks while it is read).
    ///   - progress: called after each window with the bytes parsed so far and the file's size.
    static func parse(file path: String, delimiter: CSVDelimiter?, expectedSize: Int? = nil,
                      windowSize: Int = CSVParser.windowSize,
                      threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                      progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        let window = try FileWindow(path: path, capacity: windowSize, expectedSize: expectedSize)
        return try parse(window, source: path, delimiter: delimiter, threads: threads,
                         progress: progress.map { report in { report($0, window.totalSize) } })
    }

    private static func parse(_ window: any ByteWindow, source: String, delimiter: CSVDelimiter?, threads: Int,
                              progress: ((Int) -> Void)?) throws -> Result {
        // The header: the first window must hold it whole.
        var header: (names: [String], end: Int, nextLine: Int, delimiter: CSVDelimiter)?
        while header == nil {
            header = try readHeader(window.bytes, atEOF: window.isLast, source: source, delimiter: delimiter)
            if header == nil { try window.advance(dropping: 0) }
        }
        let (names, headerEnd, firstLine, chosen) = header!
        let parser = CSVParser(source: source, delimiter: chosen)
        let columns = names.count

        // Bytes per record, from the first 64 KiB after the header; sizes the columns once (an estimate: they grow).
        let sampleEnd = min(window.bytes.count, headerEnd + (1 << 16))
        var lineFeeds = 0
        for k in headerEnd ..< sampleEnd where window.bytes[k] == UInt8(ascii: "\n") { lineFeeds += 1 }
        let bytesPerRecord = max(1, (sampleEnd - headerEnd) / max(lineFeeds, 1))
        let expectedRows = (window.totalSize - headerEnd) / bytesPerRecord * 9 / 8 + 64
        var assemblers = names.map { ColumnAssembler(name: $0, capacity: expectedRows) }
        let lines = GrowableBuffer<Int>(capacity: expectedRows)

        // One set of builders per chunk, kept from window to window so their memory is faulted in once.
        let slots = max(1, threads)
        let chunkRows = min(window.bytes.count, CSVParser.windowSize) / slots / bytesPerRecord * 9 / 8 + 64
        let builders = (0..<slots).map { _ in
            UncheckedSendable((0..<columns).map { _ in ColumnBuilderBox(ColumnBuilder(capacity: chunkRows)) })
        }
        let chunkLines = (0..<slots).map { _ in GrowableBuffer<Int>(capacity: chunkRows) }

        var start = headerEnd
        var line = firstLine
        var chunkCount = 1
        while true {
            let bytes = window.bytes
            let atEOF = window.isLast
            // Chunks cover whole lines; a record that runs past the last line feed (a line break in quotes) is read
            // to its end, or, when the window cuts it off, left for the next window.
            var parseEnd = bytes.count
            if !atEOF {
                parseEnd = start
                var k = bytes.count
                while k > start {
                    k -= 1
                    if bytes[k] == UInt8(ascii: "\n") { parseEnd = k + 1; break }
                }
            }
            var consumed = start
            if parseEnd > start {
                let ranges = parser.cuts(bytes, from: start, to: parseEnd, chunks: slots)
                chunkCount = max(chunkCount, ranges.count)
                let keep = assemblers.map(\.spellingsKept)
                var outcomes = [ChunkOutcome?](repeating: nil, count: ranges.count)
                outcomes.withUnsafeMutableBufferPointer { out in
                    let shared = UncheckedSendable((parser, bytes, out, ranges))
                    let work: @Sendable (Int) -> Void = { i in
                        let (parser, bytes, out, ranges) = shared.value
                        out[i] = parser.parseChunk(bytes, ranges[i], atEOF: atEOF, builders: builders[i].value,
                                                   keepSpellings: keep, lines: chunkLines[i])
                    }
                    if ranges.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: ranges.count, execute: work) }
                }
                // Each chunk but the first started after a line feed that may have been inside quotes; the chunk before
                // it shows whether it was a boundary: it ended exactly there, or the next chunk is read again from where
                // it did end. The first error in file order is then in the first chunk with one.
                var used = 0
                for k in ranges.indices {
                    var outcome = outcomes[k]!
                    if k > 0, consumed != ranges[k].lowerBound {
                        outcome = parser.parseChunk(bytes, consumed ..< max(consumed, ranges[k].upperBound), atEOF: atEOF,
                                                    builders: builders[k].value, keepSpellings: keep, lines: chunkLines[k])
                    }
                    if let error = outcome.error { throw error.dataError(source: source, base: line, header: names) }
                    for r in 0 ..< chunkLines[k].count { lines.append(chunkLines[k][r] + line) }
                    line += outcome.lineCount
                    consumed = outcome.end
                    used = k + 1
                    if outcome.incomplete { break }
                }
                // Each column takes its chunks in order; the columns are independent.
                let chunksUsed = used
                assemblers.withUnsafeMutableBufferPointer { assemblers in
                    let shared = UncheckedSendable(assemblers)
                    DispatchQueue.concurrentPerform(iterations: columns) { c in
                        for k in 0 ..< chunksUsed { shared.value[c].append(builders[k].value[c].builder) }
                    }
                }
            }
            progress?(window.offset + consumed)
            if atEOF { break }
            try window.advance(dropping: consumed)
            start = 0
        }
        return Result(header: names, columns: assemblers.map { $0.finish() }, lines: Array(lines.buffer),
                      delimiter: chosen, chunkCount: chunkCount)
    }

    /// The header record at the start of `bytes` (after a BOM and blank lines): the names, where the data starts,
    /// its line, and the delimiter. Nil when the window ends inside it.
    private static func readHeader(_ bytes: UnsafeBufferPointer<UInt8>, atEOF: Bool, source: String,
                                   delimiter: CSVDelimiter?) throws -> ([String], Int, Int, CSVDelimiter)? {
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
        guard scan < bytes.count, let first = headerStart else {
            if atEOF { throw DataError.emptyCSV(source: source) }
            return nil
        }
        let chosen = delimiter ?? CSVDelimiter.detect(header: UnsafeBufferPointer(rebasing: bytes[first...]))
        let parser = CSVParser(source: source, delimiter: chosen)
        var pos = first
        var sink = HeaderSink()
        var scratch: [UInt8] = []
        var headerLine = line
        do {
            // A line of one empty field (`""`) is blank too; the header is the first record that is not.
            while true {
                sink = HeaderSink()
                headerLine = line
                let (_, blank) = try parser.record(bytes, &pos, &line, &scratch, &sink, atEOF: atEOF)
                if !blank { break }
                guard pos < bytes.count else {
                    if atEOF { throw DataError.emptyCSV(source: source) }
                    return nil
                }
            }
        } catch ChunkError.needMore {
            return nil
        } catch let error as ChunkError {
            throw error.dataError(source: source, base: 0, header: [])
        }
        if let bad = sink.badField {
            throw DataError.unreadableFile(path: source, reason: "not UTF-8 text: line \(headerLine), the name of "
                                           + "column \(bad + 1) (save the file as UTF-8)")
        }
        return (sink.names, pos, line, chosen)
    }

    // MARK: Chunks

    /// Cuts `start..<end` into up to `chunks` ranges, each after a line feed.
    ///
    /// A line feed inside a quoted field is no record boundary, and nothing here can tell; the caller checks each
    /// cut once the chunk before it is read. Only line breaks inside quoted fields can make a cut wrong.
    private func cuts(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, chunks n: Int) -> [Range<Int>] {
        let n = end - start < Self.parallelThreshold ? 1 : n
        var cuts = [start]
        for i in 1..<max(n, 1) {
            var k = max(start + (end - start) * i / n, cuts.last!)
            while k < end, bytes[k] != UInt8(ascii: "\n") { k += 1 }
            if k + 1 < end, k + 1 > cuts.last! { cuts.append(k + 1) }
        }
        cuts.append(end)
        return zip(cuts, cuts.dropFirst()).map { $0 ..< $1 }
    }

    fileprivate struct ChunkOutcome {
        /// Where the last record read ended: past the range's end when that record started before it.
        var end: Int
        /// Lines read, counted from the chunk's start.
        var lineCount: Int
        var error: ChunkError?
        /// The window ended inside the record at `end`.
        var incomplete = false
    }

    /// Reads the records that start in `range` into `builders` (emptied first), and each one's first line (from 0
    /// at the range's start) into `lines`.
    fileprivate func parseChunk(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, atEOF: Bool,
                                builders boxes: [ColumnBuilderBox], keepSpellings: [Bool],
                                lines: GrowableBuffer<Int>) -> ChunkOutcome {
        let columns = boxes.count
        let builders = UnsafeMutableBufferPointer<ColumnBuilder>.allocate(capacity: columns)
        for c in 0..<columns {
            boxes[c].builder.reset(keepingSpellings: keepSpellings[c])
            (builders.baseAddress! + c).initialize(to: boxes[c].builder)
        }
        defer {
            for c in 0..<columns { boxes[c].builder = builders[c] }
            builders.deinitialize()
            builders.deallocate()
        }
        lines.removeAll()
        var sink = ColumnSink(builders: builders)
        var outcome = ChunkOutcome(end: range.lowerBound, lineCount: 0)
        var pos = range.lowerBound
        var line = 0
        var scratch: [UInt8] = []
        do {
            // A record that starts in the range is read to its end, even past the range's.
            while pos < range.upperBound {
                let (recordStart, recordLine) = (pos, line)
                sink.beginRecord()
                let fields: Int, blank: Bool
                do {
                    (fields, blank) = try record(bytes, &pos, &line, &scratch, &sink, atEOF: atEOF)
                } catch ChunkError.needMore {
                    sink.removeLast()  // the fields it had read
                    (pos, line) = (recordStart, recordLine)
                    outcome.incomplete = true
                    break
                }
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
                lines.append(recordLine)
            }
        } catch let error as ChunkError {
            outcome.error = error
        } catch {
            outcome.error = .other(error)
        }
        outcome.lineCount = line
        outcome.end = pos
        return outcome
    }

    // MARK: Records

    /// Reads the record at `pos` (which must start one) to its end, passing each field to `sink`.
    /// - Returns: the number of fields, and whether the record is a blank line (one empty field).
    @inline(__always)
    private func record<Sink: FieldSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                                         _ scratch: inout [UInt8], _ sink: inout Sink,
                                         atEOF: Bool = true) throws -> (Int, Bool) {
        let base = bytes.baseAddress!
        let end = bytes.count
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        var field = 0
        var firstEmpty = false
        /// Steps past the end of a field: its delimiter (true: another field follows) or its record's line break
        /// (false), where a window that ends on a CR cannot yet tell CR from CRLF.
        @inline(__always) func nextField() throws -> Bool {
            guard pos < end else {
                guard atEOF else { throw ChunkError.needMore }
                return false
            }
            let byte = base[pos]
            pos += 1
            if byte == delimiter { return true }
            if byte == cr, pos == end, !atEOF { throw ChunkError.needMore }
            if byte == cr, pos < end, base[pos] == lf { pos += 1 }
            line += 1
            return false
        }
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
                        guard atEOF else { throw ChunkError.needMore }
                        throw ChunkError.malformed(line: opened, reason: "a quoted field starting here is never closed")
                    }
                    let byte = base[pos]
                    if byte == quote {
                        if pos + 1 == end, !atEOF { throw ChunkError.needMore }  // a closing quote, or `""`?
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
                    throw base[pos] == 0 ? ChunkError.nul(line: line) : ChunkError.strayQuote(line: line)
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
                        if try nextField() { continue }
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
                            if pos + 1 == end, !atEOF { throw ChunkError.needMore }
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
            // Spaces and tabs around the value are not part of it, inside quotes too (as the features always read it).
            while n > 0, p[n - 1] == space || p[n - 1] == tab { n -= 1 }
            while n > 0, p[0] == space || p[0] == tab {
                p += 1
                n -= 1
            }
            if field == 0 { firstEmpty = n == 0 }
            sink.field(field, p, n)
            field += 1
            if try nextField() { continue }
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

    mutating func beginRecord() {
        filled = 0
        badField = nil
    }

    /// Takes back the current record's fields (a blank line's, or a record the window cut off).
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
    /// The input's window ends inside the record; the next window must hold it whole.
    case needMore
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
        case .needMore:
            return DataError.malformedCSV(source: source, line: nil, reason: "a record is cut off")  // never thrown
        case .other(let error):
            return error
        }
    }
}

/// Shares values with `concurrentPerform`'s iterations, which touch disjoint parts and end before it returns.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
