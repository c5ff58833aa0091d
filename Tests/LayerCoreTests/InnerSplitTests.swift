import LayerCore
import Testing

/// Products with a long inner dimension and a small output (`k ≥ 512`, `m·n ≤ 2¹³`, at least
/// 2¹⁶ multiply-adds) are summed over `k` in two halves: `C = A₁B₁ + β·C`, then `C += A₂B₂`,
/// with the split at half of `k` rounded up to a multiple of 8. That is a rule of the shape:
/// the same bits on one core or many.
struct InnerSplitTests {
  static let (m, n, k) = (16, 12, 600)  // 115,200 multiply-adds; the split falls at 304

  static func random<T: LayerScalar & BinaryFloatingPoint>(
    _ count: Int, seed: UInt64, as _: T.Type = T.self
  ) -> [T] {
    var random = RandomSource(seed: seed)
    return (0..<count).map { _ in T(2 * random.nextUnit() - 1) }
  }

  /// `C = A·B + β·C` through `matrixMultiply`.
  static func product<T: LayerScalar>(
    m: Int, n: Int, k: Int, _ a: [T], _ b: [T], c: [T], beta: T
  ) -> [T] {
    var c = c
    a.withUnsafeBufferPointer { ab in
      b.withUnsafeBufferPointer { bb in
        c.withUnsafeMutableBufferPointer { cb in
          matrixMultiply(m: m, n: n, k: k, ab, bb, into: cb, beta: beta)
        }
      }
    }
    return c
  }

  /// The split point the batch gather shares: half of `k` rounded up to a multiple of 8.
  @Test func theSplitPoint() {
    #expect(matrixMultiplyInnerSplit(600) == 304)
    #expect(matrixMultiplyInnerSplit(784) == 392)
    #expect(matrixMultiplyInnerSplit(520) == 264)
    #expect(matrixMultiplyInnerSplitDepth == 512)
  }

  @Test func theTwoHalvesAreSummedInOrder() {
    halvesSummedInOrder(Float.self)
    halvesSummedInOrder(Double.self)
  }

  func halvesSummedInOrder<T: LayerScalar & BinaryFloatingPoint>(_: T.Type) {
    let (m, n, k) = (Self.m, Self.n, Self.k)
    let h = 304
    let a = Self.random(m * k, seed: 3, as: T.self)
    let b = Self.random(k * n, seed: 4, as: T.self)
    let c = Self.random(m * n, seed: 5, as: T.self)
    let got = Self.product(m: m, n: n, k: k, a, b, c: c, beta: 0.5)
    // The halves as products of their own (each below the split's 512), then added.
    let a1 = (0..<m).flatMap { i in a[(i * k)..<(i * k + h)] }
    let a2 = (0..<m).flatMap { i in a[(i * k + h)..<(i * k + k)] }
    let first = Self.product(m: m, n: n, k: h, a1, Array(b[..<(h * n)]), c: c, beta: 0.5)
    let second = Self.product(
      m: m, n: n, k: k - h, a2, Array(b[(h * n)...]), c: [T](repeating: 0, count: m * n),
      beta: 0)
    let want = zip(first, second).map { $0 + $1 }
    #expect(got == want, "\(T.self)")
    #expect(!got.contains { $0.isNaN })
  }

  /// Inside a part of `performConcurrently` the product's own split runs serially, as on a
  /// machine with one core; the bits do not change.
  @Test func oneCoreGivesTheSameBits() {
    let (m, n, k) = (Self.m, Self.n, Self.k)
    let a = Self.random(m * k, seed: 6, as: Float.self)
    let b = Self.random(k * n, seed: 7, as: Float.self)
    let zeros = [Float](repeating: 0, count: m * n)
    let concurrent = Self.product(m: m, n: n, k: k, a, b, c: zeros, beta: 0)
    let results = UnsafeMutableBufferPointer<Float>.allocate(capacity: m * n)
    defer { results.deallocate() }
    results.initialize(repeating: .nan)
    nonisolated(unsafe) let nested = results  // written by part 0 only
    performConcurrently(parts: 2) { part in
      guard part == 0 else { return }
      let serial = Self.product(m: m, n: n, k: k, a, b, c: zeros, beta: 0)
      for i in serial.indices { nested[i] = serial[i] }
    }
    #expect(concurrent.map(\.bitPattern) == Array(results).map(\.bitPattern))
    #expect(!concurrent.contains { $0.isNaN })
  }
}
