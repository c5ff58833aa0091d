import LayerCore

// σ and σ' in one pass share e^-|x|: the value is 1 / (1 + e) for x ≥ 0 and e / (1 + e)
// below, exactly what `LayerScalar.logistic` computes, and the derivative is e / (1 + e)².
// One exp per element instead of two, with the same bits as the scalar functions. `Double`
// only: `Float` has its own eight-lane path (Sigmoid+Lanes.swift).

extension Sigmoid {
  /// σ and σ' over `Double` with one exp per element.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { sharingExp(x, values: values, derivatives: derivatives) }

  /// The shared loop, bit for bit ``value(at:)`` and ``derivative(at:)``.
  @inlinable
  func sharingExp<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, values: UnsafeMutableBufferPointer<T>,
    derivatives: UnsafeMutableBufferPointer<T>
  ) {
    precondition(values.count == x.count && derivatives.count == x.count)
    for i in 0..<x.count {
      let xi = x[i]
      let e = T.exp(-T.abs(xi))
      let d = 1 + e
      values[i] = xi >= 0 ? 1 / d : e / d
      derivatives[i] = e / (d * d)
    }
  }
}
