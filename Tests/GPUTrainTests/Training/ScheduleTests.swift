import Foundation
import GPUTrain
import Testing

/// The one-cycle schedule against fastai's `fit_one_cycle` (pct_start 0.25, div 25, div_final 1e5,
/// moms (0.95, 0.85, 0.95)) at ragged step counts, with random peak rates and momenta.
@Suite("Schedules")
struct ScheduleTests {
    /// Step counts: 1 and 2 (a warm-up of one step), small odd ones, and a run-sized one.
    static let totals = [1, 2, 3, 4, 7, 10, 37, 120, 1001]

    static func close(_ a: Float, _ b: Double, _ rtol: Double = 1e-6) -> Bool {
        abs(Double(a) - b) <= rtol * max(abs(b), 1e-30)
    }

    static func warmSteps(_ total: Int) -> Int { max(1, Int((Double(total) * 0.25).rounded())) }

    @Test("constant keeps the rate and the momentum fixed")
    func constant() {
        var rng = TestRNG("schedule-constant")
        for total in Self.totals {
            let lr = Float.random(in: 1e-4...2, using: &rng), m = Float.random(in: 0..<0.99, using: &rng)
            for step in 0..<total {
                #expect(Schedule.constant.learningRate(lr, step: step, totalSteps: total) == lr)
                #expect(Schedule.constant.momentum(m, step: step, totalSteps: total) == m)
            }
        }
    }

    @Test("one-cycle endpoints: lr/25 → lr → lr/1e5; momentum m → 0.85/0.95·m → m", arguments: totals)
    func endpoints(total: Int) {
        var rng = TestRNG("schedule-endpoints-\(total)")
        let lr = Float.random(in: 1e-3...1, using: &rng), m = Float.random(in: 0.5..<0.99, using: &rng)
        let s = Schedule.onecycle, last = total - 1, warm = Self.warmSteps(total)
        #expect(Self.close(s.learningRate(lr, step: 0, totalSteps: total), Double(lr) / 25))
        #expect(Self.close(s.momentum(m, step: 0, totalSteps: total), Double(m)))
        if warm < total {  // the peak is the first step after the warm-up
            #expect(Self.close(s.learningRate(lr, step: warm, totalSteps: total), Double(lr)))
            #expect(Self.close(s.momentum(m, step: warm, totalSteps: total), Double(m) * 0.85 / 0.95))
        }
        if last > warm {  // the last step ends the decay
            #expect(Self.close(s.learningRate(lr, step: last, totalSteps: total), Double(lr) / 1e5))
            #expect(Self.close(s.momentum(m, step: last, totalSteps: total), Double(m)))
        }
        // fastai's numbers for a maximum of 0.95.
        if warm < total, last > warm {
            #expect(Self.close(s.momentum(0.95, step: warm, totalSteps: total), 0.85))
            #expect(Self.close(s.momentum(0.95, step: last, totalSteps: total), 0.95))
        }
    }

    @Test("one-cycle pieces are monotone and opposite: lr up while momentum goes down, then the reverse",
          arguments: totals)
    func monotone(total: Int) {
        var rng = TestRNG("schedule-monotone-\(total)")
        let lr = Float.random(in: 1e-3...1, using: &rng), m = Float.random(in: 0.1..<0.99, using: &rng)
        let s = Schedule.onecycle, warm = Self.warmSteps(total)
        let rates = (0..<total).map { Double(s.learningRate(lr, step: $0, totalSteps: total)) }
        let moms = (0..<total).map { Double(s.momentum(m, step: $0, totalSteps: total)) }
        let low = Double(m) * 0.85 / 0.95
        for i in 1..<max(1, total) {
            if i <= warm {  // steps 0...warm: the warm-up, ending at the peak
                #expect(rates[i] >= rates[i - 1], "lr falls during warm-up at step \(i) of \(total)")
                #expect(moms[i] <= moms[i - 1], "momentum rises during warm-up at step \(i) of \(total)")
            } else {
                #expect(rates[i] <= rates[i - 1], "lr rises during decay at step \(i) of \(total)")
                #expect(moms[i] >= moms[i - 1], "momentum falls during decay at step \(i) of \(total)")
            }
        }
        for (step, (rate, mom)) in zip(rates, moms).enumerated() {
            #expect(mom >= low * (1 - 1e-6) && mom <= Double(m) * (1 + 1e-6), "momentum \(mom) outside [\(low), \(m)]")
            // Both follow one cosine per phase: the momentum's share of its swing equals the rate's.
            let (rateShare, momShare): (Double, Double) = step < warm
                ? ((rate - Double(lr)) / (Double(lr) / 25 - Double(lr)), (mom - low) / (Double(m) - low))
                : ((rate - Double(lr) / 1e5) / (Double(lr) - Double(lr) / 1e5), (mom - Double(m)) / (low - Double(m)))
            #expect(abs(rateShare - momShare) < 1e-5, "step \(step) of \(total): lr at \(rateShare), momentum at \(momShare) of its swing")
        }
    }

    @Test("zero momentum stays zero under one-cycle")
    func zeroMomentum() {
        for total in Self.totals {
            #expect((0..<total).allSatisfy { Schedule.onecycle.momentum(0, step: $0, totalSteps: total) == 0 })
        }
    }
}
