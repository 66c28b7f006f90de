import ArgumentParser
import Foundation
import GPUTrain

extension ModelKind: ExpressibleByArgument {}
extension Schedule: ExpressibleByArgument {}
extension LossKind: ExpressibleByArgument {}

/// `gputrain train` (the default subcommand): fit a model and report fastai-style metrics.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model with mini-batch SGD and report train and validation metrics per epoch.",
        discussion: """
            With no --data, trains on the Kaggle Titanic training set embedded in gputrain (891 passengers), \
            with the features of fast.ai's "linear model and neural net from scratch" lesson. Each epoch runs \
            a training phase over shuffled batches, then a validation phase, each with a progress bar on a \
            terminal, then prints a row of: epoch train_loss valid_loss accuracy error_rate time.

            EXAMPLES
              gputrain --device gpu
              gputrain --device cpu --model excel --lr 0.2 --epochs 20
              gputrain --data train.csv --target Survived --drop Name,Ticket --metrics m.csv --plot loss.svg
              gputrain --save model.json && gputrain predict --model model.json --data test.csv --out pred.csv
            """)

    @OptionGroup var deviceOptions: DeviceOptions

    @Flag(name: .long, help: "List the OpenCL devices and the CPU backend, then exit.")
    var listDevices = false

    @Option(help: "A CSV file to train on (default: the embedded Titanic training set).")
    var data: String?
    @Option(help: "The column to predict (default: Survived).")
    var target = "Survived"
    @Option(help: "Columns to leave out, comma-separated.", transform: { $0.split(separator: ",").map(String.init) })
    var drop: [String] = []
    @Option(parsing: .unconditional, help: "Fraction of the rows held out for validation, in (0, 1).")
    var validPct = 0.2
    @Option(help: "Seeds the split, the initial weights and the shuffles.")
    var seed: UInt64 = 42

    @Option(help: "linear, mlp or excel (the lesson's spreadsheet: 2 ReLU columns added).")
    var model = ModelKind.mlp
    @Option(help: "Hidden layer widths for --model mlp, comma-separated.", transform: Self.widths)
    var hidden: [Int] = [20]
    @Option(help: "bce, mse or softmax (default: mse for excel, bce for a binary target, softmax for more classes).")
    var loss: LossKind?

    // Numbers are parsed unconditionally, so `--lr -1` reaches validation ("must be a positive number") rather
    // than `-1` being read as a flag and reported as a missing value.
    @Option(parsing: .unconditional, help: "Number of epochs (≥ 1).") var epochs = 10
    @Option(parsing: .unconditional, help: "Peak learning rate (> 0).") var lr: Float = 0.1
    @Option(parsing: .unconditional, help: "Rows per training batch (≥ 1).") var batchSize = 64
    @Option(parsing: .unconditional, help: "SGD momentum, in [0, 1); with --schedule onecycle its maximum, cycled down to 0.85/0.95 of it while the learning rate peaks, and back.")
    var momentum: Float = 0.9
    @Option(parsing: .unconditional, help: "Weight decay (L2), ≥ 0.") var weightDecay: Float = 0
    @Option(help: "onecycle (fastai's fit_one_cycle: learning rate warms up from lr/25 to lr over 25% of the steps, then decays to lr/1e5, while the momentum dips the opposite way) or constant (both fixed).")
    var schedule = Schedule.onecycle

    @Option(help: "Write one record per epoch to this .csv or .json file.") var metrics: String?
    @Option(help: "Write train and validation loss per epoch to this .svg file.") var plot: String?
    @Option(help: "Save the trained model (architecture, weights, feature statistics) to this JSON file.") var save: String?

    static func widths(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--hidden takes positive widths separated by commas, e.g. 20,10; got '\(text)'")
        }
        return parts.map { $0! }
    }

    func validate() throws {
        guard validPct > 0, validPct < 1 else { throw ValidationError("--valid-pct must be in (0, 1), got \(validPct)") }
        do { try trainingOptions.validate() } catch { throw ValidationError("\(error)") }
        for path in [metrics, plot, save].compactMap({ $0 }) where path.isEmpty {
            throw ValidationError("an output file name is empty")
        }
        if let metrics, MetricsFormat(path: metrics) == nil {
            throw ValidationError("--metrics \(metrics): name the file .csv or .json")
        }
    }

    var trainingOptions: TrainingOptions {
        var o = TrainingOptions()
        o.epochs = epochs
        o.learningRate = lr
        o.batchSize = batchSize
        o.momentum = momentum
        o.weightDecay = weightDecay
        o.schedule = schedule
        o.seed = seed
        return o
    }

    func run() throws {
        if listDevices { return Console.out(try DevicesCommand.listing()) }
        let table = try data.map { try Table(contentsOfFile: $0) } ?? Table(csv: TitanicData.trainCSV, source: "embedded Titanic train.csv")
        let options = FeatureOptions(target: target, drop: drop, addOnesColumn: model == .excel)
        let split = try table.split(validPct: validPct, seed: seed, options: options)
        guard let stats = split.stats else { throw ValidationError("no feature statistics were fitted") }
        for note in stats.notes { Console.out("features: \(note)") }
        let classes = split.train.classCount
        let lossKind = loss ?? (model == .excel ? .meanSquaredError : classes > 2 ? .softmaxCrossEntropy : .binaryCrossEntropy)
        if classes > 2, lossKind != .softmaxCrossEntropy || model == .excel {
            throw ValidationError("a target with \(classes) classes needs --loss softmax and --model linear or mlp")
        }
        let spec = ModelSpec(kind: model, inputs: split.train.cols, hidden: hidden,
                             outputs: lossKind == .softmaxCrossEntropy ? classes : 1, loss: lossKind)

        let backend = try deviceOptions.open()
        Console.out("device: \(backend.name)")
        Console.out("data: \(table.source): \(split.train.rows) training and \(split.valid.rows) validation rows, "
              + "\(split.train.cols) features; model \(model)\(model == .mlp ? " \(hidden.map(String.init).joined(separator: ","))" : ""), "
              + "loss \(lossKind), \(epochs) epochs, lr \(lr), batch \(batchSize)")
        let trainer = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: trainingOptions)

        let sink = StandardErrorSink()
        let table_ = MetricsTable()
        var bar: ProgressBar?
        Console.out(table_.header())
        let records = try trainer.fit(
            progress: sink.isTerminal ? { phase, done, total in
                if done == 1 { bar = ProgressBar(phase: phase.rawValue, total: total, sink: sink) }
                bar?.update(done)
                if done == total { bar?.finish(); bar = nil }
            } : nil,
            synchronizeProgress: sink.isTerminal,
            onEpoch: { record in
                Console.out(table_.row(record))
            })
        Console.out(table_.summary(records, rowsPerEpoch: split.train.rows))
        if let metrics { try writeMetrics(records, to: metrics) }
        if let plot { try writeFileAtomically(lossPlotSVG(records, title: "gputrain \(model) on \(table.source)"), to: plot) }
        if let save {
            try SavedModel(spec: spec, features: stats, parameters: try trainer.parameters()).save(to: save)
            Console.out("saved model to \(save)")
        }
    }
}
