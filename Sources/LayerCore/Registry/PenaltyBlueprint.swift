/// Registers a ``Penalty`` as a ``PenaltyLayer`` on a random `[3, 4]` weight whose entries lie
/// in ±[0.1, 1], away from the kink of the L1 penalty at 0.
///
/// ```swift
/// try registry.register(PenaltyBlueprint(L2Penalty()))
/// ```
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

/// The registry entry of a penalty: a ``PenaltyBlueprint`` of it. The registry generator calls
/// this for every folder under `Sources/Losses/`, so a penalty needs no blueprint of its own.
public func blueprint(of penalty: some Penalty) -> any LayerBlueprint {
  PenaltyBlueprint(penalty)
}
