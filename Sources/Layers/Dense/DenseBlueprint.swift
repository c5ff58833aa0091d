import LayerCore

/// Registers ``Dense``: builds a layer of the given sizes with Glorot weights and small random
/// biases (so that the bias enters the check with a non-zero value).
public struct DenseBlueprint: LayerBlueprint {
  /// The number of input features.
  public var inputSize: Int
  /// The number of output features.
  public var outputSize: Int
  /// The batch size the kit checks with.
  public var batch: Int

  /// A blueprint for `Dense(inputSize:outputSize:)`, checked on batches of `batch`.
  public init(inputSize: Int = 4, outputSize: Int = 3, batch: Int = 3) {
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.batch = batch
  }

  /// `"Dense"`.
  public var name: String { "Dense" }

  /// `[batch, inputSize]`.
  public var sampleInputShape: [Int] { [batch, inputSize] }

  /// Builds the layer in `T`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for sizes below 1.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    var layer = try Dense<T>(inputSize: inputSize, outputSize: outputSize, random: &random)
    for j in 0..<outputSize { layer.bias.scalars[j] = T(random.nextUnit() - 0.5) }
    return layer
  }
}
