// layerkit-benchmark: the whole-network gradient check of the seeds (a [12288, 5, 5, 1]
// network, tanh, tanh, sigmoid output with binary cross-entropy, one example, 61,481
// parameters), timed in LayerKit and, in the same run, in the seeds' numpy procedure
// (Benchmarks/numpy_gradient_check.py) on the same parameters and data.
//
//   swift run -c release layerkit-benchmark            # with the numpy baseline
//   swift run -c release layerkit-benchmark --no-numpy # LayerKit only
//   swift run -c release layerkit-benchmark --profile  # one full check, for a profiler
//   swift run -c release layerkit-benchmark --char-rnn # the char-RNN row only
//   (--numpy-stride N: numpy checks every Nth entry of the char-RNN, default 10; 1 = all)
//
// Data: one synthetic example, seeded: 12288 = 64 x 64 x 3 "pixels" uniform in [0, 1), label 1
// (the seeds use a cat image of the same size). Weights: Glorot uniform, biases uniform in
// [-0.1, 0.1), all drawn from RandomSource(seed: 2018).
import BenchmarkSupport
import Foundation
import LayerConformance
import LayerKit

let sizes = [12288, 5, 5, 1]
var random = RandomSource(seed: 2018)
var layers: [any Layer<Double>] = []
var stored: [Double] = []
let inputValues = (0..<sizes[0]).map { _ in random.nextUnit() }
stored += inputValues + [1]
for l in 1..<sizes.count {
  var dense = try Dense<Double>(inputSize: sizes[l - 1], outputSize: sizes[l], random: &random)
  for j in 0..<sizes[l] { dense.bias.scalars[j] = 0.2 * random.nextUnit() - 0.1 }
  stored += dense.weight.scalars + dense.bias.scalars
  layers.append(dense)
  if l < sizes.count - 1 { layers.append(ActivationLayer(Tanh(), of: Double.self)) }
}
let input = try Tensor(shape: [1, sizes[0]], scalars: inputValues)
let target = try Tensor(shape: [1, 1], scalars: [1.0])
let loss = BinaryCrossEntropy()
let parameterCount = layers.reduce(0) { $0 + $1.parameters.scalarCount }

let numpyStride =
  CommandLine.arguments.firstIndex(of: "--numpy-stride").flatMap {
    CommandLine.arguments.indices.contains($0 + 1) ? Int(CommandLine.arguments[$0 + 1]) : nil
  } ?? 10
if CommandLine.arguments.contains("--char-rnn") {
  try charRNNBenchmark(
    numpy: !CommandLine.arguments.contains("--no-numpy"), numpyStride: max(numpyStride, 1))
  exit(0)
}

// `--profile`: one full check only, for a profiler (valgrind --tool=callgrind, perf record).
if CommandLine.arguments.contains("--profile") {
  let t = seconds {
    let report = NetworkChecker().check(
      layers: layers, loss: loss, input: input, target: target)
    print(report.passed ? "passed" : "\(report)")
  }
  print(String(format: "full check: %.4f s", t))
  exit(0)
}

// LayerKit, full two-sided check (best of 3) and directional mode, 2 directions (best of 5).
let checks = timedChecks(layers: layers, loss: loss, input: input, target: target)
let full: NetworkReport? = checks.full.report
let fullTime = checks.full.seconds
let directional: NetworkReport? = checks.directional.report
let directionalTime = checks.directional.seconds
// LayerKit without the fast path (every evaluation reruns the network), on 400 entries per
// tensor, extrapolated to all parameters.
var plain: NetworkReport?
let plainTime = seconds {
  plain = NetworkChecker(
    options: CheckOptions(strategy: .full(entryLimit: 400)), useFastPath: false
  ).check(
    layers: layers, loss: loss, input: input, target: target)
}
let plainExtrapolated = plainTime * Double(parameterCount) / Double(max(plain?.points ?? 1, 1))

// numpy, the seeds' procedure, on the same numbers.
var numpy: (seconds: Double, difference: Double)?
if !CommandLine.arguments.contains("--no-numpy") {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let script = root.appendingPathComponent("Benchmarks/numpy_gradient_check.py")
  let data = FileManager.default.temporaryDirectory.appendingPathComponent("layerkit-benchmark.bin")
  try stored.withUnsafeBytes { try Data($0).write(to: data) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [
    "python3", script.path, data.path, sizes.map(String.init).joined(separator: ","),
  ]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  if process.terminationStatus == 0,
    let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
    let s = json["seconds"] as? Double, let d = json["difference"] as? Double
  {
    numpy = (s, d)
  } else {
    FileHandle.standardError.write(Data("numpy baseline failed (is numpy installed?)\n".utf8))
  }
}

func cell(_ value: Double) -> String { String(format: "%.3e", value) }
var table = TextTable(header: ["method", "entries", "time (s)", "difference", "passed"])
if let numpy {
  table.rows.append([
    "numpy, seeds' procedure (eps 1e-7)", "\(parameterCount)",
    String(format: "%.3f", numpy.seconds), cell(numpy.difference),
    numpy.difference <= 1e-7 ? "yes" : "no",
  ])
}
if let full {
  table.rows.append([
    "LayerKit full, two-sided, fast path", "\(full.points)", String(format: "%.4f", fullTime),
    cell(full.difference), full.passed ? "yes" : "no",
  ])
}
if let plain {
  table.rows.append([
    "LayerKit full, no fast path (extrapolated)", "\(plain.points) of \(parameterCount)",
    String(format: "%.3f", plainExtrapolated), cell(plain.difference), plain.passed ? "yes" : "no",
  ])
}
if let directional {
  table.rows.append([
    "LayerKit directional, 2 directions", "2", String(format: "%.4f", directionalTime),
    cell(directional.difference), directional.passed ? "yes" : "no",
  ])
}
print(table.rendered)
print("")
print(
  "network [12288, 5, 5, 1], tanh, tanh, sigmoid + binary cross-entropy, 1 example, \(parameterCount) parameters (Double)"
)
if let numpy {
  print("ratio numpy / LayerKit full check: \(String(format: "%.1f", numpy.seconds / fullTime))x")
}
print(
  "targets: full check <= 0.15 s with difference <= 1e-9: \(fullTime <= 0.15 && (full?.difference ?? 1) <= 1e-9 ? "met" : "MISSED"); directional < 10 ms: \(directionalTime < 0.01 ? "met" : "MISSED")"
)
if let full, !full.passed { print(full) }
try charRNNBenchmark(
  numpy: !CommandLine.arguments.contains("--no-numpy"), numpyStride: max(numpyStride, 1))
