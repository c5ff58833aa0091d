#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The register tile of the `Float` and `Double` products, chosen once per type by timing.
///
/// - `narrow`: 4 rows × `SIMD8<Float>` / `SIMD4<Double>`: 8 accumulator registers on SSE2, the
///   most the 16 XMM registers hold beside the `B` vector and a broadcast. A `C` of at most 64
///   columns takes ``rowPanelMultiply(_:half:)`` instead (13 accumulators a row), a weight
///   gradient ``broadcastBMultiply(_:half:)`` or ``sparseBMultiply(_:half:)``.
/// - `wide`: 6 rows × `SIMD16<Float>` / `SIMD8<Double>`: 6 accumulator registers with AVX-512
///   (or 12 with AVX2), enough independent sums to hide the add latency; on SSE2 it spills.
///
/// Swift has no compile-time test for the instruction set (`-target-cpu native` defines no
/// condition), so the first product of each type times both tiles on a small product and keeps
/// the faster (in release builds); the environment variable `LAYERKIT_GEMM_TILE=narrow` or
/// `wide` skips the timing. Both compute every entry as the same sum in the same order, so the
/// choice changes the speed, never a result.
enum GEMMTile: Sendable, CaseIterable {
  case narrow, wide

  /// Rows of the register tile.
  var rows: Int { self == .narrow ? 4 : 6 }
}

/// The tile `Float` products use (timed on first use).
let floatTile: GEMMTile = requestedTile ?? fasterTile { tile, o in multiplyFloat(o, tile: tile) }

/// The tile `Double` products use (timed on first use).
let doubleTile: GEMMTile =
  requestedTile ?? fasterTile { tile, o in multiplyDouble(o, tile: tile) }

/// The tile named by the environment variable `LAYERKIT_GEMM_TILE` (`narrow` or `wide`).
let requestedTile: GEMMTile? = {
  #if canImport(Glibc) || canImport(Darwin)
    guard let value = getenv("LAYERKIT_GEMM_TILE") else { return nil }
    switch String(cString: value) {
    case "narrow": return .narrow
    case "wide": return .wide
    default: return nil
    }
  #else
    return nil
  #endif
}()

/// The register tile `matrixMultiply` uses for `type`, as `rows×columns`: `"4×8"` or `"6×16"`
/// for `Float`, `"4×4"` or `"6×8"` for `Double` (the first call times the two, unless the
/// environment variable `LAYERKIT_GEMM_TILE` is `narrow` or `wide`), `nil` for the scalars that
/// take the portable row loop.
public func matrixMultiplyTile<T: LayerScalar>(for type: T.Type) -> String? {
  if T.self == Float.self { return floatTile == .narrow ? "4×8" : "6×16" }
  if T.self == Double.self { return doubleTile == .narrow ? "4×4" : "6×8" }
  return nil
}

/// The tile for which `run` finishes a 24×64×128 product (serial, read in place: the shape of
/// a small network's step) sooner: the best of 3 alternating rounds of 2 products each, after
/// one warm-up product per tile.
///
/// A debug build keeps the narrow tile without timing: unoptimized code says nothing about the
/// tiles' speed, and the timing would cost every test process seconds.
func fasterTile<Scalar: BinaryFloatingPoint>(
  _ run: (GEMMTile, GEMMOperands<Scalar>) -> Void
) -> GEMMTile {
  #if DEBUG
    return .narrow
  #else
    return timedTile(run)
  #endif
}

/// The body of ``fasterTile(_:)``.
func timedTile<Scalar: BinaryFloatingPoint>(
  _ run: (GEMMTile, GEMMOperands<Scalar>) -> Void
) -> GEMMTile {
  let (m, n, k) = (24, 64, 128)
  let a = UnsafeMutablePointer<Scalar>.allocate(capacity: m * k)
  let b = UnsafeMutablePointer<Scalar>.allocate(capacity: k * n)
  let c = UnsafeMutablePointer<Scalar>.allocate(capacity: m * n)
  defer {
    a.deallocate()
    b.deallocate()
    c.deallocate()
  }
  for i in 0..<(m * k) { a[i] = Scalar(i % 7) - 3 }
  for i in 0..<(k * n) { b[i] = Scalar(i % 5) - 2 }
  c.initialize(repeating: 0, count: m * n)
  let o = GEMMOperands(
    a: UnsafePointer(a), aRow: k, aColumn: 1, b: UnsafePointer(b), bRow: n, bColumn: 1, c: c,
    ldc: n, m: m, n: n, k: k, beta: 0)
  var best: [GEMMTile: Double] = [:]
  for tile in GEMMTile.allCases { run(tile, o) }
  for _ in 0..<3 {
    for tile in GEMMTile.allCases {
      let start = monotonicSeconds()
      run(tile, o)
      run(tile, o)
      best[tile] = min(best[tile] ?? .infinity, monotonicSeconds() - start)
    }
  }
  return (best[.wide] ?? .infinity) < (best[.narrow] ?? 0) ? .wide : .narrow
}
