/// A layer that, in training mode, keeps each element independently with probability
/// ``keepProbability`` and scales the kept ones by `1 / keepProbability` (inverted dropout).
///
/// The conformance kit checks every stochastic layer's reproducibility from the seed and its
/// preserved expected value; for a masking layer it also checks the kept fraction and the
/// identity in inference mode.
public protocol MaskingLayer: Layer {
  /// The probability that an element is kept, in (0, 1].
  var keepProbability: Double { get }
}
