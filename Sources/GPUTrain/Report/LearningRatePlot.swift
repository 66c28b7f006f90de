import Foundation

/// fastai's `plot_lr_find` as a standalone SVG: the smoothed loss against the learning rate on a log x axis, with
/// the ``LearningRateSweep/valley`` and ``LearningRateSweep/steep`` suggestions marked as dots with a legend.
///
/// As fastai's plot, the last ``LearningRateSweep/skipEnd`` steps (where the loss shoots up) are left out when there
/// are more than that; non-finite losses are left out of the line and the axis range. The x axis has a tick at each
/// power of ten; the y axis round-numbered ticks, as ``lossPlotSVG(_:title:width:height:)``.
///
/// - Parameters:
///   - sweep: the finder's record.
///   - title: text above the plot; escaped, so any string is safe.
///   - width: width of the image in pixels (at least 200).
///   - height: height of the image in pixels (at least 150).
public func learningRatePlotSVG(_ sweep: LearningRateSweep, title: String = "Learning rate finder",
                                width: Int = 640, height: Int = 400) -> String {
    let w = Double(max(width, 200)), h = Double(max(height, 150))
    let left = 72.0, right = 24.0, top = 56.0, bottom = 52.0
    let plotW = w - left - right, plotH = h - top - bottom

    let shown = sweep.learningRates.count > LearningRateSweep.skipEnd
        ? sweep.learningRates.count - LearningRateSweep.skipEnd : sweep.learningRates.count
    let suggestions: [(id: String, name: String, colour: String, point: LearningRateSweep.Suggestion?)] = [
        ("valley", "valley", "#ff7f0e", sweep.valley), ("steep", "steep", "#2ca02c", sweep.steep),
    ]
    let points = (0 ..< shown).compactMap { i -> (Double, Double)? in
        let loss = sweep.smoothedLosses[i], lr = Double(sweep.learningRates[i])
        return loss.isFinite && lr > 0 ? (log10(lr), loss) : nil
    }
    let marks = suggestions.compactMap(\.point).map { (log10(Double($0.learningRate)), $0.loss) }
    let decadesLo = ((points + marks).map(\.0).min() ?? -7).rounded(.down)
    var decadesHi = ((points + marks).map(\.0).max() ?? 1).rounded(.up)
    if decadesHi <= decadesLo { decadesHi = decadesLo + 1 }
    let yAxis = PlotAxis.values((points + marks).map(\.1))
    func px(_ e: Double) -> Double { left + (e - decadesLo) / (decadesHi - decadesLo) * plotW }
    func py(_ v: Double) -> Double { top + plotH - (v - yAxis.lo) / (yAxis.hi - yAxis.lo) * plotH }
    func f(_ x: Double) -> String { String(format: "%.2f", x) }
    let xTicks = stride(from: decadesLo, through: decadesHi, by: 1).map { $0 }

    var svg = svgHeader(width: w, height: h, title: title)
    svg += svgFrame(SVGFrame(left: left, top: top, width: plotW, height: plotH, imageHeight: h),
                    xTicks: xTicks.map { (px($0), "1e\(Int($0))") }, yTicks: yAxis.ticks.map { (py($0), yAxis.label($0)) },
                    xTitle: "learning rate (log scale)", yTitle: "loss (smoothed)")
    let midY = top + plotH / 2

    if points.isEmpty {
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(midY))\" text-anchor=\"middle\" fill=\"#888888\">no steps</text>\n"
    } else {
        let list = points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
        svg += "<polyline id=\"loss\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" stroke-linejoin=\"round\" "
            + "points=\"\(list)\"/>\n"
    }
    for s in suggestions {
        guard let p = s.point else { continue }
        svg += "<circle id=\"\(s.id)\" cx=\"\(f(px(log10(Double(p.learningRate)))))\" cy=\"\(f(py(p.loss)))\" r=\"5\" "
            + "fill=\"\(s.colour)\"/>\n"
    }
    // Legend, in the top margin at the right.
    svg += "<g class=\"legend\">\n"
    for (i, s) in suggestions.enumerated() {
        let x = left + plotW - Double(suggestions.count - i) * 150
        let label = s.point.map { "\(s.name) \(String(format: "%.2e", Double($0.learningRate)))" } ?? "\(s.name): none"
        svg += "<circle cx=\"\(f(x + 6))\" cy=\"42\" r=\"5\" fill=\"\(s.colour)\"/>\n"
        svg += "<text x=\"\(f(x + 16))\" y=\"46\">\(label)</text>\n"
    }
    svg += "</g>\n</svg>\n"
    return svg
}
