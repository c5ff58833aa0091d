// The batched entry points of `Activation`: f, f' or both over a contiguous buffer.
//
// Dispatch happens once per call, never per element. The generic requirements route `Float`
// and `Double` buffers to the concrete requirements; their default implementations loop over
// `value(at:)` and `derivative(at:)`, and because they are `@inlinable` and `Self` is concrete in
// every conformance's witness table, each activation gets a loop specialised for its own type
// and the scalar type, even when it is called through `any Activation`.

extension Activation {
  /// Routes `Float` and `Double` to the concrete overloads, and loops over ``value(at:)``
  /// for any other scalar type.
  @inlinable
  public func values<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into values: UnsafeMutableBufferPointer<T>
  ) {
    if T.self == Float.self {
      self.values(
        unsafeBitCast(x, to: UnsafeBufferPointer<Float>.self),
        into: unsafeBitCast(values, to: UnsafeMutableBufferPointer<Float>.self))
    } else if T.self == Double.self {
      self.values(
        unsafeBitCast(x, to: UnsafeBufferPointer<Double>.self),
        into: unsafeBitCast(values, to: UnsafeMutableBufferPointer<Double>.self))
    } else {
      loopValues(x, into: values)
    }
  }

  /// Routes `Float` and `Double` to the concrete overloads, and loops over
  /// ``derivative(at:)`` for any other scalar type.
  @inlinable
  public func derivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into derivatives: UnsafeMutableBufferPointer<T>
  ) {
    if T.self == Float.self {
      self.derivatives(
        unsafeBitCast(x, to: UnsafeBufferPointer<Float>.self),
        into: unsafeBitCast(derivatives, to: UnsafeMutableBufferPointer<Float>.self))
    } else if T.self == Double.self {
      self.derivatives(
        unsafeBitCast(x, to: UnsafeBufferPointer<Double>.self),
        into: unsafeBitCast(derivatives, to: UnsafeMutableBufferPointer<Double>.self))
    } else {
      loopDerivatives(x, into: derivatives)
    }
  }

  /// Routes `Float` and `Double` to the concrete overloads, and loops over both scalar
  /// functions for any other scalar type.
  @inlinable
  public func valuesAndDerivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, values: UnsafeMutableBufferPointer<T>,
    derivatives: UnsafeMutableBufferPointer<T>
  ) {
    if T.self == Float.self {
      self.valuesAndDerivatives(
        unsafeBitCast(x, to: UnsafeBufferPointer<Float>.self),
        values: unsafeBitCast(values, to: UnsafeMutableBufferPointer<Float>.self),
        derivatives: unsafeBitCast(derivatives, to: UnsafeMutableBufferPointer<Float>.self))
    } else if T.self == Double.self {
      self.valuesAndDerivatives(
        unsafeBitCast(x, to: UnsafeBufferPointer<Double>.self),
        values: unsafeBitCast(values, to: UnsafeMutableBufferPointer<Double>.self),
        derivatives: unsafeBitCast(derivatives, to: UnsafeMutableBufferPointer<Double>.self))
    } else {
      loopValuesAndDerivatives(x, values: values, derivatives: derivatives)
    }
  }

  /// The scalar loop over `Float`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { loopValues(x, into: values) }

  /// The scalar loop over `Float`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { loopDerivatives(x, into: derivatives) }

  /// The scalar loop over `Float`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { loopValuesAndDerivatives(x, values: values, derivatives: derivatives) }

  /// The scalar loop over `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) { loopValues(x, into: values) }

  /// The scalar loop over `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) { loopDerivatives(x, into: derivatives) }

  /// The scalar loop over `Double`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { loopValuesAndDerivatives(x, values: values, derivatives: derivatives) }

  /// f(x[i]) into `values[i]`, one ``value(at:)`` call per element: the reference every
  /// batched path must agree with.
  @inlinable
  public func loopValues<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into values: UnsafeMutableBufferPointer<T>
  ) {
    precondition(values.count == x.count, "values(_:into:) needs buffers of equal count")
    for i in 0..<x.count { values[i] = value(at: x[i]) }
  }

  /// f'(x[i]) into `derivatives[i]`, one ``derivative(at:)`` call per element.
  @inlinable
  public func loopDerivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into derivatives: UnsafeMutableBufferPointer<T>
  ) {
    precondition(derivatives.count == x.count, "derivatives(_:into:) needs buffers of equal count")
    for i in 0..<x.count { derivatives[i] = derivative(at: x[i]) }
  }

  /// f and f' element by element; reads `x[i]` once, so either output may be `x`.
  @inlinable
  public func loopValuesAndDerivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, values: UnsafeMutableBufferPointer<T>,
    derivatives: UnsafeMutableBufferPointer<T>
  ) {
    precondition(
      values.count == x.count && derivatives.count == x.count,
      "valuesAndDerivatives(_:values:derivatives:) needs buffers of equal count")
    for i in 0..<x.count {
      let xi = x[i]
      values[i] = value(at: xi)
      derivatives[i] = derivative(at: xi)
    }
  }
}
