import LayerCore

/// The leaky rectified linear unit: x for x >= 0, `negativeSlope` · x for x < 0.
///
/// Kink at 0 (unless `negativeSlope` is exactly 1, when the function is the identity):
/// the derivative is `negativeSlope` on the left and 1 on the right, and by convention
/// `derivative(at: 0)` returns `negativeSlope`, the left limit. NaN in gives NaN out.
public struct LeakyReLU: Activation {
  /// The slope for negative inputs. Default 0.01. Any finite value is accepted; values
  /// above 1 make the negative side steeper than the positive one.
  public var negativeSlope: Double

  /// A leaky ReLU with the given negative-side slope (default 0.01).
  public init(negativeSlope: Double = 0.01) {
    self.negativeSlope = negativeSlope
  }

  /// `"LeakyReLU"`.
  public var name: String { "LeakyReLU" }

  /// One kink at 0 (none when the slope is 1); the derivative there is the left limit.
  public var kinks: [Kink] {
    negativeSlope == 1 ? [] : [Kink(at: 0, convention: .leftLimit)]
  }

  /// `negativeSlope`, checked at 0, 0.01, 0.2 and 1.5.
  public var parameters: [Parameter] {
    [Parameter(name: "negativeSlope", value: negativeSlope, checkedValues: [0, 0.01, 0.2, 1.5])]
  }

  /// A copy with `negativeSlope` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a non-finite value.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> LeakyReLU {
    guard parameter == "negativeSlope" else {
      throw .unknownParameter(component: name, name: parameter, known: ["negativeSlope"])
    }
    guard value.isFinite else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite")
    }
    return LeakyReLU(negativeSlope: value)
  }

  /// x for x >= 0, `negativeSlope` · x otherwise; NaN propagated. A zero slope gives 0 on the
  /// whole negative side, -∞ included (where 0 · -∞ would be NaN).
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    guard x < 0 else { return x }
    return negativeSlope == 0 ? 0 : T(negativeSlope) * x
  }

  /// 1 for x > 0, `negativeSlope` for x <= 0, NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > 0 ? 1 : T(negativeSlope)
  }
}
