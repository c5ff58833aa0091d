import Foundation
import LayerConformance
import LayerKit

/// Prints the error of every built-in activation's own f and f', in ULPs, against the per-type
/// tables in `<references>/ULP` (k/16 on [-10, 10], tails and tiny arguments, each at the
/// exact binary value of the input in that type), and returns the names that miss the targets
/// (Double: median <= 1, max <= 4; Float: max <= 4; for f and f').
func printUlpTable(references: URL) -> [String] {
  print("\nError of f and f' in ULPs (median / max), against mpmath at the exact input")
  var rows: [[String]] = []
  var missed: [String] = []
  var untabulated: [String] = []
  for activation in BuiltIn.activations {
    let name = activation.name
    func table(_ scalar: String) -> ReferenceTable? {
      try? ReferenceTable(
        contentsOf: references.appendingPathComponent("ULP/\(name).\(scalar).csv"))
    }
    guard let doubles = table("Double"), let floats = table("Float") else {
      untabulated.append(name)
      continue
    }
    let double = UlpStudy.measure(activation, in: Double.self, table: doubles)
    let float = UlpStudy.measure(activation, in: Float.self, table: floats)
    let studies = [double.value, double.derivative, float.value, float.derivative]
    rows.append([name] + studies.map { String(format: "%.2f / %.2f", $0.median, $0.maximum) })
    let doubleOK = [double.value, double.derivative].allSatisfy {
      $0.median <= 1 && $0.maximum <= 4
    }
    let floatOK = [float.value, float.derivative].allSatisfy { $0.maximum <= 4 }
    if !(doubleOK && floatOK) { missed.append(name) }
  }
  let header = ["activation", "f Double", "f' Double", "f Float", "f' Float"]
  print(TextTable(header: header, rows: rows).rendered)
  if !untabulated.isEmpty {
    print(
      "no ULP tables (add the formula to a Scripts/reference_formulas_*.py): "
        + untabulated.joined(separator: ", "))
  }
  return missed
}
