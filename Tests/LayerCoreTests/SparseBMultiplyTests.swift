import Testing

@testable import LayerCore

/// The weight-gradient product that skips the zero entries of `B` (`sparseBMultiply`): the same
/// bits as the dense broadcast product whenever it runs, and the dense product whenever it
/// should not run (too few zeros, a non-finite `A`).
struct SparseBMultiplyTests {
  /// (m, n, k): rows of `C` that take every tile width (12, 4, 2 and 1 half vectors) and single
  /// rows; column counts that leave a partial group of lanes; and a `k` past the 256-deep
  /// slice, so that the second slice adds to `C`.
  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (16, 5, 3), (17, 4, 64), (48, 50, 64), (84, 7, 9), (101, 13, 33), (392, 50, 64),
    (30, 3, 300),
  ]

  /// `A` (stored `k × m`) and `B` (`k × n`) with about `zeros` of `B`'s entries zero, some of
  /// them −0.
  static func operands<T: BinaryFloatingPoint>(
    _: T.Type, m: Int, n: Int, k: Int, zeros: Double, seed: UInt64
  ) -> (a: [T], b: [T]) {
    var random = RandomSource(seed: seed)
    let a = (0..<(k * m)).map { _ in T(2 * random.nextUnit() - 1) }
    let b = (0..<(k * n)).map { _ -> T in
      let u = random.nextUnit()
      guard u >= zeros else { return u < zeros / 2 ? -0.0 : 0 }
      return T(2 * random.nextUnit() - 1)
    }
    return (a, b)
  }

  /// `C = Aᵀ·B + β·C` by `body` on the operands, from `c`.
  static func product<T: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, a: [T], b: [T], c: [T], beta: T,
    _ body: (GEMMOperands<T>) -> Void
  ) -> [T] {
    var c = c
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          body(
            GEMMOperands(
              a: a.baseAddress!, aRow: 1, aColumn: m, b: b.baseAddress!, bRow: n, bColumn: 1,
              c: c.baseAddress!, ldc: n, m: m, n: n, k: k, beta: beta))
        }
      }
    }
    return c
  }

  /// The sparse product against the dense broadcast product, bit for bit, in `T`.
  func checkBitIdentical<T: TransposableLanes>(_: T.Type) {
    func bits(_ x: T.Scalar) -> String {
      "\(x.sign)\(x.exponentBitPattern)/\(x.significandBitPattern)"
    }
    for (index, (m, n, k)) in Self.shapes.enumerated() {
      let (a, b) = Self.operands(
        T.Scalar.self, m: m, n: n, k: k, zeros: 0.5, seed: 7 + UInt64(index))
      let c = Self.operands(T.Scalar.self, m: m * n, n: 1, k: 1, zeros: 0, seed: 99).a
      for beta: T.Scalar in [0, 1, 0.5] {
        var ran = false
        let sparse = Self.product(m: m, n: n, k: k, a: a, b: b, c: c, beta: beta) { o in
          ran = sparseBMultiply(o, half: T.self)
        }
        let dense = Self.product(m: m, n: n, k: k, a: a, b: b, c: c, beta: beta) { o in
          broadcastBMultiply(o, half: T.self)
        }
        #expect(ran, "\(T.Scalar.self) \(m)×\(n)×\(k): the sparse product declined")
        let differing = sparse.indices.filter { bits(sparse[$0]) != bits(dense[$0]) }
        #expect(
          differing.count == 0,
          """
          \(T.Scalar.self) \(m)×\(n)×\(k) β \(beta): \(differing.count) entries differ, the first \
          C[\((differing.first ?? 0) / n), \((differing.first ?? 0) % n)]: \
          sparse \(differing.first.map { sparse[$0] } ?? 0), dense \(differing.first.map { dense[$0] } ?? 0)
          """)
      }
    }
  }

  @Test func floatBitIdenticalToTheDenseProduct() {
    checkBitIdentical(SIMD4<Float>.self)
  }

  @Test func doubleBitIdenticalToTheDenseProduct() {
    checkBitIdentical(SIMD2<Double>.self)
  }

  /// Fewer than a quarter of zeros, or an infinity or NaN in `A` where `B` is zero: it declines
  /// and leaves `C` as it was, and `matrixMultiply` gives the dense NaN.
  @Test func declinesDenseBAndNonFiniteA() {
    let (m, n, k) = (48, 10, 16)
    let c = [Float](repeating: 7, count: m * n)
    let dense = Self.operands(Float.self, m: m, n: n, k: k, zeros: 0.1, seed: 3)
    var ran = true
    let untouched = Self.product(m: m, n: n, k: k, a: dense.a, b: dense.b, c: c, beta: 0) {
      ran = sparseBMultiply($0, half: SIMD4<Float>.self)
    }
    #expect(!ran && untouched == c, "declined a B with few zeros, C untouched")

    for bad in [Float.infinity, -.infinity, .nan] {
      var (a, b) = Self.operands(Float.self, m: m, n: n, k: k, zeros: 0.5, seed: 4)
      // Row p = 2 of B all zero; A[2, 5] not finite: every C[5, j] is 0 · bad + … = NaN.
      for j in 0..<n { b[2 * n + j] = 0 }
      a[2 * m + 5] = bad
      ran = true
      let kept = Self.product(m: m, n: n, k: k, a: a, b: b, c: c, beta: 0) {
        ran = sparseBMultiply($0, half: SIMD4<Float>.self)
      }
      #expect(!ran && kept == c, "declined an A holding \(bad)")
      var out = c
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          out.withUnsafeMutableBufferPointer { out in
            matrixMultiply(m: m, n: n, k: k, a, transposeA: true, b, into: out)
          }
        }
      }
      #expect((0..<n).allSatisfy { out[5 * n + $0].isNaN }, "0 · \(bad) gives NaN in row 5")
    }
  }

  /// Through `matrixMultiply`, on the parallel path (the seeds' weight gradient, split by rows
  /// of `C` over the cores): exact on small integers with half of `B` zero.
  @Test func weightGradientShapeExactOnSmallIntegers() {
    let (m, n, k) = (784, 50, 64)
    var random = RandomSource(seed: 11)
    let a = (0..<(k * m)).map { _ in Double(Int(random.nextUnit() * 9) - 4) }
    let b = (0..<(k * n)).map { _ in
      random.nextUnit() < 0.5 ? 0 : Double(Int(random.nextUnit() * 9) - 4)
    }
    var want = [Double](repeating: 0, count: m * n)
    for p in 0..<k {
      for i in 0..<m where a[p * m + i] != 0 {
        for j in 0..<n { want[i * n + j] += a[p * m + i] * b[p * n + j] }
      }
    }
    var gotFloat = [Float](repeating: .nan, count: m * n)
    var gotDouble = [Double](repeating: .nan, count: m * n)
    let aFloat = a.map(Float.init)
    let bFloat = b.map(Float.init)
    aFloat.withUnsafeBufferPointer { a in
      bFloat.withUnsafeBufferPointer { b in
        gotFloat.withUnsafeMutableBufferPointer { c in
          matrixMultiply(m: m, n: n, k: k, a, transposeA: true, b, into: c)
        }
      }
    }
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        gotDouble.withUnsafeMutableBufferPointer { c in
          matrixMultiply(m: m, n: n, k: k, a, transposeA: true, b, into: c)
        }
      }
    }
    #expect(gotFloat.map(Double.init) == want)
    #expect(gotDouble == want)
  }
}
