import Foundation

/// A report that could not be written; the description is one line naming the file and the reason.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The file's directory is missing, is not a directory, or may not be written to.
    case directory(String)
    /// Creating, writing, syncing or renaming the file failed for another reason (disk full, I/O error…).
    case write(String)
    /// The file name asks for a format this layer does not write, e.g. `metrics.txt`.
    case unsupportedFormat(String)
    /// The records could not be encoded.
    case encoding(String)

    public var description: String {
        switch self {
        case .directory(let s), .write(let s), .unsupportedFormat(let s), .encoding(let s):
            return s
        }
    }
}

/// The C library's message for an `errno` value, e.g. `Permission denied`.
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
