import DenseLayer
import LayerCore
import SequentialLayer

extension Initializer {
  /// Re-initializes every ``/DenseLayer/Dense`` in `layers`, first to last (including those
  /// nested in a ``/SequentialLayer/Sequential``): new weights by this rule, drawn from
  /// `random`, and zero biases. Other layers are left as they are.
  ///
  /// - Returns: The number of Dense layers re-initialized.
  @inlinable
  @discardableResult
  public func initialize<T: LayerScalar>(
    _ layers: inout [any Layer<T>], random: inout RandomSource
  ) -> Int {
    var count = 0
    for index in layers.indices {
      if var dense = layers[index] as? Dense<T> {
        dense.weight = weights(
          nIn: dense.inputSize, nOut: dense.outputSize, of: T.self, random: &random)
        dense.bias = Tensor(zeros: [dense.outputSize])
        layers[index] = dense
        count += 1
      } else if var sequential = layers[index] as? Sequential<T> {
        count += initialize(&sequential.layers, random: &random)
        layers[index] = sequential
      }
    }
    return count
  }

  /// Re-initializes every ``/DenseLayer/Dense`` of `network`, as the method taking an array of
  /// layers does.
  ///
  /// - Returns: The number of Dense layers re-initialized.
  @inlinable
  @discardableResult
  public func initialize<T: LayerScalar>(
    _ network: inout Sequential<T>, random: inout RandomSource
  ) -> Int {
    initialize(&network.layers, random: &random)
  }

  /// A ``/DenseLayer/Dense`` of `inputSize` → `outputSize` with weights by this rule and zero
  /// biases.
  ///
  /// - Throws: `LayerError` for a size below 1.
  @inlinable
  public func dense<T: LayerScalar>(
    inputSize: Int, outputSize: Int, of scalar: T.Type = T.self, random: inout RandomSource
  ) throws(LayerError) -> Dense<T> {
    guard inputSize > 0, outputSize > 0 else {
      throw .invalidConfiguration(
        layer: "Dense",
        reason: "sizes must be at least 1, got inputSize \(inputSize), outputSize \(outputSize)")
    }
    return try Dense(
      weight: weights(nIn: inputSize, nOut: outputSize, of: T.self, random: &random),
      bias: Tensor(zeros: [outputSize]))
  }
}
