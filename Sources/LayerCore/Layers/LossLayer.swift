/// A loss as a layer, so that the layer kit checks its gradient: the input is the prediction,
/// the output the loss value (shape `[1]`) against a fixed ``target``.
public struct LossLayer<Scalar: LayerScalar>: Layer {
  /// The loss.
  public var loss: any Loss
  /// The target the prediction is compared with.
  public var target: Tensor<Scalar>

  /// A layer computing `loss(input, target)`.
  public init(_ loss: any Loss, target: Tensor<Scalar>) {
    self.loss = loss
    self.target = target
  }

  /// The loss's name.
  public var name: String { loss.name }

  /// Always empty.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// The loss value as a one-element tensor; the cache is the prediction.
  ///
  /// - Throws: The loss's ``LayerError`` for a prediction whose shape is not the target's.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    (try Tensor(shape: [1], scalars: [try loss.value(input, target: target)]), input)
  }

  /// The loss gradient scaled by the single output gradient.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` unless `outputGradient`
  ///   has shape `[1]`.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == [1] else {
      throw .shapeMismatch(
        layer: "\(name) (output gradient)", expected: [1], actual: outputGradient.shape)
    }
    let g = outputGradient.scalars[0]
    return LayerGradients(input: try loss.gradient(input, target: target).map { $0 * g })
  }
}
