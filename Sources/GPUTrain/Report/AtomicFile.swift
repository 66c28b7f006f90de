import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `contents` to `path` so that readers see either the old file or the whole new one, never a part.
///
/// The bytes go to a hidden temporary file in the same directory, are flushed to disk, and the temporary file is
/// then `rename(2)`d over `path`, which replaces it in one step (rename is atomic within one file system; a temporary
/// file elsewhere, e.g. in /tmp, could be on another one). On any failure the temporary file is removed and an
/// existing file at `path` is left as it was. A new file gets the usual permissions (0666 less the umask).
///
/// - Throws: ``ReportError/directory(_:)`` when the directory is missing, not a directory or not writable;
///   ``ReportError/write(_:)`` when creating, writing or renaming fails (e.g. `path` is a directory).
public func writeFileAtomically(_ contents: Data, to path: String) throws {
    try writeFileAtomically(to: path) { try $0.write(contents) }
}

/// Writes the UTF-8 text `contents` to `path` atomically; see the `Data` overload.
public func writeFileAtomically(_ contents: String, to path: String) throws {
    try writeFileAtomically(to: path) { try $0.write(contents) }
}

/// Streams a file into place atomically: `body` writes through the ``AtomicFileOutput`` it is given (a large
/// predictions file need never be one string in memory), and only when it returns is the file renamed into place.
///
/// If `body` throws, its error is rethrown unchanged, the partial temporary file is removed, and an existing file at
/// `path` is untouched.
public func writeFileAtomically(to path: String, _ body: (AtomicFileOutput) throws -> Void) throws {
    let (directory, name) = try splitPath(path)
    try checkDirectory(directory, for: path)

    let output = try AtomicFileOutput(directory: directory, name: name, target: path)
    do {
        try body(output)
        try output.commit()
    } catch {
        output.abandon()
        throw error
    }
}

/// The temporary file behind ``writeFileAtomically(to:_:)``; writes are buffered and reach the file in large chunks.
public final class AtomicFileOutput {
    private let target: String
    private let tempPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    fileprivate init(directory: String, name: String, target: String) throws {
        self.target = target
        // A fresh unguessable name each try; O_EXCL makes a clash (or a planted symlink) fail instead of sharing.
        var attempt = 0
        while true {
            let candidate = "\(directory)/.\(name).tmp-\(getpid())-\(String(UInt32.random(in: 0 ... .max), radix: 16))"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                self.fd = fd
                self.tempPath = candidate
                return
            }
            let code = errno
            attempt += 1
            guard code == EEXIST, attempt < 16 else {
                let message = "cannot write '\(target)': cannot create a file in '\(directory)' (\(errnoText(code)))"
                throw code == EACCES || code == EROFS ? ReportError.directory(message) : ReportError.write(message)
            }
        }
    }

    /// Appends the bytes of `data`.
    public func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends `text` as UTF-8.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        guard fd >= 0 else { throw ReportError.write("cannot write '\(target)': the file was already closed") }
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReportError.write("cannot write '\(target)': \(errnoText(errno))")
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames into place. The sync matters: without it a crash soon after the rename can leave
    /// the new name pointing at an empty file, the half-written state this function exists to prevent.
    fileprivate func commit() throws {
        try flush()
        guard fsync(fd) == 0 else { throw ReportError.write("cannot write '\(target)': \(errnoText(errno))") }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw ReportError.write("cannot write '\(target)': \(errnoText(errno))") }
        guard rename(tempPath, target) == 0 else {
            throw ReportError.write("cannot write '\(target)': \(errnoText(errno))")
        }
        syncDirectory(of: target)
    }

    /// Closes and deletes the temporary file after a failure; errors here would hide the one that matters.
    fileprivate func abandon() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(tempPath)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}

/// Checks, without writing anything, that ``writeFileAtomically(to:_:)`` could create `path`: its directory exists
/// and is writable, and `path` is not a directory. For an output the run writes at its end, so that a mistyped
/// path fails before the work rather than after it.
/// - Parameter path: the file to be written.
/// - Throws: ``ReportError/directory(_:)`` or ``ReportError/write(_:)``, with the messages a write would give.
public func checkWritable(_ path: String) throws {
    let (directory, _) = try splitPath(path)
    try checkDirectory(directory, for: path)
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        throw ReportError.write("cannot write '\(path)': it is a directory")
    }
}

/// `dir/name` → (`dir`, `name`); a bare name is in `.`.
private func splitPath(_ path: String) throws -> (String, String) {
    guard let slash = path.lastIndex(of: "/") else {
        guard !path.isEmpty else { throw ReportError.write("cannot write a file with an empty path") }
        return (".", path)
    }
    let name = String(path[path.index(after: slash)...])
    guard !name.isEmpty else { throw ReportError.write("cannot write '\(path)': the path names a directory") }
    let directory = slash == path.startIndex ? "/" : String(path[..<slash])
    return (directory, name)
}

/// Checks up front so the common mistakes (a typo in an output directory) get a message naming the directory.
private func checkDirectory(_ directory: String, for path: String) throws {
    var info = stat()
    guard stat(directory, &info) == 0 else {
        let code = errno
        let reason = code == ENOENT ? "does not exist" : "cannot be read (\(errnoText(code)))"
        throw ReportError.directory("cannot write '\(path)': directory '\(directory)' \(reason)")
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
        throw ReportError.directory("cannot write '\(path)': '\(directory)' is not a directory")
    }
    guard access(directory, W_OK | X_OK) == 0 else {
        throw ReportError.directory("cannot write '\(path)': directory '\(directory)' is not writable")
    }
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a directory, and the file's
/// contents are already safe either way.
private func syncDirectory(of path: String) {
    let directory = (try? splitPath(path).0) ?? "."
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
}

/// `write(2)`, named apart from the `write` methods, which it would otherwise shadow inside the class.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}
