// layerkit-activations-benchmark: throughput of every registered activation through the
// batched API (f, f', and f with f' together) over 1,000,000 uniform points in [-10, 10], in
// Float and Double, best of several runs, beside numpy evaluating the same formulas the
// common way (Benchmarks/numpy_activations.py) in the same run.
//
//   swift run -c release layerkit-activations-benchmark
//   swift run -c release --build-path .build/native -Xswiftc -target-cpu -Xswiftc native \
//     layerkit-activations-benchmark -- --label native
//
// Options: --only A,B (these activations only); --no-numpy; --count N (default 1000000); --runs R (default 7); --label NAME (names
// this build in the output, default "default"); --save FILE writes this run's figures as JSON;
// --against FILE adds the f, f' and f+f' columns of a run saved with --save (e.g. the default
// build beside the native one).
import BenchmarkSupport
import Foundation
import LayerConformance
import LayerKit

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
let count = option("--count").flatMap(Int.init) ?? 1_000_000
let runs = option("--runs").flatMap(Int.init) ?? 7
let label = option("--label") ?? "default"
let operations = ["f", "df", "both"]
let dtypes = ["float32", "float64"]

/// Seconds per pass, best of `runs`, keyed by operation.
typealias Timings = [String: Double]

/// The best time of each batched operation of `activation` over `x`.
func measure<T: LayerScalar & BinaryFloatingPoint>(_ activation: any Activation, _ x: [T])
  -> Timings
{
  var values = [T](repeating: 0, count: x.count)
  var slopes = [T](repeating: 0, count: x.count)
  var best: Timings = [:]
  x.withUnsafeBufferPointer { input in
    values.withUnsafeMutableBufferPointer { f in
      slopes.withUnsafeMutableBufferPointer { d in
        for _ in 0..<runs {
          let tf = seconds { activation.values(input, into: f) }
          let td = seconds { activation.derivatives(input, into: d) }
          let tb = seconds { activation.valuesAndDerivatives(input, values: f, derivatives: d) }
          best["f", default: .infinity] = min(best["f", default: .infinity], tf)
          best["df", default: .infinity] = min(best["df", default: .infinity], td)
          best["both", default: .infinity] = min(best["both", default: .infinity], tb)
        }
      }
    }
  }
  return best
}

let only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }
let activations = try BuiltIn.registry.activations.filter { only?.contains($0.name) ?? true }
var random = RandomSource(seed: 2026)
let doubles = (0..<count).map { _ in 20 * random.nextUnit() - 10 }
let floats = doubles.map { Float($0) }

// LayerKit: name -> dtype -> operation -> seconds.
var swift: [String: [String: Timings]] = [:]
for activation in activations {
  swift[activation.name] = [
    "float32": measure(activation, floats), "float64": measure(activation, doubles),
  ]
}

// numpy, same run, same count and runs.
var numpy: [String: [String: Timings]] = [:]
var numpyVersion: String?
if !arguments.contains("--no-numpy") {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let script = root.appendingPathComponent("Benchmarks/numpy_activations.py")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script.path, "\(count)", "\(runs)"] + activations.map(\.name)
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do {
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus == 0,
      let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
      let results = json["results"] as? [String: [String: Timings]]
    {
      numpy = results
      numpyVersion = json["numpy"] as? String
    }
  } catch {}
  if numpyVersion == nil {
    print("numpy baseline skipped: python3 with numpy not found (\(script.path) failed)\n")
  }
}

// A run saved with --save, shown beside this one.
var other: (label: String, figures: [String: [String: Timings]])?
if let path = option("--against"),
  let data = FileManager.default.contents(atPath: path),
  let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
  let figures = json["swift"] as? [String: [String: Timings]]
{
  other = (json["label"] as? String ?? path, figures)
}

let load = loadAverage()

if let path = option("--save") {
  let json: [String: Any] = [
    "label": label, "count": count, "swift": swift, "numpy": numpy, "load": load,
  ]
  try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(
    to: URL(fileURLWithPath: path))
}

func rate(_ time: Double?) -> String {
  guard let time else { return "-" }
  return String(format: "%.0f", Double(count) / time / 1e6)
}
func ratio(_ mine: Double?, _ theirs: Double?) -> String {
  guard let mine, let theirs else { return "-" }
  return String(format: "%.2f", theirs / mine)
}

let names = ["f", "f'", "f+f'"]
var header = ["activation", "type"]
for name in names { header += ["\(name) \(label)", "numpy", "ratio"] }
if let other { header += names.map { "\($0) \(other.label)" } }
var table = TextTable(header: header)
for activation in activations {
  for dtype in dtypes {
    var row = [activation.name, dtype == "float32" ? "Float" : "Double"]
    for op in operations {
      let mine = swift[activation.name]?[dtype]?[op]
      let theirs = numpy[activation.name]?[dtype]?[op]
      row += [rate(mine), rate(theirs), ratio(mine, theirs)]
    }
    if let other { row += operations.map { rate(other.figures[activation.name]?[dtype]?[$0]) } }
    table.rows.append(row)
  }
}
print(table.rendered)
print("")
print(
  "M elements/s over \(count) elements, best of \(runs); ratio = LayerKit / numpy (> 1: LayerKit faster)"
)
print(
  "build: \(label); numpy \(numpyVersion ?? "not run"); load average \(load); \(Date())"
)
