import Foundation

/// MNIST-format image folders: MNIST itself, or Fashion-MNIST (`apt-get install dataset-fashion-mnist` puts it
/// in `/usr/share/datasets/fashion-mnist/`).
public enum MNIST {
    /// Classes of MNIST and Fashion-MNIST.
    public static let classCount = 10

    /// Loads the training files as ``DataSplit/train`` and the `t10k` files as ``DataSplit/valid``: 784 features
    /// (pixels / 255) and 10 classes each, with ``DataSplit/images`` describing them for a saved model.
    ///
    /// Each file is found under any of its usual spellings: `train-images-idx3-ubyte` or `train-images.idx3-ubyte`,
    /// raw or with `.gz`; likewise `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`.
    /// - Parameters:
    ///   - folder: the folder holding the four files.
    ///   - limit: keep only the first `limit` images of each part, for quick runs; nil keeps all.
    /// - Throws: ``DataError/idxFileNotFound(folder:tried:)``, ``DataError/imageSizeMismatch(path:found:expected:)``
    ///   when the `t10k` images are not the training images' size, and the errors of ``IDX``.
    public static func load(folder: String, limit: Int? = nil) throws -> DataSplit {
        let (train, trainImages) = try part("train", folder: folder, limit: limit)
        let (valid, validImages) = try part("t10k", folder: folder, limit: limit)
        let inputs = ImageInputs(height: trainImages.height, width: trainImages.width)
        guard validImages.height == inputs.height, validImages.width == inputs.width else {
            throw DataError.imageSizeMismatch(path: validImages.path, found: "\(validImages.height)×\(validImages.width)",
                                              expected: inputs.size)
        }
        return DataSplit(train: train, valid: valid, stats: nil, images: inputs)
    }

    /// The images of one part of a folder (`t10k` for `predict`, or `train`), without their labels.
    /// - Returns: the images and the path of the file they came from.
    /// - Throws: ``DataError/idxFileNotFound(folder:tried:)`` and the errors of ``IDX``.
    public static func images(folder: String, part prefix: String = "t10k") throws -> (images: IDX.Images, path: String) {
        let path = try find(folder: folder, stem: "\(prefix)-images", kind: "idx3-ubyte")
        return (try IDX.parseImages(try IDX.readBytes(path: path), path: path), path)
    }

    /// One part (`train` or `t10k`): its images and labels files as a data set, and the images' size.
    static func part(_ prefix: String, folder: String, limit: Int?) throws
        -> (Dataset, (height: Int, width: Int, path: String)) {
        let imagesPath = try find(folder: folder, stem: "\(prefix)-images", kind: "idx3-ubyte")
        let labelsPath = try find(folder: folder, stem: "\(prefix)-labels", kind: "idx1-ubyte")
        let images = try IDX.parseImages(try IDX.readBytes(path: imagesPath), path: imagesPath, limit: limit)
        let labels = try IDX.parseLabels(try IDX.readBytes(path: labelsPath), path: labelsPath, limit: limit)
        return (try IDX.dataset(images: images, labels: labels, classCount: classCount,
                                imagesPath: imagesPath, labelsPath: labelsPath),
                (images.height, images.width, imagesPath))
    }

    /// The first of `stem-kind`, `stem.kind`, each raw then `.gz`, that exists in `folder`.
    static func find(folder: String, stem: String, kind: String) throws -> String {
        let names = ["-", "."].flatMap { sep in ["", ".gz"].map { stem + sep + kind + $0 } }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        guard let path = names.map({ base + $0 }).first(where: FileManager.default.fileExists(atPath:)) else {
            throw DataError.idxFileNotFound(folder: folder, tried: names)
        }
        return path
    }
}
