/// The product of ``broadcastBMultiply(_:half:)``'s shape (`A` stored `k × m`, contiguous
/// along the rows of `C`) when many entries of `B` are exactly zero: a layer's weight gradient
/// `Xᵀ · dZ` behind a ReLU, whose `dZ` is zero wherever a unit was off (half of the entries in
/// the seeds' network, all through training).
///
/// For each column `j` of `C` it lists the steps `p` with `B[p, j] ≠ 0`, the entry already
/// broadcast into a half vector, and sums only those terms, each into 12 half vectors of rows of
/// `C` at once: half the multiply-adds at half the density. In the seeds' network that takes
/// this product from 100 to 72 µs, a sixth of the instructions out of an epoch (callgrind: 5.81
/// to 4.86 billion in `Float`, 10.71 to 8.93 in `Double`) and 6–13% of its time (same process,
/// epochs taking turns).
///
/// Returns `false`, having written nothing, when the dense product serves `o` better: not the
/// shape of ``prefersBroadcastB(_:)``, fewer than a quarter of the entries of `B` (of its
/// first ``panelDepth`` rows) zero, or an entry of `A` that is not finite.
///
/// The results are bit-identical to the dense product's. Each entry is summed in the same
/// order, `p` ascending in slices of ``panelDepth``, each slice from zero and added to `C`; a
/// skipped term is `±0 · A[p, i]`, which is ±0 when `A[p, i]` is finite, and adding ±0 to a
/// sum that starts at +0 changes nothing (such a sum is never −0). A product whose `A` holds an
/// infinity or a NaN goes to the dense path, where `0 · ∞` gives its NaN.
@inline(__always)
func sparseBMultiply<H: TransposableLanes>(_ o: GEMMOperands<H.Scalar>, half: H.Type) -> Bool {
  guard prefersBroadcastB(o) else { return false }
  let lanes = H.scalarCount
  let scalarBytes = MemoryLayout<H.Scalar>.stride
  let depth = min(panelDepth, o.k)
  // One slice's nonzero entries of B, in `depth` slots per column: byte offsets of the rows of
  // A and the broadcast entries; column j holds `counts[j]` entries from slot `j · depth`.
  let offsets = UnsafeMutablePointer<Int>.allocate(capacity: depth * o.n)
  let values = UnsafeMutablePointer<H>.allocate(capacity: depth * o.n)
  let counts = UnsafeMutablePointer<Int>.allocate(capacity: o.n)
  // A tile's sums for `lanes` columns, column after column, before they are transposed.
  let sums = UnsafeMutablePointer<H>.allocate(capacity: 12 * lanes)
  defer {
    offsets.deallocate()
    values.deallocate()
    counts.deallocate()
    sums.deallocate()
  }
  let a = UnsafeRawPointer(o.a)
  var pc = 0
  while pc < o.k {
    let sliceEnd = min(o.k, pc + depth)
    // Row by row (B's rows are contiguous in a weight gradient) and without a branch per
    // entry: each is written to its column's next slot, which advances only when it is not
    // zero (half of the entries, at random: a branch would be mispredicted every other time).
    counts.initialize(repeating: 0, count: o.n)
    for p in pc..<sliceEnd {
      let row = o.b + p * o.bRow
      let offset = p * o.aColumn * scalarBytes
      for j in 0..<o.n {
        let entry = row[j * o.bColumn]
        let slot = j * depth + counts[j]
        offsets[slot] = offset
        values[slot] = H(repeating: entry)
        counts[j] += entry != 0 ? 1 : 0
      }
    }
    var count = 0
    for j in 0..<o.n { count += counts[j] }
    // Decided on the first slice: dense when fewer than a quarter of its entries are zero, or
    // when A holds a non-finite entry (whose zero terms the dense product turns into NaN).
    if pc == 0 && (4 * count > 3 * depth * o.n || !allFinite(o, half: H.self)) { return false }
    let beta = pc == 0 ? o.beta : 1
    // Tiles of 12 half vectors of rows (then 4, 2, 1), each over every column while its
    // rows of A (12 KiB for 64 steps in Float) stay in L1, `lanes` columns at a time, so that
    // their sums are transposed and stored as rows of C.
    var i = 0
    i = sparseTiles(
      TwelveVectors.self, o, from: i, offsets, values, counts, depth, sums, beta: beta)
    i = sparseTiles(FourVectors.self, o, from: i, offsets, values, counts, depth, sums, beta: beta)
    i = sparseTiles(TwoVectors.self, o, from: i, offsets, values, counts, depth, sums, beta: beta)
    i = sparseTiles(OneVector.self, o, from: i, offsets, values, counts, depth, sums, beta: beta)
    while i < o.m {
      for j in 0..<o.n {
        var acc: H.Scalar = 0
        for e in (j * depth)..<(j * depth + counts[j]) {
          acc = values[e][0] * (a + i * scalarBytes + offsets[e]).load(as: H.Scalar.self) + acc
        }
        let out = o.c + i * o.ldc + j
        out.pointee = beta == 0 ? acc : acc + beta * out.pointee
      }
      i += 1
    }
    pc = sliceEnd
  }
  return true
}

/// The tiles of `W.vectors` half vectors of rows of `C` from row `start` on, as many as fit,
/// each over every column, `lanes` columns at a time; returns the first row left.
func sparseTiles<H: TransposableLanes, W: VectorCount>(
  _: W.Type, _ o: GEMMOperands<H.Scalar>, from start: Int, _ offsets: UnsafePointer<Int>,
  _ values: UnsafePointer<H>, _ counts: UnsafePointer<Int>, _ depth: Int,
  _ sums: UnsafeMutablePointer<H>, beta: H.Scalar
) -> Int {
  let vectors = W.vectors
  let lanes = H.scalarCount
  let a = UnsafeRawPointer(o.a)
  var i = start
  while i + vectors * lanes <= o.m {
    var j = 0
    while j < o.n {
      let columns = min(lanes, o.n - j)
      for column in 0..<columns {
        sparseTile(
          vectors: vectors, a: a + i * MemoryLayout<H.Scalar>.stride,
          offsets: offsets + (j + column) * depth, values: values + (j + column) * depth,
          count: counts[j + column], sums: sums + column * vectors)
      }
      storeTransposed(
        sums, vectors: vectors, columns: columns, to: o.c + i * o.ldc + j, ldc: o.ldc,
        beta: beta)
      j += columns
    }
    i += vectors * lanes
  }
  return i
}

/// `vectors` (12, 4, 2 or 1) half vectors of rows of one column of `C`,
/// `Σ_e values[e] · A[row of e, 0 ..< vectors · lanes]` over the column's `count` entries,
/// written to `sums[0 ..< vectors]`.
@inline(__always)
func sparseTile<H: TransposableLanes>(
  vectors: Int, a: UnsafeRawPointer, offsets: UnsafePointer<Int>, values: UnsafePointer<H>,
  count: Int, sums: UnsafeMutablePointer<H>
) {
  let s = MemoryLayout<H>.stride
  var acc = (H(), H(), H(), H(), H(), H(), H(), H(), H(), H(), H(), H())
  for e in 0..<count {
    let x = a + offsets[e]
    let v = values[e]
    acc.0 = v * x.loadUnaligned(as: H.self) + acc.0
    if vectors == 1 { continue }
    acc.1 = v * x.loadUnaligned(fromByteOffset: s, as: H.self) + acc.1
    if vectors == 2 { continue }
    acc.2 = v * x.loadUnaligned(fromByteOffset: 2 * s, as: H.self) + acc.2
    acc.3 = v * x.loadUnaligned(fromByteOffset: 3 * s, as: H.self) + acc.3
    if vectors == 4 { continue }
    acc.4 = v * x.loadUnaligned(fromByteOffset: 4 * s, as: H.self) + acc.4
    acc.5 = v * x.loadUnaligned(fromByteOffset: 5 * s, as: H.self) + acc.5
    acc.6 = v * x.loadUnaligned(fromByteOffset: 6 * s, as: H.self) + acc.6
    acc.7 = v * x.loadUnaligned(fromByteOffset: 7 * s, as: H.self) + acc.7
    acc.8 = v * x.loadUnaligned(fromByteOffset: 8 * s, as: H.self) + acc.8
    acc.9 = v * x.loadUnaligned(fromByteOffset: 9 * s, as: H.self) + acc.9
    acc.10 = v * x.loadUnaligned(fromByteOffset: 10 * s, as: H.self) + acc.10
    acc.11 = v * x.loadUnaligned(fromByteOffset: 11 * s, as: H.self) + acc.11
  }
  sums[0] = acc.0
  guard vectors > 1 else { return }
  sums[1] = acc.1
  guard vectors > 2 else { return }
  (sums[2], sums[3]) = (acc.2, acc.3)
  guard vectors > 4 else { return }
  (sums[4], sums[5], sums[6], sums[7]) = (acc.4, acc.5, acc.6, acc.7)
  (sums[8], sums[9], sums[10], sums[11]) = (acc.8, acc.9, acc.10, acc.11)
}

/// Stores a tile's sums (`columns` columns of `vectors` half vectors each, column after column)
/// into `C` at `c` (plus `β · C`): a full group of `lanes` columns as rows, transposed in
/// square blocks; fewer columns element by element.
@inline(__always)
func storeTransposed<H: TransposableLanes>(
  _ sums: UnsafeMutablePointer<H>, vectors: Int, columns: Int,
  to c: UnsafeMutablePointer<H.Scalar>, ldc: Int, beta: H.Scalar
) {
  let lanes = H.scalarCount
  guard columns == lanes else {
    for column in 0..<columns {
      for q in 0..<vectors {
        let acc = sums[column * vectors + q]
        for l in 0..<lanes {
          let out = c + (q * lanes + l) * ldc + column
          out.pointee = beta == 0 ? acc[l] : acc[l] + beta * out.pointee
        }
      }
    }
    return
  }
  for q in 0..<vectors {
    let rows = H.transposed(sums + q, stride: vectors)
    for r in 0..<lanes {
      let out = UnsafeMutableRawPointer(c + (q * lanes + r) * ldc)
      let row = rows[r]
      if beta == 0 {
        out.storeBytes(of: row, as: H.self)
      } else {
        out.storeBytes(of: row + H(repeating: beta) * out.loadUnaligned(as: H.self), as: H.self)
      }
    }
  }
}

/// The half vectors of the sparse product's tiles, `SIMD4<Float>` and `SIMD2<Double>`: square
/// blocks of their lanes transpose in registers, so that the tile's columns of `C` are stored
/// as rows.
protocol TransposableLanes: SIMD where Scalar: BinaryFloatingPoint {
  /// The `scalarCount` vectors at `v`, `v + stride`, … transposed: lane `l` of row `r` is lane
  /// `r` of vector `l`. (A tuple of `scalarCount` vectors, read by index.)
  static func transposed(_ v: UnsafePointer<Self>, stride: Int) -> TransposedRows<Self>
}

/// The rows of a transposed square block (4 for `SIMD4<Float>`, 2 for `SIMD2<Double>`).
struct TransposedRows<H: SIMD> {
  var rows: (H, H, H, H)
  @inline(__always) subscript(r: Int) -> H {
    r == 0 ? rows.0 : r == 1 ? rows.1 : r == 2 ? rows.2 : rows.3
  }
}

extension SIMD4: TransposableLanes where Scalar == Float {
  @inline(__always)
  static func transposed(_ v: UnsafePointer<Self>, stride: Int) -> TransposedRows<Self> {
    let (a, b, c, d) = (v[0], v[stride], v[2 * stride], v[3 * stride])
    // Two rounds of two-source shuffles (unpcklps / unpckhps, then movlhps / movhlps).
    let ab0 = SIMD4(a[0], b[0], a[1], b[1])
    let ab1 = SIMD4(a[2], b[2], a[3], b[3])
    let cd0 = SIMD4(c[0], d[0], c[1], d[1])
    let cd1 = SIMD4(c[2], d[2], c[3], d[3])
    return TransposedRows(
      rows: (
        SIMD4(ab0[0], ab0[1], cd0[0], cd0[1]), SIMD4(ab0[2], ab0[3], cd0[2], cd0[3]),
        SIMD4(ab1[0], ab1[1], cd1[0], cd1[1]), SIMD4(ab1[2], ab1[3], cd1[2], cd1[3])
      ))
  }
}

extension SIMD2: TransposableLanes where Scalar == Double {
  @inline(__always)
  static func transposed(_ v: UnsafePointer<Self>, stride: Int) -> TransposedRows<Self> {
    let (a, b) = (v[0], v[stride])
    return TransposedRows(rows: (SIMD2(a[0], b[0]), SIMD2(a[1], b[1]), SIMD2(), SIMD2()))
  }
}

/// Whether every entry of `A` (`k` rows of `m`, stored `k × m` with row stride `aColumn`) is
/// finite: `x − x` is 0 for a finite `x` and NaN otherwise, summed over each row.
@inline(__always)
func allFinite<H: SIMD>(_ o: GEMMOperands<H.Scalar>, half: H.Type) -> Bool
where H.Scalar: BinaryFloatingPoint {
  let lanes = H.scalarCount
  let s = MemoryLayout<H>.stride
  var sums = (H(), H(), H(), H())
  var sum: H.Scalar = 0
  for p in 0..<o.k {
    let row = UnsafeRawPointer(o.a + p * o.aColumn)
    var i = 0
    while i + 4 * lanes <= o.m {
      let x = row + i * MemoryLayout<H.Scalar>.stride
      let x0 = x.loadUnaligned(as: H.self)
      let x1 = x.loadUnaligned(fromByteOffset: s, as: H.self)
      let x2 = x.loadUnaligned(fromByteOffset: 2 * s, as: H.self)
      let x3 = x.loadUnaligned(fromByteOffset: 3 * s, as: H.self)
      sums = (sums.0 + (x0 - x0), sums.1 + (x1 - x1), sums.2 + (x2 - x2), sums.3 + (x3 - x3))
      i += 4 * lanes
    }
    while i < o.m {
      let x = o.a[p * o.aColumn + i]
      sum += x - x
      i += 1
    }
  }
  return sum == 0 && (sums.0 + sums.1) + (sums.2 + sums.3) == H()
}
