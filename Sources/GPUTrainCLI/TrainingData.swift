import Foundation
import GPUTrain

/// What `--data` names: a CSV file, a folder of MNIST-format IDX files, or the embedded Titanic set.
enum TrainingData: Equatable {
    /// The embedded Kaggle Titanic training set.
    case titanic
    /// A CSV file.
    case csv(path: String)
    /// A folder holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte` and the `t10k-` pair.
    case idx(folder: String)

    /// `--data fashion-mnist` reads Debian's package `dataset-fashion-mnist` from here.
    static let fashionMNISTFolder = "/usr/share/datasets/fashion-mnist/"

    /// Resolves `--data`: nil is the embedded Titanic set; `fashion-mnist` the Debian data set (write
    /// `./fashion-mnist` for a folder of that name here); an existing folder is MNIST-format, unless its name ends
    /// in `.csv` (then it is a CSV path, and reading it says it is a folder); anything else a CSV.
    /// - Throws: a one-line ``CLIFailure`` when `fashion-mnist` is not installed.
    static func resolve(_ data: String?) throws -> TrainingData {
        guard let data else { return .titanic }
        if data == "fashion-mnist" {
            guard isDirectory(fashionMNISTFolder) else {
                throw CLIFailure("--data fashion-mnist: \(fashionMNISTFolder) does not exist; install it with "
                    + "`apt-get install dataset-fashion-mnist`, or pass a folder of IDX files")
            }
            return .idx(folder: fashionMNISTFolder)
        }
        return isDirectory(data) && !data.lowercased().hasSuffix(".csv") ? .idx(folder: data) : .csv(path: data)
    }

    var isImages: Bool { if case .idx = self { return true } else { return false } }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// An error shown as exactly one line, `Error: <description>` (no usage text).
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
