import Foundation

/// fastai's `plot_loss` as a standalone SVG: training and validation loss against epoch.
///
/// Two polylines (train in blue, valid in orange, matplotlib's first two colours as in fastai's plot), each point
/// also marked with a dot so that a one-epoch run still shows something; axes with round-numbered ticks
/// (steps of 1, 2 or 5 × 10ⁿ), grid lines, axis titles, a legend and a title. SVG because it needs no image library,
/// opens in every browser, and stays sharp when zoomed.
///
/// - A single epoch plots one point per series in the middle of the x axis.
/// - Constant losses get a y range of ±10% around the value (±1 around 0) instead of dividing by a zero range.
/// - Large ranges keep a linear axis; tick labels switch to exponent form from 10⁶ on.
/// - Non-finite losses (a diverged run) are left out of the lines and the axis range.
///
/// - Parameters:
///   - records: the epochs to plot, in order; each series has one point per record with a finite loss.
///   - title: text above the plot; escaped, so any string is safe.
///   - width: width of the image in pixels (at least 200).
///   - height: height of the image in pixels (at least 150).
public func lossPlotSVG(_ records: [EpochRecord], title: String = "Loss", width: Int = 640, height: Int = 400) -> String {
    let w = Double(max(width, 200)), h = Double(max(height, 150))
    let left = 72.0, right = 24.0, top = 56.0, bottom = 52.0
    let plotW = w - left - right, plotH = h - top - bottom

    let epochs = records.map { Double($0.epoch) }
    let losses = records.flatMap { [$0.trainLoss, $0.validLoss] }.filter(\.isFinite)
    let xAxis = PlotAxis.epochs(epochs)
    let yAxis = PlotAxis.values(losses)
    func px(_ e: Double) -> Double { left + (e - xAxis.lo) / (xAxis.hi - xAxis.lo) * plotW }
    func py(_ v: Double) -> Double { top + plotH - (v - yAxis.lo) / (yAxis.hi - yAxis.lo) * plotH }

    var svg = svgHeader(width: w, height: h, title: title)
    svg += svgFrame(SVGFrame(left: left, top: top, width: plotW, height: plotH, imageHeight: h),
                    xTicks: xAxis.ticks.map { (px($0), xAxis.label($0)) }, yTicks: yAxis.ticks.map { (py($0), yAxis.label($0)) },
                    xTitle: "epoch", yTitle: "loss")
    let midY = top + plotH / 2

    // Series.
    let series: [(id: String, name: String, colour: String, value: (EpochRecord) -> Double)] = [
        ("train-loss", "train", "#1f77b4", { $0.trainLoss }),
        ("valid-loss", "valid", "#ff7f0e", { $0.validLoss }),
    ]
    if records.isEmpty {
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(midY))\" text-anchor=\"middle\" fill=\"#888888\">no epochs</text>\n"
    } else {
        for s in series {
            let points = records.compactMap { r -> (Double, Double)? in
                let v = s.value(r)
                return v.isFinite ? (px(Double(r.epoch)), py(v)) : nil
            }
            let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            svg += "<polyline id=\"\(s.id)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\" "
                + "stroke-linejoin=\"round\" points=\"\(list)\"/>\n"
            svg += "<g fill=\"\(s.colour)\">\n"
            for p in points { svg += "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"3\"/>\n" }
            svg += "</g>\n"
        }
    }

    // Legend, in the top margin at the right, where it never hides a line.
    svg += "<g class=\"legend\">\n"
    for (i, s) in series.enumerated() {
        let x = left + plotW - Double(series.count - i) * 70
        svg += "<line x1=\"\(f(x))\" y1=\"42\" x2=\"\(f(x + 20))\" y2=\"42\" stroke=\"\(s.colour)\" stroke-width=\"2\"/>\n"
        svg += "<text x=\"\(f(x + 26))\" y=\"46\">\(s.name)</text>\n"
    }
    svg += "</g>\n</svg>\n"
    return svg
}

/// One axis: its range and round tick values inside it.
struct PlotAxis {
    var lo: Double
    var hi: Double
    var ticks: [Double]
    var step: Double

    /// Whole-epoch ticks over the epochs' range; one epoch sits in the middle of a range one wide.
    static func epochs(_ epochs: [Double]) -> PlotAxis {
        guard let a = epochs.min(), let b = epochs.max() else { return PlotAxis(lo: 0, hi: 1, ticks: [0, 1], step: 1) }
        if a == b { return PlotAxis(lo: a - 0.5, hi: a + 0.5, ticks: [a], step: 1) }
        let step = max(1, niceStep(b - a, target: 8))
        let first = (a / step).rounded(.up) * step
        let n = min(100, Int(((b - first) / step).rounded(.down)))  // by count: `t += step` can stall on huge epochs
        let ticks = (0 ... max(0, n)).map { first + Double($0) * step }
        return PlotAxis(lo: a, hi: b, ticks: ticks, step: step)
    }

    /// A range widened to whole tick steps around `values`, about five ticks.
    static func values(_ values: [Double]) -> PlotAxis {
        guard var a = values.min(), var b = values.max() else { return PlotAxis(lo: 0, hi: 1, ticks: [0, 0.5, 1], step: 0.5) }
        // Constant (or constant to within rounding): open a range around the value rather than divide by zero.
        if b - a <= max(abs(a), abs(b)) * 1e-9 {
            let pad = a == 0 ? 1 : abs(a) * 0.1
            (a, b) = (a - pad, b + pad)
        }
        // A span too large for a Double (±1e308 values) is halved on both ends; ticks stay finite.
        if !(b - a).isFinite { (a, b) = (a / 2, b / 2) }
        let step = niceStep(b - a, target: 5)
        let lo = (a / step).rounded(.down) * step, hi = (b / step).rounded(.up) * step
        let n = Int(((hi - lo) / step).rounded())
        let ticks = (0 ... n).map { i -> Double in
            let t = lo + Double(i) * step
            return abs(t) < step * 1e-9 ? 0 : t  // no "-0.0" label
        }
        return PlotAxis(lo: lo, hi: hi, ticks: ticks, step: step)
    }

    /// 1, 2 or 5 × 10ⁿ, the first at least `span / target`.
    static func niceStep(_ span: Double, target: Int) -> Double {
        let raw = span / Double(target)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// A tick value with as many decimals as the step needs (step 0.05 → 2), or exponent form for large or
    /// tiny values. Steps are 1, 2 or 5 × 10ⁿ, so −log10(step) rounded up is always enough decimals.
    func label(_ t: Double) -> String {
        let largest = max(abs(lo), abs(hi))
        if largest >= 1e6 || step < 1e-6 { return String(format: "%.3g", t) }
        let decimals = step >= 1 ? 0 : Int((-log10(step) - 1e-9).rounded(.up))
        return String(format: "%.\(decimals)f", t)
    }
}

private func f(_ x: Double) -> String { String(format: "%.2f", x) }

/// Where a plot's data area lies in its image.
struct SVGFrame {
    var left, top, width, height: Double
    /// The whole image's height, for the x axis title at its foot.
    var imageHeight: Double
}

/// Everything around a plot's data: grid lines and tick marks at each tick's position, the axes, the tick labels
/// and the two axis titles.
func svgFrame(_ frame: SVGFrame, xTicks: [(x: Double, label: String)], yTicks: [(y: Double, label: String)],
              xTitle: String, yTitle: String) -> String {
    let (left, top, right, bottom) = (frame.left, frame.top, frame.left + frame.width, frame.top + frame.height)
    var svg = "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
    for t in xTicks { svg += line(t.x, top, t.x, bottom) }
    for t in yTicks { svg += line(left, t.y, right, t.y) }
    svg += "</g>\n<g stroke=\"black\" stroke-width=\"1\">\n"
    svg += line(left, bottom, right, bottom)
    svg += line(left, top, left, bottom)
    for t in xTicks { svg += line(t.x, bottom, t.x, bottom + 5) }
    for t in yTicks { svg += line(left - 5, t.y, left, t.y) }
    svg += "</g>\n<g fill=\"black\">\n"
    for t in xTicks { svg += "<text x=\"\(f(t.x))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">\(t.label)</text>\n" }
    for t in yTicks { svg += "<text x=\"\(f(left - 8))\" y=\"\(f(t.y + 4))\" text-anchor=\"end\">\(t.label)</text>\n" }
    svg += "</g>\n"
    let midY = top + frame.height / 2
    svg += "<text x=\"\(f(left + frame.width / 2))\" y=\"\(f(frame.imageHeight - 12))\" text-anchor=\"middle\">\(xTitle)</text>\n"
    svg += "<text x=\"14\" y=\"\(f(midY))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(midY)))\">\(yTitle)</text>\n"
    return svg
}

/// The start of every plot's SVG: its size, a white background and `title` (escaped) centred at the top.
func svgHeader(width w: Double, height h: Double, title: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" \
    font-family="sans-serif" font-size="12">
    <title>\(xmlEscape(title))</title>
    <rect width="100%" height="100%" fill="white"/>
    <text x="\(f(w / 2))" y="24" text-anchor="middle" font-size="16">\(xmlEscape(title))</text>

    """
}

private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
    "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\"/>\n"
}

/// Escapes text for an XML element or attribute.
func xmlEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        // XML 1.0 forbids most control characters even escaped; a title never needs them.
        case _ where c.unicodeScalars.allSatisfy({ $0.value < 0x20 }) && c != "\t" && c != "\n":
            continue
        default: out.append(c)
        }
    }
    return out
}
