// layerkit-gemm-benchmark: GFLOP/s of `matrixMultiply` on the 784-50-25-10 network's products
// at batch 64 (forward x·W, backward dY·Wᵀ and Xᵀ·dY) and on large squares, in Float and
// Double, beside numpy's `a @ b` on the same shapes (Benchmarks/numpy_gemm.py, run here).
//
//   swift run -c release layerkit-gemm-benchmark                      # SSE2 baseline
//   swift run -c release -Xswiftc -target-cpu -Xswiftc native layerkit-gemm-benchmark --label native
//   ... --no-numpy   # LayerKit only
//
// Each figure is the best of 5 rounds of at least 50 ms; 2·m·n·k flops per product. A weight
// gradient behind a ReLU has B (dY) as often zero as in training, for numpy alike.
import BenchmarkSupport
import Foundation
import LayerCore

/// The training step's products (including the input gradient it skips) and two squares.
let shapes =
  MatrixProduct.trainingStep + [
    MatrixProduct("square 512³", m: 512, n: 512, k: 512),
    MatrixProduct("square 1024³", m: 1024, n: 1024, k: 1024),
  ]

let arguments = CommandLine.arguments
let label =
  arguments.firstIndex(of: "--label").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
  ?? "default flags"

let loadBefore = loadAverage()
var results: [(Double, Double)] = []
for s in shapes { results.append((s.gflops(Float.self), s.gflops(Double.self))) }

var numpy: (version: String, float: [Double], double: [Double])?
if !arguments.contains("--no-numpy") {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let script = root.appendingPathComponent("Benchmarks/numpy_gemm.py")
  let spec = shapes.map {
    "\($0.m),\($0.n),\($0.k),\($0.transposeA ? 1 : 0),\($0.transposeB ? 1 : 0),\($0.zeros)"
  }
  .joined(separator: ";")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script.path, spec]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do {
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus == 0,
      let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
      let v = json["numpy"] as? String, let f = json["float32"] as? [Double],
      let d = json["float64"] as? [Double]
    {
      numpy = (v, f, d)
    }
  } catch {}
  if numpy == nil {
    print(
      "numpy baseline skipped: `python3 -c 'import numpy'` failed (apt-get install python3-numpy)")
  }
}

func cell(_ x: Double) -> String { String(format: "%.1f", x) }
print("matrixMultiply, \(label); load average before \(loadBefore), after \(loadAverage())")
print(sse2PeakLine(clock: measuredClockGHz(), nominal: nominalClockGHz()))
var header = "| product | Float | Double |"
var rule = "|---|---:|---:|"
if let numpy {
  header = "| product | Float | numpy f32 | Double | numpy f64 |"
  rule = "|---|---:|---:|---:|---:|"
  print("numpy \(numpy.version), GFLOP/s:")
} else {
  print("GFLOP/s:")
}
print(header)
print(rule)
for (i, s) in shapes.enumerated() {
  if let numpy {
    print(
      "| \(s.name) | \(cell(results[i].0)) | \(cell(numpy.float[i])) | \(cell(results[i].1)) | "
        + "\(cell(numpy.double[i])) |")
  } else {
    print("| \(s.name) | \(cell(results[i].0)) | \(cell(results[i].1)) |")
  }
}
