// layerkit-train-benchmark: seconds per epoch of `SGDTrainer` on the seeds' Fashion-MNIST network
// (784-50-25-10, relu / relu / sigmoid folded into binary cross-entropy, He weights, batch 64,
// learning rate 0.005) in Float and Double, beside the seeds' numpy loop
// (Benchmarks/numpy_train.py, run here); the GFLOP/s of `matrixMultiply` alone on each product
// of a step, and the share of the epoch spent outside those products.
//
//   swift run -c release layerkit-train-benchmark
//   swift run -c release --build-path .build/native -Xswiftc -target-cpu -Xswiftc native \
//     layerkit-train-benchmark -- --label native
//
// Options: --epochs N (default 5 per round; the best epoch counts, here and in numpy);
// --rounds R (default 3: numpy and LayerKit take turns, R times each, so that both meet the
// machine's quiet and busy minutes alike); --pairs P (default 20: then P epochs of numpy and
// P of LayerKit alternate one by one, and each pair's ratio counts; 0 skips them); --scalar
// Float or Double (that type only); --no-numpy; --data DIR (default
// /usr/share/datasets/fashion-mnist; a missing folder falls back to random data of the same
// shape, with a note); --label NAME (names this build, default "default"); --save FILE writes
// this run's figures as JSON; --against FILE adds the epoch times of a run saved with --save.
import BenchmarkSupport
import Foundation
import LayerConformance
import LayerCore
import LayerData

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
let epochs = max(1, option("--epochs").flatMap(Int.init) ?? 5)
let rounds = max(1, option("--rounds").flatMap(Int.init) ?? 3)
let pairs = max(0, option("--pairs").flatMap(Int.init) ?? 20)
let label = option("--label") ?? "default"
let directory = option("--data") ?? MNIST.fashionDirectory
let types = option("--scalar").map { [$0] } ?? ["Float", "Double"]
let numpyKey = ["Float": "float32", "Double": "float64"]

/// One type's figures: best seconds per epoch, the matrix products' seconds per epoch when run
/// alone, and the GFLOP/s of each product.
struct Figures: Codable {
  var epoch: Double
  var epochs: [Double]
  var matmul: Double
  var gflops: [Double]
}

/// One round of `T`: `epochs` epochs of training; with `products`, also the matrix products
/// of a step timed alone.
func measure<T: NetworkCheckScalar & BinaryFloatingPoint>(
  _: T.Type, products: Bool
) throws -> Figures {
  let (data, note) = try trainingData(T.self, from: directory)
  if !note.isEmpty { print("note: \(note)") }
  let (seconds, cost) = try epochSeconds(data, epochs: epochs)
  print("\(T.self): register tile \(matrixMultiplyTile(for: T.self) ?? "none")")
  print("\(T.self): epochs \(seconds.map { String(format: "%.3f", $0) }) s, last cost \(cost)")
  guard products else {
    return Figures(epoch: seconds.min() ?? .nan, epochs: seconds, matmul: .nan, gflops: [])
  }
  let times = MatrixProduct.trainingStep.map { $0.seconds(T.self) }
  let stepsPerEpoch = Double(data.count) / 64  // the products scale with the rows of a batch
  let matmul =
    zip(MatrixProduct.trainingStep, times).reduce(0) { $0 + Double($1.0.perStep) * $1.1 }
    * stepsPerEpoch
  return Figures(
    epoch: seconds.min() ?? .nan, epochs: seconds, matmul: matmul,
    gflops: zip(MatrixProduct.trainingStep, times).map { $0.flops / $1 / 1e9 })
}

/// Folds one round's figures of a type into the kept ones: the best epoch, every epoch, and
/// the products of the last round.
func merged(_ kept: Figures?, _ round: Figures) -> Figures {
  guard var kept else { return round }
  kept.epoch = min(kept.epoch, round.epoch)
  kept.epochs += round.epochs
  if !round.gflops.isEmpty { (kept.matmul, kept.gflops) = (round.matmul, round.gflops) }
  return kept
}

func cell(_ x: Double?, _ digits: Int = 3) -> String {
  guard let x, x.isFinite else { return "-" }
  return String(format: "%.\(digits)f", x)
}

let loadBefore = loadAverage()
// numpy and LayerKit take turns, `rounds` times, and each keeps its best epoch: the cores'
// speed drifts by up to 40% over minutes here, and alternating gives both the same chances.
// Each round's ratio (LayerKit's best epoch / numpy's best epoch, of that round) is kept too.
let skipNumpy = arguments.contains("--no-numpy")
var figures: [String: Figures] = [:]
var numpy: NumpyRun?
var roundRatios: [String: [Double]] = [:]
var numpyFailed = false
for round in 0..<rounds {
  var run: NumpyRun?
  if !skipNumpy && !numpyFailed {
    run = runNumpy(epochs: epochs, directory: directory, dtypes: types.map { numpyKey[$0]! })
    numpyFailed = run == nil
  }
  if let run { numpy = numpy.map { $0.merged(run) } ?? run }
  for type in types {
    let last = round == rounds - 1
    let f: Figures
    switch type {
    case "Float": f = try measure(Float.self, products: last)
    case "Double": f = try measure(Double.self, products: last)
    default:
      print("--scalar: Float or Double, got \(type)")
      exit(2)
    }
    if let theirs = run?.best[numpyKey[type]!] {
      roundRatios[type, default: []].append(f.epoch / theirs)
    }
    figures[type] = merged(figures[type], f)
  }
}
// Then the pairs: numpy's epoch and LayerKit's, back to back, `pairs` times per type.
var pairedRatiosByType: [String: [Double]] = [:]
if !skipNumpy && !numpyFailed && pairs > 0 {
  if let server = NumpyServer(script: numpyScript, directory: directory) {
    for type in types {
      let dtype = numpyKey[type]!
      let seconds =
        type == "Float"
        ? try pairedEpochs(Float.self, dtype: dtype, pairs: pairs, server: server)
        : try pairedEpochs(Double.self, dtype: dtype, pairs: pairs, server: server)
      guard let seconds else {
        numpyFailed = true
        break
      }
      let ratios = seconds.map { $0.ours / $0.numpy }
      pairedRatiosByType[type] = ratios
      print("\(type): paired epochs, LayerKit/numpy: \(ratios.map { cell($0, 2) })")
      print(
        "\(type): paired epochs, seconds: LayerKit \(medianAndQuartiles(seconds.map(\.ours), 3)), "
          + "best \(cell(seconds.map(\.ours).min())); numpy \(medianAndQuartiles(seconds.map(\.numpy), 3)), "
          + "best \(cell(seconds.map(\.numpy).min()))")
    }
    server.finish()
  } else {
    numpyFailed = true
  }
}
if numpyFailed {
  print("numpy baseline skipped: Benchmarks/numpy_train.py failed (is python3-numpy installed?)")
}
let loadAfter = loadAverage()

var other: (label: String, figures: [String: Figures])?
if let path = option("--against"), let data = FileManager.default.contents(atPath: path) {
  struct Saved: Codable {
    var label: String
    var figures: [String: Figures]
  }
  if let saved = try? JSONDecoder().decode(Saved.self, from: data) {
    other = (saved.label, saved.figures)
  } else {
    print("--against: \(path) is not a file written by --save")
  }
}
if let path = option("--save") {
  let json: [String: Any] = [
    "label": label, "load": loadAfter,
    "figures": try JSONSerialization.jsonObject(with: JSONEncoder().encode(figures)),
    "numpy": numpy?.best ?? [:],
  ]
  try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(
    to: URL(fileURLWithPath: path))
}

/// The pairs' median ratio and quartiles, then their number: "0.86 (0.79–0.98) (30)".
func pairedCell(_ ratios: [Double]) -> String {
  ratios.isEmpty ? "-" : "\(medianAndQuartiles(ratios)) (\(ratios.count))"
}

/// The rounds' ratios, then their median: "0.89 1.09 0.93 (median 0.93)".
func roundsCell(_ ratios: [Double]) -> String {
  guard !ratios.isEmpty else { return "-" }
  return ratios.map { cell($0, 2) }.joined(separator: " ")
    + " (median \(cell(quantile(ratios, 0.5), 2)))"
}

print("")
print(
  "build: \(label); numpy \(numpy.map { "\($0.version) on \($0.data)" } ?? "not run"); "
    + "load average before \(loadBefore), after \(loadAfter); \(Date())")
var header =
  "| type | LayerKit s/epoch | numpy s/epoch | LayerKit/numpy | each round "
  + "| paired epochs, median (quartiles) | matmul alone s/epoch | outside matmul |"
var rule = "|---|---:|---:|---:|---|---|---:|---:|"
if let other {
  header += " \(other.label) s/epoch | \(other.label)/numpy |"
  rule += "---:|---:|"
}
print(header)
print(rule)
for type in types {
  guard let f = figures[type] else { continue }
  let theirs = numpy?.best[numpyKey[type]!]
  let outside = (f.epoch - f.matmul) / f.epoch * 100
  var row =
    "| \(type) | \(cell(f.epoch)) | \(cell(theirs)) (\(numpyKey[type]!)) | "
    + "\(cell(theirs.map { f.epoch / $0 }, 2)) | "
    + "\(roundsCell(roundRatios[type] ?? [])) | "
    + "\(pairedCell(pairedRatiosByType[type] ?? [])) | "
    + "\(cell(f.matmul)) | \(cell(outside, 0))% |"
  if let other {
    let e = other.figures[type]?.epoch
    row += " \(cell(e)) | \(cell(e.flatMap { e in theirs.map { e / $0 } }, 2)) |"
  }
  print(row)
}
print("")
print(
  "matrixMultiply alone, GFLOP/s (best of 5 rounds of ≥ 50 ms; 2·m·n·k flops, zero terms of dY "
    + "included):")
print("| product | per step | " + types.map { "\($0) GFLOP/s" }.joined(separator: " | ") + " |")
print("|---|---:|" + types.map { _ in "---:|" }.joined())
for (i, p) in MatrixProduct.trainingStep.enumerated() {
  let rates = types.map { cell(figures[$0]?.gflops[i], 1) }.joined(separator: " | ")
  print("| \(p.name) | \(p.perStep) | \(rates) |")
}
print("")
print(sse2PeakLine(clock: measuredClockGHz(), nominal: nominalClockGHz()))
