import Foundation
import LayerConformance
import LayerKit

/// Writes `<folder>/<Name>.svg` for every activation of `registry`, marking the failing points
/// of every scalar type checked; returns the paths written.
func writePlots(of registry: Registry, report: RegistryReport, to folder: String) throws
  -> [String]
{
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var written: [String] = []
  for activation in registry.activations {
    let runs = report.activations.filter { $0.component == activation.name }.map { $0.runs[0] }
    let path = URL(fileURLWithPath: folder).appendingPathComponent("\(activation.name).svg").path
    let svg = SVGPlot.render(activation, reports: runs)
    try Data(svg.utf8).write(to: URL(fileURLWithPath: path))
    written.append(path)
  }
  return written
}
