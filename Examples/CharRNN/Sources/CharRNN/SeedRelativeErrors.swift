import LayerConformance
import LayerKit

/// The seed slides' test, entry by entry: their `are_equal`, `|a − n| / max(max(|a|, |n|), floor)`
/// for every parameter entry, with `a` the back-propagated gradient and `n` the central
/// difference of the loss.
///
/// The floor (1e-10 in the slides) keeps entries whose gradient is exactly zero on both sides
/// (the columns of `U` for characters that do not occur in the sequence) at error 0.
public struct SeedRelativeErrors: Sendable {
  /// The largest relative error.
  public var largest: Double
  /// The tensor and entry of the largest error, with its analytic and numeric gradient.
  public var worst: (tensor: String, entry: Int, analytic: Double, numeric: Double)
  /// The number of entries compared.
  public var entries: Int
  /// The floor of the denominator.
  public var floor: Double

  /// The relative errors of every `stride`-th entry (0, stride, 2 · stride, …) of every
  /// parameter of `layer` (the char-RNN's ``/RNNLayer/RNN``, or a variant of it) followed by
  /// `loss`. With `stride` 1, every entry, the numeric side by the kit's fast central
  /// differences (``/LayerConformance/NetworkChecker/numericGradients(layers:loss:input:target:)``);
  /// otherwise by the slides' plain procedure, a full forward pass at θ + h and at θ − h per
  /// entry, with the kit's step rule.
  ///
  /// - Throws: The first `LayerError` of the forward or backward pass.
  public init<L: Layer>(
    layer: L, loss: SoftmaxCrossEntropy = SoftmaxCrossEntropy(), input: Tensor<L.Scalar>,
    target: Tensor<L.Scalar>, floor: Double = 1e-10, stride: Int = 1
  ) throws(LayerError) where L.Scalar: NetworkCheckScalar {
    var random = RandomSource(seed: CheckOptions.defaultSeed)
    let (output, cache) = try layer.forward(input, mode: .training, random: &random)
    let analytic = try layer.backward(try loss.gradient(output, target: target), cache: cache)
      .parameters
    let numeric =
      stride <= 1
      ? try NetworkChecker().numericGradients(
        layers: [layer], loss: loss, input: input, target: target)[0]
      : try Self.plainDifferences(layer, loss: loss, input: input, target: target, stride: stride)
    self.floor = floor
    largest = 0
    worst = ("", 0, 0, 0)
    entries = 0
    for (t, name) in analytic.names.enumerated() {
      let checked = Swift.stride(
        from: 0, to: analytic.tensors[t].count, by: Swift.max(stride, 1))
      for e in checked {
        let (a, n) = (Double(analytic.tensors[t].scalars[e]), Double(numeric.tensors[t].scalars[e]))
        let error = Swift.abs(a - n) / Swift.max(Swift.max(Swift.abs(a), Swift.abs(n)), floor)
        entries += 1
        if !(error <= largest) {
          largest = error
          worst = (name, e, a, n)
        }
      }
    }
  }

  /// The central differences of every `stride`-th entry, each from two full forward passes of a
  /// copy of `layer` with that entry moved (the other entries are left 0).
  static func plainDifferences<L: Layer>(
    _ layer: L, loss: SoftmaxCrossEntropy, input: Tensor<L.Scalar>, target: Tensor<L.Scalar>,
    stride: Int
  ) throws(LayerError) -> ParameterSet<L.Scalar> where L.Scalar: NetworkCheckScalar {
    var result = layer.parameters
    for t in result.tensors.indices {
      let tensor = layer.parameters.tensors[t]
      result.tensors[t] = Tensor(zeros: tensor.shape)
      for e in Swift.stride(from: 0, to: tensor.count, by: stride) {
        result.tensors[t].scalars[e] = try FiniteDifference.central(at: tensor.scalars[e]) {
          (value: L.Scalar) throws(LayerError) -> L.Scalar in
          var moved = layer
          var set = moved.parameters
          set.tensors[t].scalars[e] = value
          moved.parameters = set
          var random = RandomSource(seed: CheckOptions.defaultSeed)
          return try loss.value(
            try moved.forward(input, mode: .training, random: &random).output, target: target)
        }
      }
    }
    return result
  }
}
