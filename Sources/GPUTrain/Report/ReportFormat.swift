import Foundation

/// The number formats every report shares, so the table, the progress bar and the summary agree.
public enum ReportFormat {
    /// fastai's `format_time`: whole seconds as `mm:ss`, or `h:mm:ss` from an hour on, e.g. `01:05`, `1:02:03`.
    ///
    /// Negative or non-finite durations print as `--:--` rather than trapping on the conversion to `Int`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < Double(Int.max) else { return "--:--" }
        let t = Int(seconds)
        let (h, m, s) = (t / 3600, (t / 60) % 60, t % 60)
        return h > 0 ? "\(h):\(pad2(m)):\(pad2(s))" : "\(pad2(m)):\(pad2(s))"
    }

    /// A rate with three significant figures and a k/M/G suffix, e.g. `812`, `45.2k`, `1.23M`.
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite else { return "∞" }
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where abs(perSecond) >= scale * 0.9995 {
            return significant(perSecond / scale) + suffix
        }
        return significant(perSecond)
    }

    /// `value` with six decimals, the precision fastai prints losses and metrics with.
    public static func fixed6(_ value: Double) -> String {
        String(format: "%.6f", value)
    }

    /// Three significant figures without exponent for 0.001 ≤ |x| < 1000 (`812`, `45.2`, `1.23`).
    static func significant(_ x: Double) -> String {
        let a = abs(x)
        let decimals = a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2
        return String(format: "%.\(decimals)f", x)
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
