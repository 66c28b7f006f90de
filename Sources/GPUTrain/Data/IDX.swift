import Foundation

/// Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one 32-bit size
/// per dimension) followed by unsigned bytes. Files may be raw or gzip-compressed (`.gz`, decompressed with
/// the system's `gzip -dc`, since Foundation on Linux has no zlib API).
public enum IDX {
    /// The magic number of an unsigned-byte file with 3 dimensions: images.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// The magic number of an unsigned-byte file with 1 dimension: labels.
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// Images as stored: `count` images of `height × width` bytes, row-major, 0 = background.
    public struct Images: Sendable, Equatable {
        /// Number of images.
        public let count: Int
        /// Rows of pixels per image (28 for MNIST).
        public let height: Int
        /// Pixels per row (28 for MNIST).
        public let width: Int
        /// `count × height × width` bytes.
        public let pixels: [UInt8]
    }

    /// A file's bytes, decompressed when its name ends in `.gz`.
    /// - Throws: ``DataError/fileNotFound(path:)``, ``DataError/unreadableFile(path:reason:)``,
    ///   ``DataError/decompressionFailed(path:reason:)``.
    public static func readBytes(path: String) throws -> [UInt8] {
        guard path.hasSuffix(".gz") else { return [UInt8](try readFile(path)) }
        try checkFile(path)  // the same errors as for a raw file when it is missing
        return try gunzip(path)
    }

    /// Parses an images file; `limit` keeps only the first images (the whole file is still checked).
    /// - Throws: ``DataError/badIDXMagic(path:found:expected:)`` or ``DataError/badIDXSize(path:reason:)``.
    public static func parseImages(_ bytes: [UInt8], path: String, limit: Int? = nil) throws -> Images {
        let dims = try header(bytes, path: path, magic: imagesMagic, dimensions: 3)
        let (count, height, width) = (dims[0], dims[1], dims[2])
        guard height > 0, width > 0 else {
            throw DataError.badIDXSize(path: path, reason: "images of \(height)×\(width) pixels")
        }
        let kept = min(count, max(0, limit ?? count))
        let start = 16
        return Images(count: kept, height: height, width: width,
                      pixels: Array(bytes[start ..< start + kept * height * width]))
    }

    /// Parses a labels file; `limit` keeps only the first labels (the whole file is still checked).
    /// - Throws: ``DataError/badIDXMagic(path:found:expected:)`` or ``DataError/badIDXSize(path:reason:)``.
    public static func parseLabels(_ bytes: [UInt8], path: String, limit: Int? = nil) throws -> [UInt8] {
        let count = try header(bytes, path: path, magic: labelsMagic, dimensions: 1)[0]
        let kept = min(count, max(0, limit ?? count))
        return Array(bytes[8 ..< 8 + kept])
    }

    /// Images and their labels as a data set: pixels / 255 as features (`px0`, `px1`, …), labels as class indices.
    /// - Throws: ``DataError/idxCountMismatch(images:imageCount:labels:labelCount:)`` when the counts differ,
    ///   ``DataError/badLabel(path:index:value:classCount:)`` for a label outside `0..<classCount`.
    public static func dataset(images: Images, labels: [UInt8], classCount: Int = 10,
                               imagesPath: String = "images", labelsPath: String = "labels") throws -> Dataset {
        guard images.count == labels.count else {
            throw DataError.idxCountMismatch(images: imagesPath, imageCount: images.count, labels: labelsPath,
                                             labelCount: labels.count)
        }
        if let bad = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError.badLabel(path: labelsPath, index: bad, value: Int(labels[bad]), classCount: classCount)
        }
        let size = images.height * images.width
        return Dataset(rows: images.count, cols: size, features: features(images.pixels),
                       targets: labels.map(Float.init), featureNames: (0..<size).map { "px\($0)" },
                       classCount: classCount, classNames: (0..<classCount).map(String.init))
    }

    /// Pixel bytes as features: each divided by `scale` (255 puts them in 0…1). Training and `predict` both use it,
    /// so a saved model sees new images exactly as it saw its training images.
    static func features(_ pixels: [UInt8], scale: Float = 255) -> [Float] {
        pixels.map { Float($0) / scale }
    }

    /// Checks the magic number and that the file is exactly as long as its dimensions say; returns them.
    static func header(_ bytes: [UInt8], path: String, magic: UInt32, dimensions: Int) throws -> [Int] {
        let headerSize = 4 + 4 * dimensions
        guard bytes.count >= 4 else {
            throw DataError.badIDXSize(path: path, reason: "\(bytes.count) bytes, too short for an IDX header")
        }
        let found = word(bytes, at: 0)
        guard found == magic else { throw DataError.badIDXMagic(path: path, found: found, expected: magic) }
        guard bytes.count >= headerSize else {
            throw DataError.badIDXSize(path: path, reason: "\(bytes.count) bytes, too short for the "
                                       + "\(headerSize)-byte header of a \(dimensions)-dimensional IDX file")
        }
        let dims = (0..<dimensions).map { Int(word(bytes, at: 4 + 4 * $0)) }
        var payload = 1
        for d in dims {
            let (p, overflow) = payload.multipliedReportingOverflow(by: d)
            guard !overflow else { throw DataError.badIDXSize(path: path, reason: "dimensions \(dims) overflow") }
            payload = p
        }
        guard bytes.count == headerSize + payload else {
            let shape = dims.map(String.init).joined(separator: "×")
            throw DataError.badIDXSize(path: path, reason: "the header says \(shape) = \(payload) bytes of data but "
                                       + "the file has \(bytes.count - headerSize) (truncated or not IDX)")
        }
        return dims
    }

    private static func word(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    /// `gzip -dc path`, read whole.
    private static func gunzip(_ path: String) throws -> [UInt8] {
        guard let gzip = ["/bin/gzip", "/usr/bin/gzip"].first(where: FileManager.default.isExecutableFile) else {
            throw DataError.decompressionFailed(path: path, reason: "no gzip in /bin or /usr/bin; gunzip the file "
                                                + "yourself and pass the folder again")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = ["-dc", path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw DataError.decompressionFailed(path: path, reason: "\(gzip) did not start: \(error.localizedDescription)")
        }
        // Read before waiting: gzip blocks once the pipe is full.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DataError.decompressionFailed(path: path, reason: message.isEmpty
                ? "gzip exited with status \(process.terminationStatus)" : message)
        }
        return [UInt8](data)
    }
}
