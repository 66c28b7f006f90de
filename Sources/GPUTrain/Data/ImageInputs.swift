/// How a model trained on MNIST-format images turns an image into features, saved with it (``SavedModel/images``)
/// so `predict` treats new images the same way: every pixel divided by ``pixelScale``, row by row, and one class
/// per output.
///
/// ```swift
/// let inputs = ImageInputs(height: 28, width: 28)
/// inputs.featureCount    // 784
/// inputs.classNames[3]   // "3"
/// ```
public struct ImageInputs: Codable, Equatable, Sendable {
    /// Rows of pixels per image (28 for MNIST).
    public var height: Int
    /// Pixels per row (28 for MNIST).
    public var width: Int
    /// What each pixel byte is divided by: 255, so features are in 0…1.
    public var pixelScale: Float
    /// The name of each class index, in output order: `"0"` … `"9"` for MNIST-format labels.
    public var classNames: [String]

    /// The description of `height × width` images with MNIST's scaling and classes.
    public init(height: Int, width: Int, pixelScale: Float = 255,
                classNames: [String] = (0..<MNIST.classCount).map(String.init)) {
        self.height = height
        self.width = width
        self.pixelScale = pixelScale
        self.classNames = classNames
    }

    /// Features per image: `height × width`.
    public var featureCount: Int { height * width }

    /// The images' size for messages, e.g. `28×28`.
    public var size: String { "\(height)×\(width)" }

    /// The images as a data set without targets, featurised as in training (see ``IDX/dataset(images:labels:classCount:imagesPath:labelsPath:)``).
    /// - Throws: ``DataError/imageSizeMismatch(path:found:expected:)`` when the images are not `height × width`.
    public func apply(to images: IDX.Images, path: String) throws -> Dataset {
        guard images.height == height, images.width == width else {
            throw DataError.imageSizeMismatch(path: path, found: "\(images.height)×\(images.width)", expected: size)
        }
        return Dataset(rows: images.count, cols: featureCount,
                       features: IDX.features(images.pixels, scale: pixelScale), targets: [],
                       featureNames: (0..<featureCount).map { "px\($0)" }, classCount: classNames.count,
                       classNames: classNames)
    }
}
