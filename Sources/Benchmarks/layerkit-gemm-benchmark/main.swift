// layerkit-gemm-benchmark: GFLOP/s of `matrixMultiply` on the 784-50-25-10 network's products
// at batch 64 (forward x·W, backward dY·Wᵀ and Xᵀ·dY) and on large squares, in Float and
// Double, beside numpy's `a @ b` on the same shapes (Benchmarks/numpy_gemm.py, run here).
//
//   swift run -c release layerkit-gemm-benchmark                      # SSE2 baseline
//   swift run -c release -Xswiftc -target-cpu -Xswiftc native layerkit-gemm-benchmark --label native
//   ... --no-numpy   # LayerKit only
//
// Each figure is the best of 5 rounds of at least 50 ms; 2·m·n·k flops per product.
import Foundation
import LayerCore

struct Shape {
  var name: String
  var m: Int
  var n: Int
  var k: Int
  var ta = false
  var tb = false
}

let shapes: [Shape] = [
  Shape(name: "fwd 64×784·784×50", m: 64, n: 50, k: 784),
  Shape(name: "fwd 64×50·50×25", m: 64, n: 25, k: 50),
  Shape(name: "fwd 64×25·25×10", m: 64, n: 10, k: 25),
  Shape(name: "dX 64×50·(784×50)ᵀ", m: 64, n: 784, k: 50, tb: true),
  Shape(name: "dX 64×25·(50×25)ᵀ", m: 64, n: 50, k: 25, tb: true),
  Shape(name: "dX 64×10·(25×10)ᵀ", m: 64, n: 25, k: 10, tb: true),
  Shape(name: "dW (64×784)ᵀ·64×50", m: 784, n: 50, k: 64, ta: true),
  Shape(name: "dW (64×50)ᵀ·64×25", m: 50, n: 25, k: 64, ta: true),
  Shape(name: "dW (64×25)ᵀ·64×10", m: 25, n: 10, k: 64, ta: true),
  Shape(name: "square 512³", m: 512, n: 512, k: 512),
  Shape(name: "square 1024³", m: 1024, n: 1024, k: 1024),
]

func seconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// GFLOP/s of `matrixMultiply` in `T` on `s`: best of 5 rounds of at least 50 ms.
func rate<T: LayerScalar & BinaryFloatingPoint>(_: T.Type, _ s: Shape) -> Double {
  var random = RandomSource(seed: 1)
  let a = (0..<(s.m * s.k)).map { _ in T(2 * random.nextUnit() - 1) }
  let b = (0..<(s.k * s.n)).map { _ in T(2 * random.nextUnit() - 1) }
  var c = [T](repeating: 0, count: s.m * s.n)
  var best = Double.infinity
  a.withUnsafeBufferPointer { ab in
    b.withUnsafeBufferPointer { bb in
      c.withUnsafeMutableBufferPointer { cb in
        for _ in 0..<5 {
          var count = 0
          let start = seconds()
          var elapsed = 0.0
          repeat {
            matrixMultiply(
              m: s.m, n: s.n, k: s.k, ab, transposeA: s.ta, bb, transposeB: s.tb, into: cb)
            count += 1
            elapsed = seconds() - start
          } while elapsed < 0.05
          best = min(best, elapsed / Double(count))
        }
      }
    }
  }
  return 2 * Double(s.m * s.n * s.k) / best / 1e9
}

let arguments = CommandLine.arguments
let label =
  arguments.firstIndex(of: "--label").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
  ?? "default flags"

func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "n/a"
}

/// The first "cpu MHz" of /proc/cpuinfo.
func clockMHz() -> Double? {
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
  for line in info.split(separator: "\n") where line.hasPrefix("cpu MHz") {
    return line.split(separator: ":").last.flatMap {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
  }
  return nil
}

let loadBefore = loadAverage()
var results: [(Double, Double)] = []
for s in shapes { results.append((rate(Float.self, s), rate(Double.self, s))) }

var numpy: (version: String, float: [Double], double: [Double])?
if !arguments.contains("--no-numpy") {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let script = root.appendingPathComponent("Benchmarks/numpy_gemm.py")
  let spec = shapes.map { "\($0.m),\($0.n),\($0.k),\($0.ta ? 1 : 0),\($0.tb ? 1 : 0)" }
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
if let mhz = clockMHz() {
  // SSE2 baseline: one 128-bit multiply and one 128-bit add issued per cycle per core.
  let ghz = mhz / 1000
  print(
    String(
      format:
        "SSE2 peak at %.2f GHz, 1 mul + 1 add of 128 bits per cycle: %.1f GFLOP/s Double, "
        + "%.1f Float per core (%.1f / %.1f on 2 cores)", ghz, 4 * ghz, 8 * ghz, 8 * ghz,
      16 * ghz))
}
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
