import LayerConformance
import LayerKit

// The RNN with one classic BPTT bug each and the real forward pass. The layer check must catch
// the first four (the kit's initial-state check is being written separately; RNNTests checks
// the correct layer's ∂h_0 by a central difference of its own).

/// The BPTT bugs of issue 12.
enum RNNBug: String, CaseIterable, Sendable {
  /// BPTT that stops after one step: `∂h_t = Vᵀ g_t`, the recurrent term `Wᵀ δ_{t+1}` dropped.
  case noRecurrentTerm
  /// `∂W = δ_T h_{T−1}ᵀ`, the last step's only, not the sum over time.
  case weightGradientFromLastStep
  /// `tanh′ = 1 − a_t²` with `a_t` the pre-activation, instead of `1 − h_t²`.
  case tanhPrimeFromPreActivation
  /// `∂b = δ_T`, the last step's only, not the sum over time.
  case biasGradientFromLastStep
  /// The initial state's gradient returned as zeros.
  case initialStateGradientDropped

  /// The bugs the layer check sees: every one, the dropped initial-state gradient included,
  /// since the kit checks a recurrent layer's `initialState` like its input.
  static var caughtByTheLayerCheck: [RNNBug] { allCases }

  /// The tensors whose gradient the bug makes wrong, in the order the check reports them.
  var wrongTensors: [String] {
    switch self {
    case .noRecurrentTerm, .tanhPrimeFromPreActivation: ["input", "initialState", "U", "W", "b"]
    case .weightGradientFromLastStep: ["W"]
    case .biasGradientFromLastStep: ["b"]
    case .initialStateGradientDropped: ["initialState"]
    }
  }
}

/// An ``RNN`` whose backward pass is ``plainBPTT(_:cache:bug:)``, with ``bug`` in it.
struct RNNMutant<Scalar: LayerScalar>: RecurrentLayer {
  /// Named explicitly: Swift does not infer a `RecurrentLayer`'s `Cache` from the requirements'
  /// signatures when it is not a nested type.
  typealias Cache = RNN<Scalar>.Cache
  let bug: RNNBug
  var rnn: RNN<Scalar>

  var name: String { "RNN(\(bug))" }
  var stateWidth: Int { rnn.stateWidth }
  var parameters: ParameterSet<Scalar> {
    get { rnn.parameters }
    set { rnn.parameters = newValue }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: RNN<Scalar>.Cache) {
    try rnn.forward(input, initialState: initialState, mode: mode, random: &random)
  }

  func backwardThroughTime(_ outputGradient: Tensor<Scalar>, cache: RNN<Scalar>.Cache)
    throws(LayerError) -> RecurrentGradients<Scalar>
  {
    if bug == .initialStateGradientDropped {
      var result = try rnn.backwardThroughTime(outputGradient, cache: cache)
      result.initialState = Tensor(zeros: result.initialState.shape)
      return result
    }
    return try plainBPTT(rnn, outputGradient, cache: cache, bug: bug)
  }
}

/// BPTT for a tanh `rnn`, written out entry by entry from the equations in ``RNN``'s
/// documentation, independently of its matrix products; `bug` changes one line. With
/// `bug == nil` it must agree with `rnn.backwardThroughTime` (RNNTests checks that).
func plainBPTT<T: LayerScalar>(
  _ rnn: RNN<T>, _ g: Tensor<T>, cache: RNN<T>.Cache, bug: RNNBug?
) throws(LayerError) -> RecurrentGradients<T> {
  let (n, h, m) = (rnn.inputSize, rnn.hiddenSize, rnn.outputSize)
  let (batch, time) = (cache.input.shape[0], cache.input.shape[1])
  guard rnn.nonlinearity == .tanh, g.shape == [batch, time, m] else {
    throw .shapeMismatch(
      layer: "plainBPTT (tanh only)", expected: [batch, time, m], actual: g.shape)
  }
  var p: [[T]] = []
  for name in RNN<T>.parameterNames {
    p.append(try rnn.parameters.tensor(named: name, layer: rnn.name).scalars)
  }
  let (u, w, b, v) = (p[0], p[1], p[2], p[3])
  let x = cache.input.scalars  // [batch, time, n]
  let s = cache.states.scalars  // [time + 1, batch, h]
  func state(_ t: Int, _ r: Int, _ i: Int) -> T { s[(t * batch + r) * h + i] }
  var du = [T](repeating: 0, count: h * n)
  var dw = [T](repeating: 0, count: h * h)
  var db = [T](repeating: 0, count: h)
  var dv = [T](repeating: 0, count: m * h)
  var dc = [T](repeating: 0, count: m)
  var dx = [T](repeating: 0, count: batch * time * n)
  var dh0 = [T](repeating: 0, count: batch * h)
  for r in 0..<batch {
    var next = [T](repeating: 0, count: h)  // Wᵀ δ_{t+1}
    for t in stride(from: time, through: 1, by: -1) {
      let out = (r * time + t - 1) * m
      var delta = [T](repeating: 0, count: h)
      for i in 0..<h {
        var dh: T = bug == .noRecurrentTerm ? 0 : next[i]
        for o in 0..<m { dh += v[o * h + i] * g.scalars[out + o] }
        var slope = 1 - state(t, r, i) * state(t, r, i)
        if bug == .tanhPrimeFromPreActivation {
          var a = b[i]
          for j in 0..<h { a += w[i * h + j] * state(t - 1, r, j) }
          for k in 0..<n { a += u[i * n + k] * x[(r * time + t - 1) * n + k] }
          slope = 1 - a * a
        }
        delta[i] = dh * slope
      }
      for o in 0..<m {
        dc[o] += g.scalars[out + o]
        for i in 0..<h { dv[o * h + i] += g.scalars[out + o] * state(t, r, i) }
      }
      for i in 0..<h {
        if bug != .biasGradientFromLastStep || t == time { db[i] += delta[i] }
        for k in 0..<n {
          du[i * n + k] += delta[i] * x[(r * time + t - 1) * n + k]
          dx[(r * time + t - 1) * n + k] += u[i * n + k] * delta[i]
        }
        for j in 0..<h where bug != .weightGradientFromLastStep || t == time {
          dw[i * h + j] += delta[i] * state(t - 1, r, j)
        }
      }
      next = (0..<h).map { j in (0..<h).reduce(T(0)) { $0 + w[$1 * h + j] * delta[$1] } }
    }
    for j in 0..<h { dh0[r * h + j] = next[j] }
  }
  return RecurrentGradients(
    input: try Tensor(shape: cache.input.shape, scalars: dx),
    initialState: try Tensor(shape: [batch, h], scalars: dh0),
    parameters: ParameterSet([
      ("U", try Tensor(shape: [h, n], scalars: du)), ("W", try Tensor(shape: [h, h], scalars: dw)),
      ("b", try Tensor(shape: [h], scalars: db)), ("V", try Tensor(shape: [m, h], scalars: dv)),
      ("c", try Tensor(shape: [m], scalars: dc)),
    ]))
}

/// How the registry would build an ``RNNMutant``: ``RNNBlueprint``'s layer and sample shape.
struct RNNMutantBlueprint: LayerBlueprint {
  let bug: RNNBug
  var base = RNNBlueprint()
  var name: String { "RNN(\(bug))" }
  var sampleInputShape: [Int] { base.sampleInputShape }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    RNNMutant(bug: bug, rnn: try base.makeRNN(of: T.self, random: &random))
  }
}
