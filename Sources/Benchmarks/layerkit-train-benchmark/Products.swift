import Foundation
import LayerCore

/// One matrix product of a training step: `C[m, n] = op(A)·op(B)`, and how many times a step
/// runs it.
struct Product {
  var name: String
  var m: Int
  var n: Int
  var k: Int
  var transposeA = false
  var transposeB = false
  /// Products of this shape per step (0: listed for comparison, the trainer skips it).
  var perStep = 1

  /// `2·m·n·k`.
  var flops: Double { 2 * Double(m * n * k) }
}

/// The products of one step of 784-50-25-10 at batch 64: `Dense`'s forward `x·W`, its weight
/// gradient `Xᵀ·dY` and its input gradient `dY·Wᵀ`, which the trainer skips for the first layer
/// (nothing uses the gradient of the data).
let products: [Product] = [
  Product(name: "fwd 64×784·784×50", m: 64, n: 50, k: 784),
  Product(name: "fwd 64×50·50×25", m: 64, n: 25, k: 50),
  Product(name: "fwd 64×25·25×10", m: 64, n: 10, k: 25),
  Product(name: "dW (64×784)ᵀ·64×50", m: 784, n: 50, k: 64, transposeA: true),
  Product(name: "dW (64×50)ᵀ·64×25", m: 50, n: 25, k: 64, transposeA: true),
  Product(name: "dW (64×25)ᵀ·64×10", m: 25, n: 10, k: 64, transposeA: true),
  Product(name: "dX 64×10·(25×10)ᵀ", m: 64, n: 25, k: 10, transposeB: true),
  Product(name: "dX 64×25·(50×25)ᵀ", m: 64, n: 50, k: 25, transposeB: true),
  Product(name: "dX 64×50·(784×50)ᵀ", m: 64, n: 784, k: 50, transposeB: true, perStep: 0),
]

/// Seconds on the monotonic clock.
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Seconds per `matrixMultiply` in `T` on `p` alone: the best of 5 rounds of at least 50 ms.
func productSeconds<T: LayerScalar & BinaryFloatingPoint>(_: T.Type, _ p: Product) -> Double {
  var random = RandomSource(seed: 1)
  let a = (0..<(p.m * p.k)).map { _ in T(2 * random.nextUnit() - 1) }
  let b = (0..<(p.k * p.n)).map { _ in T(2 * random.nextUnit() - 1) }
  var c = [T](repeating: 0, count: p.m * p.n)
  var best = Double.infinity
  a.withUnsafeBufferPointer { ab in
    b.withUnsafeBufferPointer { bb in
      c.withUnsafeMutableBufferPointer { cb in
        for _ in 0..<5 {
          var count = 0
          let start = now()
          var elapsed = 0.0
          repeat {
            matrixMultiply(
              m: p.m, n: p.n, k: p.k, ab, transposeA: p.transposeA, bb,
              transposeB: p.transposeB, into: cb)
            count += 1
            elapsed = now() - start
          } while elapsed < 0.05
          best = min(best, elapsed / Double(count))
        }
      }
    }
  }
  return best
}

/// The load average (1, 5, 15 minutes) from /proc/loadavg.
func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ")
    .prefix(3).joined(separator: " ") ?? "n/a"
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
