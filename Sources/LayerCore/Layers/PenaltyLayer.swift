/// A penalty as a layer, so that the layer kit checks its gradient: the parameter tensor
/// `weight` is penalised; the output is the penalty (shape `[1]`) and does not depend on the
/// input.
public struct PenaltyLayer<Scalar: LayerScalar>: Layer {
  /// The penalty.
  public var penalty: any Penalty
  /// The penalised tensor.
  public var weight: Tensor<Scalar>

  /// A layer computing `penalty(weight)`.
  public init(_ penalty: any Penalty, weight: Tensor<Scalar>) {
    self.penalty = penalty
    self.weight = weight
  }

  /// The penalty's name.
  public var name: String { penalty.name }

  /// The single tensor `weight`.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("weight", weight)]) }
    set { if let w = newValue["weight"] { weight = w } }
  }

  /// The penalty as a one-element tensor; the cache is the input's shape.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: [Int]) {
    (try Tensor(shape: [1], scalars: [penalty.value(weight)]), input.shape)
  }

  /// A zero input gradient and the penalty gradient scaled by the single output gradient.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` unless `outputGradient`
  ///   has shape `[1]`.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache shape: [Int]
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == [1] else {
      throw .shapeMismatch(
        layer: "\(name) (output gradient)", expected: [1], actual: outputGradient.shape)
    }
    let g = outputGradient.scalars[0]
    return LayerGradients(
      input: Tensor(zeros: shape),
      parameters: ParameterSet([("weight", penalty.gradient(weight).map { $0 * g })]))
  }
}
