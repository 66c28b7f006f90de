import Dispatch
import Foundation

/// Reads a whole file into memory allocated for it (the caller deallocates it), with one-line ``DataError``s.
///
/// The file is read rather than memory-mapped: a mapped file that another process truncates kills the reader
/// with SIGBUS, where a read just comes up short, which is reported.
/// - Parameter expectedSize: the size to read; nil asks the file system. Tests pass a larger one to stand for
///   a file that shrank between the two.
func readFileBytes(_ path: String, expectedSize: Int? = nil) throws -> UnsafeMutableBufferPointer<UInt8> {
    try checkFile(path)
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
        throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
    }
    let size = expectedSize ?? Int(info.st_size)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(size, 1))
    // Pieces read in parallel: most of a read's time is the kernel faulting in and clearing the fresh pages it
    // copies into, which the cores can share.
    let piece = 8 << 20
    let pieces = (size + piece - 1) / piece
    var failures = [String?](repeating: nil, count: pieces)
    failures.withUnsafeMutableBufferPointer { failures in
        let shared = UncheckedSendable((buffer, failures))
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
            let (buffer, failures) = shared.value
            var done = k * piece
            let end = min(size, done + piece)
            while done < end {
                let n = pread(fd, buffer.baseAddress! + done, end - done, off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else {
                    failures[k] = n < 0 ? String(cString: strerror(errno))
                        : "the file shrank while being read (\(size) bytes, then \(done)); is another program writing it?"
                    return
                }
                done += n
            }
        }
    }
    if let reason = failures.lazy.compactMap({ $0 }).first {
        buffer.deallocate()
        throw DataError.unreadableFile(path: path, reason: reason)
    }
    return UnsafeMutableBufferPointer(rebasing: buffer[..<size])
}
