import LayerCore

/// The hard hyperbolic tangent (PyTorch's `nn.Hardtanh`): x clamped to
/// [`minValue`, `maxValue`], by default [−1, 1].
///
/// Two kinks. At `minValue` the slope is 0 on the left and 1 on the right; at `maxValue` it is
/// 1 on the left and 0 on the right. As in PyTorch's autograd (`hardtanh_backward` passes the
/// gradient only strictly inside the interval), `derivative(at:)` returns 0 at both ends: the
/// left limit at `minValue` and the right limit at `maxValue`. Limits: `minValue` at −∞,
/// `maxValue` at +∞, derivative 0 at both. NaN in gives NaN out.
public struct HardTanh: VectorizedActivation {
  /// The lower end of the interval. Default −1. Finite, and below `maxValue`.
  public var minValue: Double
  /// The upper end of the interval. Default 1. Finite, and above `minValue`.
  public var maxValue: Double

  /// A hard tanh clamping to [`minValue`, `maxValue`] (default [−1, 1]).
  ///
  /// - Precondition: both finite and `minValue < maxValue`, as PyTorch requires.
  public init(minValue: Double = -1, maxValue: Double = 1) {
    precondition(
      minValue.isFinite && maxValue.isFinite && minValue < maxValue,
      "HardTanh needs finite minValue < maxValue")
    self.minValue = minValue
    self.maxValue = maxValue
  }

  /// `"HardTanh"`.
  public var name: String { "HardTanh" }

  /// Kinks at `minValue` (derivative: the left limit 0) and `maxValue` (the right limit 0).
  public var kinks: [Kink] {
    [Kink(at: minValue, convention: .leftLimit), Kink(at: maxValue, convention: .rightLimit)]
  }

  /// `minValue`, checked at −3, −1 and 0.5; `maxValue`, checked at 0.5, 1 and 3 (each with
  /// the other at its current value).
  public var parameters: [Parameter] {
    [
      Parameter(name: "minValue", value: minValue, checkedValues: [-3, -1, 0.5]),
      Parameter(name: "maxValue", value: maxValue, checkedValues: [0.5, 1, 3]),
    ]
  }

  /// A copy with `minValue` or `maxValue` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name, a non-finite value, or a value that would
  ///   make `minValue >= maxValue`.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> HardTanh {
    let known = ["minValue", "maxValue"]
    guard known.contains(parameter) else {
      throw .unknownParameter(component: name, name: parameter, known: known)
    }
    guard value.isFinite else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite")
    }
    let (low, high) = parameter == "minValue" ? (value, maxValue) : (minValue, value)
    guard low < high else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "needs minValue < maxValue")
    }
    return HardTanh(minValue: low, maxValue: high)
  }

  /// x clamped to [`minValue`, `maxValue`]; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x < T(minValue) { return T(minValue) }
    if x > T(maxValue) { return T(maxValue) }
    return x
  }

  /// 1 strictly inside (`minValue`, `maxValue`), 0 elsewhere (both ends included), NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > T(minValue) && x < T(maxValue) ? 1 : 0
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    let low = Double(minValue)
    let high = Double(maxValue)
    return x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    let inside = (x .> Double(minValue)) .& (x .< Double(maxValue))
    return SIMD8<Double>(repeating: 0).replacing(with: 1, where: inside).replacing(
      with: x, where: x .!= x)
  }
}
