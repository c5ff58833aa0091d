// The char-RNN row: the seed slides' character-level RNN (RNN(65 → 100 → 65), T = 25, loss
// summed over the sequence, 23,165 parameters, Double), checked in full and in directional mode
// by LayerKit and, in the same run, by the slides' procedure in numpy
// (Benchmarks/numpy_rnn_gradient_check.py) on the same parameters and sequence.
import BenchmarkSupport
import CharRNN
import Foundation
import LayerConformance
import LayerKit

/// Runs and prints the char-RNN comparison; `numpyStride` is passed to the numpy script (every
/// `numpyStride`-th entry of each tensor, time extrapolated to all).
func charRNNBenchmark(numpy runNumpy: Bool, numpyStride: Int) throws {
  let setup = try CharRNN.setup(Double.self)
  let loss = SoftmaxCrossEntropy()
  let layers: [any Layer<Double>] = [setup.rnn]
  let count = setup.rnn.parameters.scalarCount
  let checks = timedChecks(
    layers: layers, loss: loss, input: setup.input, target: setup.target)
  let full: NetworkReport? = checks.full.report
  let fullTime = checks.full.seconds
  let directional: NetworkReport? = checks.directional.report
  let directionalTime = checks.directional.seconds
  var seedErrors: SeedRelativeErrors?
  let seedTime = seconds {
    seedErrors = try? SeedRelativeErrors(layer: setup.rnn, input: setup.input, target: setup.target)
  }
  var numpy: [String: Any]?
  if runNumpy {
    numpy = try runNumpyRNN(setup, stride: numpyStride)
  }

  func cell(_ value: Double) -> String { String(format: "%.3e", value) }
  var table = TextTable(header: [
    "method", "entries", "time (s)", "difference", "largest seed error", "passed",
  ])
  if let numpy, let s = numpy["seconds"] as? Double, let e = numpy["entries"] as? Int,
    let x = numpy["extrapolated"] as? Double, let d = numpy["difference"] as? Double,
    let r = numpy["largest_relative_error"] as? Double
  {
    table.rows.append([
      "numpy, slides' procedure (h 1e-5)", "\(e) of \(count)",
      String(format: "%.2f (measured %.2f)", x, s), cell(d), cell(r), d <= 1e-7 ? "yes" : "no",
    ])
  }
  if let full {
    table.rows.append([
      "LayerKit full, two-sided, fast path", "\(full.points)", String(format: "%.4f", fullTime),
      cell(full.difference), seedErrors.map { cell($0.largest) } ?? "-",
      full.passed ? "yes" : "no",
    ])
  }
  if let directional {
    table.rows.append([
      "LayerKit directional, 2 directions", "2", String(format: "%.4f", directionalTime),
      cell(directional.difference), "-", directional.passed ? "yes" : "no",
    ])
  }
  print("")
  print(table.rendered)
  print("")
  print(
    "char-RNN: RNN(65 -> 100 -> 65), tanh, T = 25, softmax cross-entropy summed over the "
      + "sequence, \(count) parameters (Double; the network check computes its numeric side in "
      + "Double, no Float80)")
  print(
    String(
      format: "seed error: |a - n| / max(max(|a|, |n|), 1e-10), largest over every entry "
        + "(LayerKit: the kit's central differences, %.3f s with the backward pass)", seedTime))
  if let numpy, let x = numpy["extrapolated"] as? Double, let e = numpy["entries"] as? Int,
    let a = numpy["analytic_vs_layerkit"] as? Double
  {
    if e < count {
      print(
        "numpy: measured on every \(numpyStride)th entry of each tensor (\(e) entries), time "
          + "extrapolated to all \(count) (every entry costs two full forward passes)")
    }
    print("numpy BPTT vs LayerKit BPTT: largest |a_numpy - a_layerkit| = \(cell(a))")
    print("ratio numpy / LayerKit full check: \(String(format: "%.1f", x / fullTime))x")
  }
  let met = fullTime * 10 <= ((numpy?["extrapolated"] as? Double) ?? .infinity)
  print(
    "targets: full check >= 10x faster than numpy: \(runNumpy ? (met ? "met" : "MISSED") : "not measured"); "
      + "directional < 10 ms: \(directionalTime < 0.01 ? "met" : "MISSED")")
  if let full, !full.passed { print(full) }
}

/// Writes the sequence, the parameters and LayerKit's gradients, runs the numpy script, and
/// returns its JSON line; `nil` (with a note on stderr) when it fails.
func runNumpyRNN(_ setup: CharRNN.Setup<Double>, stride: Int) throws -> [String: Any]? {
  var random = RandomSource(seed: 0)
  let (output, cache) = try setup.rnn.forward(setup.input, mode: .training, random: &random)
  let gradients = try setup.rnn.backward(
    try SoftmaxCrossEntropy().gradient(output, target: setup.target), cache: cache)
  let symbols = setup.text.map { Double(CharRNN.vocabulary.firstIndex(of: $0) ?? 0) }
  let stored =
    symbols + setup.rnn.parameters.tensors.flatMap(\.scalars)
    + gradients.parameters.tensors.flatMap(\.scalars)
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let script = root.appendingPathComponent("Benchmarks/numpy_rnn_gradient_check.py")
  let data = FileManager.default.temporaryDirectory.appendingPathComponent(
    "layerkit-benchmark-rnn.bin")
  try stored.withUnsafeBytes { try Data($0).write(to: data) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  let sizes = [CharRNN.vocabulary.count, CharRNN.hiddenSize, CharRNN.sequenceLength]
  process.arguments = [
    "python3", script.path, data.path, sizes.map(String.init).joined(separator: ","),
    String(stride),
  ]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let result = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let json = try JSONSerialization.jsonObject(with: result) as? [String: Any]
  else {
    FileHandle.standardError.write(Data("numpy RNN baseline failed (is numpy installed?)\n".utf8))
    return nil
  }
  return json
}
