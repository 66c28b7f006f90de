import Foundation
import GPUTrain
import Testing

/// Big-endian IDX bytes: magic, dimensions, data.
private func idx(magic: UInt32, dims: [Int], data: [UInt8]) -> [UInt8] {
    ([magic] + dims.map(UInt32.init)).flatMap { word in (0..<4).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        + data
}

private let gzip = ["/bin/gzip", "/usr/bin/gzip"].first(where: FileManager.default.isExecutableFile)

/// Compresses `path` to `path.gz` with the system's gzip (removing `path`).
private func compress(_ path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: gzip!)
    process.arguments = ["-f", path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
}

@Suite struct DataIDXTests {
    let folder: TempFolder
    /// Three 2×2 images and their labels.
    let pixels: [UInt8] = [0, 255, 51, 102, 10, 20, 30, 40, 255, 255, 0, 0]
    let labels: [UInt8] = [0, 9, 3]

    init() throws {
        folder = try TempFolder()
    }

    private func writeTrain(images: [UInt8]? = nil, labels: [UInt8]? = nil) throws {
        try folder.write("train-images-idx3-ubyte", bytes: images ?? idx(magic: 0x803, dims: [3, 2, 2], data: pixels))
        try folder.write("train-labels-idx1-ubyte", bytes: labels ?? idx(magic: 0x801, dims: [3], data: self.labels))
    }

    /// The t10k files in the other spelling (`.idx`), two items.
    private func writeTest() throws {
        try folder.write("t10k-images.idx3-ubyte", bytes: idx(magic: 0x803, dims: [2, 2, 2], data: Array(pixels[4...])))
        try folder.write("t10k-labels.idx1-ubyte", bytes: idx(magic: 0x801, dims: [2], data: [1, 2]))
    }

    @Test func parsesATinyHandMadeFolder() throws {
        try writeTrain()
        try writeTest()
        let split = try MNIST.load(folder: folder.path)
        #expect(split.stats == nil)
        let train = split.train
        #expect(train.rows == 3 && train.cols == 4 && train.classCount == 10)
        #expect(train.features == pixels.map { Float($0) / 255 })
        #expect(train.row(0) == [0, 1, 0.2, 0.4])
        #expect(train.targets == [0, 9, 3])
        #expect(train.featureNames == ["px0", "px1", "px2", "px3"] && train.classNames == (0...9).map(String.init))
        #expect(split.valid.rows == 2 && split.valid.targets == [1, 2])
        let limited = try MNIST.load(folder: folder.path, limit: 2)
        #expect(limited.train.rows == 2 && limited.train.targets == [0, 9] && limited.valid.rows == 2)
    }

    @Test(.enabled(if: gzip != nil)) func readsGzippedFiles() throws {
        try writeTrain()
        try writeTest()
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"] { try compress(folder.path + "/" + name) }
        let split = try MNIST.load(folder: folder.path)
        #expect(split.train.features == pixels.map { Float($0) / 255 } && split.train.targets == [0, 9, 3])

        let broken = try folder.write("broken.idx1-ubyte.gz", bytes: [0x1f, 0x8b, 1, 2, 3])
        guard case .decompressionFailed(let path, let reason) = dataError({ _ = try IDX.readBytes(path: broken) })
        else { Issue.record("a corrupt .gz was accepted"); return }
        #expect(path == broken && !reason.isEmpty)
    }

    @Test func rejectsABadMagicNumber() throws {
        // A labels file where the images should be.
        try writeTrain(images: idx(magic: 0x801, dims: [3], data: labels))
        try writeTest()
        let error = dataError { _ = try MNIST.load(folder: folder.path) }
        let path = folder.path + "/train-images-idx3-ubyte"
        #expect(error == .badIDXMagic(path: path, found: 0x801, expected: 0x803))
        #expect(error?.description
                == "\(path) is not an IDX file of the expected kind: magic number 0x00000801, expected 0x00000803")
        #expect(dataError { _ = try IDX.parseLabels(Array("PK\u{3}\u{4}zip".utf8), path: "x.zip") }
                == .badIDXMagic(path: "x.zip", found: 0x504B_0304, expected: 0x801))
    }

    @Test func rejectsWrongSizes() {
        #expect(dataError { _ = try IDX.parseImages(idx(magic: 0x803, dims: [3, 2, 2], data: [1, 2]), path: "t") }
                == .badIDXSize(path: "t", reason: "the header says 3×2×2 = 12 bytes of data but the file has 2 "
                               + "(truncated or not IDX)"))
        #expect(dataError { _ = try IDX.parseLabels(idx(magic: 0x801, dims: [2], data: [1, 2, 3]), path: "l") } != nil)
        #expect(dataError { _ = try IDX.parseImages(idx(magic: 0x803, dims: [1, 0, 2], data: []), path: "z") }
                == .badIDXSize(path: "z", reason: "images of 0×2 pixels"))
        #expect(dataError { _ = try IDX.parseLabels([0, 0], path: "s") }
                == .badIDXSize(path: "s", reason: "2 bytes, too short for an IDX header"))
        #expect(dataError { _ = try IDX.parseLabels([0, 0, 8, 1, 0], path: "h") } != nil)
    }

    @Test func rejectsMismatchedCountsAndLabels() throws {
        try writeTrain(labels: idx(magic: 0x801, dims: [2], data: [1, 2]))
        try writeTest()
        #expect(dataError { _ = try MNIST.load(folder: folder.path) }
                == .idxCountMismatch(images: folder.path + "/train-images-idx3-ubyte", imageCount: 3,
                                     labels: folder.path + "/train-labels-idx1-ubyte", labelCount: 2))
        try writeTrain(labels: idx(magic: 0x801, dims: [3], data: [1, 10, 2]))
        #expect(dataError { _ = try MNIST.load(folder: folder.path) }
                == .badLabel(path: folder.path + "/train-labels-idx1-ubyte", index: 1, value: 10, classCount: 10))
    }

    @Test("a folder's images are described for a saved model, and new images are featurised the same way")
    func imageInputsFeaturiseLikeTraining() throws {
        try writeTrain()
        try writeTest()
        let split = try MNIST.load(folder: folder.path)
        let inputs = try #require(split.images)
        #expect(inputs == ImageInputs(height: 2, width: 2))
        #expect(inputs.featureCount == 4 && inputs.classNames == (0...9).map(String.init) && inputs.pixelScale == 255)
        let (images, path) = try MNIST.images(folder: folder.path)
        #expect(path == folder.path + "/t10k-images.idx3-ubyte" && images.count == 2)
        let data = try inputs.apply(to: images, path: path)
        #expect(data.features == split.valid.features && data.featureNames == split.valid.featureNames)
        #expect(data.targets.isEmpty && data.classNames == inputs.classNames)
        let other = ImageInputs(height: 4, width: 1)
        let error = dataError { _ = try other.apply(to: images, path: path) }
        #expect(error == .imageSizeMismatch(path: path, found: "2×2", expected: "4×1"))
        #expect(error?.description == "\(path) holds 2×2 images, but the model was trained on 4×1 images")
    }

    @Test("t10k images of another size than the training images are refused")
    func rejectsMismatchedImageSizes() throws {
        try writeTrain()
        try folder.write("t10k-images.idx3-ubyte", bytes: idx(magic: 0x803, dims: [1, 1, 4], data: [1, 2, 3, 4]))
        try folder.write("t10k-labels.idx1-ubyte", bytes: idx(magic: 0x801, dims: [1], data: [1]))
        #expect(dataError { _ = try MNIST.load(folder: folder.path) }
                == .imageSizeMismatch(path: folder.path + "/t10k-images.idx3-ubyte", found: "1×4", expected: "2×2"))
    }

    @Test func namesTheFileItCannotFind() throws {
        try writeTrain()
        let error = dataError { _ = try MNIST.load(folder: folder.path) }
        #expect(error == .idxFileNotFound(folder: folder.path, tried: [
            "t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-images.idx3-ubyte", "t10k-images.idx3-ubyte.gz",
        ]))
        #expect(error?.description.hasPrefix("no t10k-images-idx3-ubyte in \(folder.path) (looked for") == true)
        #expect(dataError { _ = try IDX.readBytes(path: folder.path + "/gone.gz") }
                == .fileNotFound(path: folder.path + "/gone.gz"))
    }

    @Test(.enabled(if: sharedData("mnist/train-images.idx3-ubyte.gz") != nil && gzip != nil))
    func readsTheRealMNISTWhenPresent() throws {
        let path = try #require(sharedData("mnist/train-images.idx3-ubyte.gz"))
        let split = try MNIST.load(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path, limit: 1000)
        #expect(split.train.rows == 1000 && split.train.cols == 784 && split.valid.rows == 1000)
        #expect(split.train.targets.prefix(5) == [5, 0, 4, 1, 9])  // the well-known first training labels
        #expect(split.valid.targets.prefix(3) == [7, 2, 1])
        let mean = split.train.features.reduce(0, +) / Float(split.train.features.count)
        #expect(abs(mean - 0.1307) < 0.01)
        #expect(split.train.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
