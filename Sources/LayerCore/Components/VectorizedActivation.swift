/// An activation that also evaluates f and f' on `SIMD8<Double>` vectors, for the batched API.
///
/// Conform when the formula is a handful of lanewise operations (comparisons, selects,
/// `+ - * /`) whose scalar loop the compiler does not vectorise in `Double`: with the default
/// target (SSE2, two `Double` lanes) its cost model keeps the branches of most piecewise
/// activations, about 150 M elements/s on random inputs. The `Double` batched requirements of
/// ``Activation`` then run `SIMD8<Double>` chunks (64 bytes, one AVX-512 register) through the
/// lane functions, and the scalar functions for the tail.
///
/// `Float` keeps the scalar loop: the compiler vectorises the same piecewise loops in `Float`
/// by itself, and measured as fast as or faster than hand-written `SIMD16<Float>`.
///
/// The lane functions take a concrete vector type on purpose: the standard library's concrete
/// `SIMD8<Double>` operators compile to vector instructions, while the same expression written
/// generically over `V: SIMD` runs lane by lane (about 20 times slower).
///
/// Each lane must give exactly what the scalar function gives for that element, NaN, ±0 and
/// ±infinity included; the batched tests compare them bit for bit. Write `a * b + c`, not
/// `addingProduct`: without a `-target-cpu` that has FMA, the latter is a libm call per lane.
public protocol VectorizedActivation: Activation {
  /// f on every lane; lane i must equal `value(at: x[i])`.
  func value(lanes x: SIMD8<Double>) -> SIMD8<Double>
  /// f' on every lane; lane i must equal `derivative(at: x[i])`.
  func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double>
}

extension VectorizedActivation {
  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: values, derivatives: nil, lanes: { (v: SIMD8<Double>) in value(lanes: v) },
      { derivative(lanes: $0) })
  }

  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { (v: SIMD8<Double>) in value(lanes: v) },
      { derivative(lanes: $0) })
  }

  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: values, derivatives: derivatives, lanes: { (v: SIMD8<Double>) in value(lanes: v) },
      { derivative(lanes: $0) })
  }
}
