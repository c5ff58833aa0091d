import Foundation
import LayerConformance
import LayerKit
import LayerKitCommandLine
import Testing

/// `layerkit check` says which statistical checks ran for each stochastic layer.
struct StatisticsLineTests {
  @Test func theTableHasOneStatisticsLinePerStochasticLayerAndScalar() {
    let run = layerkit("check", "--component", "Dropout", "--component", "Dense")
    #expect(run.status == LayerKitCommand.success)
    let lines = run.output.split(separator: "\n").filter { $0.contains(" statistics: ") }
    #expect(lines.count == ScalarKind.allCases.count, "\(run.output)")
    for (line, scalar) in zip(lines, ScalarKind.allCases.map(\.rawValue)) {
      #expect(
        line.hasPrefix(
          "Dropout [\(scalar)] statistics: seed ok, distinct seeds ok, expectation ok ("),
        "\(line)")
      #expect(line.hasSuffix("kept fraction ok, inference identity ok"), "\(line)")
    }
    #expect(!run.output.contains("Dense [Float] statistics"))
  }

  @Test func jsonLayerRowsCarryTheirStatistics() throws {
    let run = layerkit("check", "--component", "Dropout", "--scalar", "Double", "--format", "json")
    #expect(run.status == LayerKitCommand.success)
    let rows = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]]
    let statistics = try #require(rows?.first?["statistics"] as? [[String: Any]])
    #expect(
      statistics.compactMap { $0["kind"] as? String } == [
        "seed", "distinctSeeds", "expectation", "keptFraction", "inferenceIdentity",
      ])
    #expect(statistics.allSatisfy { $0["passed"] as? Bool == true })
    let expectation = try #require(statistics.first { $0["kind"] as? String == "expectation" })
    #expect((expectation["samples"] as? Int ?? 0) >= 32)
    #expect(expectation["estimate"] is Double)
  }
}
