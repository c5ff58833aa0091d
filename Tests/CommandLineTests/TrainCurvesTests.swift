import Foundation
import Initializers
import LayerKitCommandLine
import Testing

@Suite("layerkit train --curves")
struct TrainCurvesTests {
  /// One run: a cost and an accuracy polyline with a point per epoch.
  @Test func oneRunWritesTwoCurves() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("layerkit-curves-\(UUID().uuidString).svg").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = layerkit(
      arguments: ["train"] + xorNetwork + [
        "--epochs", "5", "--lr", "0.5", "--batch", "8", "--curves", path,
      ])
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<svg"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
  }

  /// With --compare-inits: one curve per initializer in each panel, and a legend.
  @Test func compareInitsDrawsOneCurvePerInitializer() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("layerkit-curves-\(UUID().uuidString).svg").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = layerkit(
      arguments: ["train"] + xorNetwork + [
        "--epochs", "3", "--lr", "0.5", "--batch", "8", "--compare-inits", "--curves", path,
      ])
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2 * Initializer.allCases.count)
    for rule in Initializer.allCases { #expect(svg.contains(">\(rule.name)</text>")) }
  }

  /// A file in a folder that does not exist is refused before any training.
  @Test func aMissingFolderExitsTwo() {
    let run = layerkit(
      arguments: ["train"] + xorNetwork + ["--curves", "/no/such/folder/curves.svg"])
    #expect(run.status == LayerKitCommand.usageError)
    #expect(
      run.errorLines == [
        "error: --curves: no folder '/no/such/folder' to write '/no/such/folder/curves.svg' into"
      ])
    #expect(run.output.isEmpty)
  }
}
