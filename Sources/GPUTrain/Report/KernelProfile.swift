import Foundation

/// What `--profile` prints: per kernel, its launches over the whole run, their total and mean device time, its
/// share of all device time and, for the GEMMs, the arithmetic rate achieved.
///
/// The times are a ``LaunchRecorder``'s: OpenCL profiling events on an OpenCL device, the host's clock around
/// each op on the CPU backend.
public struct KernelProfile: Sendable {
    /// One kernel's line.
    public struct Row: Sendable, Equatable {
        /// The kernel's name.
        public var kernel: String
        /// Its totals.
        public var totals: KernelTotals
        /// Mean device time per launch, in microseconds.
        public var meanMicroseconds: Double { totals.launches == 0 ? 0 : Double(totals.nanoseconds) / Double(totals.launches) / 1000 }
        /// Floating-point operations per second in billions, or nil for a kernel that does no GEMM.
        public var gigaflopsPerSecond: Double? {
            totals.flops > 0 && totals.nanoseconds > 0 ? totals.flops / Double(totals.nanoseconds) : nil
        }
    }

    /// The kernels, most device time first.
    public var rows: [Row]
    /// The wall time the profile covers (the run), in nanoseconds.
    public var wallNanoseconds: UInt64

    /// A profile of `totals` (a ``LaunchRecorder``'s) over a run that took `wallNanoseconds`.
    /// - Parameters:
    ///   - totals: per kernel name, its launches and times.
    ///   - wallNanoseconds: the run's wall time, for the device's busy fraction.
    public init(totals: [String: KernelTotals], wallNanoseconds: UInt64) {
        rows = totals.map { Row(kernel: $0.key, totals: $0.value) }
            .sorted { ($0.totals.nanoseconds, $1.kernel) > ($1.totals.nanoseconds, $0.kernel) }
        self.wallNanoseconds = wallNanoseconds
    }

    /// All launches' device time, in nanoseconds.
    public var deviceNanoseconds: UInt64 { rows.map(\.totals.nanoseconds).reduce(0, +) }

    /// The profile as a table, a line per kernel and one for them all, then the device's busy time against the run's.
    /// - Returns: lines separated by newlines, without a final newline.
    public func table() -> String {
        let all = deviceNanoseconds
        func line(_ name: String, _ t: KernelTotals, _ rate: Double?) -> [String] {
            let mean = t.launches == 0 ? 0 : Double(t.nanoseconds) / Double(t.launches) / 1000
            return [name, "\(t.launches)", String(format: "%.3f", Double(t.nanoseconds) / 1e6), String(format: "%.2f", mean),
                    String(format: "%.1f%%", all == 0 ? 0 : 100 * Double(t.nanoseconds) / Double(all)),
                    rate.map { String(format: "%.2f", $0) } ?? ""]
        }
        var sum = KernelTotals()
        for row in rows {
            sum.launches += row.totals.launches
            sum.nanoseconds += row.totals.nanoseconds
            sum.flops += row.totals.flops
        }
        let table = [["kernel", "launches", "total ms", "mean µs", "share", "GFLOP/s"]]
            + rows.map { line($0.kernel, $0.totals, $0.gigaflopsPerSecond) } + [line("all", sum, nil)]
        let widths = (0..<6).map { c in table.map { $0[c].count }.max()! }
        let text = table.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let busy = wallNanoseconds == 0 ? 0 : 100 * Double(all) / Double(wallNanoseconds)
        return (text + [String(format: "device busy %.3f ms of the run's %.3f ms (%.0f%%)", Double(all) / 1e6,
                               Double(wallNanoseconds) / 1e6, busy)]).joined(separator: "\n")
    }
}
