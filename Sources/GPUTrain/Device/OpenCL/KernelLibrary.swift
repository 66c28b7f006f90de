import Foundation

/// The OpenCL C sources of `Kernels/`, embedded at build time by the EmbedFilesPlugin.
///
/// Setting `GPUTRAIN_KERNELS=/path/to/Kernels` reads the `.cl` files from that folder instead, so a kernel
/// can be edited and tried without rebuilding.
enum KernelLibrary {
    static let overrideVariable = "GPUTRAIN_KERNELS"
    /// Extra compiler options, e.g. `-cl-opt-disable` for oclgrind, whose uninitialised-value checker
    /// cannot follow the `freeze` instructions that optimised integer division compiles to.
    static let optionsVariable = "GPUTRAIN_CL_OPTIONS"

    static func extraBuildOptions(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment[optionsVariable].map { " " + $0 } ?? ""
    }

    /// The file with the helpers the others use; it goes first in the program.
    static let commonFile = "common.cl"

    /// `(file name, source)` pairs: ``commonFile`` first, then the rest in file-name order.
    static func sources(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [(String, String)] {
        guard let folder = environment[overrideVariable], !folder.isEmpty else {
            return KernelSources.files.sorted { order($0.key, $1.key) }.map { ($0.key, $0.value) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".cl") }.sorted(by: order)
        guard let names, !names.isEmpty else {
            throw DeviceSelectionError("\(overrideVariable)=\(folder) has no .cl files to build")
        }
        return try names.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw DeviceSelectionError("cannot read kernel file \(path) (from \(overrideVariable))")
            }
            return (name, text)
        }
    }

    private static func order(_ a: String, _ b: String) -> Bool {
        if a == commonFile || b == commonFile { return a == commonFile && b != commonFile }
        return a < b
    }
}
