import Foundation
import GPUTrain
import Testing

// The README's library example, compiled and run here; the test below checks that the README shows
// exactly this code, so neither can drift.
// BEGIN README EXAMPLE
func readmeExample() throws -> [Float] {
    // `gpu`: the best OpenCL device, or the CPU backend (with a notice) when there is none.
    let device = try Devices.open(.gpu, allowFallback: true)
    if let reason = device.fallbackReason { print(reason) }
    let backend = device.backend

    // y = relu(x·w + b) for 3 rows at once, all on the device.
    let x = try backend.matrix(rows: 3, cols: 2, [1, 2,
                                                  3, 4,
                                                  5, 6])
    let w = try backend.matrix(rows: 2, cols: 1, [0.5, -1])
    let b = try backend.matrix(rows: 1, cols: 1, [2])
    let y = try backend.makeMatrix(rows: 3, cols: 1)
    try backend.dense(x, w, bias: b, relu: true, into: y)  // one fused kernel on OpenCL
    return try backend.download(y)  // [0.5, 0, 0]
}
// END README EXAMPLE

@Suite("README")
struct ReadmeExampleTests {
    @Test("the library example runs and gives the result its comment states")
    func runs() throws {
        // 1·0.5 − 2 + 2 = 0.5; 3·0.5 − 4 + 2 = −0.5 → 0; 5·0.5 − 6 + 2 = −1.5 → 0.
        #expect(try readmeExample() == [0.5, 0, 0])
    }

    @Test("README.md shows exactly the example compiled here")
    func matches() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: here, encoding: .utf8)
        let begin = "// BEGIN README EXAMPLE\n", end = "// END README EXAMPLE"
        let example = source.components(separatedBy: begin)[1].components(separatedBy: end)[0]
        #expect(readme.contains(example), "README.md must contain the example between the markers in \(here.lastPathComponent)")
    }
}
