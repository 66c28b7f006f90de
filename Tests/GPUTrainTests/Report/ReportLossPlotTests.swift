import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GPUTrain
import Testing

/// What the XML parser saw in an SVG: the root, the polylines by id, and every text element's content.
final class SVGSummary: NSObject, XMLParserDelegate {
    var root: String?
    var rootAttributes: [String: String] = [:]
    var polylines: [String: [(Double, Double)]] = [:]
    var strokes: [String: String] = [:]
    var texts: [(anchor: String?, text: String)] = []
    private var currentText: String?
    private var currentAnchor: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { (root, rootAttributes) = (name, attributes) }
        if name == "polyline", let id = attributes["id"] {
            polylines[id] = (attributes["points"] ?? "").split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").map { Double(String($0))! }
                return (xy[0], xy[1])
            }
            strokes[id] = attributes["stroke"]
        }
        if name == "text" { (currentText, currentAnchor) = ("", attributes["text-anchor"]) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let t = currentText { texts.append((currentAnchor, t)) }
        currentText = nil
    }

    /// Parses `svg`, failing the test when it is not well-formed XML.
    static func parse(_ svg: String) throws -> SVGSummary {
        let parser = XMLParser(data: Data(svg.utf8))
        let summary = SVGSummary()
        parser.delegate = summary
        let ok = parser.parse()
        try #require(ok, "SVG is not well-formed: \(String(describing: parser.parserError))")
        return summary
    }

    /// The y-axis tick labels (right-aligned texts), as numbers.
    var yTicks: [Double] { texts.filter { $0.anchor == "end" }.compactMap { Double($0.text) } }
}

private func records(_ losses: [(Double, Double)]) -> [EpochRecord] {
    losses.enumerated().map { i, l in
        EpochRecord(epoch: i, trainLoss: l.0, validLoss: l.1, accuracy: 0.5, seconds: 1)
    }
}

/// Whether consecutive ticks are evenly spaced by 1, 2 or 5 × 10ⁿ.
private func isNiceEvenSteps(_ ticks: [Double]) -> Bool {
    guard ticks.count >= 2 else { return false }
    let step = ticks[1] - ticks[0]
    let mantissa = step / pow(10, log10(step).rounded(.down))
    let nice = [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }
    let even = zip(ticks, ticks.dropFirst()).allSatisfy { abs(($1 - $0) - step) <= step * 1e-6 }
    return nice && even
}

@Suite struct ReportLossPlotTests {
    @Test func plotsBothSeriesWithOnePointPerEpoch() throws {
        let data = records([(1.2, 1.0), (0.8, 0.9), (0.6, 0.7), (0.5, 0.72), (0.4, 0.75)])
        let svg = lossPlotSVG(data, title: "Titanic")
        let s = try SVGSummary.parse(svg)
        #expect(s.root == "svg")
        #expect(s.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(s.polylines.count == 2)
        #expect(s.polylines["train-loss"]?.count == 5)
        #expect(s.polylines["valid-loss"]?.count == 5)
        #expect(s.strokes["train-loss"] != s.strokes["valid-loss"])
        let words = Set(s.texts.map(\.text))
        #expect(words.isSuperset(of: ["Titanic", "epoch", "loss", "train", "valid", "0", "4"]))
        #expect(isNiceEvenSteps(s.yTicks), "\(s.yTicks)")

        // Lower loss is drawn higher up (smaller y), and epochs go left to right.
        let train = try #require(s.polylines["train-loss"])
        #expect(zip(train, train.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 })
        // Every point is inside the image.
        for (x, y) in train + s.polylines["valid-loss"]! {
            #expect(x >= 0 && x <= 640 && y >= 0 && y <= 400)
        }
        // The y ticks span the data.
        #expect(s.yTicks.min()! <= 0.4 && s.yTicks.max()! >= 1.2)
    }

    @Test func oneEpochIsAPointPerSeries() throws {
        let svg = lossPlotSVG(records([(0.7, 0.6)]))
        let s = try SVGSummary.parse(svg)
        #expect(s.polylines["train-loss"]?.count == 1)
        #expect(s.polylines["valid-loss"]?.count == 1)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)  // visible even though a line has no length
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
        #expect(s.texts.contains { $0.text == "0" })
    }

    @Test func constantLossesGetARangeNotADivisionByZero() throws {
        let svg = lossPlotSVG(records(Array(repeating: (0.5, 0.5), count: 4)))
        let s = try SVGSummary.parse(svg)
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
        let train = try #require(s.polylines["train-loss"])
        #expect(train.count == 4)
        #expect(Set(train.map(\.1)).count == 1)  // a flat line
        #expect(isNiceEvenSteps(s.yTicks), "\(s.yTicks)")
        #expect(s.yTicks.min()! < 0.5 && s.yTicks.max()! > 0.5)

        let zeros = lossPlotSVG(records([(0, 0), (0, 0)]))
        #expect(!zeros.lowercased().contains("nan"))
        #expect(try SVGSummary.parse(zeros).polylines["valid-loss"]?.count == 2)
    }

    @Test func largeRangesKeepNiceTicks() throws {
        let svg = lossPlotSVG(records([(3.2e7, 1e-3), (10, 2e6), (0.5, 0.25)]))
        let s = try SVGSummary.parse(svg)
        #expect(s.polylines["train-loss"]?.count == 3)
        #expect(isNiceEvenSteps(s.yTicks), "\(s.yTicks)")
        #expect(s.yTicks.max()! >= 3.2e7)
        #expect(s.texts.contains { $0.text.contains("e+07") })
    }

    @Test func divergedLossesAreLeftOut() throws {
        let s = try SVGSummary.parse(lossPlotSVG(records([(1, 1), (.infinity, .nan), (0.5, 0.6)])))
        #expect(s.polylines["train-loss"]?.count == 2)
        #expect(s.polylines["valid-loss"]?.count == 2)
    }

    @Test func titleIsEscapedAndEmptyRunIsValid() throws {
        let s = try SVGSummary.parse(lossPlotSVG([], title: "a < b & \"c\""))
        #expect(s.texts.contains { $0.text == "a < b & \"c\"" })
        #expect(s.polylines.isEmpty)
    }
}
