import LayerCore

/// The L2 penalty `(λ/2) Σ w²`, gradient `λ w`.
public struct L2Penalty: Penalty {
  /// The strength λ.
  public var strength: Double

  /// An L2 penalty of strength `strength`.
  public init(strength: Double = 0.01) { self.strength = strength }

  /// `"L2Penalty"`.
  public var name: String { "L2Penalty" }

  /// `(λ/2) Σ w²`.
  @inlinable
  public func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T {
    var sum: T = 0
    for w in parameter.scalars { sum += w * w }
    return T(strength / 2) * sum
  }

  /// `λ w`.
  @inlinable
  public func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T> {
    let lambda = T(strength)
    return parameter.map { lambda * $0 }
  }
}

/// Registers ``L2Penalty`` as a ``PenaltyLayer`` on a random `[3, 4]` weight.
public struct L2PenaltyBlueprint: LayerBlueprint {
  /// The blueprint the kit and the registry use, with strength 0.5.
  public init() {}

  /// `"L2Penalty"`.
  public var name: String { "L2Penalty" }

  /// `[2, 2]`; the input does not enter the output.
  public var sampleInputShape: [Int] { [2, 2] }

  /// Builds the penalty layer in `T` with a weight drawn from `random`.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try PenaltyBlueprint(L2Penalty(strength: 0.5)).makeLayer(of: T.self, random: &random)
  }
}
