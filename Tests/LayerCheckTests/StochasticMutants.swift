import LayerConformance
import LayerKit

// Dropouts written as a user would write them: conforming to `Layer` only, not to
// `MaskingLayer`, so the kit knows nothing of a keep probability. Only the statistical checks
// that every stochastic layer gets can catch the forward-pass bugs, since forward and backward
// agree with each other.

/// What a ``UserDropout`` gets right or wrong.
enum DropoutVariant: Sendable, Hashable {
  /// Keeps with probability `keep` and scales by `1 / keep`: unbiased.
  case correct
  /// Forgets the `1 / keep` scaling: the mean output is `keep · x`.
  case noScaling
  /// Keeps with the drop probability `1 − keep` (and scales by `1 / keep`).
  case keepsWithDropProbability
  /// The backward pass returns the output gradient, ignoring the mask.
  case backwardIgnoresMask
  /// Draws the mask from the system generator instead of `random`.
  case systemGenerator
  /// Scales by `factor / keep`: a bias of `factor − 1`.
  case scaledBy(Double)
}

/// Inverted dropout conforming only to `Layer`, right or with one bug.
struct UserDropout<Scalar: LayerScalar>: Layer {
  let keep: Double
  let variant: DropoutVariant
  /// Built once: `forward` and `backward` pass it to every `zipMap`, and interpolating the
  /// variant there made it a visible share of a debug `swift test`.
  let name: String

  init(keep: Double, variant: DropoutVariant) {
    self.keep = keep
    self.variant = variant
    name = "UserDropout(\(variant))"
  }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
  var isStochastic: Bool { true }

  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>?)
  {
    guard mode == .training else { return (input, nil) }
    let probability = variant == .keepsWithDropProbability ? 1 - keep : keep
    let scale: Scalar =
      switch variant {
      case .noScaling: 1
      case .scaledBy(let factor): Scalar(factor / keep)
      default: Scalar(1 / keep)
      }
    var mask = input
    let systemGenerator = variant == .systemGenerator
    for k in mask.scalars.indices {
      let u = systemGenerator ? Double.random(in: 0..<1) : random.nextUnit()
      mask.scalars[k] = u < probability ? scale : 0
    }
    return (try mask.zipMap(input, layer: name) { $0 * $1 }, mask)
  }

  func backward(_ outputGradient: Tensor<Scalar>, cache mask: Tensor<Scalar>?)
    throws(LayerError) -> LayerGradients<Scalar>
  {
    guard let mask, variant != .backwardIgnoresMask else {
      return LayerGradients(input: outputGradient)
    }
    return LayerGradients(input: try mask.zipMap(outputGradient, layer: name) { $0 * $1 })
  }
}

/// Dropout that keeps elements unscaled, on purpose: its mean output is `keep · x`, and a
/// later layer is meant to rescale. It declares the bias, so the kit waives the expectation
/// check.
struct UnscaledDropout<Scalar: LayerScalar>: Layer {
  var inner: UserDropout<Scalar>
  init(keep: Double) { inner = UserDropout(keep: keep, variant: .noScaling) }
  var name: String { "UnscaledDropout" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
  var isStochastic: Bool { true }
  /// Knowingly biased: the kept elements are not scaled by `1 / keep`.
  var expectationPreserving: Bool { false }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>?)
  { try inner.forward(input, mode: mode, random: &random) }
  func backward(_ outputGradient: Tensor<Scalar>, cache: Tensor<Scalar>?)
    throws(LayerError) -> LayerGradients<Scalar>
  { try inner.backward(outputGradient, cache: cache) }
}

/// Builds a ``UserDropout`` (or, with `waived`, an ``UnscaledDropout``) in any scalar type.
struct UserDropoutBlueprint: LayerBlueprint {
  var variant: DropoutVariant = .correct
  var keep = 0.7
  var waived = false
  var sampleInputShape: [Int] { [4, 5] }
  var name: String { waived ? "UnscaledDropout" : "UserDropout(\(variant))" }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    if waived { return UnscaledDropout<T>(keep: keep) }
    return UserDropout<T>(keep: keep, variant: variant)
  }
}

/// A layer that claims `expectationPreserving` whatever it wraps.
struct ClaimsUnbiasedLayer<Scalar: LayerScalar>: Layer {
  var wrapped: any Layer<Scalar>
  var name: String { wrapped.name }
  var parameters: ParameterSet<Scalar> {
    get { wrapped.parameters }
    set { wrapped.parameters = newValue }
  }
  var isStochastic: Bool { wrapped.isStochastic }
  var expectationPreserving: Bool { true }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: any Sendable)
  {
    let (output, cache) = try wrapped.forward(input, mode: mode, random: &random)
    return (output, cache)
  }
  func backward(_ outputGradient: Tensor<Scalar>, cache: any Sendable)
    throws(LayerError) -> LayerGradients<Scalar>
  { try wrapped.backward(outputGradient, erasedCache: cache) }
}

/// Builds what `wrapped` builds, claiming it preserves the expectation.
struct ClaimsUnbiased: LayerBlueprint {
  var wrapped: any LayerBlueprint
  var name: String { "ClaimsUnbiased(\(wrapped.name))" }
  var sampleInputShape: [Int] { wrapped.sampleInputShape }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    ClaimsUnbiasedLayer(wrapped: try wrapped.makeLayer(of: T.self, random: &random))
  }
}

/// Multiplies the whole input by one random factor, 0 or 2 with probability ½ each (unbiased,
/// with the largest spread a relative bias can have, s = 1), or, with `zeroInInference`, returns
/// zeros in inference mode.
struct RandomScale<Scalar: LayerScalar>: Layer {
  var zeroInInference = false
  var name: String { zeroInInference ? "ZeroInInference" : "RandomScale" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
  var isStochastic: Bool { true }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Scalar)
  {
    guard mode == .training else { return (input.map { zeroInInference ? 0 : $0 }, 1) }
    let factor: Scalar = random.nextUnit() < 0.5 ? 0 : 2
    return (input.map { $0 * factor }, factor)
  }
  func backward(_ outputGradient: Tensor<Scalar>, cache factor: Scalar)
    throws(LayerError) -> LayerGradients<Scalar>
  { LayerGradients(input: outputGradient.map { $0 * factor }) }
}

/// Builds a ``RandomScale`` for inputs of `sampleInputShape`.
struct RandomScaleBlueprint: LayerBlueprint {
  var sampleInputShape: [Int] = [1, 1]
  var zeroInInference = false
  var name: String { zeroInInference ? "ZeroInInference" : "RandomScale" }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> { RandomScale<T>(zeroInInference: zeroInInference) }
}
