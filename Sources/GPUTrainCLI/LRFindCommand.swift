import ArgumentParser
import Foundation
import GPUTrain

/// `gputrain lr-find`: fastai's `lr_find` on the data and model a `train` run with the same options would use.
struct LRFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "Sweep the learning rate from 1e-7 towards 10 over 100 batches and suggest one (fastai's lr_find).",
        discussion: """
            Loads the data and builds the model as `gputrain train` does with the same options, then trains one \
            batch per step with the same optimizer, at a learning rate growing exponentially from 1e-7 towards 10 \
            (momentum and weight decay as train has them, held constant), reshuffling each time the data runs out. The loss is smoothed as \
            fastai does (a moving average, β = 0.98, debiased), and the sweep stops once it exceeds 4 × its \
            minimum. It prints the loss every 10 steps and two suggestions, read from all but the first 10 and \
            last 5 steps as fastai reads them: valley (fastai's default: half-way along the longest run of \
            falling loss) and steep (where the loss falls fastest against log lr). The weights are not kept: \
            `gputrain --lr auto` runs this and trains with the valley suggestion.

            EXAMPLES
              gputrain lr-find
              gputrain lr-find --data train.csv --target price --plot lr.svg
            """)

    @OptionGroup var deviceOptions: DeviceOptions
    @OptionGroup var input: DataOptions
    @Option(help: "Seeds the split, the initial weights and the shuffles.")
    var seed: UInt64 = 42
    @Option(parsing: .unconditional, help: "Rows per batch, ≥ 1 (default: 64; 256 for MNIST-format data); the training set needs at least this many rows.")
    var batchSize: Int?
    @Option(parsing: .unconditional, help: "SGD momentum (Adam's β₁), in [0, 1), held constant.")
    var momentum: Float = 0.9
    @Option(parsing: .unconditional, help: "Weight decay, ≥ 0: decoupled for adam, L2 for sgd (default: as train's).")
    var weightDecay: Float?
    @Option(name: .customLong("opt"), help: ArgumentHelp("adam or sgd (default: as train's: adam for tables, sgd for MNIST-format data).",
                                                         valueName: "optimizer"))
    var optimizer: Optimizer?
    @Option(help: ArgumentHelp("Draw the smoothed loss against the learning rate (log scale), with the suggestions, to this .svg file.",
                               valueName: "file.svg"))
    var plot: String?

    /// The sweep: fastai's `lr_find` defaults.
    static let start: Float = 1e-7, end: Float = 10, steps = 100

    var defaults: TrainCommand.Defaults { input.defaults }

    /// The settings `train` would use with the same flags (its `trainingOptions`), the schedule aside.
    var options: TrainingOptions {
        var o = TrainingOptions()
        o.optimizer = optimizer ?? defaults.optimizer
        o.batchSize = batchSize ?? defaults.batchSize
        o.momentum = momentum
        o.weightDecay = weightDecay ?? defaults.weightDecay(for: o.optimizer)
        o.schedule = .constant
        o.seed = seed
        return o
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError("\(error)") }
        if let plot {
            guard !plot.isEmpty else { throw ValidationError("an output file name is empty") }
            do { try checkWritable(plot) } catch { throw ValidationError("--plot: \(error)") }
        }
    }

    func run() throws {
        let (split, source) = try input.loadSplit(seed: seed)
        let (lossKind, spec) = try input.model(for: split, defaultHidden: defaults.hidden)
        let options = self.options
        guard split.train.rows >= options.batchSize else {
            throw CLIFailure("lr-find needs at least one batch of training rows: \(source) gives \(split.train.rows) "
                + "training row\(split.train.rows == 1 ? "" : "s"), fewer than --batch-size \(options.batchSize)")
        }
        let backend = try deviceOptions.open()
        Console.out("device: \(backend.name)")
        Console.out("data: \(source): \(split.train.rows) training rows, \(split.train.cols) features; "
            + "model \(input.modelDescription(spec)), loss \(lossKind), \(options.optimizer), batch \(options.batchSize), "
            + "momentum \(options.momentum), weight decay \(options.weightDecay)")
        let trainer = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options,
                                  communicator: Ranks.group)
        let sink = StandardErrorSink()
        var bar: ProgressBar?
        let sweep = try trainer.findLearningRate(start: Self.start, end: Self.end, steps: Self.steps,
                                                 progress: sink.isTerminal && Ranks.isRoot ? { done, total in
            if done == 1 { bar = ProgressBar(phase: "lr-find", total: total, sink: sink) }
            bar?.update(done)
        } : nil)
        bar?.finish()
        Console.out(Self.table(sweep))
        Console.out("lr-find: \(sweep.learningRates.count) of \(sweep.plannedSteps) steps from \(Self.format(Self.start)) "
            + "towards \(Self.format(Self.end)), \(Self.describe(sweep.ending))")
        guard let valley = sweep.valley, let steep = sweep.steep else {
            throw CLIFailure("the sweep stopped after \(sweep.learningRates.count) steps, too few for a suggestion "
                + "(they are read from step \(sweep.plannedSteps / 10) to the 5th from last)")
        }
        Console.out("suggested lr: valley \(Self.format(valley.learningRate)) (smoothed loss \(Self.loss(valley.loss))), "
            + "steep \(Self.format(steep.learningRate)) (\(Self.loss(steep.loss)))")
        if let plot, Ranks.isRoot {
            try writeFileAtomically(learningRatePlotSVG(sweep, title: "gputrain lr-find: \(input.model) on \(source)"), to: plot)
            Console.out("plot written to \(plot)")
        }
    }

    /// Every 10th step and the last: lr, loss, smoothed loss.
    static func table(_ sweep: LearningRateSweep) -> String {
        var lines = ["step  lr        loss      smoothed"]
        for i in sweep.learningRates.indices where i % 10 == 0 || i == sweep.learningRates.count - 1 {
            func cell(_ s: String, _ w: Int) -> String { s.padding(toLength: max(w, s.count), withPad: " ", startingAt: 0) }
            lines.append(cell(String(i), 6) + cell(String(format: "%.2e", Double(sweep.learningRates[i])), 10)
                + cell(loss(sweep.losses[i]), 10) + loss(sweep.smoothedLosses[i]))
        }
        return lines.joined(separator: "\n")
    }

    /// A learning rate in 3 significant digits: `0.0145`, `1e-07`.
    static func format(_ lr: Float) -> String { String(format: "%.3g", Double(lr)) }

    static func loss(_ value: Double) -> String { String(format: "%.4f", value) }

    /// Why the sweep ended, as the end of a sentence.
    static func describe(_ ending: LearningRateSweep.Ending) -> String {
        switch ending {
        case .completed: "every step run"
        case .lossExploded: "stopped when the smoothed loss passed \(Int(LearningRateSweep.stopFactor)) × its minimum"
        case .diverged: "stopped when the loss became NaN or infinite"
        }
    }
}
