import Foundation
import GPUTrain
import Testing

private struct Interrupted: Error {}

@Suite struct ReportAtomicFileTests {
    @Test func writesNewFileAndLeavesNoTemporary() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try writeFileAtomically("hello\n", to: dir.file("a.txt"))
        try writeFileAtomically(Data([0, 1, 2, 255]), to: dir.file("b.bin"))
        #expect(try String(contentsOfFile: dir.file("a.txt"), encoding: .utf8) == "hello\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("b.bin"))) == Data([0, 1, 2, 255]))
        #expect(try dir.contents() == ["a.txt", "b.bin"])
    }

    @Test func replacesExistingFile() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("m.csv")
        try writeFileAtomically("old, and longer than the new text\n", to: path)
        try writeFileAtomically("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try dir.contents() == ["m.csv"])
    }

    @Test func streamsLargeOutput() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("predictions.csv")
        try writeFileAtomically(to: path) { out in
            for i in 0 ..< 20_000 { try out.write("\(i),\(i % 2)\n") }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 20_000)
        #expect(lines.last == "19999,1")
    }

    @Test func failureMidWriteLeavesExistingFileUntouched() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("model.json")
        try writeFileAtomically("{\"good\": true}\n", to: path)
        #expect(throws: Interrupted.self) {
            try writeFileAtomically(to: path) { out in
                try out.write(String(repeating: "x", count: 200_000))  // past the buffer: really on disk
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"good\": true}\n")
        #expect(try dir.contents() == ["model.json"])
    }

    @Test func missingDirectoryIsAClearError() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.file("no-such-dir/metrics.csv")
        let error = #expect(throws: ReportError.self) { try writeFileAtomically("x", to: path) }
        #expect(error == .directory("cannot write '\(path)': directory '\(dir.file("no-such-dir"))' does not exist"))
        #expect(error.map { !$0.description.contains("\n") } == true)
        #expect(try dir.contents() == [])
    }

    @Test func parentThatIsAFileIsAClearError() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try writeFileAtomically("data", to: dir.file("plain"))
        let error = #expect(throws: ReportError.self) { try writeFileAtomically("x", to: dir.file("plain/out.csv")) }
        #expect(error?.description.contains("is not a directory") == true)
        #expect(try String(contentsOfFile: dir.file("plain"), encoding: .utf8) == "data")
    }

    @Test func renameOverADirectoryFailsAndCleansUp() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let target = dir.file("taken")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try writeFileAtomically("keep", to: target + "/inside.txt")
        let error = #expect(throws: ReportError.self) { try writeFileAtomically("x", to: target) }
        #expect(error?.description.hasPrefix("cannot write '\(target)': ") == true)
        #expect(try dir.contents() == ["taken"])
        #expect(try String(contentsOfFile: target + "/inside.txt", encoding: .utf8) == "keep")
    }

    @Test func trailingSlashAndEmptyPathAreErrors() {
        #expect(throws: ReportError.self) { try writeFileAtomically("x", to: "") }
        #expect(throws: ReportError.self) { try writeFileAtomically("x", to: "/tmp/") }
    }

    /// Root may write anywhere, so this case only means something for another user.
    @Test(.enabled(if: geteuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectoryIsAClearError() throws {
        let dir = try TempDirectory()
        defer {
            chmod(dir.path, 0o755)
            dir.remove()
        }
        try writeFileAtomically("old", to: dir.file("f"))
        chmod(dir.path, 0o555)
        let error = #expect(throws: ReportError.self) { try writeFileAtomically("new", to: dir.file("f")) }
        #expect(error == .directory("cannot write '\(dir.file("f"))': directory '\(dir.path)' is not writable"))
        #expect(try String(contentsOfFile: dir.file("f"), encoding: .utf8) == "old")
    }
}
