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

  /// The relative errors of every entry of every parameter of `rnn` followed by `loss`, the
  /// numeric side by the kit's central differences (``NetworkChecker/numericGradients``).
  ///
  /// - Throws: The first `LayerError` of the forward or backward pass.
  public init<T: NetworkCheckScalar>(
    rnn: RNN<T>, loss: SoftmaxCrossEntropy = SoftmaxCrossEntropy(), input: Tensor<T>,
    target: Tensor<T>, floor: Double = 1e-10
  ) throws(LayerError) {
    var random = RandomSource(seed: CheckOptions.defaultSeed)
    let (output, cache) = try rnn.forward(input, mode: .training, random: &random)
    let analytic = try rnn.backward(try loss.gradient(output, target: target), cache: cache)
      .parameters
    let numeric = try NetworkChecker().numericGradients(
      layers: [rnn], loss: loss, input: input, target: target)[0]
    self.floor = floor
    largest = 0
    worst = ("", 0, 0, 0)
    entries = 0
    for (t, name) in analytic.names.enumerated() {
      for (e, (a, n)) in zip(analytic.tensors[t].scalars, numeric.tensors[t].scalars).enumerated() {
        let (a, n) = (Double(a), Double(n))
        let error = Swift.abs(a - n) / Swift.max(Swift.max(Swift.abs(a), Swift.abs(n)), floor)
        entries += 1
        if !(error <= largest) {
          largest = error
          worst = (name, e, a, n)
        }
      }
    }
  }
}
