import LayerConformance
import LayerKit

// GRU and LSTM, each with one classic BPTT bug in its per-step gate arithmetic and the real
// forward pass. The backward passes below are the layers' own step arithmetic, copied, with one
// line changed under each bug; the loop over time and the projections are LayerCore's.

/// The gate bugs.
enum GatedRecurrentBug: String, CaseIterable, Sendable {
  /// LSTM: the forget gate's derivative misses the previous cell state, `∂f = ∂c · 1` instead
  /// of `∂c · c_{t−1}`.
  case lstmForgetGateWithoutPreviousCell
  /// LSTM: the cell gradient is not carried back, `∂c_{t−1}` loses its `f ⊙ ∂c` term.
  case lstmCellGradientNotCarried
  /// GRU: the update gate's sign flipped in the backward pass, `∂z = g (n − h)`.
  case gruUpdateGateSignFlipped
  /// GRU: the candidate's recurrent path misses the reset gate, `∂(W_hn h) = ∂n̂` instead of
  /// `r ∂n̂`.
  case gruCandidateWithoutReset

  var isLSTM: Bool { rawValue.hasPrefix("lstm") }
}

/// A ``GRU`` with ``bug`` in its backward pass.
struct GRUMutant<Scalar: LayerScalar>: RecurrentLayer {
  typealias Cache = GatedRecurrentCache<Scalar>
  let bug: GatedRecurrentBug
  var gru: GRU<Scalar>

  var name: String { "\(bug)" }
  var stateWidth: Int { gru.stateWidth }
  var parameters: ParameterSet<Scalar> {
    get { gru.parameters }
    set { gru.parameters = newValue }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    try gru.forward(input, initialState: initialState, mode: mode, random: &random)
  }

  func backwardThroughTime(_ outputGradient: Tensor<Scalar>, cache: Cache) throws(LayerError)
    -> RecurrentGradients<Scalar>
  {
    let (h, batch, bug) = (gru.hiddenSize, cache.batch, bug)
    let weights = try GatedRecurrentWeights(
      parameters, gates: 3, inputSize: gru.inputSize, hiddenSize: h, layer: name)
    let result = try GatedRecurrence.backward(
      outputGradient, cache: cache, weights: weights, layer: name,
      separateRecurrentGradient: true
    ) { s in
      for b in 0..<batch {
        for j in 0..<h {
          let k = b * 3 * h + j
          let (r, z, n) = (s.gates[k], s.gates[k + h], s.gates[k + 2 * h])
          let g = s.hidden[b * h + j]
          let dn = g * (1 - z) * (1 - n * n)
          let previous = s.previous[b * h + j]
          let dz =
            bug == .gruUpdateGateSignFlipped
            ? g * (n - previous) * z * (1 - z) : g * (previous - n) * z * (1 - z)
          let dr = dn * s.recurrent[k + 2 * h] * r * (1 - r)
          s.gateGradient[k] = dr
          s.gateGradient[k + h] = dz
          s.gateGradient[k + 2 * h] = dn
          s.recurrentGradient[k] = dr
          s.recurrentGradient[k + h] = dz
          s.recurrentGradient[k + 2 * h] = bug == .gruCandidateWithoutReset ? dn : dn * r
          s.hidden[b * h + j] = g * z
        }
      }
    }
    return RecurrentGradients(
      input: result.input,
      initialState: try Tensor(shape: [batch, h], scalars: result.initialHidden),
      parameters: result.parameters)
  }
}

/// An ``LSTM`` with ``bug`` in its backward pass.
struct LSTMMutant<Scalar: LayerScalar>: RecurrentLayer {
  typealias Cache = LSTMCache<Scalar>
  let bug: GatedRecurrentBug
  var lstm: LSTM<Scalar>

  var name: String { "\(bug)" }
  var stateWidth: Int { lstm.stateWidth }
  var parameters: ParameterSet<Scalar> {
    get { lstm.parameters }
    set { lstm.parameters = newValue }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    try lstm.forward(input, initialState: initialState, mode: mode, random: &random)
  }

  func backwardThroughTime(_ outputGradient: Tensor<Scalar>, cache: Cache) throws(LayerError)
    -> RecurrentGradients<Scalar>
  {
    let (h, batch, bug) = (lstm.hiddenSize, cache.sequence.batch, bug)
    let block = batch * h
    let weights = try GatedRecurrentWeights(
      parameters, gates: 4, inputSize: lstm.inputSize, hiddenSize: h, layer: name)
    var carried = [Scalar](repeating: 0, count: block)
    let result = try GatedRecurrence.backward(
      outputGradient, cache: cache.sequence, weights: weights, layer: name,
      separateRecurrentGradient: false
    ) { s in
      for b in 0..<batch {
        for j in 0..<h {
          let k = b * 4 * h + j
          let m = b * h + j
          let (i, f, g, o) = (s.gates[k], s.gates[k + h], s.gates[k + 2 * h], s.gates[k + 3 * h])
          let t = cache.cellTanh[s.t * block + m]
          let dh = s.hidden[m]
          let dcell = carried[m] + dh * o * (1 - t * t)
          let previousCell =
            bug == .lstmForgetGateWithoutPreviousCell ? 1 : cache.cells[s.t * block + m]
          s.gateGradient[k] = dcell * g * i * (1 - i)
          s.gateGradient[k + h] = dcell * previousCell * f * (1 - f)
          s.gateGradient[k + 2 * h] = dcell * i * (1 - g * g)
          s.gateGradient[k + 3 * h] = dh * t * o * (1 - o)
          carried[m] = bug == .lstmCellGradientNotCarried ? 0 : dcell * f
          s.hidden[m] = 0
        }
      }
    }
    var initial = [Scalar](repeating: 0, count: 2 * block)
    for b in 0..<batch {
      for j in 0..<h {
        initial[b * 2 * h + j] = result.initialHidden[b * h + j]
        initial[b * 2 * h + h + j] = carried[b * h + j]
      }
    }
    return RecurrentGradients(
      input: result.input, initialState: try Tensor(shape: [batch, 2 * h], scalars: initial),
      parameters: result.parameters)
  }
}

/// How the registry would build a mutant: the registered blueprints' sizes and initialization.
struct GatedRecurrentMutantBlueprint: LayerBlueprint {
  let bug: GatedRecurrentBug
  var name: String { "\(bug)" }
  var sampleInputShape: [Int] { GRUBlueprint().sampleInputShape }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    let sizes = GRUBlueprint()
    if bug.isLSTM {
      return LSTMMutant(
        bug: bug,
        lstm: try LSTM<T>(inputSize: sizes.inputSize, hiddenSize: sizes.hiddenSize, random: &random)
      )
    }
    return GRUMutant(
      bug: bug,
      gru: try GRU<T>(inputSize: sizes.inputSize, hiddenSize: sizes.hiddenSize, random: &random))
  }
}
