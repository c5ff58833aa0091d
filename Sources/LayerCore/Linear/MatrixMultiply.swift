/// `C = op(A) · op(B) + β · C` for dense row-major matrices, where `op(X)` is `X` or `Xᵀ`.
///
/// `C` is `m × n`, `op(A)` is `m × k` and `op(B)` is `k × n`. The buffers are tightly packed
/// row-major matrices: `A` is `m × k` (or `k × m` when `transposeA`), `B` is `k × n` (or
/// `k × n` stored as `n × k` when `transposeB`), `C` is `m × n`.
///
/// `Float` and `Double` run a cache-blocked product with packed panels (a small product, up to
/// 2²² multiply-adds per core, reads its full panels in place and packs only the edges) and a
/// SIMD register tile (4 rows × 8 `Float` or 4 `Double` columns, `SIMD8<Float>` /
/// `SIMD4<Double>`, written as `a * b + c`, so SSE2 builds need no fused multiply-add) and split
/// large products (`m · n · k` ≥ ``matrixMultiplyParallelThreshold``) over the processor's
/// cores: by rows or columns of `C`, or, when `k ≥ 512` and `C` has at most 2¹³ entries (a
/// dense layer's forward pass on a batch), by `k`: `C = A₁B₁ + β·C`, then `C += A₂B₂`, split at
/// half of `k` rounded up to a multiple of 8, on every machine alike. With the narrow tile, a
/// `C` of at most 64 columns (a dense layer's output) is computed a row at a time, its whole
/// width in registers. A weight gradient
/// `Xᵀ · dZ` whose `dZ` is at least a quarter zeros (behind a ReLU) sums only the nonzero terms,
/// with the same bits. Every other ``LayerScalar`` (`Float16`, `Float80`, dual numbers) takes a
/// portable row-by-row loop.
///
/// When `beta` is 0 the old contents of `C` are ignored (a NaN there does not propagate).
///
/// ```swift
/// // y = x W + b, x: [batch, n], W: [n, m]; y holds b in every row on entry.
/// matrixMultiply(m: batch, n: m, k: n, x, w, into: y, beta: 1)
/// ```
///
/// - Precondition: `m, n, k ≥ 0` and the buffers hold at least `m · k`, `k · n` and `m · n`
///   elements.
@inlinable
public func matrixMultiply<T: LayerScalar>(
  m: Int, n: Int, k: Int,
  _ a: UnsafeBufferPointer<T>, transposeA: Bool = false,
  _ b: UnsafeBufferPointer<T>, transposeB: Bool = false,
  into c: UnsafeMutableBufferPointer<T>, beta: T = 0
) {
  precondition(m >= 0 && n >= 0 && k >= 0, "matrixMultiply: negative dimension")
  precondition(
    a.count >= m * k && b.count >= k * n && c.count >= m * n,
    "matrixMultiply: a buffer is smaller than its matrix")
  guard m > 0, n > 0 else { return }
  guard let aBase = a.baseAddress, let bBase = b.baseAddress, let cBase = c.baseAddress else {
    scaleMatrix(c, count: m * n, by: beta)
    return
  }
  let aRow = transposeA ? 1 : k
  let aColumn = transposeA ? m : 1
  let bRow = transposeB ? 1 : n
  let bColumn = transposeB ? k : 1
  if T.self == Float.self {
    let operands = GEMMOperands<Float>(
      a: UnsafeRawPointer(aBase).assumingMemoryBound(to: Float.self), aRow: aRow,
      aColumn: aColumn, b: UnsafeRawPointer(bBase).assumingMemoryBound(to: Float.self),
      bRow: bRow, bColumn: bColumn,
      c: UnsafeMutableRawPointer(cBase).assumingMemoryBound(to: Float.self), ldc: n,
      m: m, n: n, k: k, beta: unsafeBitCast(beta, to: Float.self))
    multiplyFloat(operands)
  } else if T.self == Double.self {
    let operands = GEMMOperands<Double>(
      a: UnsafeRawPointer(aBase).assumingMemoryBound(to: Double.self), aRow: aRow,
      aColumn: aColumn, b: UnsafeRawPointer(bBase).assumingMemoryBound(to: Double.self),
      bRow: bRow, bColumn: bColumn,
      c: UnsafeMutableRawPointer(cBase).assumingMemoryBound(to: Double.self), ldc: n,
      m: m, n: n, k: k, beta: unsafeBitCast(beta, to: Double.self))
    multiplyDouble(operands)
  } else {
    portableMultiply(
      GEMMOperands(
        a: aBase, aRow: aRow, aColumn: aColumn, b: bBase, bRow: bRow, bColumn: bColumn,
        c: cBase, ldc: n, m: m, n: n, k: k, beta: beta))
  }
}

/// The work (`m · n · k` multiply-adds) from which ``matrixMultiply(m:n:k:_:transposeA:_:transposeB:into:beta:)``
/// splits a `Float` or `Double` product over the processor's cores (a few microseconds of work:
/// the spinning workers of ``performConcurrently(parts:_:)`` start a part in less than one).
public let matrixMultiplyParallelThreshold = 1 << 16

/// `c[0..<count] *= beta`, or zeros when `beta` is 0.
@inlinable
func scaleMatrix<T: LayerScalar>(_ c: UnsafeMutableBufferPointer<T>, count: Int, by beta: T) {
  for i in 0..<count { c[i] = beta == 0 ? 0 : beta * c[i] }
}

/// The product for any ``LayerScalar``: for each row of `C`, `C[i, :] = β C[i, :]` then
/// `C[i, :] += A[i, p] · B[p, :]` for `p` in order, the order a hand-written dense layer uses.
@inlinable
func portableMultiply<T: LayerScalar>(_ o: GEMMOperands<T>) {
  for i in 0..<o.m {
    let row = o.c + i * o.ldc
    for j in 0..<o.n { row[j] = o.beta == 0 ? 0 : o.beta * row[j] }
    for p in 0..<o.k {
      let aip = o.a[i * o.aRow + p * o.aColumn]
      let bRow = o.b + p * o.bRow
      if o.bColumn == 1 {
        for j in 0..<o.n { row[j] += aip * bRow[j] }
      } else {
        for j in 0..<o.n { row[j] += aip * bRow[j * o.bColumn] }
      }
    }
  }
}

/// The `Float` product: blocked with the register tile `tile` (``floatTile`` unless a test
/// chooses), over several cores when large.
@usableFromInline
func multiplyFloat(_ operands: GEMMOperands<Float>) {
  multiplyFloat(operands, tile: floatTile)
}

/// The `Float` product with a given register tile: 4 × `SIMD8<Float>` or 6 × `SIMD16<Float>`
/// (the narrow case takes ``sparseBMultiply(_:half:)`` or ``broadcastBMultiply(_:half:)`` for
/// a weight gradient, ``rowPanelMultiply(_:half:)`` for a narrow `C`), split over the cores by rows or columns, or by the inner dimension
/// (``splitsInnerDimension(_:)``).
func multiplyFloat(_ operands: GEMMOperands<Float>, tile: GEMMTile) {
  multiplyOverCores(operands) { o in
    switch tile {
    case .narrow:
      if sparseBMultiply(o, half: SIMD4<Float>.self) { return }
      if prefersBroadcastB(o) {
        broadcastBMultiply(o, half: SIMD4<Float>.self)
      } else if prefersRowPanel(o) {
        rowPanelMultiply(o, half: SIMD4<Float>.self)
      } else {
        blockedMultiply(o, tileRows: 4, vector: SIMD8<Float>.self, half: SIMD4<Float>.self)
      }
    case .wide:
      blockedMultiply(o, tileRows: 6, vector: SIMD16<Float>.self, half: SIMD8<Float>.self)
    }
  }
}

/// The `Double` product: blocked with the register tile ``doubleTile``, over several cores when
/// large.
@usableFromInline
func multiplyDouble(_ operands: GEMMOperands<Double>) {
  multiplyDouble(operands, tile: doubleTile)
}

/// The `Double` product with a given register tile: 4 × `SIMD4<Double>` or 6 × `SIMD8<Double>`,
/// split like the `Float` one.
func multiplyDouble(_ operands: GEMMOperands<Double>, tile: GEMMTile) {
  multiplyOverCores(operands) { o in
    switch tile {
    case .narrow:
      if sparseBMultiply(o, half: SIMD2<Double>.self) { return }
      if prefersBroadcastB(o) {
        broadcastBMultiply(o, half: SIMD2<Double>.self)
      } else if prefersRowPanel(o) {
        rowPanelMultiply(o, half: SIMD2<Double>.self)
      } else {
        blockedMultiply(o, tileRows: 4, vector: SIMD4<Double>.self, half: SIMD2<Double>.self)
      }
    case .wide:
      blockedMultiply(o, tileRows: 6, vector: SIMD8<Double>.self, half: SIMD4<Double>.self)
    }
  }
}
