import Testing

@testable import LayerCore

/// The row-at-a-time product of narrow `C`s (`rowPanelMultiply`): the same bits as the blocked
/// 4-row tile, for every block width (1 to 13 half vectors), partial last vectors, two blocks,
/// slices past the 256-deep panel, every storage order and β.
struct RowPanelMultiplyTests {
  /// (m, k) pairs: single rows and steps, an odd row count, and a `k` past the 256-deep slice
  /// (so that the second slice adds to `C`).
  static let rowsAndDepths: [(m: Int, k: Int)] = [(1, 1), (5, 7), (3, 300)]

  /// `Float` column counts: 1 to 13 half vectors, whole or with a partial last one, 52 (the
  /// widest single block) and two blocks (53, 64).
  static let floatColumns = [1, 3, 4, 5, 8, 11, 16, 23, 25, 29, 33, 38, 41, 45, 50, 52, 53, 64]

  /// `Double` column counts: 1 to 13 half vectors and two blocks (27 as 7 + 7, 50 as 13 + 12).
  static let doubleColumns = [1, 2, 3, 7, 10, 25, 26, 27, 50, 64]

  /// `C = op(A) · op(B) + β · C` by `body`, from a `C` of random values (NaN when β is 0).
  static func product<T: BinaryFloatingPoint>(
    m: Int, n: Int, k: Int, ta: Bool, tb: Bool, beta: T, seed: UInt64,
    _ body: (GEMMOperands<T>) -> Void
  ) -> [T] {
    var random = RandomSource(seed: seed)
    let a = (0..<(m * k)).map { _ in T(2 * random.nextUnit() - 1) }
    let b = (0..<(k * n)).map { _ in T(2 * random.nextUnit() - 1) }
    var c = (0..<(m * n)).map { _ in beta == 0 ? T.nan : T(2 * random.nextUnit() - 1) }
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          body(
            GEMMOperands(
              a: a.baseAddress!, aRow: ta ? 1 : k, aColumn: ta ? m : 1, b: b.baseAddress!,
              bRow: tb ? 1 : n, bColumn: tb ? k : 1, c: c.baseAddress!, ldc: n, m: m, n: n,
              k: k, beta: beta))
        }
      }
    }
    return c
  }

  /// The row panel against the blocked product with the 4-row tile of vector `V` (half `H`),
  /// bit for bit, over every shape, storage order and β; returns the cases checked.
  func checkBitIdentical<V: SIMD, H: SIMD>(_: V.Type, _: H.Type, columns: [Int]) -> Int
  where V.Scalar: BinaryFloatingPoint, H.Scalar == V.Scalar {
    var cases = 0
    for (index, n) in columns.enumerated() {
      for (m, k) in Self.rowsAndDepths {
        for (ta, tb) in MatrixMultiplyTests.transposes {
          for beta: V.Scalar in [0, 1, 0.5] {
            let seed = UInt64(100 * index + m + k)
            let got = Self.product(m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, seed: seed) {
              rowPanelMultiply($0, half: H.self)
            }
            let want = Self.product(m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, seed: seed) {
              blockedMultiply($0, tileRows: 4, vector: V.self, half: H.self)
            }
            let differing = got.indices.first {
              got[$0] != want[$0] || got[$0].sign != want[$0].sign || got[$0].isNaN
            }
            if let i = differing {
              let shape = "\(V.Scalar.self) \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)"
              Issue.record("\(shape): entry \(i) is \(got[i]), blocked \(want[i])")
            }
            cases += 1
          }
        }
      }
    }
    return cases
  }

  @Test func floatBitIdenticalToBlocked() {
    let cases = checkBitIdentical(
      SIMD8<Float>.self, SIMD4<Float>.self, columns: Self.floatColumns)
    #expect(cases == Self.floatColumns.count * 3 * 4 * 3)
  }

  @Test func doubleBitIdenticalToBlocked() {
    let cases = checkBitIdentical(
      SIMD4<Double>.self, SIMD2<Double>.self, columns: Self.doubleColumns)
    #expect(cases == Self.doubleColumns.count * 3 * 4 * 3)
  }

  /// With `k = 0` the product is `β · C`: zeros for β = 0 (the NaNs there ignored).
  @Test(arguments: [Float(0), 1, 0.5])
  func emptyInnerDimensionScalesC(beta: Float) {
    let c = Self.product(m: 3, n: 50, k: 0, ta: false, tb: false, beta: beta, seed: 5) {
      rowPanelMultiply($0, half: SIMD4<Float>.self)
    }
    let before = Self.product(m: 3, n: 50, k: 0, ta: false, tb: false, beta: beta, seed: 5) {
      _ in
    }
    #expect(c == before.map { beta == 0 ? 0 : beta * $0 })
  }

  /// The narrow-tile products of a dense layer's shapes take the row panel: `C` of at most 64
  /// columns; wider ones keep the blocked tile.
  @Test func servesNarrowOutputs() {
    func operands(n: Int) -> GEMMOperands<Float> {
      let p = UnsafeMutablePointer<Float>(bitPattern: 64)!
      return GEMMOperands(
        a: p, aRow: 784, aColumn: 1, b: p, bRow: n, bColumn: 1, c: p, ldc: n, m: 64, n: n,
        k: 784, beta: 0)
    }
    #expect(prefersRowPanel(operands(n: 50)))
    #expect(prefersRowPanel(operands(n: 64)))
    #expect(!prefersRowPanel(operands(n: 65)))
  }
}
