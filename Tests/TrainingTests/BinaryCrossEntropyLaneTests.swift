import Foundation
import LayerKit
import Testing

/// `BinaryCrossEntropy` on SIMD lanes (`Float` 16, `Double` 8, a scalar tail) against the same
/// formula evaluated element by element in `Double` with Foundation's `log1p` and `exp`.
struct BinaryCrossEntropyLaneTests {
  /// 5 rows × 7 = 35 logits (two `Float` vectors, four `Double` vectors, and a tail), from
  /// −60 to 60 so that both saturated ends and the middle are covered, with 0/1 targets.
  static func batch() -> (z: [Double], y: [Double]) {
    let z: [Double] = (0..<35).map { (i: Int) -> Double in
      let offset = Double(i % 3) / 4
      return Double(i - 17) * 3.5 + offset
    }
    let y: [Double] = (0..<35).map { (i: Int) -> Double in i % 3 == 0 ? 1 : 0 }
    return (z, y)
  }

  /// The reference cost and gradient in `Double`.
  static func reference(_ z: [Double], _ y: [Double]) -> (cost: Double, gradient: [Double]) {
    let cost = zip(z, y).reduce(0.0) { sum, p in
      sum + max(p.0, 0) - p.0 * p.1 + Foundation.log1p(Foundation.exp(-abs(p.0)))
    }
    let gradient = zip(z, y).map { (1 / (1 + Foundation.exp(-$0.0)) - $0.1) / 5 }
    return (cost / 5, gradient)
  }

  func check<T: LayerScalar & BinaryFloatingPoint>(_: T.Type, tolerance: Double) throws {
    let (z, y) = Self.batch()
    let want = Self.reference(z, y)
    let prediction = try Tensor<T>(shape: [5, 7], scalars: z.map { T($0) })
    let target = try Tensor<T>(shape: [5, 7], scalars: y.map { T($0) })
    let loss = BinaryCrossEntropy()
    let cost = Double(try loss.value(prediction, target: target))
    #expect(abs(cost - want.cost) <= tolerance * abs(want.cost), "\(T.self) cost \(cost)")
    let gradient = try loss.gradient(prediction, target: target).scalars.map { Double($0) }
    // σ(z) − y cancels when σ(z) ≈ y, in the reference too, so the gradient is held to the
    // scale of its operands, (σ(z) + y) / batch.
    for (k, (got, expected)) in zip(gradient, want.gradient).enumerated() {
      let scale = (1 / (1 + Foundation.exp(-z[k])) + y[k]) / 5
      #expect(
        abs(got - expected) <= tolerance * scale,
        "\(T.self) gradient[\(k)] at z = \(z[k]): \(got) vs \(expected)")
    }
  }

  @Test func floatLanesMatchTheFormula() throws { try check(Float.self, tolerance: 4e-7) }
  @Test func doubleLanesMatchTheFormula() throws { try check(Double.self, tolerance: 4e-16) }
}
