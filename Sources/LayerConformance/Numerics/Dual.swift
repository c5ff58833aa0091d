import LayerCore

/// A forward-mode dual number `value + derivative·ε` with ε² = 0.
///
/// Evaluating a component's generic `value(at:)` on `Dual(x, derivative: 1)` yields the
/// exact derivative of the implementation at x (up to rounding in `Base`), with no step size
/// and hence no truncation or cancellation error. The conformance kit uses it as its most
/// accurate reference.
///
/// Comparisons look at ``value`` only, so branches (`x < 0 ? ... : ...`) take the same path
/// as for the plain scalar.
public struct Dual<Base: LayerScalar>: LayerScalar {
  /// The primal value.
  public var value: Base
  /// The derivative carried along with it.
  public var derivative: Base

  /// A dual number with the given value and derivative.
  @inlinable
  public init(_ value: Base, derivative: Base) {
    self.value = value
    self.derivative = derivative
  }

  /// A constant: derivative zero.
  @inlinable
  public init(_ value: Double) { self.init(Base(value), derivative: 0) }

  /// A constant: derivative zero.
  @inlinable
  public init(_ value: Int) { self.init(Base(value), derivative: 0) }

  /// A constant from an integer literal.
  @inlinable
  public init(integerLiteral value: Int) { self.init(value) }

  /// A constant from a float literal.
  @inlinable
  public init(floatLiteral value: Double) { self.init(value) }

  /// `value + derivative ε`.
  public var description: String { "\(value) + \(derivative)ε" }

  @inlinable
  static func constant(_ value: Base) -> Dual { Dual(value, derivative: 0) }

  /// Orders by value.
  @inlinable
  public static func < (lhs: Dual, rhs: Dual) -> Bool { lhs.value < rhs.value }

  /// Equal values (derivatives are ignored, as for branches).
  @inlinable
  public static func == (lhs: Dual, rhs: Dual) -> Bool { lhs.value == rhs.value }

  /// Sum rule.
  @inlinable
  public static func + (lhs: Dual, rhs: Dual) -> Dual {
    Dual(lhs.value + rhs.value, derivative: lhs.derivative + rhs.derivative)
  }

  /// Difference rule.
  @inlinable
  public static func - (lhs: Dual, rhs: Dual) -> Dual {
    Dual(lhs.value - rhs.value, derivative: lhs.derivative - rhs.derivative)
  }

  /// Product rule.
  @inlinable
  public static func * (lhs: Dual, rhs: Dual) -> Dual {
    Dual(
      lhs.value * rhs.value,
      derivative: lhs.derivative * rhs.value + lhs.value * rhs.derivative)
  }

  /// Quotient rule.
  @inlinable
  public static func / (lhs: Dual, rhs: Dual) -> Dual {
    let quotient = lhs.value / rhs.value
    return Dual(quotient, derivative: (lhs.derivative - quotient * rhs.derivative) / rhs.value)
  }

  /// Negation.
  @inlinable
  public static prefix func - (operand: Dual) -> Dual {
    Dual(-operand.value, derivative: -operand.derivative)
  }

  /// +∞ (constant).
  public static var infinity: Dual { constant(Base.infinity) }
  /// NaN (constant).
  public static var nan: Dual { constant(Base.nan) }
  /// π (constant).
  public static var pi: Dual { constant(Base.pi) }
  /// The base type's machine epsilon (constant).
  public static var ulpOfOne: Dual { constant(Base.ulpOfOne) }
  /// The base type's largest finite value (constant).
  public static var greatestFiniteMagnitude: Dual { constant(Base.greatestFiniteMagnitude) }

  /// Whether the value is NaN.
  @inlinable
  public var isNaN: Bool { value.isNaN }
  /// Whether the value is finite.
  @inlinable
  public var isFinite: Bool { value.isFinite }
  /// Whether the value is infinite.
  @inlinable
  public var isInfinite: Bool { value.isInfinite }

  /// |x|, with derivative sign(x)·dx and the + branch at ±0.
  @inlinable
  public static func abs(_ x: Dual) -> Dual { x.value < 0 ? -x : x }

  /// Chain rule helper: f(x) with f'(x) = `slope`.
  @inlinable
  static func chain(_ x: Dual, _ value: Base, _ slope: Base) -> Dual {
    // A zero derivative stays zero even where the slope is infinite (0 · ∞ would be NaN).
    Dual(value, derivative: x.derivative == 0 ? 0 : slope * x.derivative)
  }

  /// d e^x = e^x dx.
  @inlinable
  public static func exp(_ x: Dual) -> Dual {
    let e = Base.exp(x.value)
    return chain(x, e, e)
  }

  /// d (e^x - 1) = e^x dx.
  @inlinable
  public static func expm1(_ x: Dual) -> Dual { chain(x, Base.expm1(x.value), Base.exp(x.value)) }

  /// d log x = dx / x.
  @inlinable
  public static func log(_ x: Dual) -> Dual { chain(x, Base.log(x.value), 1 / x.value) }

  /// d log(1 + x) = dx / (1 + x).
  @inlinable
  public static func log1p(_ x: Dual) -> Dual {
    chain(x, Base.log1p(x.value), 1 / (1 + x.value))
  }

  /// d tanh x = sech² x dx, computed as 4e^-2|x| / (1 + e^-2|x|)² to keep its tails accurate.
  @inlinable
  public static func tanh(_ x: Dual) -> Dual {
    let e = Base.exp(-2 * Base.abs(x.value))
    let d = 1 + e
    return chain(x, Base.tanh(x.value), 4 * e / (d * d))
  }

  /// d erf x = (2/√π) e^-x² dx.
  @inlinable
  public static func erf(_ x: Dual) -> Dual {
    chain(x, Base.erf(x.value), 2 / Base.sqrt(Base.pi) * Base.exp(-x.value * x.value))
  }

  /// d erfc x = -(2/√π) e^-x² dx.
  @inlinable
  public static func erfc(_ x: Dual) -> Dual {
    chain(x, Base.erfc(x.value), -2 / Base.sqrt(Base.pi) * Base.exp(-x.value * x.value))
  }

  /// d √x = dx / (2√x).
  @inlinable
  public static func sqrt(_ x: Dual) -> Dual {
    let root = Base.sqrt(x.value)
    return chain(x, root, 1 / (2 * root))
  }

  /// d sin x = cos x dx.
  @inlinable
  public static func sin(_ x: Dual) -> Dual { chain(x, Base.sin(x.value), Base.cos(x.value)) }

  /// d cos x = -sin x dx.
  @inlinable
  public static func cos(_ x: Dual) -> Dual { chain(x, Base.cos(x.value), -Base.sin(x.value)) }

  /// d atan x = dx / (1 + x²).
  @inlinable
  public static func atan(_ x: Dual) -> Dual {
    chain(x, Base.atan(x.value), 1 / (1 + x.value * x.value))
  }

  /// d x^y = y x^(y-1) dx + x^y log x dy; the log term is skipped when dy = 0, so negative x
  /// with a constant integer exponent works.
  @inlinable
  public static func pow(_ x: Dual, _ y: Dual) -> Dual {
    let power = Base.pow(x.value, y.value)
    var derivative: Base = 0
    if x.derivative != 0 {
      derivative += y.value * Base.pow(x.value, y.value - 1) * x.derivative
    }
    if y.derivative != 0 { derivative += power * Base.log(x.value) * y.derivative }
    return Dual(power, derivative: derivative)
  }
}
