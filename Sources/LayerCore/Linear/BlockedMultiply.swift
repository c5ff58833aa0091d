/// The depth of a packed panel (`kc`): a `kc × width` micro-panel of `B` (8 KiB in `Float` or
/// `Double`) stays in L1 while the tile loops over `A`.
let panelDepth = 256

/// The rows of `A` packed at once (`mc`): `mc × kc` scalars (96 KiB in `Float`, 192 KiB in
/// `Double`) stay in L2. A multiple of both tile heights (4 and 6).
let panelRows = 96

/// The columns of `B` packed at once (`nc`): `kc × nc` scalars, for L2/L3.
let panelColumns = 1024

/// The largest product (`m · n · k` multiply-adds, per core) whose full panels are read in
/// place instead of packed: the products of a small network's training step.
let directProductLimit = 1 << 22

/// The serial cache-blocked product, GotoBLAS-style: for each `nc`-column block and
/// `kc`-deep slice, pack `B` into `width`-column micro-panels, then for each `mc`-row block
/// pack `A` into `tileRows`-row micro-panels (4 or 6) and run the register tile over every
/// (row, column) tile. The vector type `V` sets the tile width, e.g. `SIMD8<Float>` (two SSE
/// registers) or `SIMD4<Double>`; ``GEMMTile`` picks the pair. `H` is half of `V`
/// (`SIMD4<Float>` for `SIMD8<Float>`): a right edge of at most half a tile runs on it, so that
/// the 50 columns of a 784-50 layer cost 52 columns of work, not 56. (In the narrow case a `C`
/// that narrow goes to ``rowPanelMultiply(_:half:)`` instead.)
@inline(__always)
func blockedMultiply<V: SIMD, H: SIMD>(
  _ o: GEMMOperands<V.Scalar>, tileRows: Int, vector: V.Type, half: H.Type
) where V.Scalar: BinaryFloatingPoint, H.Scalar == V.Scalar {
  let width = V.scalarCount
  precondition(2 * H.scalarCount == width, "blockedMultiply: H must be half of V")
  guard o.m > 0, o.n > 0 else { return }
  guard o.k > 0 else {
    o.scaleC()
    return
  }
  let kc = min(panelDepth, o.k)
  let mcMax = min(panelRows, (o.m + tileRows - 1) / tileRows * tileRows)
  let ncMax = min(panelColumns, (o.n + width - 1) / width * width)
  let packedA = UnsafeMutablePointer<V.Scalar>.allocate(capacity: mcMax * kc)
  let packedB = UnsafeMutablePointer<V.Scalar>.allocate(capacity: kc * ncMax)
  defer {
    packedA.deallocate()
    packedB.deallocate()
  }
  // Small products read full panels of A and B where they lie, without packing them: when
  // the 4 rows of a step are evenly spaced (always) and B's rows are contiguous. Packing pays
  // only when a panel is reused by many tiles; large products keep it (and avoid the cache
  // conflicts of power-of-two strides).
  let direct = o.m * o.n * o.k <= directProductLimit
  let directB = direct && o.bColumn == 1
  var jc = 0
  while jc < o.n {
    let nc = min(panelColumns, o.n - jc)
    let fullColumns = directB ? nc / width * width : 0
    var pc = 0
    while pc < o.k {
      let depth = min(kc, o.k - pc)
      let beta = pc == 0 ? o.beta : 1
      // Packed columns: full-width panels, then a half-width one for an edge of ≤ width/2.
      let packedCount = nc - fullColumns
      let edge = packedCount % width
      let wideCount = edge > 0 && 2 * edge <= width ? packedCount - edge : packedCount
      packPanelB(
        o, into: packedB, rows: pc, depth: depth, columns: jc + fullColumns, count: wideCount,
        width: width)
      if wideCount < packedCount {
        packPanelB(
          o, into: packedB + wideCount * depth, rows: pc, depth: depth,
          columns: jc + fullColumns + wideCount, count: edge, width: width / 2)
      }
      let halfStart = fullColumns + wideCount
      var ic = 0
      while ic < o.m {
        let mc = min(panelRows, o.m - ic)
        let fullRows = direct ? mc / tileRows * tileRows : 0
        packPanelA(
          o, into: packedA, rows: ic + fullRows, count: mc - fullRows, columns: pc, depth: depth,
          tileRows: tileRows)
        var jr = 0
        while jr < nc {
          let (b, bStep) =
            jr < fullColumns
            ? (o.b + pc * o.bRow + jc + jr, o.bRow)
            : (UnsafePointer(packedB + (jr - fullColumns) * depth), width)
          var ir = 0
          while ir < mc {
            let (a, aStrides) =
              ir < fullRows
              ? (o.a + (ic + ir) * o.aRow + pc * o.aColumn, (o.aRow, o.aColumn))
              : (UnsafePointer(packedA + (ir - fullRows) * depth), (1, tileRows))
            let c = o.c + (ic + ir) * o.ldc + jc + jr
            let rows = min(tileRows, mc - ir)
            if jr >= halfStart {
              microKernel(
                tile: tileRows, depth: depth, a: a, aStrides: aStrides, b: b, bStep: width / 2,
                c: c, ldc: o.ldc, rows: rows, columns: nc - jr, beta: beta, vector: H.self)
            } else {
              microKernel(
                tile: tileRows, depth: depth, a: a, aStrides: aStrides, b: b, bStep: bStep,
                c: c, ldc: o.ldc, rows: rows, columns: min(width, nc - jr), beta: beta,
                vector: V.self)
            }
            ir += tileRows
          }
          jr += width
        }
        ic += mc
      }
      pc += depth
    }
    jc += nc
  }
}

/// Packs rows `rows ..< rows + count`, columns `columns ..< columns + depth` of `A` as
/// `tileRows`-row micro-panels: panel `t`, step `p` holds `A[rows + tileRows·t + r, columns + p]`
/// for `r` in `0..<tileRows`, zero past the last row.
@inline(__always)
func packPanelA<Scalar: BinaryFloatingPoint>(
  _ o: GEMMOperands<Scalar>, into packed: UnsafeMutablePointer<Scalar>, rows: Int, count: Int,
  columns: Int, depth: Int, tileRows: Int
) {
  var destination = packed
  var t = 0
  while t < count {
    let live = min(tileRows, count - t)
    let base = o.a + (rows + t) * o.aRow + columns * o.aColumn
    for p in 0..<depth {
      let source = base + p * o.aColumn
      for r in 0..<tileRows { destination[r] = r < live ? source[r * o.aRow] : 0 }
      destination += tileRows
    }
    t += tileRows
  }
}

/// Packs rows `rows ..< rows + depth`, columns `columns ..< columns + count` of `B` as
/// `width`-column micro-panels: panel `t`, step `p` holds `B[rows + p, columns + width·t + j]`
/// for `j` in 0..<width, zero past the last column.
@inline(__always)
func packPanelB<Scalar: BinaryFloatingPoint>(
  _ o: GEMMOperands<Scalar>, into packed: UnsafeMutablePointer<Scalar>, rows: Int, depth: Int,
  columns: Int, count: Int, width: Int
) {
  var destination = packed
  var t = 0
  while t < count {
    let live = min(width, count - t)
    let base = o.b + rows * o.bRow + (columns + t) * o.bColumn
    for p in 0..<depth {
      let source = base + p * o.bRow
      if live == width && o.bColumn == 1 {
        for j in 0..<width { destination[j] = source[j] }
      } else {
        for j in 0..<width { destination[j] = j < live ? source[j * o.bColumn] : 0 }
      }
      destination += width
    }
    t += width
  }
}
