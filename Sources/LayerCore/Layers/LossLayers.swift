/// Checks that a prediction and a target can be compared: same shape, at least one element.
///
/// - Throws: ``LayerError`` naming `loss` and both shapes.
@inlinable
public func validateLossInput<T: LayerScalar>(
  _ prediction: Tensor<T>, _ target: Tensor<T>, loss: String
) throws(LayerError) {
  guard prediction.shape == target.shape else {
    throw .shapeMismatch(
      layer: "\(loss) (target)", expected: prediction.shape, actual: target.shape)
  }
  guard prediction.rank >= 1, prediction.count > 0 else {
    throw .invalidConfiguration(
      layer: loss, reason: "the prediction of shape \(prediction.shape) is an empty batch")
  }
}

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

/// The kind of target a ``LossBlueprint`` draws.
public enum TargetKind: String, Sendable, Hashable {
  /// Labels 0 or 1, each with probability 1/2.
  case binary
  /// One-hot rows over the last dimension.
  case oneHot
  /// Uniform values in [-1, 1].
  case real
}

/// Registers a ``Loss`` as a ``LossLayer`` with a random target of the given kind.
public struct LossBlueprint: LayerBlueprint {
  /// The loss.
  public var loss: any Loss
  /// How the target is drawn.
  public var targets: TargetKind
  /// The prediction shape the kit checks with.
  public var sampleInputShape: [Int]

  /// A blueprint for `loss`, checked on predictions of `sampleInputShape`.
  public init(_ loss: any Loss, targets: TargetKind, sampleInputShape: [Int] = [4, 3]) {
    self.loss = loss
    self.targets = targets
    self.sampleInputShape = sampleInputShape
  }

  /// The loss's name.
  public var name: String { loss.name }

  /// Builds the layer in `T`, drawing the target from `random`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for an empty sample shape.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    let count = sampleInputShape.reduce(1, *)
    guard count > 0, let last = sampleInputShape.last else {
      throw .invalidConfiguration(
        layer: name, reason: "the sample shape \(sampleInputShape) has no elements")
    }
    var values = [T](repeating: 0, count: count)
    switch targets {
    case .binary:
      for k in values.indices { values[k] = random.nextUnit() < 0.5 ? 0 : 1 }
    case .oneHot:
      for row in 0..<(count / last) {
        values[row * last + Int(random.nextUnit() * Double(last)) % last] = 1
      }
    case .real:
      for k in values.indices { values[k] = T(2 * random.nextUnit() - 1) }
    }
    return LossLayer(loss, target: try Tensor(shape: sampleInputShape, scalars: values))
  }
}

/// Registers a ``Penalty`` as a ``PenaltyLayer`` on a random `[3, 4]` weight whose entries lie
/// in ±[0.1, 1], away from the kink of the L1 penalty at 0.
public struct PenaltyBlueprint: LayerBlueprint {
  /// The penalty.
  public var penalty: any Penalty

  /// A blueprint for `penalty`.
  public init(_ penalty: any Penalty) { self.penalty = penalty }

  /// The penalty's name.
  public var name: String { penalty.name }

  /// `[2, 2]`; the input does not enter the output.
  public var sampleInputShape: [Int] { [2, 2] }

  /// Builds the layer in `T`, drawing the weight from `random`.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    var values = [T](repeating: 0, count: 12)
    for k in values.indices {
      let magnitude = 0.1 + 0.9 * random.nextUnit()
      values[k] = T(random.nextUnit() < 0.5 ? -magnitude : magnitude)
    }
    return PenaltyLayer(penalty, weight: try Tensor(shape: [3, 4], scalars: values))
  }
}
