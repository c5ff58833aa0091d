/// The scalar type every LayerKit component is written against.
///
/// `LayerScalar` asks for field arithmetic, ordering and the elementary functions that
/// activations need, and nothing that ties a conformer to a binary floating-point layout.
/// `Float`, `Double`, `Float16` (on arm64 and x86_64 Linux; its elementary functions are
/// computed in `Float` and rounded) and `Float80` (on x86 Linux and macOS) conform, and so does a
/// forward-mode dual number, which lets the conformance kit differentiate a component's own
/// generic forward code exactly.
///
/// Write components generically over `T: LayerScalar`; use ``init(_:)-(Double)`` for constants
/// and the static functions (`T.exp(x)`, `T.log1p(x)`, ...) for elementary functions.
public protocol LayerScalar:
  Comparable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  CustomStringConvertible
{
  /// Converts a `Double` constant, rounding to nearest.
  init(_ value: Double)
  /// Converts an integer, rounding to nearest.
  init(_ value: Int)

  /// Sum.
  static func + (lhs: Self, rhs: Self) -> Self
  /// Difference.
  static func - (lhs: Self, rhs: Self) -> Self
  /// Product.
  static func * (lhs: Self, rhs: Self) -> Self
  /// Quotient.
  static func / (lhs: Self, rhs: Self) -> Self
  /// Negation.
  static prefix func - (operand: Self) -> Self

  /// Positive infinity.
  static var infinity: Self { get }
  /// A quiet NaN.
  static var nan: Self { get }
  /// π, correctly rounded for the type.
  static var pi: Self { get }
  /// The distance from 1 to the next larger representable value (machine epsilon).
  static var ulpOfOne: Self { get }
  /// The largest finite value.
  static var greatestFiniteMagnitude: Self { get }

  /// True for NaN.
  var isNaN: Bool { get }
  /// True for values that are neither infinite nor NaN.
  var isFinite: Bool { get }
  /// True for ±infinity.
  var isInfinite: Bool { get }

  /// Absolute value.
  static func abs(_ x: Self) -> Self
  /// e^x.
  static func exp(_ x: Self) -> Self
  /// e^x - 1, accurate near 0.
  static func expm1(_ x: Self) -> Self
  /// Natural logarithm.
  static func log(_ x: Self) -> Self
  /// log(1 + x), accurate near 0.
  static func log1p(_ x: Self) -> Self
  /// Hyperbolic tangent.
  static func tanh(_ x: Self) -> Self
  /// Error function.
  static func erf(_ x: Self) -> Self
  /// Complementary error function 1 - erf(x), accurate for large x.
  static func erfc(_ x: Self) -> Self
  /// Square root.
  static func sqrt(_ x: Self) -> Self
  /// Sine.
  static func sin(_ x: Self) -> Self
  /// Cosine.
  static func cos(_ x: Self) -> Self
  /// Arc tangent.
  static func atan(_ x: Self) -> Self
  /// x raised to the power y.
  static func pow(_ x: Self, _ y: Self) -> Self

  /// The type a composition of elementary functions may be evaluated in and rounded back from,
  /// so that its result is correct to about half an ULP of `Self`: `Double` for `Float`, and
  /// `Self` (the default) for `Double`, `Float80` and the conformance kit's dual numbers.
  associatedtype Evaluation: LayerScalar = Self
  /// `x` converted exactly to ``LayerScalar/Evaluation``.
  static func widened(_ x: Self) -> Evaluation
  /// `x` rounded to nearest from ``LayerScalar/Evaluation``.
  static func narrowed(_ x: Evaluation) -> Self
}

extension LayerScalar where Evaluation == Self {
  /// `x` itself: the type is its own wide type.
  @inlinable @inline(__always)
  public static func widened(_ x: Self) -> Self { x }
  /// `x` itself: the type is its own wide type.
  @inlinable @inline(__always)
  public static func narrowed(_ x: Self) -> Self { x }
}

extension LayerScalar {
  /// `body(x)` evaluated in ``LayerScalar/Evaluation`` and rounded once to `Self`. For `Float` this is the
  /// `Double` computation rounded to `Float`, within about half an ULP wherever `body` is
  /// accurate to a few ULPs of `Double`; for the other types it is just `body(x)`.
  @inlinable @inline(__always)
  public static func evaluatedWide(_ x: Self, _ body: (Evaluation) -> Evaluation) -> Self {
    narrowed(body(widened(x)))
  }

  /// Adds in place.
  @inlinable @inline(__always)
  public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  /// Subtracts in place.
  @inlinable @inline(__always)
  public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  /// Multiplies in place.
  @inlinable @inline(__always)
  public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
  /// Divides in place.
  @inlinable @inline(__always)
  public static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }

  /// The logistic function 1 / (1 + e^-x), computed without overflow for any input.
  @inlinable
  public static func logistic(_ x: Self) -> Self {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }
}
