import Foundation
import GPUTrain
import Testing

/// The embedded Titanic data split as the CLI does by default.
func titanicSplit(ones: Bool = false, seed: UInt64 = 42) throws -> DataSplit {
    try Table(csv: TitanicData.trainCSV, source: "train.csv")
        .split(validPct: 0.2, seed: seed, options: FeatureOptions(target: "Survived", addOnesColumn: ones))
}

func titanicTrainer(_ kind: ModelKind, on backend: any Backend, epochs: Int = 10, lr: Float = 0.1,
                    optimizer: Optimizer = .sgd, communicator: any Communicator = SingleProcess()) throws -> Trainer {
    let split = try titanicSplit(ones: kind == .excel)
    let spec = ModelSpec(kind: kind, inputs: split.train.cols, hidden: [20], outputs: 1,
                         loss: kind == .excel ? .meanSquaredError : .binaryCrossEntropy)
    var options = TrainingOptions()
    options.epochs = epochs
    options.learningRate = lr
    options.optimizer = optimizer
    if optimizer == .adam { options.weightDecay = 0.01 }
    return try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options,
                       communicator: communicator)
}

@Suite("Training on the CPU backend")
struct TrainerCPUTests {
    @Test("validationOutputs, from the device's copy, equal predict on the validation set")
    func validationOutputs() throws {
        let split = try titanicSplit()
        let trainer = try titanicTrainer(.mlp, on: CPUBackend(), epochs: 2)
        try trainer.fit()
        #expect(try trainer.validationOutputs() == (try trainer.predict(split.valid)))
        #expect(try trainer.validationOutputs().count == split.valid.rows)
    }

    @Test("the same seed gives identical metrics", arguments: [ModelKind.mlp, .excel, .linear])
    func deterministic(kind: ModelKind) throws {
        let a = try titanicTrainer(kind, on: CPUBackend(), epochs: 3).fit()
        let b = try titanicTrainer(kind, on: CPUBackend(), epochs: 3).fit()
        #expect(a.map(\.trainLoss) == b.map(\.trainLoss))
        #expect(a.map(\.validLoss) == b.map(\.validLoss))
        #expect(a.map(\.accuracy) == b.map(\.accuracy))
    }

    @Test("defaults reach ≥ 0.78 validation accuracy on Titanic, and the loss falls")
    func accuracy() throws {
        let history = try titanicTrainer(.mlp, on: CPUBackend()).fit()
        print("CPU mlp: final accuracy \(history.last!.accuracy), valid loss \(history.first!.validLoss) → \(history.last!.validLoss)")
        #expect(history.last!.accuracy >= 0.78)
        #expect(history.last!.validLoss < history.first!.validLoss)
        #expect(history.allSatisfy { abs($0.errorRate - (1 - $0.accuracy)) < 1e-12 })
    }

    @Test("a learning rate far too high diverges with a message suggesting a lower one")
    func divergence() throws {
        let trainer = try titanicTrainer(.mlp, on: CPUBackend(), epochs: 3, lr: 1e30)
        #expect(throws: TrainingError.self) { try trainer.fit() }
        do { try trainer.fit() } catch let error as TrainingError {
            #expect(error.description.contains("lower learning rate"))
        }
    }

    @Test("bad settings are rejected before any work", arguments: [
        { (o: inout TrainingOptions) in o.epochs = 0 },
        { (o: inout TrainingOptions) in o.learningRate = 0 },
        { (o: inout TrainingOptions) in o.learningRate = .nan },
        { (o: inout TrainingOptions) in o.batchSize = 0 },
        { (o: inout TrainingOptions) in o.momentum = 1 },
    ] as [@Sendable (inout TrainingOptions) -> Void])
    func badSettings(change: @Sendable (inout TrainingOptions) -> Void) throws {
        var options = TrainingOptions()
        change(&options)
        #expect(throws: TrainingError.self) { try options.validate() }
    }

    @Test("the spreadsheet model's forward pass matches a hand computation")
    func excelForward() throws {
        // Two passengers, features (a, b, 1): W = [[1, -1], [2, 0.5], [-1, 1]].
        // Row 1 (1, 0, 1): columns (1·1 + 0 − 1, −1 + 0 + 1) = (0, 0) → ReLU (0, 0) → 0.
        // Row 2 (2, 1, 1): (2 + 2 − 1, −2 + 0.5 + 1) = (3, −0.5) → ReLU (3, 0) → 3.
        let spec = ModelSpec(kind: .excel, inputs: 3, outputs: 1, loss: .meanSquaredError)
        let model = SavedModel(spec: spec, features: try titanicSplit().stats!, parameters: [[1, -1, 2, 0.5, -1, 1]])
        let data = Dataset(rows: 2, cols: 3, features: [1, 0, 1, 2, 1, 1], targets: [0, 1],
                           featureNames: ["a", "b", "Ones"], classCount: 2, classNames: nil, ids: nil)
        let trainer = try Trainer.forInference(model, backend: CPUBackend())
        #expect(try trainer.predict(data) == [0, 3])
    }

    @Test("a saved model round-trips and predicts the same; a corrupt one is refused")
    func saveLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let split = try titanicSplit()
        let trainer = try titanicTrainer(.mlp, on: CPUBackend(), epochs: 2)
        try trainer.fit()
        let path = dir.appendingPathComponent("m.json").path
        try SavedModel(spec: trainer.spec, features: split.stats!, parameters: try trainer.parameters()).save(to: path)
        let loaded = try Trainer.forInference(try SavedModel.load(from: path), backend: CPUBackend())
        #expect(try loaded.predict(split.valid) == (try trainer.predict(split.valid)))
        try "{\"format\": \"gputrain-model-1\"".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: TrainingError.self) { try SavedModel.load(from: path) }
    }

    @Test("an image model saves its image description instead of feature statistics; one with neither or both is refused")
    func saveLoadImages() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gputrain-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = ModelSpec(kind: .linear, inputs: 4, outputs: 10, loss: .softmaxCrossEntropy)
        let parameters = [(0..<40).map { Float($0) / 100 }, [Float](repeating: 0, count: 10)]  // 4×10 weights, 10 biases
        let model = SavedModel(spec: spec, images: ImageInputs(height: 2, width: 2), parameters: parameters)
        let path = dir.appendingPathComponent("m.json").path
        try model.save(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"images\"") && !text.contains("\"features\""))
        let loaded = try SavedModel.load(from: path)
        #expect(loaded == model && loaded.features == nil && loaded.task == .classification)
        #expect(loaded.classNames == (0...9).map(String.init) && loaded.trainedOn == "2×2 images")
        let images = try IDX.parseImages([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 51, 255, 102], path: "x")
        let data = try ImageInputs(height: 2, width: 2).apply(to: images, path: "x")
        #expect(data.features == [0, 0.2, 1, 0.4])
        #expect(try Trainer.forInference(loaded, backend: CPUBackend()).predict(data).count == 10)

        var neither = model
        neither.images = nil
        try JSONEncoder().encode(neither).write(to: URL(fileURLWithPath: path))
        #expect { try SavedModel.load(from: path) } throws: { "\($0)".contains("missing 'features' or 'images'") }
        var both = model
        both.features = try titanicSplit().stats
        try JSONEncoder().encode(both).write(to: URL(fileURLWithPath: path))
        #expect { try SavedModel.load(from: path) } throws: { "\($0)".contains("has both 'features' and 'images'") }
        var wrongSize = model
        wrongSize.images = ImageInputs(height: 3, width: 3)
        try JSONEncoder().encode(wrongSize).write(to: URL(fileURLWithPath: path))
        #expect { try SavedModel.load(from: path) } throws: { "\($0)".contains("its 3×3 images have 9 pixels") }
    }
}

@Suite("Training on OpenCL matches the CPU backend", .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
struct TrainerOpenCLTests {
    @Test("per-epoch losses within 1e-3 relative of the CPU backend's, same seed",
          arguments: [(ModelKind.mlp, Optimizer.sgd), (.excel, .sgd), (.mlp, .adam), (.linear, .adam)])
    func sameAsCPU(kind: ModelKind, optimizer: Optimizer) throws {
        let lr: Float = optimizer == .adam ? 0.01 : kind == .excel ? 0.2 : 0.1
        let cpu = try titanicTrainer(kind, on: CPUBackend(), epochs: 5, lr: lr, optimizer: optimizer).fit()
        let cl = try OpenCLTests.withBackend { backend in
            try titanicTrainer(kind, on: backend, epochs: 5, lr: lr, optimizer: optimizer).fit()
        }
        for (a, b) in zip(cpu, cl) {
            print("\(kind) \(optimizer) epoch \(a.epoch): train \(a.trainLoss) vs \(b.trainLoss), valid \(a.validLoss) vs \(b.validLoss)")
            #expect(abs(a.trainLoss - b.trainLoss) <= 1e-3 * abs(a.trainLoss))
            #expect(abs(a.validLoss - b.validLoss) <= 1e-3 * abs(a.validLoss))
        }
    }

    @Test("defaults reach ≥ 0.78 validation accuracy on Titanic")
    func accuracy() throws {
        let history = try OpenCLTests.withBackend { try titanicTrainer(.mlp, on: $0).fit() }
        print("OpenCL mlp: final accuracy \(history.last!.accuracy)")
        #expect(history.last!.accuracy >= 0.78)
    }
}
