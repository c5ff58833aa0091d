/// Registers a ``Loss`` as a ``LossLayer`` against a random target of the loss's
/// ``Loss/targetKind`` (or another kind, for a test).
///
/// ```swift
/// try registry.register(LossBlueprint(MeanSquaredError()))
/// ```
public struct LossBlueprint: LayerBlueprint {
  /// The loss.
  public var loss: any Loss
  /// How the target is drawn.
  public var targets: TargetKind
  /// The prediction shape the kit checks with.
  public var sampleInputShape: [Int]

  /// A blueprint for `loss`, checked on predictions of `sampleInputShape` against targets of
  /// kind `targets` (the loss's own ``Loss/targetKind`` when `nil`).
  public init(_ loss: any Loss, targets: TargetKind? = nil, sampleInputShape: [Int] = [4, 3]) {
    self.loss = loss
    self.targets = targets ?? loss.targetKind
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

/// The registry entry of a loss: a ``LossBlueprint`` of it, with targets of its
/// ``Loss/targetKind``. The registry generator calls this for every folder under
/// `Sources/Losses/`, so a loss needs no blueprint of its own.
public func blueprint(of loss: some Loss) -> any LayerBlueprint {
  LossBlueprint(loss)
}
