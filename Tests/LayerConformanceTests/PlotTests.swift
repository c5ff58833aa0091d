import Foundation
import LayerConformance
import LayerKit
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The SVG plots are well-formed and show what they claim.
struct PlotTests {
  /// Counts elements by name and red failure markers while parsing.
  final class Census: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var failureMarkers = 0
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      counts[name, default: 0] += 1
      if name == "circle", attributes["stroke"] == "#cf222e" { failureMarkers += 1 }
    }
  }

  func census(_ svg: String) throws -> Census {
    let parser = XMLParser(data: Data(svg.utf8))
    let census = Census()
    parser.delegate = census
    #expect(
      parser.parse(), "the SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
    return census
  }

  @Test func aPassingPlotHasCurvesKinksAndNoFailureMarkers() throws {
    let report = ActivationChecker().check(LeakyReLU(), as: .double)
    let svg = SVGPlot.render(LeakyReLU(), reports: [report])
    let census = try census(svg)
    #expect(census.counts["svg"] == 1)
    #expect(census.counts["polyline", default: 0] >= 2)
    #expect(census.counts["line", default: 0] >= 2, "the kink at 0 is drawn in both panels")
    #expect(census.failureMarkers == 0)
    #expect(svg.contains("passed"))
  }

  @Test func aFailingPlotMarksTheFailingPoints() throws {
    let mutant = Mutant("tanh' × 1.3 on [1, 1.5]", "", .tanh, .factorOn(1...1.5, 1.3))
    let report = ActivationChecker().check(mutant, as: .double)
    #expect(!report.passed)
    let svg = SVGPlot.render(mutant, reports: [report])
    let census = try census(svg)
    #expect(census.failureMarkers >= 3)
    #expect(svg.contains("FAILED"))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("layerkit-failing.svg")
    try Data(svg.utf8).write(to: file)
    print("failing plot written to \(file.path)")
  }
}
