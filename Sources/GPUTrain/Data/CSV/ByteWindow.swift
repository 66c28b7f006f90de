import Foundation

/// The part of the input in memory: a file a window at a time, or text that is all there.
protocol ByteWindow: AnyObject {
    /// The window's bytes.
    var bytes: UnsafeBufferPointer<UInt8> { get }
    /// Whether the window reaches the end of the input.
    var isLast: Bool { get }
    /// The input position of `bytes[0]`.
    var offset: Int { get }
    /// The input's size.
    var totalSize: Int { get }
    /// Drops `bytes[..<start]`, keeps the rest at the front and reads on; when `start` is 0 and the window is
    /// full (one record larger than the window) the window doubles.
    func advance(dropping start: Int) throws
}

/// Input that is all in memory: one window, the last.
final class MemoryWindow: ByteWindow {
    let bytes: UnsafeBufferPointer<UInt8>
    var isLast: Bool { true }
    var offset: Int { 0 }
    var totalSize: Int { bytes.count }
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    func advance(dropping start: Int) throws {}
}

/// A file read a window at a time into one buffer, reused: the memory is faulted in once, and the file is never
/// held whole.
///
/// It is read rather than memory-mapped: a mapped file that another process truncates kills the reader with
/// SIGBUS, where a read just comes up short, which is reported.
final class FileWindow: ByteWindow {
    let path: String
    private let fd: Int32
    let totalSize: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private(set) var offset = 0
    /// File bytes read so far.
    private var read = 0

    /// - Parameter expectedSize: the size to read; nil asks the file system (tests pass a larger one to stand for
    ///   a file that shrank in between).
    init(path: String, capacity: Int, expectedSize: Int? = nil) throws {
        try checkFile(path)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.fd = fd
        totalSize = expectedSize ?? Int(info.st_size)
        self.capacity = max(1, min(capacity, totalSize))
        buffer = .allocate(capacity: self.capacity)
        try fill()
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: buffer, count: count) }
    var isLast: Bool { read == totalSize }

    func advance(dropping start: Int) throws {
        if start == 0, count == capacity {
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = larger
            capacity *= 2
        } else {
            memmove(buffer, buffer + start, count - start)
            count -= start
            offset += start
        }
        try fill()
    }

    /// Reads until the buffer is full or the file is read.
    private func fill() throws {
        while count < capacity, read < totalSize {
            let n = pread(fd, buffer + count, min(capacity - count, totalSize - read), off_t(read))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                throw DataError.unreadableFile(path: path, reason: n < 0 ? String(cString: strerror(errno))
                    : "the file shrank while being read (\(totalSize) bytes, then \(read)); is another program writing it?")
            }
            count += n
            read += n
        }
    }
}
