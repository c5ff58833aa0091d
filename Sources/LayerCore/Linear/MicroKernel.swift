/// The register tile: `C[0..<rows, 0..<columns] = Σ_p a[p] ⊗ b[p] + β · C` over `depth` steps
/// of a `tile`-row panel of `A` (`tile` is 4 or 6; row `r`, step `p` at
/// `a[r · aStrides.row + p · aStrides.step]`: `(1, tile)` when packed) and a one-vector panel of
/// `B` (step `p` at `b + p · bStep`: `width` when packed). All `tile` rows and the whole vector
/// are read, so edge panels must be packed.
///
/// Each step broadcasts one entry of `A` per row and multiplies it with the `B` vector into that
/// row's accumulator. The update is `a * b + c`, not `addingProduct`, which on baseline x86-64
/// (no FMA) becomes a libm call per lane; every entry of `C` is the same sum in the same order
/// whatever the tile, so the tiles give bit-identical results. A partial tile (at the right or
/// bottom edge) is written element by element.
@inline(__always)
func microKernel<V: SIMD>(
  tile: Int, depth: Int, a: UnsafePointer<V.Scalar>, aStrides: (row: Int, step: Int),
  b: UnsafePointer<V.Scalar>, bStep: Int,
  c: UnsafeMutablePointer<V.Scalar>, ldc: Int, rows: Int, columns: Int, beta: V.Scalar,
  vector: V.Type
) where V.Scalar: BinaryFloatingPoint {
  let width = V.scalarCount
  var c0 = V()
  var c1 = V()
  var c2 = V()
  var c3 = V()
  var c4 = V()
  var c5 = V()
  let r1 = aStrides.row
  let r2 = 2 * r1
  let r3 = 3 * r1
  let r4 = 4 * r1
  let r5 = 5 * r1
  var pa = a
  var pb = UnsafeRawPointer(b)
  let bBytes = bStep * MemoryLayout<V.Scalar>.stride
  if tile == 6 {
    for _ in 0..<depth {
      let bv = pb.loadUnaligned(as: V.self)
      c0 = V(repeating: pa[0]) * bv + c0
      c1 = V(repeating: pa[r1]) * bv + c1
      c2 = V(repeating: pa[r2]) * bv + c2
      c3 = V(repeating: pa[r3]) * bv + c3
      c4 = V(repeating: pa[r4]) * bv + c4
      c5 = V(repeating: pa[r5]) * bv + c5
      pa += aStrides.step
      pb += bBytes
    }
  } else {
    for _ in 0..<depth {
      let bv = pb.loadUnaligned(as: V.self)
      c0 = V(repeating: pa[0]) * bv + c0
      c1 = V(repeating: pa[r1]) * bv + c1
      c2 = V(repeating: pa[r2]) * bv + c2
      c3 = V(repeating: pa[r3]) * bv + c3
      pa += aStrides.step
      pb += bBytes
    }
  }
  if rows == tile && columns == width {
    store(c0, to: c, beta: beta)
    store(c1, to: c + ldc, beta: beta)
    store(c2, to: c + 2 * ldc, beta: beta)
    store(c3, to: c + 3 * ldc, beta: beta)
    if tile == 6 {
      store(c4, to: c + 4 * ldc, beta: beta)
      store(c5, to: c + 5 * ldc, beta: beta)
    }
    return
  }
  for r in 0..<rows {
    let acc = r == 0 ? c0 : r == 1 ? c1 : r == 2 ? c2 : r == 3 ? c3 : r == 4 ? c4 : c5
    let row = c + r * ldc
    for j in 0..<columns {
      row[j] = beta == 0 ? acc[j] : acc[j] + beta * row[j]
    }
  }
}

/// Writes one full row of the tile: `acc`, `acc + C` or `acc + β · C`.
@inline(__always)
func store<V: SIMD>(_ acc: V, to c: UnsafeMutablePointer<V.Scalar>, beta: V.Scalar)
where V.Scalar: BinaryFloatingPoint {
  let raw = UnsafeMutableRawPointer(c)
  if beta == 0 {
    raw.storeBytes(of: acc, as: V.self)
  } else if beta == 1 {
    raw.storeBytes(of: acc + raw.loadUnaligned(as: V.self), as: V.self)
  } else {
    raw.storeBytes(of: acc + V(repeating: beta) * raw.loadUnaligned(as: V.self), as: V.self)
  }
}
