/// Turns any ``Activation`` into a ``Layer`` that applies it to every element.
///
/// The layer has no parameters; its backward pass multiplies the output gradient by the
/// activation's derivative at the cached input. It is a ``PerturbationShortcut`` only to say
/// that it is rowwise, so that network checks can stack perturbed batches through it.
public struct ActivationLayer<Wrapped: Activation, Scalar: LayerScalar>: PerturbationShortcut {
  /// The activation applied elementwise.
  public var activation: Wrapped

  /// Wraps `activation`; choose the scalar type with the type annotation or `of:`.
  public init(_ activation: Wrapped, of scalar: Scalar.Type = Scalar.self) {
    self.activation = activation
  }

  /// The activation's name.
  public var name: String { activation.name }

  /// Elementwise, hence rowwise.
  public var isRowwise: Bool { true }

  /// Always empty.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// Applies the activation to every element with its batched API; the cache is the input.
  @inlinable
  @_specialize(kind:partial,where Scalar == Double)
  @_specialize(kind:partial,where Scalar == Float)
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    (activation.values(input), input)
  }

  /// Multiplies `outputGradient` elementwise by f'(input), computed with the batched API.
  @inlinable
  @_specialize(kind:partial,where Scalar == Double)
  @_specialize(kind:partial,where Scalar == Float)
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == input.shape else {
      throw .shapeMismatch(layer: name, expected: input.shape, actual: outputGradient.shape)
    }
    var gradient = activation.derivatives(input)
    gradient.scalars.withUnsafeMutableBufferPointer { slopes in
      outputGradient.scalars.withUnsafeBufferPointer { g in multiply(slopes, by: g) }
    }
    return LayerGradients(input: gradient)
  }
}

/// `slopes[i] = g[i] * slopes[i]`, with the loop typed for `Float` and `Double` (this layer's
/// witness is generic over the activation, so an untyped loop would copy every scalar through
/// its value witness).
@inlinable
func multiply<T: LayerScalar>(_ slopes: UnsafeMutableBufferPointer<T>, by g: UnsafeBufferPointer<T>)
{
  if T.self == Float.self {
    multiplyTyped(
      unsafeBitCast(slopes, to: UnsafeMutableBufferPointer<Float>.self),
      by: unsafeBitCast(g, to: UnsafeBufferPointer<Float>.self))
  } else if T.self == Double.self {
    multiplyTyped(
      unsafeBitCast(slopes, to: UnsafeMutableBufferPointer<Double>.self),
      by: unsafeBitCast(g, to: UnsafeBufferPointer<Double>.self))
  } else {
    for i in 0..<slopes.count { slopes[i] = g[i] * slopes[i] }
  }
}

/// The loop of ``multiply(_:by:)`` for one concrete type.
@inlinable
func multiplyTyped<T: BinaryFloatingPoint>(
  _ slopes: UnsafeMutableBufferPointer<T>, by g: UnsafeBufferPointer<T>
) {
  for i in 0..<slopes.count { slopes[i] = g[i] * slopes[i] }
}
