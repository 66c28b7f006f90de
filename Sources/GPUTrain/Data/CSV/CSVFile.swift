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
    adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
    var done = 0
    while done < size {
        let n = pread(fd, buffer.baseAddress! + done, min(size - done, 1 << 26), off_t(done))
        if n < 0, errno == EINTR { continue }
        guard n > 0 else {
            let reason = n < 0 ? String(cString: strerror(errno))
                : "the file shrank while being read (\(size) bytes, then \(done)); is another program writing it?"
            buffer.deallocate()
            throw DataError.unreadableFile(path: path, reason: reason)
        }
        done += n
    }
    return UnsafeMutableBufferPointer(rebasing: buffer[..<size])
}

/// Asks for transparent huge pages over the whole 2 MiB pages inside `buffer`: a large fresh buffer otherwise
/// takes a page fault every 4 KiB as it is first written, a measurable part of loading a large file.
func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let base = buffer.baseAddress, buffer.count >= 4 << 20 else { return }
    let huge = 2 << 20
    let start = (Int(bitPattern: base) + huge - 1) / huge * huge
    let end = (Int(bitPattern: base) + buffer.count) / huge * huge
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
    #endif
}
