/// Runs `serial` on `o` over the cores: summed over `k` in two halves when
/// ``splitsInnerDimension(_:)`` (``innerSplitMultiply(_:_:)``), otherwise by rows or columns
/// (``parallelMultiply(_:_:)``).
func multiplyOverCores<Scalar: BinaryFloatingPoint>(
  _ o: GEMMOperands<Scalar>, _ serial: @escaping @Sendable (GEMMOperands<Scalar>) -> Void
) {
  if splitsInnerDimension(o) {
    innerSplitMultiply(o, serial)
  } else {
    parallelMultiply(o, serial)
  }
}

/// Runs `body` on the whole product, or, when it has at least
/// ``matrixMultiplyParallelThreshold`` multiply-adds and there are several cores, on blocks
/// of rows (or of columns, when `C` is wider than tall) of `C`, one per core, concurrently. The
/// blocks are disjoint and aligned to 8 rows or columns, so threads share no output tile.
/// The blocks run through ``performConcurrently(parts:_:)``.
func parallelMultiply<Scalar>(
  _ o: GEMMOperands<Scalar>, _ body: @escaping @Sendable (GEMMOperands<Scalar>) -> Void
) {
  let work = o.m * o.n * o.k
  let cores = concurrentCoreCount
  let splitRows = o.m >= o.n
  let extent = splitRows ? o.m : o.n
  let parts = min(cores, extent / 8)
  if work >= matrixMultiplyParallelThreshold, parts > 1 {
    let step = (extent / parts + 7) / 8 * 8
    let count = (extent + step - 1) / step
    performConcurrently(parts: count) { index in
      let start = index * step
      let size = min(step, extent - start)
      body(splitRows ? o.rows(start, size) : o.columns(start, size))
    }
    return
  }
  body(o)
}
