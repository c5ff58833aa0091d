/// The product for a narrow `C` (at most ``rowPanelMaxColumns`` columns: a dense layer's
/// forward pass `X · W` and its input gradient `dY · Wᵀ`) in the narrow-tile case, one row of
/// `C` at a time.
///
/// The columns of `C` are cut into blocks of at most ``rowPanelMaxVectors`` half vectors
/// (`SIMD4<Float>`, `SIMD2<Double>`), 13 · 4 = 52 ≥ 50 columns in one block for `Float`. For
/// each block and ``panelDepth``-deep slice of `B`, the slice is packed (aligned, zero past the
/// last column), then each row of `C` keeps the whole block in registers: per step, one entry
/// of `A` is broadcast and multiplied with every vector of the packed row of `B`. On SSE2 that
/// is three instructions per vector multiply-add (a copy of the broadcast, a multiply reading
/// `B` from memory, an add) and one broadcast per 13: against four in the 4 × 8 tile of
/// ``blockedMultiply(_:tileRows:vector:half:)``, whose 4-column edge of a 50-column `C` costs
/// five for two live lanes.
///
/// Every entry is the same sum in the same order as in the blocked product (`p` ascending from
/// 0 in slices of ``panelDepth``, each slice added to `β · C`, then to `C`), so the results are
/// bit-identical.
@inline(__always)
func rowPanelMultiply<H: SIMD>(_ o: GEMMOperands<H.Scalar>, half: H.Type)
where H.Scalar: BinaryFloatingPoint {
  guard o.m > 0, o.n > 0 else { return }
  guard o.k > 0 else {
    o.scaleC()
    return
  }
  let lanes = H.scalarCount
  let vectors = (o.n + lanes - 1) / lanes
  let blocks = (vectors + rowPanelMaxVectors - 1) / rowPanelMaxVectors
  let kc = min(panelDepth, o.k)
  let packed = UnsafeMutablePointer<H>.allocate(capacity: kc * min(vectors, rowPanelMaxVectors))
  let sums = UnsafeMutablePointer<H>.allocate(capacity: rowPanelMaxVectors)
  defer {
    packed.deallocate()
    sums.deallocate()
  }
  var first = 0
  for block in 0..<blocks {
    // As even as the blocks can be: 25 `Double` vectors as 13 + 12.
    let count = (vectors - first + blocks - block - 1) / (blocks - block)
    let column = first * lanes
    let columns = min(count * lanes, o.n - column)
    var pc = 0
    while pc < o.k {
      let depth = min(kc, o.k - pc)
      packRowPanel(o, into: packed, rows: pc, depth: depth, column: column, vectors: count)
      let panel = RowPanel(
        b: UnsafePointer(packed), depth: depth, step: pc, column: column, columns: columns,
        beta: pc == 0 ? o.beta : 1)
      switch count {
      case 1: rowPanelRows(OneVector.self, o, panel, sums)
      case 2: rowPanelRows(TwoVectors.self, o, panel, sums)
      case 3: rowPanelRows(ThreeVectors.self, o, panel, sums)
      case 4: rowPanelRows(FourVectors.self, o, panel, sums)
      case 5: rowPanelRows(FiveVectors.self, o, panel, sums)
      case 6: rowPanelRows(SixVectors.self, o, panel, sums)
      case 7: rowPanelRows(SevenVectors.self, o, panel, sums)
      case 8: rowPanelRows(EightVectors.self, o, panel, sums)
      case 9: rowPanelRows(NineVectors.self, o, panel, sums)
      case 10: rowPanelRows(TenVectors.self, o, panel, sums)
      case 11: rowPanelRows(ElevenVectors.self, o, panel, sums)
      case 12: rowPanelRows(TwelveVectors.self, o, panel, sums)
      default: rowPanelRows(ThirteenVectors.self, o, panel, sums)
      }
      pc += depth
    }
    first += count
  }
}

/// The most half vectors a row of ``rowPanelMultiply(_:half:)`` holds in registers: 13
/// accumulators, the broadcast and its copy fill 15 of SSE2's 16 XMM registers.
let rowPanelMaxVectors = 13

/// The widest `C` ``rowPanelMultiply(_:half:)`` serves: 64 columns.
let rowPanelMaxColumns = 64

/// Whether ``rowPanelMultiply(_:half:)`` serves `o`: a `C` of at most ``rowPanelMaxColumns``
/// columns (a dense layer's output, or its input in the backward pass of a narrow layer).
func prefersRowPanel<Scalar>(_ o: GEMMOperands<Scalar>) -> Bool {
  o.n <= rowPanelMaxColumns
}

/// One packed slice of a column block of `B` and where its sums go in `C`.
struct RowPanel<H: SIMD> {
  /// The packed slice: step `p`, vector `q` at `b[p · vectors + q]`.
  var b: UnsafePointer<H>
  /// Steps in the slice.
  var depth: Int
  /// The slice's first step (column of `A`).
  var step: Int
  /// The block's first column of `C`.
  var column: Int
  /// The block's columns of `C` (fewer than `vectors · lanes` at the right edge).
  var columns: Int
  /// `β` for this slice: the product's on the first slice, then 1.
  var beta: H.Scalar
}

/// Packs rows `rows ..< rows + depth` of `B`, columns `column ..< column + vectors · lanes`,
/// as aligned half vectors, zero past the last column.
@inline(__always)
func packRowPanel<H: SIMD>(
  _ o: GEMMOperands<H.Scalar>, into packed: UnsafeMutablePointer<H>, rows: Int, depth: Int,
  column: Int, vectors: Int
) where H.Scalar: BinaryFloatingPoint {
  let lanes = H.scalarCount
  let live = o.n - column
  // Vectors copied whole: B's rows contiguous and all lanes inside C.
  let whole = o.bColumn == 1 ? min(vectors, live / lanes) : 0
  for p in 0..<depth {
    let source = o.b + (rows + p) * o.bRow + column * o.bColumn
    let destination = packed + p * vectors
    for q in 0..<whole {
      destination[q] = UnsafeRawPointer(source + q * lanes).loadUnaligned(as: H.self)
    }
    for q in whole..<vectors {
      var v = H()
      for l in 0..<lanes where q * lanes + l < live { v[l] = source[(q * lanes + l) * o.bColumn] }
      destination[q] = v
    }
  }
}

/// Every row of `C` over one packed slice of a block of `W.vectors` half vectors.
func rowPanelRows<H: SIMD, W: VectorCount>(
  _: W.Type, _ o: GEMMOperands<H.Scalar>, _ panel: RowPanel<H>, _ sums: UnsafeMutablePointer<H>
) where H.Scalar: BinaryFloatingPoint {
  let lanes = H.scalarCount
  let fullVectors = panel.columns / lanes
  for i in 0..<o.m {
    rowPanelSums(
      W.self, depth: panel.depth, a: o.a + i * o.aRow + panel.step * o.aColumn,
      aStep: o.aColumn, b: panel.b, into: sums)
    let row = o.c + i * o.ldc + panel.column
    for q in 0..<fullVectors {
      store(sums[q], to: row + q * lanes, beta: panel.beta)
    }
    for j in (fullVectors * lanes)..<panel.columns {
      let sum = sums[j / lanes][j % lanes]
      row[j] = panel.beta == 0 ? sum : sum + panel.beta * row[j]
    }
  }
}

/// `sums[q] = Σ_p A[p] · b[p · W.vectors + q]` for `q < W.vectors`, `p` ascending over `depth`
/// steps (`A[p]` at `a + p · aStep`), the sums held in registers.
@inline(__always)
func rowPanelSums<H: SIMD, W: VectorCount>(
  _: W.Type, depth: Int, a: UnsafePointer<H.Scalar>, aStep: Int, b: UnsafePointer<H>,
  into sums: UnsafeMutablePointer<H>
) where H.Scalar: BinaryFloatingPoint {
  let v = W.vectors
  var c = (H(), H(), H(), H(), H(), H(), H(), H(), H(), H(), H(), H(), H())
  var pa = a
  var pb = b
  for _ in 0..<depth {
    let x = H(repeating: pa.pointee)
    c.0 = x * pb[0] + c.0
    if v > 1 { c.1 = x * pb[1] + c.1 }
    if v > 2 { c.2 = x * pb[2] + c.2 }
    if v > 3 { c.3 = x * pb[3] + c.3 }
    if v > 4 { c.4 = x * pb[4] + c.4 }
    if v > 5 { c.5 = x * pb[5] + c.5 }
    if v > 6 { c.6 = x * pb[6] + c.6 }
    if v > 7 { c.7 = x * pb[7] + c.7 }
    if v > 8 { c.8 = x * pb[8] + c.8 }
    if v > 9 { c.9 = x * pb[9] + c.9 }
    if v > 10 { c.10 = x * pb[10] + c.10 }
    if v > 11 { c.11 = x * pb[11] + c.11 }
    if v > 12 { c.12 = x * pb[12] + c.12 }
    pa += aStep
    pb += v
  }
  sums[0] = c.0
  if v > 1 { sums[1] = c.1 }
  if v > 2 { sums[2] = c.2 }
  if v > 3 { sums[3] = c.3 }
  if v > 4 { sums[4] = c.4 }
  if v > 5 { sums[5] = c.5 }
  if v > 6 { sums[6] = c.6 }
  if v > 7 { sums[7] = c.7 }
  if v > 8 { sums[8] = c.8 }
  if v > 9 { sums[9] = c.9 }
  if v > 10 { sums[10] = c.10 }
  if v > 11 { sums[11] = c.11 }
  if v > 12 { sums[12] = c.12 }
}
