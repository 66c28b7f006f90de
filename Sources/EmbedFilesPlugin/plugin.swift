import Foundation
import PackagePlugin

/// Compiles files into the target that uses this plugin, so each has one source of truth in the tree and an
/// installed binary needs no resource bundle:
/// - the top-level `Kernels/*.cl` become `KernelSources.files`, keyed by file name;
/// - every `.csv` under the target's folder (excluded from the target in `Package.swift`) becomes
///   `EmbeddedCSV.files`, keyed by its path in the target, e.g. `Data/Titanic/train.csv`.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "EmbedFilesTool").url
        let kernelsDir = context.package.directoryURL.appending(path: "Kernels")
        let kernels = try FileManager.default
            .contentsOfDirectory(at: kernelsDir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cl" }
        let targetDir = target.directoryURL
        let csvs = (FileManager.default.enumerator(at: targetDir, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "csv" }
        func embed(_ files: [URL], as name: String, root: URL) -> Command {
            let sorted = files.sorted { $0.path < $1.path }
            let output = context.pluginWorkDirectoryURL.appending(path: "\(name).swift")
            return .buildCommand(
                displayName: "Embedding \(sorted.count) file(s) as \(name)",
                executable: tool,
                arguments: [output.path, name, root.path] + sorted.map(\.path),
                inputFiles: sorted,
                outputFiles: [output]
            )
        }
        return [embed(kernels, as: "KernelSources", root: kernelsDir),
                embed(csvs, as: "EmbeddedCSV", root: targetDir)]
    }
}
