import Foundation
import GPUTrain
import Testing

// The DocC catalog's Swift examples, compiled and run here. The last test checks that every Swift block in
// Sources/GPUTrain/GPUTrain.docc is one of these, verbatim, so an article cannot show code that does not build.
// BEGIN DOCC EXAMPLES
func openDevice() throws -> any Backend {
    let opened = try Devices.open(.gpu, allowFallback: true)
    for notice in opened.notices { print(notice) }  // e.g. a device that failed to build the kernels
    if let reason = opened.fallbackReason { print("CPU fallback:", reason) }
    return opened.backend
}

func fitLine(on backend: any Backend, steps: Int) throws -> [Float] {
    let x = try backend.matrix(rows: 4, cols: 2, [1, 0,  1, 1,  1, 2,  1, 3])  // a column of ones, then x
    let y = try backend.matrix(rows: 4, cols: 1, [1, 3, 5, 7])
    let w = try backend.matrix(rows: 2, cols: 1, [0, 0])
    let p = try backend.makeMatrix(rows: 4, cols: 1)
    let dp = try backend.makeMatrix(rows: 4, cols: 1)
    let dw = try backend.makeMatrix(rows: 2, cols: 1)
    let totals = try backend.makeMatrix(rows: 1, cols: 2)
    for _ in 0..<steps {
        try backend.dense(x, w, bias: nil, relu: false, into: p)
        // Squared error's gradient 2(p − y), scaled by 1/rows for the mean.
        try backend.lossTotals(.meanSquaredError, predictions: p, targets: y, gradient: dp,
                               gradientScale: 1.0 / 4, totals: totals, accumulate: false)
        try backend.weightGradients(x, dp, weights: dw, bias: nil)
        try backend.sgdStep(weights: w, gradient: dw, velocity: nil,
                            learningRate: 0.1, momentum: 0, weightDecay: 0)
    }
    return try backend.download(w)  // close to [1, 2]
}

func shapeError(on backend: any Backend) throws -> String? {
    let a = try backend.makeMatrix(rows: 3, cols: 4)
    let b = try backend.makeMatrix(rows: 5, cols: 2)
    let c = try backend.makeMatrix(rows: 3, cols: 2)
    do {
        try backend.matmul(a, b, into: c)
        return nil
    } catch let error as DeviceError {
        return error.description  // "matmul: A is 3×4 but B is 5×2"
    }
}

func trainOnRanks(_ group: any Communicator, device: DeviceChoice, epochs: Int) throws -> [EpochRecord] {
    // Each rank its own device: the machine's GPUs in turn, or its share of the cores.
    let backend = try Devices.open(device, allowFallback: true, localRank: group.localRank,
                                   localSize: group.localSize).backend
    let split = try Table(csv: TitanicData.trainCSV, source: "train.csv")
        .split(validPct: 0.2, seed: 42, options: FeatureOptions(target: "Survived"))
    let spec = ModelSpec(kind: .mlp, inputs: split.train.cols, hidden: [20], outputs: 1,
                         loss: .binaryCrossEntropy)
    var options = TrainingOptions()
    options.epochs = epochs
    // The same data and options on every rank: the trainer checks, then splits each batch over the ranks.
    let trainer = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid,
                              options: options, communicator: group)
    return try trainer.fit()  // the same records on every rank; rank 0 reports them
}
// END DOCC EXAMPLES

@Suite("DocC catalog examples")
struct DocumentationExampleTests {
    @Test("trainOnRanks on 3 ranks (threads) gives one process's records, within 1e-5")
    func ranks() throws {
        let alone = try trainOnRanks(SingleProcess(), device: .cpu, epochs: 3)
        let each = try ThreadGroup(size: 3).run { try trainOnRanks($0, device: .cpu, epochs: 3) }
        for records in each {
            #expect(records.count == 3)
            for (a, b) in zip(records, alone) {
                #expect(abs(a.trainLoss - b.trainLoss) <= 1e-5 * b.trainLoss && abs(a.validLoss - b.validLoss) <= 1e-5 * b.validLoss)
            }
        }
    }

    /// The CPU backend, and the OpenCL device `gpu` picks when there is one.
    static func backends() throws -> [any Backend] {
        var all: [any Backend] = [CPUBackend()]
        if OpenCLTests.enabled { all.append(try Devices.open(.gpu, allowFallback: false).backend) }
        return all
    }

    @Test("openDevice gives a working backend")
    func opens() throws {
        let backend = try openDevice()
        let x = try backend.matrix(rows: 1, cols: 2, [3, -4])
        let y = try backend.makeMatrix(rows: 1, cols: 2)
        try backend.relu(x, into: y)
        #expect(try backend.download(y) == [3, 0])
    }

    @Test("fitLine finds y = 1 + 2x on every backend, and after one exact first step")
    func fitsTheLine() throws {
        for backend in try Self.backends() {
            let w = try fitLine(on: backend, steps: 300)
            #expect(abs(w[0] - 1) < 1e-3 && abs(w[1] - 2) < 1e-3, "\(backend.name): \(w)")
            // One step is exactly w = −lr·(2/4)·Xᵀ(0 − y) = [0.8, 1.7]: the loop is what fits the line.
            let first = try fitLine(on: backend, steps: 1)
            #expect(abs(first[0] - 0.8) < 1e-5 && abs(first[1] - 1.7) < 1e-5, "\(backend.name): \(first)")
        }
    }

    @Test("shapeError names the op and both shapes, on every backend")
    func shapeErrors() throws {
        for backend in try Self.backends() {
            #expect(try shapeError(on: backend) == "matmul: A is 3×4 but B is 5×2", "\(backend.name)")
        }
    }

    @Test("every Swift block in the DocC catalog is an example compiled here, verbatim")
    func catalogShowsTheseExamples() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = root.appendingPathComponent("Sources/GPUTrain/GPUTrain.docc")
        let source = try String(contentsOf: here, encoding: .utf8)
        let examples = source.components(separatedBy: "// BEGIN DOCC EXAMPLES\n")[1]
            .components(separatedBy: "// END DOCC EXAMPLES")[0]
        var blocks = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: catalog.path) where file.hasSuffix(".md") {
            let text = try String(contentsOf: catalog.appendingPathComponent(file), encoding: .utf8)
            for block in text.components(separatedBy: "```swift\n").dropFirst() {
                let code = block.components(separatedBy: "```")[0]
                blocks += 1
                #expect(examples.contains(code), "\(file) shows Swift code that is not compiled here:\n\(code)")
            }
        }
        #expect(blocks >= 3)
    }
}
