// The chunked SIMD loop behind the vectorised batched paths.

extension Activation {
  /// The chunked loop: whole vectors of `V` through `laneValue` and `laneDerivative`, the
  /// remainder too, zero-padded to a vector. A `nil` output is skipped; the switch on the
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
      if whole < count {
        let v = Self.padded(input, from: whole, count: count, as: V.self)
        let (value, slope) = (laneValue(v), laneDerivative(v))
        for j in whole..<count { (f[j], d[j]) = (value[j - whole], slope[j - whole]) }
      }
    case (let f?, nil):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(f + i).storeBytes(of: laneValue(v), as: V.self)
        i += width
      }
      if whole < count {
        let value = laneValue(Self.padded(input, from: whole, count: count, as: V.self))
        for j in whole..<count { f[j] = value[j - whole] }
      }
    case (nil, let d?):
      while i < whole {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(d + i).storeBytes(of: laneDerivative(v), as: V.self)
        i += width
      }
      if whole < count {
        let slope = laneDerivative(Self.padded(input, from: whole, count: count, as: V.self))
        for j in whole..<count { d[j] = slope[j - whole] }
      }
    case (nil, nil):
      return
    }
  }

  /// f and f' together, whole vectors of `V` through `lanePair`, which can share work between
  /// the two (an exponential, say); the remainder zero-padded to a vector.
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
    if whole < count {
      let (value, slope) = lanePair(Self.padded(input, from: whole, count: count, as: V.self))
      for j in whole..<count { (f[j], d[j]) = (value[j - whole], slope[j - whole]) }
    }
  }

  /// The last `count - start` elements in the first lanes of a vector, zeros after, so that
  /// the remainder goes through the same lane code as the rest: an element's result does not
  /// depend on where it sits in the buffer.
  @inlinable @inline(__always)
  public static func padded<V: SIMD>(
    _ input: UnsafePointer<V.Scalar>, from start: Int, count: Int, as _: V.Type
  ) -> V {
    var v = V()
    for j in start..<count { v[j - start] = input[j] }
    return v
  }
}
