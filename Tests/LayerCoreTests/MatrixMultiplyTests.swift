import Dispatch
import LayerCore
import Testing

/// `matrixMultiply` against a naive triple loop in `Double` on odd shapes.
struct MatrixMultiplyTests {
  /// (m, n, k): 1×1, single rows and columns, primes, non-multiples of the 4 × 8 tile, and one
  /// past the 256-deep panel (three panels, the last partial, so β applies to the first only).
  ///
  /// Each is checked in every transpose and β, in `Float` and `Double`, exact and random, so
  /// these stay small: the debug build's product costs tens of nanoseconds per multiply-add.
  /// The MNIST layer's shape (64, 50, 784), 2.5 million multiply-adds, was here (80 million in
  /// all, half of this suite's time); the serial deep shape (9, 11, 530) now covers the same
  /// panel and edge code in every combination, and that shape is checked on the parallel path
  /// with β = 0.5 (``parallelProductWithBetaExactOnSmallIntegers()``).
  static let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (1, 13, 7), (13, 1, 7), (7, 1, 1), (1, 7, 1), (1, 1, 31), (7, 13, 31),
    (13, 7, 97), (31, 97, 13), (97, 31, 7), (5, 9, 3), (4, 8, 16), (3, 17, 2), (9, 11, 530),
    (64, 10, 25), (40, 30, 61),
  ]

  /// Shapes past the 256-deep and 1024-wide panels and above the parallel threshold, and one
  /// whose half per core is above the limit for reading panels in place (so it packs them),
  /// checked once each (the debug build is slow). The MNIST layer's (64, 50, 784), split by
  /// rows, each half read in place, four panels deep, is checked by
  /// ``parallelProductWithBetaExactOnSmallIntegers()``.
  static let largeShapes: [(Int, Int, Int)] = [
    (13, 1030, 260), (200, 50, 100), (50, 200, 60), (264, 180, 200),
  ]

  static let transposes: [(Bool, Bool)] = [
    (false, false), (true, false), (false, true), (true, true),
  ]

  /// `op(A) · op(B) + β C` in `Double`, element by element.
  static func naive(
    m: Int, n: Int, k: Int, _ a: [Double], _ ta: Bool, _ b: [Double], _ tb: Bool, _ c: [Double],
    beta: Double
  ) -> [Double] {
    // Strides instead of a branch per term, and raw buffers: a debug build checks nothing
    // per element then, which makes this naive loop several times faster there.
    let (aRow, aStep) = ta ? (1, m) : (k, 1)
    let (bColumn, bStep) = tb ? (k, 1) : (1, n)
    var out = [Double](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { out in
          for i in 0..<m {
            for j in 0..<n {
              var sum = 0.0
              var pa = i * aRow
              var pb = j * bColumn
              for _ in 0..<k {
                sum += a[pa] * b[pb]
                pa += aStep
                pb += bStep
              }
              out[i * n + j] = sum + (beta == 0 ? 0 : beta * c[i * n + j])
            }
          }
        }
      }
    }
    return out
  }

  static func values(_ count: Int, seed: Int, integers: Bool) -> [Double] {
    var random = RandomSource(seed: UInt64(seed))
    return (0..<count).map { _ in
      integers ? Double(Int(random.nextUnit() * 9) - 4) : 2 * random.nextUnit() - 1
    }
  }

  /// Runs one case in `T` and returns (result, reference, Σ|a||b| per entry).
  static func run<T: LayerScalar & BinaryFloatingPoint>(
    _: T.Type, m: Int, n: Int, k: Int, ta: Bool, tb: Bool, beta: Double, integers: Bool
  ) -> (got: [Double], want: [Double], scale: [Double]) {
    let a = values(m * k, seed: 1 + m, integers: integers)
    let b = values(k * n, seed: 2 + n, integers: integers)
    let c = values(m * n, seed: 3 + k, integers: integers)
    var cT = c.map { T($0) }
    if beta == 0 { cT = cT.map { _ in T.nan } }
    let aT = a.map { T($0) }
    let bT = b.map { T($0) }
    aT.withUnsafeBufferPointer { ab in
      bT.withUnsafeBufferPointer { bb in
        cT.withUnsafeMutableBufferPointer { cb in
          matrixMultiply(
            m: m, n: n, k: k, ab, transposeA: ta, bb, transposeB: tb, into: cb, beta: T(beta))
        }
      }
    }
    let want = naive(m: m, n: n, k: k, a, ta, b, tb, c, beta: beta)
    // The rounding scale only matters for random values: integer products are exact (and the
    // naive product is most of this test's time in a debug build).
    let scale =
      integers
      ? []
      : naive(m: m, n: n, k: k, a.map(abs), ta, b.map(abs), tb, c.map(abs), beta: abs(beta))
    return (cT.map { Double($0) }, want, scale)
  }

  @Test(arguments: [0.0, 1.0, 0.5])
  func floatExactOnSmallIntegers(beta: Double) {
    for (m, n, k) in Self.shapes {
      for (ta, tb) in Self.transposes {
        let r = Self.run(Float.self, m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, integers: true)
        #expect(r.got == r.want, "Float \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)")
      }
    }
  }

  @Test(arguments: [0.0, 1.0, 0.5])
  func doubleExactOnSmallIntegers(beta: Double) {
    for (m, n, k) in Self.shapes {
      for (ta, tb) in Self.transposes {
        let r = Self.run(Double.self, m: m, n: n, k: k, ta: ta, tb: tb, beta: beta, integers: true)
        #expect(r.got == r.want, "Double \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)")
      }
    }
  }

  /// Random entries in [-1, 1): each entry within `2 (k + 2) ε Σ|a||b|` of the `Double` sum.
  func checkRandom<T: LayerScalar & BinaryFloatingPoint>(_ type: T.Type) {
    for (m, n, k) in Self.shapes {
      for (ta, tb) in Self.transposes {
        let r = Self.run(T.self, m: m, n: n, k: k, ta: ta, tb: tb, beta: 1, integers: false)
        let bound = 2 * Double(k + 2) * Double(T.ulpOfOne)
        let worst =
          zip(zip(r.got, r.want), r.scale).map { abs($0.0 - $0.1) / max($1, 1e-300) }
          .max() ?? 0
        #expect(worst <= bound, "\(T.self) \(m)×\(n)×\(k) ta \(ta) tb \(tb): \(worst) > \(bound)")
      }
    }
  }

  /// One test case per shape, so that the cores share them.
  @Test(arguments: largeShapes.indices)
  func largeShapesExactOnSmallIntegers(_ index: Int) {
    let (m, n, k) = Self.largeShapes[index]
    for (ta, tb) in [(false, false), (true, true)] {
      let f = Self.run(Float.self, m: m, n: n, k: k, ta: ta, tb: tb, beta: 1, integers: true)
      #expect(f.got == f.want, "Float \(m)×\(n)×\(k) ta \(ta) tb \(tb)")
      let d = Self.run(Double.self, m: m, n: n, k: k, ta: !ta, tb: tb, beta: 0, integers: true)
      #expect(d.got == d.want, "Double \(m)×\(n)×\(k) ta \(!ta) tb \(tb)")
    }
  }

  /// β = 0.5 on the parallel path (each core's block scales its own part of C), in the MNIST
  /// layer's shape, four panels deep, so that β applies to the first panel of each block only.
  @Test func parallelProductWithBetaExactOnSmallIntegers() {
    let (m, n, k) = (64, 50, 784)
    #expect(m * n * k >= matrixMultiplyParallelThreshold)
    let f = Self.run(Float.self, m: m, n: n, k: k, ta: false, tb: true, beta: 0.5, integers: true)
    #expect(f.got == f.want, "Float \(m)×\(n)×\(k) β 0.5")
    let d = Self.run(Double.self, m: m, n: n, k: k, ta: true, tb: false, beta: 0.5, integers: true)
    #expect(d.got == d.want, "Double \(m)×\(n)×\(k) β 0.5")
  }

  /// Several threads multiplying at once, each product above the parallel threshold: one owns
  /// the spinning workers, the others run theirs serially, and every caller gets its own
  /// exact product.
  @Test func concurrentCallersGetTheirOwnProducts() {
    let (m, n, k) = (40, 64, 210)
    #expect(m * n * k >= matrixMultiplyParallelThreshold)
    let exact = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 6)
    defer { exact.deallocate() }
    exact.initialize(repeating: false)
    nonisolated(unsafe) let results = exact  // each thread writes its own element
    DispatchQueue.concurrentPerform(iterations: 6) { index in
      let r = Self.run(
        Float.self, m: m, n: n, k: k, ta: index % 2 == 1, tb: index % 3 == 1, beta: 1,
        integers: true)
      results[index] = r.got == r.want
    }
    #expect(Array(exact) == Array(repeating: true, count: 6))
  }

  @Test func floatRandomWithinRoundingBound() { checkRandom(Float.self) }
  @Test func doubleRandomWithinRoundingBound() { checkRandom(Double.self) }

  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    /// The portable path, in `Float16`: small integers keep every sum exact below 2048.
    @Test func float16PortablePathExact() {
      for (m, n, k) in [(1, 1, 1), (7, 13, 31), (13, 7, 5), (5, 9, 3)] {
        for (ta, tb) in Self.transposes {
          let r = Self.run(Float16.self, m: m, n: n, k: k, ta: ta, tb: tb, beta: 1, integers: true)
          #expect(r.got == r.want, "Float16 \(m)×\(n)×\(k) ta \(ta) tb \(tb)")
        }
      }
    }
  #endif

  @Test func emptyInnerDimensionScalesC() {
    var c: [Float] = [1, 2, 3, 4]
    let empty: [Float] = []
    empty.withUnsafeBufferPointer { e in
      c.withUnsafeMutableBufferPointer { cb in
        matrixMultiply(m: 2, n: 2, k: 0, e, e, into: cb, beta: 2)
      }
    }
    #expect(c == [2, 4, 6, 8])
  }
}
