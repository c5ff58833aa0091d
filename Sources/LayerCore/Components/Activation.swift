/// An elementwise activation function and its hand-written derivative.
///
/// Write both functions once, generically over ``LayerScalar``: the same code then runs in
/// `Float`, `Double`, `Float80` and in the dual numbers the conformance kit uses as an exact
/// reference. An activation is a value type whose stored properties are its parameters.
///
/// ```swift
/// public struct Softsign: Activation {
///   public init() {}
///   public var name: String { "Softsign" }
///   public func value<T: LayerScalar>(at x: T) -> T { x / (1 + T.abs(x)) }
///   public func derivative<T: LayerScalar>(at x: T) -> T {
///     let d = 1 + T.abs(x)
///     return 1 / (d * d)
///   }
/// }
/// ```
///
/// Requirements on a correct activation, all verified by `LayerConformance`:
/// - no NaN or infinity from a finite input, NaN in gives NaN out;
/// - ``derivative(at:)`` matches the slope of ``value(at:)`` everywhere it is smooth;
/// - every point where it is not smooth is listed in ``kinks``, with the value the
///   derivative returns there described by the kink's ``Kink/convention``;
/// - every point where the function itself jumps is listed in ``jumps``, with the value it
///   returns there (none, for the continuous activations almost all are).
public protocol Activation: Sendable, CustomStringConvertible {
  /// The stable name the component is registered and reported under, e.g. `"LeakyReLU"`.
  var name: String { get }

  /// The function value f(x).
  func value<T: LayerScalar>(at x: T) -> T

  /// The derivative f'(x), written by hand.
  func derivative<T: LayerScalar>(at x: T) -> T

  /// Writes f(x[i]) to `values[i]` for every element of a contiguous buffer.
  ///
  /// `values` must have the same count as `x`; it may be the same memory (in place) but must
  /// not otherwise overlap it. The default implementation (see `Activation+Batched.swift`)
  /// hands `Float` and `Double` buffers to the concrete overloads below, so that a call through
  /// `any Activation` runs code specialised for the activation and the scalar type, and loops
  /// over ``value(at:)`` for any other ``LayerScalar``.
  func values<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into values: UnsafeMutableBufferPointer<T>)

  /// Writes f'(x[i]) to `derivatives[i]` for every element, with the rules of `values(_:into:)`.
  func derivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, into derivatives: UnsafeMutableBufferPointer<T>)

  /// Writes f(x[i]) to `values[i]` and f'(x[i]) to `derivatives[i]` in one pass.
  ///
  /// The two outputs must not overlap each other; either may be `x` itself.
  func valuesAndDerivatives<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, values: UnsafeMutableBufferPointer<T>,
    derivatives: UnsafeMutableBufferPointer<T>)

  /// f over a `Float` buffer: the scalar loop by default; an activation may override it.
  func values(_ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>)
  /// f' over a `Float` buffer.
  func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>)
  /// f and f' over a `Float` buffer in one pass.
  func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>)
  /// f over a `Double` buffer: the scalar loop by default, SIMD in a ``VectorizedActivation``.
  func values(_ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>)
  /// f' over a `Double` buffer.
  func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>)
  /// f and f' over a `Double` buffer in one pass.
  func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>)

  /// The points where f is not differentiable, for the current parameter values.
  ///
  /// Defaults to none.
  var kinks: [Kink] { get }

  /// The points where f itself is discontinuous, for the current parameter values.
  ///
  /// Defaults to none. Opt in only for an activation that jumps on purpose, such as
  /// Hardshrink at ±λ; a jump covers a change of slope at the same point too.
  var jumps: [Jump] { get }

  /// The inputs the activation is defined on. Defaults to the whole real line.
  var domain: Domain { get }

  /// The tunable parameters with their current values. Defaults to none.
  var parameters: [Parameter] { get }

  /// A copy of this activation with one parameter changed.
  ///
  /// The default implementation throws ``ComponentError/unknownParameter(component:name:known:)``.
  func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Self
}

extension Activation {
  /// No kinks: the activation is smooth everywhere.
  public var kinks: [Kink] { [] }

  /// No jumps: the activation is continuous.
  public var jumps: [Jump] { [] }

  /// The whole real line.
  public var domain: Domain { .real }

  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Throws, because there are no parameters to set.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Self {
    throw .unknownParameter(component: name, name: parameter, known: parameters.map(\.name))
  }

  /// Evaluates the activation: `relu(x)` is `relu.value(at: x)`.
  @inlinable
  public func callAsFunction<T: LayerScalar>(_ x: T) -> T { value(at: x) }

  /// The name followed by any parameter values, e.g. `LeakyReLU(negativeSlope: 0.01)`.
  public var description: String {
    if parameters.isEmpty { return name }
    let list = parameters.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
    return "\(name)(\(list))"
  }
}
