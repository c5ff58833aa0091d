/// The product `C = Aᵀ-stored · B` (A stored `k × m`, so that column `i` of `op(A)` is a
/// contiguous run of row `p` of the buffer) with `B` small: a layer's weight gradient
/// `Xᵀ · dZ`, 784×64 · 64×50 in the seeds' network.
///
/// It computes `Cᵀ` tile by tile instead: the vector runs along `i`, which is contiguous in
/// `A`, and the broadcast entries come from `B`, which is packed once, already broadcast into
/// half-width vectors (`SIMD4<Float>`, `SIMD2<Double>`). The register tile is 5 columns of `C`
/// × 2 half vectors of rows: each step loads two vectors of `A` and, per column, one packed
/// broadcast. No shuffle runs in the loop (SSE2 has no broadcast load, so the 4-row tile spends
/// one per row and step): 3.5 instructions per vector multiply-add instead of 4. Five columns
/// tile 50, 25 and 10 exactly. `C` is written transposed, element by element, once per tile.
///
/// Every entry is the same sum in the same order as in
/// ``blockedMultiply(_:tileRows:vector:half:)`` (`p` ascending from 0 in slices of
/// ``panelDepth``, each slice added to `C`), so the results are bit-identical.
@inline(__always)
func broadcastBMultiply<H: SIMD>(_ o: GEMMOperands<H.Scalar>, half: H.Type)
where H.Scalar: BinaryFloatingPoint {
  let columns = broadcastColumns
  let lanes = H.scalarCount
  let width = 2 * lanes
  guard o.m > 0, o.n > 0 else { return }
  let tiles = (o.n + columns - 1) / columns
  let k = max(o.k, 0)
  let packedB = UnsafeMutablePointer<H>.allocate(capacity: max(1, tiles * k * columns))
  let edge = UnsafeMutablePointer<H.Scalar>.allocate(capacity: max(1, k * width))
  defer {
    packedB.deallocate()
    edge.deallocate()
  }
  packBroadcast(o, into: packedB, tiles: tiles, columns: columns)
  // A last panel of fewer than `width` rows is copied, zero-padded, so that no load passes the
  // end of `A`.
  let lastPanel = o.m / width * width
  if lastPanel < o.m {
    for p in 0..<k {
      for l in 0..<width {
        edge[p * width + l] = lastPanel + l < o.m ? o.a[lastPanel + l + p * o.aColumn] : 0
      }
    }
  }
  let block = 4 * width  // rows of C per pass over the column tiles: 4 panels of A stay in L1
  var i0 = 0
  while i0 < o.m {
    let blockEnd = min(o.m, i0 + block)
    for t in 0..<tiles {
      var i = i0
      while i < blockEnd {
        let live = min(width, o.m - i)
        let (a, aStep) = live < width ? (UnsafePointer(edge), width) : (o.a + i, o.aColumn)
        // Slices of `panelDepth` steps, each summed from zero and added to `C`, as the
        // blocked product does.
        var pc = 0
        while pc < k {
          broadcastTile(
            depth: min(panelDepth, k - pc), a: a + pc * aStep, aStep: aStep,
            b: packedB + (t * k + pc) * columns, o: o, beta: pc == 0 ? o.beta : 1, row: i,
            rows: live, column: t * columns, columns: min(columns, o.n - t * columns))
          pc += panelDepth
        }
        i += width
      }
    }
    i0 = blockEnd
  }
}

/// Columns of `C` in one register tile of ``broadcastBMultiply(_:half:)``.
let broadcastColumns = 5

/// Whether ``broadcastBMultiply(_:half:)`` serves `o`: `A` is stored transposed (`aRow == 1`),
/// `C` has at least two vectors of rows, and the broadcast copy of `B` (4 `Float` or 2 `Double`
/// per entry) is small: at most 2¹⁴ entries.
func prefersBroadcastB<Scalar>(_ o: GEMMOperands<Scalar>) -> Bool {
  o.aRow == 1 && o.aColumn >= o.m && o.m >= 16 && o.k >= 1 && o.n * o.k <= 1 << 14
}

/// Packs `B` as broadcast half vectors: tile `t`, step `p`, column `r` holds
/// `H(repeating: B[p, t·columns + r])`, zero past the last column.
@inline(__always)
func packBroadcast<H: SIMD>(
  _ o: GEMMOperands<H.Scalar>, into packed: UnsafeMutablePointer<H>, tiles: Int, columns: Int
) where H.Scalar: BinaryFloatingPoint {
  var destination = packed
  for t in 0..<tiles {
    for p in 0..<o.k {
      for r in 0..<columns {
        let j = t * columns + r
        destination[r] = H(repeating: j < o.n ? o.b[p * o.bRow + j * o.bColumn] : 0)
      }
      destination += columns
    }
  }
}

/// One register tile: `C[row + l, column + r] = Σ_p A[p, row + l] · B[p, column + r] + β · C`
/// (`β` given: 1 after the first slice) for `l < rows`, `r < columns`, reading two half vectors
/// of `A` per step at `a + p · aStep` and five packed broadcasts at `b + 5p`.
@inline(__always)
func broadcastTile<H: SIMD>(
  depth: Int, a: UnsafePointer<H.Scalar>, aStep: Int, b: UnsafePointer<H>,
  o: GEMMOperands<H.Scalar>, beta: H.Scalar, row: Int, rows: Int, column: Int, columns: Int
) where H.Scalar: BinaryFloatingPoint {
  var c0 = (H(), H())
  var c1 = (H(), H())
  var c2 = (H(), H())
  var c3 = (H(), H())
  var c4 = (H(), H())
  var pa = UnsafeRawPointer(a)
  let aBytes = aStep * MemoryLayout<H.Scalar>.stride
  let highOffset = MemoryLayout<H>.stride
  var pb = b
  for _ in 0..<depth {
    let low = pa.loadUnaligned(as: H.self)
    let high = pa.loadUnaligned(fromByteOffset: highOffset, as: H.self)
    c0 = (pb[0] * low + c0.0, pb[0] * high + c0.1)
    c1 = (pb[1] * low + c1.0, pb[1] * high + c1.1)
    c2 = (pb[2] * low + c2.0, pb[2] * high + c2.1)
    c3 = (pb[3] * low + c3.0, pb[3] * high + c3.1)
    c4 = (pb[4] * low + c4.0, pb[4] * high + c4.1)
    pa += aBytes
    pb += 5
  }
  let c = o.c + row * o.ldc + column
  storeColumn(c0, to: c, ldc: o.ldc, rows: rows, beta: beta)
  if columns > 1 { storeColumn(c1, to: c + 1, ldc: o.ldc, rows: rows, beta: beta) }
  if columns > 2 { storeColumn(c2, to: c + 2, ldc: o.ldc, rows: rows, beta: beta) }
  if columns > 3 { storeColumn(c3, to: c + 3, ldc: o.ldc, rows: rows, beta: beta) }
  if columns > 4 { storeColumn(c4, to: c + 4, ldc: o.ldc, rows: rows, beta: beta) }
}

/// Writes one column of a register tile of ``broadcastBMultiply(_:half:)``:
/// `c[l · ldc] = acc[l]` (plus `β · c[l · ldc]`) for the first `rows` of its two half vectors.
@inline(__always)
func storeColumn<H: SIMD>(
  _ acc: (H, H), to c: UnsafeMutablePointer<H.Scalar>, ldc: Int, rows: Int, beta: H.Scalar
) where H.Scalar: BinaryFloatingPoint {
  let lanes = H.scalarCount
  if rows == 2 &* lanes {
    if beta == 0 {
      for l in 0..<lanes {
        c[l &* ldc] = acc.0[l]
        c[(l &+ lanes) &* ldc] = acc.1[l]
      }
    } else {
      for l in 0..<lanes {
        c[l &* ldc] = acc.0[l] + beta * c[l &* ldc]
        c[(l &+ lanes) &* ldc] = acc.1[l] + beta * c[(l &+ lanes) &* ldc]
      }
    }
    return
  }
  for l in 0..<rows {
    let value = l < lanes ? acc.0[l] : acc.1[l - lanes]
    c[l * ldc] = beta == 0 ? value : value + beta * c[l * ldc]
  }
}
