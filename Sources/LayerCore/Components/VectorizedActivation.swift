/// An activation that also evaluates f and f' on SIMD vectors, for the batched API.
///
/// Conform when the formula is a handful of lanewise operations (comparisons, selects,
/// `+ - * /`): the `Float` and `Double` batched requirements of ``Activation`` then run
/// `SIMD16<Float>` and `SIMD8<Double>` chunks (64 bytes, one AVX-512 register) through
/// ``value(lanes:)`` and ``derivative(lanes:)``, and the scalar functions for the tail.
///
/// Each lane must give exactly what the scalar function gives for that element, NaN, ±0 and
/// ±infinity included; the batched tests compare them bit for bit. Write `a * b + c`, not
/// `addingProduct`: without `-target-cpu` supporting FMA, the latter is a libm call per lane.
public protocol VectorizedActivation: Activation {
  /// f on every lane; lane i must equal `value(at: x[i])`.
  func value<V: SIMD>(lanes x: V) -> V where V.Scalar: BinaryFloatingPoint

  /// f' on every lane; lane i must equal `derivative(at: x[i])`.
  func derivative<V: SIMD>(lanes x: V) -> V where V.Scalar: BinaryFloatingPoint
}

extension VectorizedActivation {
  /// SIMD16 chunks, then the scalar tail.
  @inlinable
  public func values(_ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>)
  { lanewise(x, values: values, derivatives: nil, lanes: SIMD16<Float>.self) }

  /// SIMD16 chunks, then the scalar tail.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: SIMD16<Float>.self) }

  /// SIMD16 chunks, then the scalar tail.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, lanes: SIMD16<Float>.self) }

  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: nil, lanes: SIMD8<Double>.self) }

  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: SIMD8<Double>.self) }

  /// SIMD8 chunks, then the scalar tail.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, lanes: SIMD8<Double>.self) }

  /// The chunked loop: whole vectors of `V` through the lane functions, the remainder through
  /// the scalar ones. A `nil` output is skipped; the branch on it is hoisted out of the loop.
  @inlinable
  public func lanewise<V: SIMD>(
    _ x: UnsafeBufferPointer<V.Scalar>, values: UnsafeMutableBufferPointer<V.Scalar>?,
    derivatives: UnsafeMutableBufferPointer<V.Scalar>?, lanes: V.Type
  ) where V.Scalar: BinaryFloatingPoint & LayerScalar {
    precondition(
      (values?.count ?? x.count) == x.count && (derivatives?.count ?? x.count) == x.count,
      "batched activation needs buffers of equal count")
    guard let input = x.baseAddress else { return }
    let count = x.count
    let width = V.scalarCount
    let whole = count - count % width
    let f = values?.baseAddress
    let d = derivatives?.baseAddress
    var i = 0
    switch (f, d) {
    case (let f?, let d?):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(f + i).storeBytes(of: value(lanes: v), as: V.self)
        UnsafeMutableRawPointer(d + i).storeBytes(of: derivative(lanes: v), as: V.self)
        i += width
      }
      for j in whole..<count {
        let xj = input[j]
        f[j] = value(at: xj)
        d[j] = derivative(at: xj)
      }
    case (let f?, nil):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(f + i).storeBytes(of: value(lanes: v), as: V.self)
        i += width
      }
      for j in whole..<count { f[j] = value(at: input[j]) }
    case (nil, let d?):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(d + i).storeBytes(of: derivative(lanes: v), as: V.self)
        i += width
      }
      for j in whole..<count { d[j] = derivative(at: input[j]) }
    case (nil, nil):
      return
    }
  }
}
