/// The four parameter tensors of a single-layer gated recurrent layer in PyTorch's layout, and
/// the shape checks that GRU and LSTM share.
///
/// A layer with `gates` gate blocks (3 for a GRU, 4 for an LSTM), `inputSize` input features
/// and `hiddenSize` hidden units has, in this order and under these names (PyTorch's
/// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0` without the layer suffix):
///
/// | name | shape | holds |
/// |---|---|---|
/// | `weight_ih` | `[gates · hiddenSize, inputSize]` | the input weights, one row block per gate |
/// | `weight_hh` | `[gates · hiddenSize, hiddenSize]` | the recurrent weights, same blocks |
/// | `bias_ih` | `[gates · hiddenSize]` | the input bias |
/// | `bias_hh` | `[gates · hiddenSize]` | the recurrent bias |
public struct GatedRecurrentWeights<Scalar: LayerScalar>: Sendable {
  /// The parameter names, in order.
  public static var names: [String] { ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] }

  /// `[gates · hiddenSize, inputSize]`.
  public let inputWeight: Tensor<Scalar>
  /// `[gates · hiddenSize, hiddenSize]`.
  public let recurrentWeight: Tensor<Scalar>
  /// `[gates · hiddenSize]`.
  public let inputBias: Tensor<Scalar>
  /// `[gates · hiddenSize]`.
  public let recurrentBias: Tensor<Scalar>
  /// The number of gate blocks.
  public let gates: Int
  /// The number of input features.
  public let inputSize: Int
  /// The number of hidden units.
  public let hiddenSize: Int

  /// The four tensors of `parameters`, checked against the layer's sizes.
  ///
  /// - Throws: ``LayerError/unknownParameter(layer:name:known:)`` for a missing tensor, or
  ///   ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `layer` and the tensor for
  ///   one of the wrong shape.
  @inlinable
  public init(
    _ parameters: ParameterSet<Scalar>, gates: Int, inputSize: Int, hiddenSize: Int,
    layer: String
  ) throws(LayerError) {
    let rows = gates * hiddenSize
    let shapes = [[rows, inputSize], [rows, hiddenSize], [rows], [rows]]
    var tensors: [Tensor<Scalar>] = []
    for (name, shape) in zip(Self.names, shapes) {
      let tensor = try parameters.tensor(named: name, layer: layer)
      guard tensor.shape == shape else {
        throw .shapeMismatch(layer: "\(layer) (\(name))", expected: shape, actual: tensor.shape)
      }
      tensors.append(tensor)
    }
    inputWeight = tensors[0]
    recurrentWeight = tensors[1]
    inputBias = tensors[2]
    recurrentBias = tensors[3]
    self.gates = gates
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
  }

  /// PyTorch's initialization: every weight and bias uniform in `(−1/√hiddenSize, 1/√hiddenSize)`,
  /// drawn from `random` in the order of ``names``, row-major.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` naming `layer` when a size is
  ///   below 1 or the weights would exceed 2³¹ − 1 entries.
  @inlinable
  public static func initialParameters(
    gates: Int, inputSize: Int, hiddenSize: Int, layer: String, random: inout RandomSource
  ) throws(LayerError) -> ParameterSet<Scalar> {
    let rows = gates.multipliedReportingOverflow(by: hiddenSize)
    let widest = rows.partialValue.multipliedReportingOverflow(by: Swift.max(inputSize, hiddenSize))
    guard gates > 0, inputSize > 0, hiddenSize > 0, !rows.overflow, !widest.overflow,
      widest.partialValue <= Int(Int32.max)
    else {
      throw .invalidConfiguration(
        layer: layer,
        reason: "sizes must be at least 1 with at most \(Int32.max) weights per tensor, got "
          + "inputSize \(inputSize), hiddenSize \(hiddenSize)")
    }
    let bound = 1 / Double(hiddenSize).squareRoot()
    let shapes = [
      [rows.partialValue, inputSize], [rows.partialValue, hiddenSize], [rows.partialValue],
      [rows.partialValue],
    ]
    var entries: [(name: String, tensor: Tensor<Scalar>)] = []
    for (name, shape) in zip(names, shapes) {
      var tensor = Tensor<Scalar>(zeros: shape)
      for k in tensor.scalars.indices {
        tensor.scalars[k] = Scalar((2 * random.nextUnit() - 1) * bound)
      }
      entries.append((name, tensor))
    }
    return ParameterSet(entries)
  }

  /// The batch and time extents of `input`, checked to be `[batch ≥ 1, time ≥ 1, inputSize]`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `layer` for a rank
  ///   other than 3 or a last extent other than ``inputSize``;
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` for an empty batch or sequence.
  @inlinable
  public func sequenceExtents(
    of input: Tensor<Scalar>, layer: String
  ) throws(LayerError) -> (batch: Int, time: Int) {
    guard input.rank == 3, input.shape[2] == inputSize else {
      let batch = input.shape.first ?? 1
      let time = input.rank == 3 ? input.shape[1] : 1
      throw .shapeMismatch(
        layer: "\(layer) (input)", expected: [batch, time, inputSize], actual: input.shape)
    }
    guard input.shape[0] > 0, input.shape[1] > 0 else {
      throw .invalidConfiguration(
        layer: layer,
        reason: "the input of shape \(input.shape) is empty; expected [batch >= 1, time >= 1, "
          + "\(inputSize)]")
    }
    return (input.shape[0], input.shape[1])
  }
}
