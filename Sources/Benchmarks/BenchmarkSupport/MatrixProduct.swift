import Foundation
import LayerCore

/// One matrix product `C[m, n] = op(A)·op(B)` that a benchmark times, and how many times a
/// training step runs it.
public struct MatrixProduct: Sendable {
  /// The row label, e.g. `fwd 64×784·784×50`.
  public var name: String
  public var m: Int
  public var n: Int
  public var k: Int
  public var transposeA: Bool
  public var transposeB: Bool
  /// Products of this shape per training step (0: listed for comparison only).
  public var perStep: Int
  /// The share of `B`'s entries that are exactly zero, as in a weight gradient behind a ReLU,
  /// whose `dY` is zero wherever a unit was off (`matrixMultiply` skips such terms).
  public var zeros: Double

  /// A product of `op(A)` `m × k` by `op(B)` `k × n`.
  public init(
    _ name: String, m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
    perStep: Int = 1, zeros: Double = 0
  ) {
    (self.name, self.m, self.n, self.k) = (name, m, n, k)
    (self.transposeA, self.transposeB, self.perStep) = (transposeA, transposeB, perStep)
    self.zeros = zeros
  }

  /// `2·m·n·k`, zero terms included.
  public var flops: Double { 2 * Double(m * n * k) }

  /// The products of one step of the 784-50-25-10 network at batch 64: `Dense`'s forward
  /// `x·W`, its weight gradient `Xᵀ·dY` and its input gradient `dY·Wᵀ`, which the trainer skips
  /// for the first layer (nothing uses the gradient of the data). The `dY` of the two ReLU
  /// layers is 51% and 39% zeros in training on Fashion-MNIST (numpy loop, epochs 1 to 5).
  public static let trainingStep: [MatrixProduct] = [
    MatrixProduct("fwd 64×784·784×50", m: 64, n: 50, k: 784),
    MatrixProduct("fwd 64×50·50×25", m: 64, n: 25, k: 50),
    MatrixProduct("fwd 64×25·25×10", m: 64, n: 10, k: 25),
    MatrixProduct(
      "dW (64×784)ᵀ·64×50, dY 51% 0", m: 784, n: 50, k: 64, transposeA: true, zeros: 0.51),
    MatrixProduct(
      "dW (64×50)ᵀ·64×25, dY 39% 0", m: 50, n: 25, k: 64, transposeA: true, zeros: 0.39),
    MatrixProduct("dW (64×25)ᵀ·64×10", m: 25, n: 10, k: 64, transposeA: true),
    MatrixProduct("dX 64×10·(25×10)ᵀ", m: 64, n: 25, k: 10, transposeB: true),
    MatrixProduct("dX 64×25·(50×25)ᵀ", m: 64, n: 50, k: 25, transposeB: true),
    MatrixProduct("dX 64×50·(784×50)ᵀ", m: 64, n: 784, k: 50, transposeB: true, perStep: 0),
  ]

  /// Seconds per `matrixMultiply` of this shape in `T` alone, on random entries in [−1, 1)
  /// (``zeros`` of `B`'s zero): the best of 5 rounds of at least 50 ms.
  public func seconds<T: LayerScalar & BinaryFloatingPoint>(_: T.Type) -> Double {
    var random = RandomSource(seed: 1)
    let a = (0..<(m * k)).map { _ in T(2 * random.nextUnit() - 1) }
    let b = (0..<(k * n)).map { _ in
      random.nextUnit() < zeros ? 0 : T(2 * random.nextUnit() - 1)
    }
    var c = [T](repeating: 0, count: m * n)
    return a.withUnsafeBufferPointer { ab in
      b.withUnsafeBufferPointer { bb in
        c.withUnsafeMutableBufferPointer { cb in
          bestSeconds {
            matrixMultiply(
              m: m, n: n, k: k, ab, transposeA: transposeA, bb, transposeB: transposeB, into: cb)
          }
        }
      }
    }
  }

  /// GFLOP/s of `matrixMultiply` of this shape in `T` alone (``seconds(_:)``).
  public func gflops<T: LayerScalar & BinaryFloatingPoint>(_ type: T.Type) -> Double {
    flops / seconds(type) / 1e9
  }
}
