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

  /// Applies the activation to every element; the cache is the input.
  @inlinable
  @_specialize(kind:partial,where Scalar == Double)
  @_specialize(kind:partial,where Scalar == Float)
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    (input.map { activation.value(at: $0) }, input)
  }

  /// Multiplies `outputGradient` elementwise by f'(input).
  @inlinable
  @_specialize(kind:partial,where Scalar == Double)
  @_specialize(kind:partial,where Scalar == Float)
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    let gradient = try input.zipMap(outputGradient, layer: name) { x, g in
      g * activation.derivative(at: x)
    }
    return LayerGradients(input: gradient)
  }
}
