import Foundation
import LayerKit
import Testing

@testable import LayerConformance

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The SVG plots are well-formed and show what they claim.
struct PlotTests {
  /// Counts elements by name, red failure markers and red bands while parsing.
  final class Census: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    /// The centres (in picture coordinates) of the red failure circles.
    var failureMarkers: [Double] = []
    /// The red bands, as (x, width) in picture coordinates.
    var shadedRectangles: [(x: Double, width: Double)] = []
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      counts[name, default: 0] += 1
      if name == "circle", attributes["stroke"] == SVGPlot.failureColor {
        failureMarkers.append(Double(attributes["cx"] ?? "") ?? .nan)
      }
      if name == "rect", attributes["fill"] == SVGPlot.failureColor {
        shadedRectangles.append(
          (Double(attributes["x"] ?? "") ?? .nan, Double(attributes["width"] ?? "") ?? .nan))
      }
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

  /// The picture x-coordinate of `x` in the default range -6...6 (the panels span 60...740).
  func pictureX(_ x: Double) -> Double { 60 + (x + 6) / 12 * 680 }

  @Test func aPassingPlotHasCurvesKinksAndNoFailureMarkers() throws {
    let report = ActivationChecker().check(LeakyReLU(), as: .double)
    let svg = SVGPlot.render(LeakyReLU(), reports: [report])
    let census = try census(svg)
    #expect(census.counts["svg"] == 1)
    #expect(census.counts["polyline", default: 0] >= 2)
    #expect(census.counts["line", default: 0] >= 2, "the kink at 0 is drawn in both panels")
    #expect(census.failureMarkers.isEmpty)
    #expect(census.shadedRectangles.isEmpty)
    #expect(svg.contains("passed"))
  }

  @Test(arguments: Mutant.correctBases)
  func aCorrectActivationHasNoFailureMarkersOrBands(_ mutant: Mutant) throws {
    let reports = [ActivationChecker().check(mutant, as: .double)]
    #expect(reports[0].passed)
    let census = try census(SVGPlot.render(mutant, reports: reports))
    #expect(census.failureMarkers.isEmpty)
    #expect(census.shadedRectangles.isEmpty)
  }

  /// The reports are the mutation suite's own checks (``MutationOutcomes``), whose first run is
  /// the component as registered.
  @Test(arguments: ScalarKind.allCases)
  func builtInsAndAwkwardCorrectActivationsPlotClean(_ scalar: ScalarKind) async throws {
    let outcomes = try await MutationOutcomes.shared.value
    let plotted = outcomes.correct.filter { $0.group == .builtIn || $0.group == .extra }
    #expect(plotted.count == (try BuiltIn.registry.activations.count) + CorrectExtras.all.count)
    for correct in plotted {
      let activation = correct.component
      let index = try #require(ScalarKind.allCases.firstIndex(of: scalar))
      let report = try #require(correct.reports[index].runs.first)
      let census = try census(SVGPlot.render(activation, reports: [report]))
      #expect(census.failureMarkers.isEmpty, "\(activation) [\(scalar)]")
      #expect(census.shadedRectangles.isEmpty, "\(activation) [\(scalar)]")
    }
  }

  /// The plot's own judgement agrees with the checker's: no band unless the report failed.
  /// The reports are the mutation suite's own checks (``MutationOutcomes``), whose first run is
  /// the mutant as declared.
  @Test func everyBandedMutantFailsItsCheck() async throws {
    let outcomes = try await MutationOutcomes.shared.value
    var banded = 0
    for mutant in Mutant.suite {
      let report = try #require(outcomes.report(of: mutant, in: .double)?.runs.first)
      let census = try census(SVGPlot.render(mutant, reports: [report]))
      if !census.shadedRectangles.isEmpty {
        banded += 1
        #expect(!report.passed, "\(mutant.label) is shaded but passed")
      }
      if report.passed { #expect(census.failureMarkers.isEmpty, "\(mutant.label)") }
    }
    #expect(banded >= 20)
  }

  @Test func aFailingPlotMarksTheFailingPoints() throws {
    let mutant = Mutant("tanh' × 1.3 on [1, 1.5]", "", .tanh, .factorOn(1...1.5, 1.3))
    let report = ActivationChecker().check(mutant, as: .double)
    #expect(!report.passed)
    let svg = SVGPlot.render(mutant, reports: [report])
    let census = try census(svg)
    #expect(census.failureMarkers.count >= 3)
    #expect(census.shadedRectangles.count == 1)
    #expect(svg.contains("FAILED"))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("layerkit-failing.svg")
    try Data(svg.utf8).write(to: file)
    print("failing plot written to \(file.path)")
  }

  @Test func aDerivativeWrongOnAWideRegionIsMarkedAllOver() throws {
    let mutant = Mutant("tanh' × 1.3 on [-6, 0]", "", .tanh, .factorOn(-6...0, 1.3))
    let reports = ScalarKind.allCases.map { ActivationChecker().check(mutant, as: $0) }
    #expect(reports.allSatisfy { !$0.passed })
    let svg = SVGPlot.render(mutant, reports: reports)
    let census = try census(svg)
    let failingSamples = SVGPlot.sampleGrid(-6...6).filter { $0 <= 0 }.count
    #expect(failingSamples > 200)
    #expect(census.failureMarkers.count >= failingSamples)
    #expect(census.failureMarkers.allSatisfy { $0 <= pictureX(0) + 1 })
    #expect(census.failureMarkers.min() ?? .nan <= pictureX(-6) + 1)
    #expect(census.shadedRectangles.count == 1)
    if let band = census.shadedRectangles.first {
      #expect(abs(band.x - pictureX(-6)) <= 1)
      #expect(abs(band.x + band.width - pictureX(0)) <= 1)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("layerkit-wide.svg")
    try Data(svg.utf8).write(to: file)
    print(
      "wide-region plot: \(census.failureMarkers.count) markers, "
        + "\(census.shadedRectangles.count) bands; reports: "
        + reports.map { "\($0.scalar) \($0.points) points, \($0.problems.count) problems" }
        .joined(separator: "; ") + "; written to \(file.path)")
  }

  @Test func separateFailingRegionsGetSeparateBands() throws {
    let mutant = Mutant("tanh' × 1.5 for |x| > 3", "", .tanh, .factorBeyond(3, 1.5))
    let reports = [ActivationChecker().check(mutant, as: .double)]
    let census = try census(SVGPlot.render(mutant, reports: reports))
    let failingSamples = SVGPlot.sampleGrid(-6...6).filter { abs($0) > 3 }.count
    #expect(census.failureMarkers.count >= failingSamples)
    #expect(census.failureMarkers.allSatisfy { abs($0 - pictureX(0)) >= pictureX(3) - pictureX(0) })
    #expect(census.shadedRectangles.count == 2)
  }

  @Test func aFloatOnlyReportIsJudgedWithTheFloatTolerance() throws {
    // A relative error of 1e-5: beyond Double's tolerance (1e-8), within Float's (1e-4).
    let mutant = Mutant("tanh' × (1 + 1e-5)", "", .tanh, .factor(1 + 1e-5))
    let float = ActivationChecker().check(mutant, as: .float)
    let double = ActivationChecker().check(mutant, as: .double)
    #expect(try census(SVGPlot.render(mutant, reports: [float])).shadedRectangles.isEmpty)
    #expect(
      try census(SVGPlot.render(mutant, reports: [float, double])).shadedRectangles.count == 1)
  }

  @Test(arguments: [
    -6.0...6, -1.16...1.16, -0.02...1.08, 0.0013...0.0291, -250...4000, 2e-6...9.5e-6, 3...3,
  ])
  func ticksAreRoundMultiplesOfOneTwoOrFive(_ range: ClosedRange<Double>) {
    let ticks = SVGPlot.niceTicks(in: range, about: 6)
    #expect(ticks.allSatisfy(range.contains))
    #expect(ticks == ticks.sorted())
    guard ticks.count >= 2 else {
      #expect(ticks == [range.lowerBound], "only a range of zero width has a single tick")
      return
    }
    #expect((4...8).contains(ticks.count), "\(ticks)")
    let step = ticks[1] - ticks[0]
    let power = pow(10, (log10(step)).rounded(.down))
    let mantissa = (step / power * 1e9).rounded() / 1e9
    #expect([1, 2, 5].contains(mantissa), "step \(step)")
    for tick in ticks {
      let multiple = tick / step
      #expect(abs(multiple - multiple.rounded()) < 1e-9, "\(tick) is not a multiple of \(step)")
      #expect(!format(tick).contains("000000"), "noisy label \(tick)")
    }
    if range.contains(0) { #expect(ticks.contains(0)) }
  }

  @Test func ticksOverTheDefaultRange() {
    #expect(SVGPlot.niceTicks(in: -6...6, about: 6) == [-6, -4, -2, 0, 2, 4, 6])
    #expect(SVGPlot.niceTicks(in: -1.16...1.16, about: 6) == [-1, -0.5, 0, 0.5, 1])
    #expect(SVGPlot.niceTicks(in: -.infinity...6, about: 6).isEmpty)
    #expect(format(0.5) == "0.5")
    #expect(format(-3) == "-3")
    let zero = SVGPlot.niceTicks(in: -1...1, about: 5).first { $0 == 0 }
    #expect(zero?.sign == .plus, "the 0 tick is +0, so its label is \"0\", never \"-0\"")
    #expect(format(0.3) == "0.3")
  }
}
