// The accuracy benchmark: how close each numeric derivative of the kit comes to the true
// derivative of the built-in activations, from the mpmath tables in Benchmarks/References.
//
//     swift run -c release layerkit-accuracy [--references DIR]
//
// Prints one table per activation: method, type, points, median and maximum relative error;
// then the error of each activation's own f and f' in ULPs, in Double and Float. Exits 1 if
// the best method in Double misses the targets (median <= 1e-12, max <= 1e-9), or an
// activation's f or f' misses the ULP targets (Double median <= 1, max <= 4; Float max <= 4).

import Foundation
import LayerConformance
import LayerKit

var referenceFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Benchmarks/References")
let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--references"), index + 1 < arguments.count {
  referenceFolder = URL(fileURLWithPath: arguments[index + 1])
}

func scientific(_ value: Double) -> String { String(format: "%.2e", value) }

var missed: [String] = []
print(
  "Accuracy of numeric derivatives against mpmath (40 digits), smooth points x = k/16 in [-10, 10]")
for activation in BuiltIn.activations {
  let file = referenceFolder.appendingPathComponent("\(activation.name).csv")
  guard FileManager.default.fileExists(atPath: file.path) else {
    print("\n\(activation.name): no reference table (add it to Scripts/make-reference-tables.py)")
    continue
  }
  let table: ReferenceTable
  do {
    table = try ReferenceTable(contentsOf: file)
  } catch {
    FileHandle.standardError.write(Data("error: \(activation.name): \(error)\n".utf8))
    exit(2)
  }
  var studies = AccuracyStudy.measureAll(activation, in: Double.self, table: table)
  #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
    studies += AccuracyStudy.measureAll(activation, in: Float80.self, table: table)
  #endif
  print("\n\(activation.name)")
  let rows = studies.map { study in
    [
      study.method, study.scalar, "\(study.points)", scientific(study.median),
      scientific(study.maximum),
    ]
  }
  let results = TextTable(header: ["method", "type", "points", "median", "max"], rows: rows)
  print(results.rendered.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
  let numericInDouble = studies.filter {
    $0.scalar == "Double" && DerivativeMethod(rawValue: $0.method) != nil
  }
  if let best = numericInDouble.min(by: { ($0.maximum, $0.median) < ($1.maximum, $1.median) }) {
    let ok = best.median <= 1e-12 && best.maximum <= 1e-9
    print(
      "  best method in Double: \(best.method): median \(scientific(best.median)), max "
        + "\(scientific(best.maximum)) -> \(ok ? "meets" : "MISSES") the targets (1e-12, 1e-9)")
    if !ok { missed.append(activation.name) }
  }
}
let ulpMissed = printUlpTable(references: referenceFolder)
if !ulpMissed.isEmpty {
  print("\nULP targets missed for: \(ulpMissed.joined(separator: ", "))")
  exit(1)
}
if !missed.isEmpty {
  print("\ntargets missed for: \(missed.joined(separator: ", "))")
  exit(1)
}
