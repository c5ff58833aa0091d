/// The inner dimension from which `matrixMultiply` sums a product with a small output over `k`
/// in two halves (a dense layer's forward pass on a batch): 512.
public let matrixMultiplyInnerSplitDepth = 512

/// Where `matrixMultiply` splits the inner dimension `k` of a product it sums in two halves:
/// half of `k` rounded up to a multiple of 8 (392 for 784). Code that prepares an operand of
/// such a product splits its own work at the same point, so that each core touches the half it
/// then multiplies: `TrainingData`'s batch gather copies the columns of a wide batch this way.
///
/// ```swift
/// let h = matrixMultiplyInnerSplit(784)  // 392: columns 0..<392 on one core, the rest on another
/// ```
public func matrixMultiplyInnerSplit(_ k: Int) -> Int {
  min(k, (k / 2 + 7) / 8 * 8)
}

/// Whether `o` is summed over `k` in two halves by ``innerSplitMultiply(_:_:)``: a long inner
/// dimension (at least 512), a small output (at most 2¹³ entries) and enough work to split
/// (``matrixMultiplyParallelThreshold``), the shape of a dense layer's forward pass on a batch
/// (64×784 · 784×50).
///
/// The rule depends on the shape only, never on the number of cores, so a product gives the
/// same bits on every machine (one core runs the two halves in turn).
func splitsInnerDimension<Scalar>(_ o: GEMMOperands<Scalar>) -> Bool {
  o.k >= matrixMultiplyInnerSplitDepth && o.m > 0 && o.n > 0 && o.m * o.n <= 1 << 13
    && o.m * o.n * o.k >= matrixMultiplyParallelThreshold
}

/// `C = A[:, ..<h] · B[..<h, :] + β · C`, then `C += A[:, h...] · B[h..., :]`, with
/// `h = matrixMultiplyInnerSplit(k)`; `serial` computes each half, the second into a buffer of
/// its own, on two cores at once.
///
/// Splitting the inner dimension, not the rows, keeps each core on its own half of `B`: in
/// training, the half of the weights its part of the update writes, so that no weight is read
/// by both cores and then written by one (which stalls the write until the other core's copy
/// is dropped). The output is small, so the extra buffer and the final sum cost little.
func innerSplitMultiply<Scalar: BinaryFloatingPoint>(
  _ o: GEMMOperands<Scalar>, _ serial: @escaping @Sendable (GEMMOperands<Scalar>) -> Void
) {
  let h = matrixMultiplyInnerSplit(o.k)
  let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: o.m * o.n)
  defer { scratch.deallocate() }
  var first = o
  first.k = h
  var second = o
  second.k = o.k - h
  second.a = o.a + h * o.aColumn
  second.b = o.b + h * o.bRow
  second.c = scratch
  second.ldc = o.n
  second.beta = 0
  runHalves(first, second, serial)
  for i in 0..<o.m {
    let row = o.c + i * o.ldc
    let partial = scratch + i * o.n
    for j in 0..<o.n { row[j] = row[j] + partial[j] }
  }
}

/// `serial` on `first` and `second`, concurrently (a helper without `BinaryFloatingPoint`, whose
/// metatype a sendable closure must not capture).
func runHalves<Scalar>(
  _ first: GEMMOperands<Scalar>, _ second: GEMMOperands<Scalar>,
  _ serial: @escaping @Sendable (GEMMOperands<Scalar>) -> Void
) {
  performConcurrently(parts: 2) { part in serial(part == 0 ? first : second) }
}
