import LayerConformance
import LayerKit

// Softmax, LogSoftmax and PReLU, each with one classic backward-pass bug and the real forward
// pass. The registry check, `checkJacobian` and the kink handling must catch them.

/// The bugs of the catalogue layers.
enum CatalogueLayerBug: String, CaseIterable, Sendable {
  /// Softmax whose backward pass forgets the ⟨g, y⟩ term: `∂x = y ⊙ g`.
  case softmaxWithoutDotTerm
  /// LogSoftmax whose backward pass uses its own output where the softmax belongs:
  /// `∂x = g − y · Σg`.
  case logSoftmaxOutputForSoftmax
  /// LogSoftmax whose backward pass is `∂x = g − y`, the softmax cross-entropy's gradient.
  case logSoftmaxGMinusY
  /// PReLU whose slope gradient is the last example's, not the sum over the batch.
  case preluSlopeGradientNotSummed
  /// PReLU whose backward pass uses the slope on the right side near 0 (0 < x < 1e-3) too.
  case preluSlopeRightOfZero

  /// Whether the input Jacobian is wrong (the slope-gradient bug leaves it right).
  var breaksJacobian: Bool { self != .preluSlopeGradientNotSummed }
}

/// A catalogue layer with ``bug`` in its backward pass. A PReLU mutant declares the real
/// layer's kinks, so the kit judges it through its kink handling.
struct CatalogueLayerMutant<Scalar: LayerScalar>: PiecewiseSmoothLayer {
  let bug: CatalogueLayerBug
  var prelu: PReLU<Scalar>
  let softmax: Softmax<Scalar>
  let logSoftmax: LogSoftmax<Scalar>

  init(_ bug: CatalogueLayerBug, features: Int = 4) throws(LayerError) {
    self.bug = bug
    prelu = try PReLU(features: features)
    softmax = try Softmax(features: features)
    logSoftmax = try LogSoftmax(features: features)
  }

  var name: String { "\(bug)" }
  var isPReLU: Bool { bug == .preluSlopeGradientNotSummed || bug == .preluSlopeRightOfZero }
  var features: Int { prelu.features }

  var parameters: ParameterSet<Scalar> {
    get { isPReLU ? prelu.parameters : ParameterSet() }
    set { if isPReLU { prelu.parameters = newValue } }
  }

  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>)
  {
    switch bug {
    case .softmaxWithoutDotTerm: try softmax.forward(input, mode: mode, random: &random)
    case .logSoftmaxOutputForSoftmax, .logSoftmaxGMinusY:
      try logSoftmax.forward(input, mode: mode, random: &random)
    case .preluSlopeGradientNotSummed, .preluSlopeRightOfZero:
      try prelu.forward(input, mode: mode, random: &random)
    }
  }

  func backward(_ g: Tensor<Scalar>, cache: Tensor<Scalar>) throws(LayerError)
    -> LayerGradients<Scalar>
  {
    let n = features
    var dx = g
    switch bug {
    case .softmaxWithoutDotTerm:
      for k in dx.scalars.indices { dx.scalars[k] = cache.scalars[k] * g.scalars[k] }
    case .logSoftmaxOutputForSoftmax:
      for start in stride(from: 0, to: g.count, by: n) {
        let total = g.scalars[start..<(start + n)].reduce(0, +)
        for k in start..<(start + n) { dx.scalars[k] = g.scalars[k] - cache.scalars[k] * total }
      }
    case .logSoftmaxGMinusY:
      for k in dx.scalars.indices { dx.scalars[k] = g.scalars[k] - cache.scalars[k] }
    case .preluSlopeGradientNotSummed:
      var result = try prelu.backward(g, cache: cache)
      var last = Tensor<Scalar>(zeros: [n])
      for k in g.scalars.indices where !(cache.scalars[k] > 0) {
        last.scalars[k % n] = cache.scalars[k] * g.scalars[k]  // = instead of +=
      }
      result.parameters["weight"] = last
      return result
    case .preluSlopeRightOfZero:
      var result = try prelu.backward(g, cache: cache)
      let slopes = try prelu.parameters.tensor(named: "weight", layer: name)
      for k in g.scalars.indices where cache.scalars[k] > 0 && cache.scalars[k] < 1e-3 {
        result.input.scalars[k] = slopes.scalars[k % n] * g.scalars[k]
      }
      return result
    }
    return LayerGradients(input: dx)
  }

  func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
    isPReLU ? prelu.kinks(ofInputEntry: index, in: input) : []
  }
}

/// How the registry would build a ``CatalogueLayerMutant``: the same sample shape as the
/// real layers' blueprints.
struct CatalogueLayerMutantBlueprint: LayerBlueprint {
  let bug: CatalogueLayerBug
  var name: String { "\(bug)" }
  var sampleInputShape: [Int] { [3, 4] }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try CatalogueLayerMutant<T>(bug)
  }
}
