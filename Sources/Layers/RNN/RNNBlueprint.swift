import LayerCore

/// Registers ``RNN``: a small tanh layer whose gradient check is well conditioned.
///
/// The kit checks it on a batch of `batch` sequences of `time` steps. The weights are drawn
/// uniformly and scaled so that no pre-activation is large (tanh far from saturation, so every
/// entry matters): `U` within `±1/√inputSize`, `W` within `±0.5/√hiddenSize` (a recurrent
/// matrix of norm below 1), `V` within `±1/√hiddenSize`. The biases `b` and `c` are random and
/// non-zero, `±(0.1 … 0.5)`, so that they enter the check with a value.
public struct RNNBlueprint: LayerBlueprint {
  /// The number of input features per step.
  public var inputSize: Int
  /// The width of the hidden state.
  public var hiddenSize: Int
  /// The number of output features per step.
  public var outputSize: Int
  /// The number of sequences the kit checks with.
  public var batch: Int
  /// The number of time steps of each sequence.
  public var time: Int
  /// The nonlinearity; the registered blueprint uses tanh (see ``RNN`` on ReLU's kinks).
  public var nonlinearity: RNNNonlinearity

  /// A blueprint for an `RNN` of the given sizes, checked on `[batch, time, inputSize]`.
  public init(
    inputSize: Int = 3, hiddenSize: Int = 4, outputSize: Int = 2, batch: Int = 2, time: Int = 4,
    nonlinearity: RNNNonlinearity = .tanh
  ) {
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.outputSize = outputSize
    self.batch = batch
    self.time = time
    self.nonlinearity = nonlinearity
  }

  /// `"RNN"`, or `"RNN (relu)"` for the ReLU variant.
  public var name: String { nonlinearity == .tanh ? "RNN" : "RNN (\(nonlinearity.rawValue))" }

  /// `[batch, time, inputSize]`.
  public var sampleInputShape: [Int] { [batch, time, inputSize] }

  /// Builds the layer in `T`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for sizes below 1.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try makeRNN(of: T.self, random: &random)
  }

  /// Builds the layer in `T` as its concrete type (for wrappers and tests).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for sizes below 1.
  public func makeRNN<T: LayerScalar>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> RNN<T> {
    var layer = try RNN<T>(
      inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize,
      nonlinearity: nonlinearity, random: &random)
    let h = Double(hiddenSize)
    let scales = [1 / Double(inputSize).squareRoot(), 0.5 / h.squareRoot(), 0, 1 / h.squareRoot()]
    var parameters = layer.parameters
    for (t, name) in RNN<T>.parameterNames.enumerated() {
      guard var tensor = parameters[name] else { continue }
      for k in tensor.scalars.indices {
        let u = random.nextUnit()
        if t == 2 || t == 4 {
          tensor.scalars[k] = T((u < 0.5 ? -1 : 1) * (0.1 + 0.8 * Swift.abs(u - 0.5)))
        } else {
          tensor.scalars[k] = T((2 * u - 1) * scales[t])
        }
      }
      parameters[name] = tensor
    }
    layer.parameters = parameters
    return layer
  }
}
