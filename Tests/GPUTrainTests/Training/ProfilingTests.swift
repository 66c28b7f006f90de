import Foundation
import GPUTrain
import Testing

/// A kernel's launches in a multiset, for comparing what ran with what the summary says.
func counts(_ kernels: [String]) -> [String: Int] {
    kernels.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

/// Trains `kind` on Titanic with a timing recorder for `epochs` epochs and checks what it recorded against the
/// trainer's own summary; returns the launches.
@discardableResult
func checkRecordedRun(_ kind: ModelKind, on backend: any Backend, epochs: Int = 2) throws -> [KernelLaunch] {
    let trainer = try titanicTrainer(kind, on: backend, epochs: epochs)
    let summary = try trainer.summary()
    let recorder = LaunchRecorder(timesLaunches: true)
    backend.launchRecorder = recorder
    defer { backend.launchRecorder = nil }
    var events: [TrainingEvent] = []
    trainer.onEvent = { events.append($0) }
    try trainer.fit()
    try backend.finish()
    let launches = recorder.launches

    // Every launch timed, tagged, and counted in the totals.
    #expect(!launches.isEmpty)
    #expect(launches.allSatisfy { $0.duration > 0 }, "\(launches.filter { $0.duration == 0 }.prefix(3))")
    #expect(launches.allSatisfy { $0.tag.layer != nil && $0.tag.pass != nil && $0.tag.epoch != nil })
    #expect(recorder.totals.mapValues(\.launches) == counts(launches.map(\.kernel)))
    #expect(recorder.totals.values.map(\.nanoseconds).reduce(0, +) == launches.map(\.duration).reduce(0, +))
    // Device time in launch order does not overlap on an in-order queue (nor on the CPU backend).
    for (a, b) in zip(launches, launches.dropFirst()) {
        #expect(a.start + a.duration <= b.start + 1_000, "\(a.kernel) ends after \(b.kernel) starts")
    }

    // Each full training batch launches what the summary says, layer by layer; each validation batch too.
    let batchRows = summary.trainBatchRows
    let fullBatches = 713 / batchRows
    #expect(counts(summary.layers.flatMap { $0.forward + $0.backward } + summary.step) == counts(summary.trainBatch))
    for epoch in 0..<epochs {
        for batch in 0..<fullBatches {
            let ran = launches.filter { $0.tag.epoch == epoch && $0.tag.phase == .train && $0.tag.batch == batch }
            #expect(ran.map(\.kernel) == summary.trainBatch, "epoch \(epoch) batch \(batch)")
            for layer in summary.layers {
                #expect(ran.filter { $0.tag.layer == layer.layer.name && $0.tag.pass != .backward }.map(\.kernel) == layer.forward)
                #expect(ran.filter { $0.tag.layer == layer.layer.name && $0.tag.pass == .backward }.map(\.kernel) == layer.backward)
            }
        }
        let valid = launches.filter { $0.tag.epoch == epoch && $0.tag.phase == .valid }
        #expect(valid.map(\.kernel) == summary.validBatch)
        let shuffle = launches.filter { $0.tag.epoch == epoch && $0.tag.pass == .data }
        #expect(shuffle.map(\.kernel) == summary.epochStart)
    }

    // The events come in fastai's order.
    let names = events.map(\.name).filter { $0 != .beforeBatch && $0 != .afterBatch }
    let perEpoch: [TrainingEvent.Name] = [.beforeEpoch, .beforeTrain, .afterTrain, .beforeValidate, .afterValidate, .afterEpoch]
    #expect(names == [.beforeFit] + Array(repeating: perEpoch, count: epochs).flatMap { $0 } + [.afterFit])
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
    return launches
}

@Suite("Launch recording, profiles and traces")
struct ProfilingTests {
    @Test("CPU backend: every op timed and tagged; each batch launches what summary() says", arguments: ModelKind.allCases)
    func cpuRun(kind: ModelKind) throws {
        let launches = try checkRecordedRun(kind, on: CPUBackend())
        #expect(launches.contains { $0.kernel == "matmul" && $0.flops > 0 })
    }

    @Test("OpenCL: launches timed from profiling events; each batch launches what summary() says",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason), arguments: ModelKind.allCases)
    func openCLRun(kind: ModelKind) throws {
        try OpenCLTests.withBackend { cl in
            let launches = try checkRecordedRun(kind, on: cl)
            #expect(launches.contains { $0.kernel.hasPrefix("matmul") && $0.flops > 0 })
        }
    }

    @Test("OpenCL: more launches than are held pending between read-backs are all timed",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
    func openCLManyLaunches() throws {
        try OpenCLTests.withBackend { cl in
            let x = try cl.matrix(rows: 4, cols: 8, (0..<32).map { Float($0) - 16 })
            let recorder = LaunchRecorder(timesLaunches: true, keepsLaunches: false)
            cl.launchRecorder = recorder
            defer { cl.launchRecorder = nil }
            let n = 5000
            for _ in 0..<n { try cl.relu(x, into: x) }
            try cl.finish()
            #expect(recorder.totals["relu"]?.launches == n)
            #expect(recorder.launches.isEmpty)
            #expect((recorder.totals["relu"]?.nanoseconds ?? 0) > 0)
        }
    }

    @Test("recording changes nothing: the same metrics with and without it, and after summary()",
          arguments: [ModelKind.mlp, .excel])
    func noEffect(kind: ModelKind) throws {
        let plain = try titanicTrainer(kind, on: CPUBackend(), epochs: 3).fit()
        let backend = CPUBackend()
        let trainer = try titanicTrainer(kind, on: backend, epochs: 3)
        _ = try trainer.summary()
        backend.launchRecorder = LaunchRecorder(timesLaunches: true)
        let recorded = try trainer.fit()
        #expect(plain.map(\.trainLoss) == recorded.map(\.trainLoss))
        #expect(plain.map(\.validLoss) == recorded.map(\.validLoss))
    }

    @Test("the summary has the lesson's shapes for the spreadsheet model: rows × 2 → ReLU → rows × 1")
    func spreadsheetShapes() throws {
        let summary = try titanicTrainer(.excel, on: CPUBackend()).summary()
        #expect(summary.layers.map(\.layer.name) == ["dense 1", "ReLU 1", "sum", "loss"])
        #expect(summary.layers.map(\.outputShape) == ["64 × 2", "64 × 2", "64 × 1", "1 × 2"])
        #expect(summary.parameters == 13 * 2)
        #expect(summary.layers[2].forward == ["rowsum"] && summary.layers[2].backward == ["rowsum_backward"])
        let table = summary.table()
        #expect(table.contains("ReLU 1") && table.contains("(in dense 1)"), "\(table)")
        #expect(table.contains("launches: \(summary.trainBatch.count) per training batch"), "\(table)")
    }

    @Test("an untimed recorder counts launches with no times; with keepsLaunches off it keeps only the totals")
    func untimed() throws {
        let backend = CPUBackend()
        let x = try backend.matrix(rows: 2, cols: 2, [1, -1, 2, -2])
        let recorder = LaunchRecorder(timesLaunches: false)
        backend.launchRecorder = recorder
        try backend.relu(x, into: x)
        recorder.keepsLaunches = false
        try backend.relu(x, into: x)
        #expect(recorder.launches.map(\.duration) == [0])
        #expect(recorder.totals["relu"]?.launches == 2)
        #expect(throws: DeviceError.self) { try backend.relu(x, into: try backend.makeMatrix(rows: 1, cols: 1)) }
        #expect(recorder.totals["relu"]?.launches == 2, "a rejected call launches nothing")
    }
}

@Suite("Chrome trace")
struct ChromeTraceTests {
    /// A run of `epochs` epochs of one training and one validation batch, each with one launch.
    func events(epochs: Int) -> ([TrainingEvent], [KernelLaunch]) {
        var t: UInt64 = 1_000_000
        var events: [TrainingEvent] = [], launches: [KernelLaunch] = []
        func at(_ name: TrainingEvent.Name, _ epoch: Int? = nil, _ phase: Phase? = nil, _ batch: Int? = nil) {
            t += 1000
            events.append(TrainingEvent(name, time: t, epoch: epoch, phase: phase, batch: batch, count: 1))
        }
        at(.beforeFit)
        for e in 0..<epochs {
            at(.beforeEpoch, e)
            at(.beforeTrain, e)
            at(.beforeBatch, e, .train, 0)
            launches.append(KernelLaunch(kernel: "relu", shape: "4×\"8\"", tag: LaunchTag(layer: "ReLU 1", pass: .forward, epoch: e, phase: .train, batch: 0),
                                         start: t + 100, duration: 1234))
            at(.afterBatch, e, .train, 0)
            at(.afterTrain, e)
            at(.beforeValidate, e)
            at(.afterValidate, e)
            at(.afterEpoch, e)
        }
        at(.afterFit)
        return (events, launches)
    }

    @Test("valid JSON in the Trace Event Format, bounded to the first epochs")
    func format() throws {
        let (events, launches) = events(epochs: 3)
        let trace = ChromeTrace(deviceName: "test \"device\"", maxEpochs: 2)
        events.forEach(trace.observe)
        trace.add(launches)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(trace.json().utf8)) as? [String: Any])
        let all = try #require(json["traceEvents"] as? [[String: Any]])
        let complete = all.filter { $0["ph"] as? String == "X" }
        #expect(complete.allSatisfy { $0["ts"] is Double || $0["ts"] is Int })
        #expect(complete.allSatisfy { ($0["dur"] as? Double ?? -1) >= 0 })
        let names = complete.compactMap { $0["name"] as? String }
        #expect(names.filter { $0.hasPrefix("epoch ") }.sorted() == ["epoch 0", "epoch 1"])
        #expect(names.filter { $0 == "relu" }.count == 2)
        #expect(names.contains("fit") && names.contains("train") && names.contains("validate") && names.contains("read back metrics"))
        let relu = try #require(complete.first { $0["name"] as? String == "relu" })
        #expect(relu["dur"] as? Double == 1.234)
        #expect((relu["args"] as? [String: Any])?["shape"] as? String == "4×\"8\"")
        #expect(relu["tid"] as? Int == 2)
        // The run's span ends with the last epoch kept.
        let fit = try #require(complete.first { $0["name"] as? String == "fit" })
        let epoch1 = try #require(complete.first { $0["name"] as? String == "epoch 1" })
        func end(_ e: [String: Any]) -> Double { (e["ts"] as? Double ?? 0) + (e["dur"] as? Double ?? 0) }
        #expect(abs(end(fit) - end(epoch1)) < 1e-6)
        #expect(trace.isFull)
    }
}
