import ArgumentParser
import Foundation
import GPUTrain

extension ModelKind: ExpressibleByArgument {}
extension Schedule: ExpressibleByArgument {}
extension LossKind: ExpressibleByArgument {}
extension Task: ExpressibleByArgument {}
extension Optimizer: ExpressibleByArgument {}
extension Monitor: ExpressibleByArgument {}

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

            MNIST-FORMAT DATA
              --data FOLDER reads train-images-idx3-ubyte, train-labels-idx1-ubyte and the t10k- pair (raw or \
            .gz, `-` or `.` before idx): pixels / 255 as 784 features, 10 classes, softmax cross-entropy, \
            accuracy of the arg max. The t10k files are the validation set, so --valid-pct does not apply. \
            --data fashion-mnist reads /usr/share/datasets/fashion-mnist/ (apt-get install dataset-fashion-mnist). \
            Defaults for such data: --hidden 256 --epochs 5 --batch-size 256 --lr 0.4 (one-cycle, momentum 0.9), \
            which reaches about 98% validation accuracy on MNIST. --save keeps the image size with the model, and \
            `gputrain predict --model m.json --data FOLDER --out p.csv` writes index,label for the folder's t10k images.

            EXAMPLES
              gputrain --device gpu
              gputrain --device cpu --model excel --lr 0.2 --epochs 20
              gputrain --data train.csv --target Survived --drop Name,Ticket --metrics m.csv --plot loss.svg
              gputrain --save model.json && gputrain predict --model model.json --data test.csv --out pred.csv
              gputrain --data ~/mnist --model mlp --hidden 256          # MNIST: ~98% in 5 epochs
              gputrain --data fashion-mnist --limit 5000 --epochs 2     # a quick look at Fashion-MNIST
              gputrain --epochs 200 --patience 10 --save-best --save model.json
              gputrain --epochs 500 --checkpoint c.json && gputrain --epochs 500 --resume c.json

            LONG RUNS
              Ctrl-C (SIGINT) or SIGTERM stops after the batch in flight: the partly run epoch is dropped, the \
            finished epochs are written to --save, --metrics, --plot and --checkpoint, and the exit status is 130 \
            (SIGINT) or 143 (SIGTERM). A second signal ends the run at once and writes nothing.
            """)

    @OptionGroup var deviceOptions: DeviceOptions

    @Flag(name: .long, help: "List the OpenCL devices and the CPU backend, then exit.")
    var listDevices = false

    @OptionGroup var input: DataOptions
    @Option(help: "Seeds the split, the initial weights and the shuffles.")
    var seed: UInt64 = 42

    // Numbers are parsed unconditionally, so `--lr -1` reaches validation ("must be a positive number") rather
    // than `-1` being read as a flag and reported as a missing value.
    @Option(parsing: .unconditional, help: "Number of epochs, ≥ 1 (default: enough for 1,000 steps and at least 10; 5 for MNIST-format data).")
    var epochs: Int?
    @Option(parsing: .unconditional, help: "Peak learning rate, > 0, or auto: run lr-find first and take its valley suggestion (default: 0.01 with adam, 0.1 with sgd; 0.4 for MNIST-format data).")
    var lr: LearningRateChoice?
    @Option(parsing: .unconditional, help: "Rows per training batch, ≥ 1 (default: 64; 256 for MNIST-format data).")
    var batchSize: Int?
    @Option(parsing: .unconditional, help: "SGD momentum, in [0, 1); with --schedule onecycle its maximum, cycled down to 0.85/0.95 of it while the learning rate peaks, and back.")
    var momentum: Float = 0.9
    @Option(parsing: .unconditional, help: "Weight decay, ≥ 0: decoupled for adam, L2 for sgd (default: 0.01 with adam, 0 with sgd).")
    var weightDecay: Float?
    @Option(help: "onecycle (fastai's fit_one_cycle: learning rate warms up from lr/25 to lr over 25% of the steps, then decays to lr/1e5, while the momentum dips the opposite way) or constant (both fixed).")
    var schedule = Schedule.onecycle
    @Option(name: .customLong("opt"), help: ArgumentHelp("adam (AdamW, fastai's β₂ 0.99 and ε 1e-5, --momentum as β₁; the default for tables) or sgd (with momentum; the default for MNIST-format data).", valueName: "optimizer"))
    var optimizer: Optimizer?

    @Option(help: "Write one record per epoch to this .csv or .json file.") var metrics: String?
    @Option(help: "Write train and validation loss per epoch to this .svg file.") var plot: String?
    @Option(help: ArgumentHelp("Draw the validation confusion matrix of the final model to this .svg file (classes, at most \(Self.maxConfusionClasses)).",
                               valueName: "file.svg"))
    var confusion: String?
    @Option(help: "Save the trained model (architecture, weights, and the feature statistics or the image size) to this JSON file.") var save: String?
    @Flag(help: "With --save, save the model of the epoch with the best --monitor value, not the last epoch's.")
    var saveBest = false
    @Option(help: "The metric that picks the best epoch for --save-best and --patience: valid_loss, accuracy, or rmse (for --loss mse).")
    var monitor = Monitor.validLoss
    @Option(parsing: .unconditional, help: "Stop early when --monitor has not improved for N epochs, N ≥ 1.")
    var patience: Int?
    @Option(help: "Write a checkpoint (weights, optimizer and shuffle state, metrics so far) to this JSON file; --resume continues from it.")
    var checkpoint: String?
    @Option(parsing: .unconditional, help: "With --checkpoint, write it after every N finished epochs, N ≥ 1 (default: 1).")
    var checkpointEvery: Int?
    @Option(help: "Continue the run a --checkpoint file holds; give the options that run had.")
    var resume: String?

    @Flag(help: "Before training, print the model: each layer's output shape for one batch, its parameters, the kernels it launches forward and backward on this device, and the sizes of the data and of what the device holds.")
    var summary = false
    @Flag(help: "After training, print a line per kernel for the whole run: launches, total and mean device time, share, GFLOP/s of the GEMMs (from OpenCL profiling events; on the CPU backend, each op timed). Slows small models' runs a little.")
    var profile = false
    @Option(help: ArgumentHelp("Write the run as a Chrome trace, for ui.perfetto.dev or chrome://tracing: a host track (epochs, train and validation phases, batches) and a device track (every kernel launch).",
                               valueName: "file.json"))
    var trace: String?
    @Option(parsing: .unconditional, help: "With --trace, how many epochs it keeps, N ≥ 1 (default: \(Self.defaultTraceEpochs)).")
    var traceEpochs: Int?
    @Flag(help: "Print the run's events on stderr as they happen, with times, by fastai's callback names (before_fit, before_epoch, before_train, after_train, before_validate, after_validate, after_epoch, after_fit).")
    var verbose = false

    /// Epochs `--trace` keeps unless `--trace-epochs` says otherwise.
    static let defaultTraceEpochs = 2

    /// Defaults that depend on the data: MNIST-format images get a wider network and bigger batches.
    struct Defaults {
        var hidden: [Int], epochs: Int, lr: Float, batchSize: Int
        var optimizer = Optimizer.sgd, weightDecay: Float = 0
        /// Optimizer steps a run takes at least, when --epochs is not given: a small table gets more epochs
        /// (a 150-row one has 2 batches an epoch), a large one stays at `epochs`. 0: epochs are fixed.
        var stepBudget = 0
        /// Chosen on public tables against scikit-learn's defaults (the README's table, from .ci/tabular-bench):
        /// with SGD at lr 0.1 and 10 epochs, a 150-row table got 20 steps and 0.85 accuracy (0.95 possible); with
        /// 1,000 steps SGD overfits a small noisy regression (RMSE 1.16 × Ridge's) where AdamW with weight decay
        /// 0.01 stays within 1.07 ×, and every classification within 0.01 of the better reference.
        static let tabular = Defaults(hidden: [20], epochs: 10, lr: 0.01, batchSize: 64, optimizer: .adam,
                                      weightDecay: 0.01, stepBudget: 1000)
        /// The learning rate for `optimizer`: this data's own, or the usual one of an optimizer asked for instead.
        func learningRate(for optimizer: Optimizer) -> Float {
            optimizer == self.optimizer ? lr : optimizer == .adam ? 0.01 : 0.1
        }
        /// The weight decay for `optimizer`: this data's own, or none for an optimizer asked for instead.
        func weightDecay(for optimizer: Optimizer) -> Float {
            optimizer == self.optimizer ? weightDecay : 0
        }
        /// Enough epochs for `budget` steps, at least `least`.
        static func epochs(trainingRows: Int, batchSize: Int, budget: Int, least: Int) -> Int {
            let batches = (trainingRows + batchSize - 1) / batchSize
            return max(least, (budget + batches - 1) / batches)
        }
        /// Measured on real MNIST, 5 epochs: lr 0.4 gave 98.06% validation accuracy on the CPU backend and 98.18%
        /// on PoCL with constant momentum, 98.03% (CPU) with one-cycle's momentum cycling; lr 0.2 and 0.8 gave 97.9%.
        static let images = Defaults(hidden: [256], epochs: 5, lr: 0.4, batchSize: 256)
    }

    var defaults: Defaults { input.defaults }

    func validate() throws {
        try validateLearningRateAndConfusion()
        do { try trainingOptions.validate() } catch { throw ValidationError("\(error)") }
        if saveBest, save == nil { throw ValidationError("--save-best needs --save FILE, the file the best model goes to") }
        if let patience, patience < 1 { throw ValidationError("--patience must be at least 1, got \(patience)") }
        if let checkpointEvery {
            guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)") }
            guard checkpoint != nil else { throw ValidationError("--checkpoint-every needs --checkpoint FILE") }
        }
        for path in [metrics, plot, save, checkpoint, resume, trace, confusion].compactMap({ $0 }) where path.isEmpty {
            throw ValidationError("an output file name is empty")
        }
        if let metrics, MetricsFormat(path: metrics) == nil {
            throw ValidationError("--metrics \(metrics): name the file .csv or .json")
        }
        if let traceEpochs {
            guard traceEpochs >= 1 else { throw ValidationError("--trace-epochs must be at least 1, got \(traceEpochs)") }
            guard trace != nil else { throw ValidationError("--trace-epochs needs --trace FILE.json") }
        }
        if let trace {
            guard trace.lowercased().hasSuffix(".json") else {
                throw ValidationError("--trace \(trace): name the file .json (Chrome's trace format)")
            }
            // Checked now, so a mistyped folder fails before the run rather than after it.
            do { try checkWritable(trace) } catch { throw ValidationError("--trace: \(error)") }
        }
    }

    var trainingOptions: TrainingOptions {
        var o = TrainingOptions()
        o.optimizer = optimizer ?? defaults.optimizer
        o.epochs = epochs ?? defaults.epochs
        o.learningRate = lr?.value ?? defaults.learningRate(for: o.optimizer)
        o.batchSize = batchSize ?? defaults.batchSize
        o.momentum = momentum
        o.schedule = schedule
        o.seed = seed
        o.weightDecay = weightDecay ?? defaults.weightDecay(for: o.optimizer)
        return o
    }

    func run() throws {
        if listDevices { return Console.out(try DevicesCommand.listing()) }
        // From the start, so a Ctrl-C while the data loads stops cleanly too, before any epoch.
        let interrupts = Interrupts(stop: StopRequest())
        defer {
            // VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec, so a child spawned by a
            // large parent (the bench) would report the parent's peak.
            if ProcessInfo.processInfo.environment[Self.peakMemoryVariable] == "1",
               let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
                Console.warn(String(format: "peak memory %.1f MB", kilobytes / 1024))
            }
        }
        let source: String
        var loaded: DataSplit?
        (loaded, source) = try input.loadSplit(seed: seed)
        // Read through `loaded`, so that setting it to nil below lets the host copy of the data go.
        var split: DataSplit { loaded! }
        let regression = split.train.task == .regression
        let (lossKind, spec) = try input.model(for: split, defaultHidden: defaults.hidden)
        var options = trainingOptions
        if epochs == nil, !split.train.featureNames.isEmpty, defaults.stepBudget > 0 {
            options.epochs = Defaults.epochs(trainingRows: split.train.rows, batchSize: options.batchSize,
                                             budget: defaults.stepBudget, least: defaults.epochs)
        }
        try checkConfusion(split)

        if !monitor.applies(to: lossKind) {
            throw ValidationError(monitor == .accuracy ? "--monitor accuracy is for classes; a regression has valid_loss and rmse"
                : "--monitor rmse needs --loss mse (a squared-error loss) or a regression; this run's loss is \(lossKind)")
        }
        let resumed = try resume.map { try Checkpoint.load(from: $0) }
        if let resumed, resumed.features != split.stats {
            throw CLIFailure("--resume \(resume!): the checkpoint was trained on other features than this data gives "
                + "(\(resumed.features?.featureNames.count ?? 0) there, \(split.stats?.featureNames.count ?? 0) here)")
        }

        let backend = try deviceOptions.open()
        Console.out("device: \(backend.name)" + (Ranks.group.size > 1 ? " (rank 0's; \(Ranks.group.size) ranks)" : ""))
        if lr == .auto {
            options.learningRate = try autoLearningRate(spec: spec, backend: backend, split: split, options: options)
        }
        Console.out("data: \(source): \(split.train.rows) training and \(split.valid.rows) validation rows, "
              + "\(split.train.cols) features; model \(input.modelDescription(spec)), "
              + "loss \(lossKind), \(options.optimizer), \(options.epochs) epochs, lr \(options.learningRate), batch \(options.batchSize)")
        let trainer = try Trainer(spec: spec, backend: backend, train: split.train, valid: split.valid, options: options,
                                  communicator: Ranks.group)
        // The device holds the data now: the host copies of a large table's features go, and only what the
        // reports need stays.
        let stats = split.stats, images = split.images, trainRows = split.train.rows
        let confusionRows = Self.confusionRows(split)  // the validation set, small beside training, when it has a matrix
        loaded = nil
        var keeper = BestModelKeeper(monitor: monitor, needsWeights: saveBest || checkpoint != nil)
        if let resumed {
            do { try trainer.validate(resumed) } catch { throw CLIFailure("--resume \(resume!): \(error)") }
            try keeper.resume(from: resumed, saveBest: saveBest, path: resume!)
            Console.out("resuming from \(resume!) at epoch \(resumed.epoch) of \(options.epochs)")
        }

        let sink = StandardErrorSink()
        let table_ = MetricsTable(regression: regression)
        var bar: ProgressBar?
        // `gputrain bench` (start-up) asks when the first batch has run: one line on stderr, wall clock.
        var firstBatchPending = ProcessInfo.processInfo.environment[Self.firstBatchVariable] == "1"
        let showBars = sink.isTerminal && Ranks.isRoot
        var checkpointed = resumed?.epoch ?? 0, stoppedEarly = false
        if summary { Console.out(try trainer.summary().table()) }
        // --profile and --trace time every launch; --trace keeps each one for its first epochs.
        let recorder = profile || trace != nil ? LaunchRecorder(timesLaunches: true, keepsLaunches: trace != nil) : nil
        let chrome = trace.map { _ in ChromeTrace(deviceName: backend.name, maxEpochs: traceEpochs ?? Self.defaultTraceEpochs) }
        let log = verbose ? VerboseLog() : nil
        backend.launchRecorder = recorder
        if log != nil || chrome != nil {
            trainer.onEvent = { event in
                log?.observe(event)
                guard let chrome, let recorder else { return }
                chrome.observe(event)
                // The epoch's launches are all timed by now: its metrics have been read back.
                if event.name == .afterEpoch, recorder.keepsLaunches {
                    chrome.add(recorder.takeLaunches())
                    if chrome.isFull { recorder.keepsLaunches = false }
                }
            }
        }
        Console.out(table_.header())
        let fitStart = LaunchRecorder.now()
        let records = try trainer.fit(
            resumingFrom: resumed, stop: interrupts.stop,
            progress: showBars || firstBatchPending ? { phase, done, total in
                if firstBatchPending, phase == .train {
                    firstBatchPending = false
                    try? backend.finish()
                    Console.warn(String(format: "first batch done at %.6f", Date().timeIntervalSince1970))
                }
                guard showBars else { return }
                if done == 1 { bar = ProgressBar(phase: phase.rawValue, total: total, sink: sink) }
                bar?.update(done)
                if done == total { bar?.finish(); bar = nil }
            } : nil,
            synchronizeProgress: showBars,
            onEpoch: { record in
                Console.out(table_.row(record))
                try keeper.observe(record, trainer: trainer)
                if let checkpoint, (record.epoch + 1) % (checkpointEvery ?? 1) == 0 {
                    if writeCheckpoint(trainer, stats: stats, best: keeper.best, to: checkpoint) {
                        checkpointed = record.epoch + 1
                    }
                }
                if let patience, keeper.tracker.isExhausted(patience: patience), record.epoch + 1 < options.epochs {
                    stoppedEarly = true
                    interrupts.stop.request()
                }
            })
        // A stop mid-phase leaves the bar drawn: blank it so the lines below start clean.
        bar?.finish()
        if let recorder {
            try backend.finish()  // the last launches' times are read here
            backend.launchRecorder = nil
            chrome?.add(recorder.takeLaunches())
        }
        let fitNanoseconds = LaunchRecorder.now() - fitStart
        let finished = records.count
        if let signal = interrupts.signalNumber {
            let name = Interrupts.name(signal)
            guard finished > 0 else {
                Console.out("interrupted by \(name) at epoch 0, before any epoch finished: nothing written")
                throw ExitCode(128 + signal)
            }
            Console.out(finished < options.epochs
                ? "interrupted by \(name) at epoch \(finished): keeping the \(finished) finished epoch\(finished == 1 ? "" : "s") (0–\(finished - 1))"
                : "interrupted by \(name) after the last epoch")
        } else if stoppedEarly, let patience, let best = keeper.tracker.bestEpoch {
            Console.out("early stop after epoch \(finished - 1): \(monitor.rawValue) has not improved for \(patience) "
                + "epoch\(patience == 1 ? "" : "s") since epoch \(best) (\(ReportFormat.fixed6(keeper.tracker.bestValue)))")
        }
        Console.out(table_.summary(records, rowsPerEpoch: trainRows))
        if Ranks.group.size > 1, trainer.allreduceTime.count > 0 {
            let t = trainer.allreduceTime
            Console.out("data-parallel: \(Ranks.group.size) ranks, identical weights on every rank (checksum "
                + "\(try trainer.parameterChecksum())); gradient allreduce \(String(format: "%.3f", 1000 * t.seconds / Double(t.count))) ms "
                + "a step on rank 0 over \(t.count) steps")
        }
        if finished > 0, let confusionRows { try reportConfusion(trainer, valid: confusionRows, loss: lossKind) }
        if profile, let recorder { Console.out(KernelProfile(totals: recorder.totals, wallNanoseconds: fitNanoseconds).table()) }
        if let metrics { try writeMetrics(records, to: metrics) }
        if let plot { try writeFileAtomically(lossPlotSVG(records, title: "gputrain \(input.model) on \(source)"), to: plot) }
        if let save {
            // A table's feature statistics, or the images' size: what predict needs to featurise new data.
            func model(_ parameters: [[Float]]) throws -> SavedModel {
                if let stats { return SavedModel(spec: spec, features: stats, parameters: parameters) }
                guard let images else { throw CLIFailure("--save: the data has no feature description") }
                return SavedModel(spec: spec, images: images, parameters: parameters)
            }
            if saveBest, let best = keeper.best {
                try model(best.parameters).save(to: save)
                Console.out("saved the model of epoch \(best.epoch) (best \(monitor.rawValue) "
                    + "\(ReportFormat.fixed6(keeper.tracker.bestValue))) to \(save)")
            } else {
                try model(try trainer.parameters()).save(to: save)
                Console.out("saved model to \(save)")
            }
        }
        if let trace, let chrome {
            try chrome.write(to: trace)
            Console.out("trace of \(min(finished, chrome.maxEpochs)) epoch\(min(finished, chrome.maxEpochs) == 1 ? "" : "s") written to \(trace) "
                + "(open it in ui.perfetto.dev or chrome://tracing)")
        }
        // A stopped run's last epochs may postdate the last scheduled checkpoint.
        if let checkpoint, checkpointed != finished {
            _ = writeCheckpoint(trainer, stats: stats, best: keeper.best, to: checkpoint)
        }
        if let status = interrupts.exitStatus { throw ExitCode(status) }
    }

    /// The run as a rank other than 0 makes it: the same training, with nothing printed or written.
    mutating func dropOutputs() {
        (metrics, plot, confusion, save, checkpoint, trace) = (nil, nil, nil, nil, nil, nil)
        (summary, profile, verbose) = (false, false, false)
    }

    /// Writes the run's checkpoint as it stands between epochs; a failure (a full disk, a read-only folder) is a
    /// warning, not the end of the run: the write is atomic, so the previous checkpoint is still there to resume.
    /// Returns whether it was written.
    private func writeCheckpoint(_ trainer: Trainer, stats: FeatureStats?, best: Checkpoint.BestModel?, to path: String) -> Bool {
        do {
            var c = try trainer.checkpoint()
            c.features = stats
            c.best = best
            try c.save(to: path)
            return true
        } catch {
            Console.warn("\(error); the previous checkpoint, if any, is unchanged")
            return false
        }
    }

    /// Set to 1, the run ends by printing `gputrain: peak memory <MB> MB` (its peak resident set) on stderr
    /// (`gputrain bench` measures the csv section's whole run with it).
    static let peakMemoryVariable = "GPUTRAIN_REPORT_PEAK_MEMORY"

    /// Set to 1, the run prints `gputrain: first batch done at <unix time>` on stderr once the first training
    /// batch has run on the device (`gputrain bench` measures start-up with it).
    static let firstBatchVariable = "GPUTRAIN_REPORT_FIRST_BATCH"
}
