import Testing

@testable import LayerCore

/// Both register tiles of the `Float` and `Double` products, whichever one timing picked for
/// this machine and build, against the naive product of ``MatrixMultiplyTests``.
struct GEMMTileTests {
  /// Shapes around both tile heights (4, 6) and widths (8, 16 `Float`; 4, 8 `Double`), ones
  /// with full tiles read in place beside packed edges, one past the 256-deep panel (kept
  /// small: the debug build is slow), and with `Aᵀ` stored, ones that take the broadcast-`B`
  /// tile of the narrow case (m ≥ 16) with a partial row panel and a partial 5-column tile, and
  /// one summed over `k` in two halves (k ≥ 512, small output).
  static let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (5, 15, 3), (6, 16, 9), (7, 17, 2), (12, 32, 5), (13, 9, 31), (25, 10, 64),
    (20, 50, 40), (11, 33, 260), (37, 23, 70), (13, 9, 600),
  ]

  /// `op(A) · op(B) + β C` with row-major buffers, through the given tile.
  static func product<T: LayerScalar & BinaryFloatingPoint>(
    _: T.Type, tile: GEMMTile, m: Int, n: Int, k: Int, ta: Bool, tb: Bool, beta: Double,
    seed: Int
  ) -> (got: [Double], want: [Double]) {
    let a = MatrixMultiplyTests.values(m * k, seed: seed, integers: true)
    let b = MatrixMultiplyTests.values(k * n, seed: seed + 1, integers: true)
    let c = MatrixMultiplyTests.values(m * n, seed: seed + 2, integers: true)
    let aT = a.map { T($0) }
    let bT = b.map { T($0) }
    var cT = c.map { beta == 0 ? T.nan : T($0) }
    aT.withUnsafeBufferPointer { ab in
      bT.withUnsafeBufferPointer { bb in
        cT.withUnsafeMutableBufferPointer { cb in
          guard let aBase = ab.baseAddress, let bBase = bb.baseAddress, let cBase = cb.baseAddress
          else {
            Issue.record("empty operand for \(m)×\(n)×\(k)")
            return
          }
          let o = GEMMOperands(
            a: aBase, aRow: ta ? 1 : k, aColumn: ta ? m : 1, b: bBase, bRow: tb ? 1 : n,
            bColumn: tb ? k : 1, c: cBase, ldc: n, m: m, n: n, k: k, beta: T(beta))
          if let f = o as? GEMMOperands<Float> {
            multiplyFloat(f, tile: tile)
          } else if let d = o as? GEMMOperands<Double> {
            multiplyDouble(d, tile: tile)
          }
        }
      }
    }
    let want = MatrixMultiplyTests.naive(m: m, n: n, k: k, a, ta, b, tb, c, beta: beta)
    return (cT.map { Double($0) }, want)
  }

  @Test(arguments: GEMMTile.allCases)
  func floatTileExactOnSmallIntegers(tile: GEMMTile) {
    for (index, (m, n, k)) in Self.shapes.enumerated() {
      for (ta, tb) in MatrixMultiplyTests.transposes {
        let beta = [0.0, 1.0, 0.5][index % 3]
        let r = Self.product(
          Float.self, tile: tile, m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, seed: index)
        #expect(r.got == r.want, "Float \(tile) \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)")
      }
    }
  }

  @Test(arguments: GEMMTile.allCases)
  func doubleTileExactOnSmallIntegers(tile: GEMMTile) {
    for (index, (m, n, k)) in Self.shapes.enumerated() {
      for (ta, tb) in MatrixMultiplyTests.transposes {
        let beta = [0.5, 0.0, 1.0][index % 3]
        let r = Self.product(
          Double.self, tile: tile, m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, seed: index)
        #expect(r.got == r.want, "Double \(tile) \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)")
      }
    }
  }

  /// The two tiles give bit-identical results on random values (the same sums in the same
  /// order), so the timed choice never changes training; with `Aᵀ` stored the narrow case runs
  /// the broadcast-`B` tile, which must agree too.
  @Test(arguments: [false, true])
  func tilesAgreeBitForBit(transposeA: Bool) {
    let (m, n, k) = (29, 37, 300)
    var random = RandomSource(seed: 11)
    let a = (0..<(m * k)).map { _ in Float(2 * random.nextUnit() - 1) }
    let b = (0..<(k * n)).map { _ in Float(2 * random.nextUnit() - 1) }
    var results: [[Float]] = []
    for tile in GEMMTile.allCases {
      var c = [Float](repeating: .nan, count: m * n)
      a.withUnsafeBufferPointer { ab in
        b.withUnsafeBufferPointer { bb in
          c.withUnsafeMutableBufferPointer { cb in
            guard let aBase = ab.baseAddress, let bBase = bb.baseAddress,
              let cBase = cb.baseAddress
            else {
              Issue.record("empty operand")
              return
            }
            multiplyFloat(
              GEMMOperands(
                a: aBase, aRow: transposeA ? 1 : k, aColumn: transposeA ? m : 1, b: bBase,
                bRow: n, bColumn: 1, c: cBase, ldc: n, m: m, n: n, k: k, beta: 0),
              tile: tile)
          }
        }
      }
      results.append(c)
    }
    let differing = results[0].indices.first {
      results[0][$0].bitPattern != results[1][$0].bitPattern
    }
    if let i = differing {
      Issue.record("transposeA \(transposeA): entry \(i) is \(results[0][i]) vs \(results[1][i])")
    }
    #expect(!results[0].contains { $0.isNaN })
  }
}
