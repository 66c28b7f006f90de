import GPUTrain
import Testing

@Suite struct ReportProgressBarTests {
    @Test func nonTerminalWritesNothing() {
        let sink = StringSink(isTerminal: false)
        let clock = ManualClock()
        let bar = ProgressBar(phase: "train", total: 100, sink: sink, clock: { clock.now })
        for _ in 0 ..< 100 {
            clock.now += 1
            bar.advance()
        }
        bar.finish()
        #expect(sink.text == "")
    }

    @Test func terminalRedrawsInPlaceAndClearsAtEnd() {
        let sink = StringSink(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(total: 4, sink: sink, clock: { clock.now })
        for _ in 0 ..< 4 {
            clock.now += 1
            bar.advance()
        }
        bar.finish()

        let text = sink.text
        #expect(text.hasPrefix("\r  0.0% [--------------------] 0/4 00:00<--:--"))
        #expect(text.contains("\r 25.0% [#####---------------] 1/4 00:01<00:03"))
        #expect(!text.contains("\n"))
        // Ends with a blanked line and the cursor back at its start.
        let draws = text.split(separator: "\r")
        let last = draws.last!
        #expect(text.hasSuffix("\r"))
        #expect(!last.isEmpty && last.allSatisfy { $0 == " " })
        #expect(last.count >= draws[draws.count - 2].count)
        // The final draw before the blanking shows completion.
        #expect(draws[draws.count - 2] == "100.0% [####################] 4/4 00:04<00:00")
    }

    @Test func throttlesRedrawsButAlwaysDrawsTheEnd() {
        let sink = StringSink(isTerminal: true)
        let clock = ManualClock()
        let bar = ProgressBar(phase: "valid", total: 1000, sink: sink, minInterval: 0.05, clock: { clock.now })
        for _ in 0 ..< 1000 {
            clock.now += 0.001  // 1000 steps over 1 s: at most ~20 redraws
            bar.advance()
        }
        bar.finish()
        let draws = sink.text.split(separator: "\r").filter { $0.contains("%") }
        #expect(draws.count >= 10 && draws.count <= 22, "\(draws.count) draws")
        #expect(draws.last!.hasPrefix("valid 100.0% [####################] 1000/1000"))
    }

    @Test func lineShowsPhasePercentBarAndTimes() {
        let clock = ManualClock()
        let bar = ProgressBar(phase: "train", total: 100, sink: StringSink(isTerminal: false), clock: { clock.now })
        clock.now = 2.5
        bar.update(45)
        #expect(bar.line() == "train  45.0% [#########-----------] 45/100 00:02<00:03")
        bar.update(500)
        #expect(bar.completed == 100)
    }

    @Test func emptyPhaseIsComplete() {
        let sink = StringSink(isTerminal: true)
        let bar = ProgressBar(total: 0, sink: sink, clock: { 0 })
        bar.finish()
        bar.finish()  // a second finish writes nothing more
        #expect(sink.text.split(separator: "\r").filter { $0.contains("%") }.allSatisfy { $0.hasPrefix("100.0%") })
        #expect(sink.text.filter { $0 == "\r" }.count == 3)  // the first draw, then the blanking's two
    }
}
