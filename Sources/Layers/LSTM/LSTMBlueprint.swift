import LayerCore

/// Registers ``LSTM``: a small layer with PyTorch's initialization, checked on a batch of
/// sequences `[batch, time, inputSize]`.
public struct LSTMBlueprint: LayerBlueprint {
  /// The number of sequences in the checked batch.
  public var batch: Int
  /// The number of time steps.
  public var time: Int
  /// The number of input features.
  public var inputSize: Int
  /// The number of hidden units.
  public var hiddenSize: Int

  /// A blueprint for `LSTM(inputSize:hiddenSize:)`, checked on `[batch, time, inputSize]`.
  public init(batch: Int = 2, time: Int = 4, inputSize: Int = 3, hiddenSize: Int = 3) {
    self.batch = batch
    self.time = time
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
  }

  /// `"LSTM"`.
  public var name: String { "LSTM" }

  /// `[batch, time, inputSize]`.
  public var sampleInputShape: [Int] { [batch, time, inputSize] }

  /// Builds the layer in `T`: weights and biases uniform in `(−1/√hiddenSize, 1/√hiddenSize)`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for sizes below 1.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try LSTM<T>(inputSize: inputSize, hiddenSize: hiddenSize, random: &random)
  }
}
