// The chunked SIMD loop behind the vectorised batched paths.

extension Activation {
  /// The chunked loop: whole vectors of `V` through `laneValue` and `laneDerivative`, the
  /// remainder through the scalar functions. A `nil` output is skipped; the switch on the
  /// outputs is outside the loops. Always inlined, so the two lane closures are too.
  @inlinable @inline(__always)
  public func lanewise<V: SIMD>(
    _ x: UnsafeBufferPointer<V.Scalar>, values: UnsafeMutableBufferPointer<V.Scalar>?,
    derivatives: UnsafeMutableBufferPointer<V.Scalar>?, lanes laneValue: (V) -> V,
    _ laneDerivative: (V) -> V
  ) where V.Scalar: LayerScalar {
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
        UnsafeMutableRawPointer(f + i).storeBytes(of: laneValue(v), as: V.self)
        UnsafeMutableRawPointer(d + i).storeBytes(of: laneDerivative(v), as: V.self)
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
        UnsafeMutableRawPointer(f + i).storeBytes(of: laneValue(v), as: V.self)
        i += width
      }
      for j in whole..<count { f[j] = value(at: input[j]) }
    case (nil, let d?):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(d + i).storeBytes(of: laneDerivative(v), as: V.self)
        i += width
      }
      for j in whole..<count { d[j] = derivative(at: input[j]) }
    case (nil, nil):
      return
    }
  }

  /// f and f' together, whole vectors of `V` through `lanePair`, which can share work between
  /// the two (an exponential, say); the remainder through the scalar functions.
  @inlinable @inline(__always)
  public func lanewise<V: SIMD>(
    _ x: UnsafeBufferPointer<V.Scalar>, values: UnsafeMutableBufferPointer<V.Scalar>,
    derivatives: UnsafeMutableBufferPointer<V.Scalar>, pairs lanePair: (V) -> (V, V)
  ) where V.Scalar: LayerScalar {
    precondition(
      values.count == x.count && derivatives.count == x.count,
      "batched activation needs buffers of equal count")
    guard let input = x.baseAddress, let f = values.baseAddress, let d = derivatives.baseAddress
    else { return }
    let count = x.count
    let width = V.scalarCount
    let whole = count - count % width
    var i = 0
    while i < whole {
      let (value, slope) = lanePair(UnsafeRawPointer(input + i).loadUnaligned(as: V.self))
      UnsafeMutableRawPointer(f + i).storeBytes(of: value, as: V.self)
      UnsafeMutableRawPointer(d + i).storeBytes(of: slope, as: V.self)
      i += width
    }
    for j in whole..<count {
      let xj = input[j]
      f[j] = value(at: xj)
      d[j] = derivative(at: xj)
    }
  }
}
