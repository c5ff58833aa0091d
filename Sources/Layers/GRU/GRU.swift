import LayerCore

/// A single-layer gated recurrent unit with PyTorch's equations and parameter layout
/// (`torch.nn.GRU(inputSize, hiddenSize, batch_first=True)`), so that weights can be copied
/// from PyTorch and back.
///
/// For input `[batch, time, inputSize]` and hidden state `h` (`[batch, hiddenSize]`), each
/// step computes, with σ the logistic function and ⊙ the elementwise product:
///
/// ```
/// r  = σ(W_ir x + b_ir + W_hr h + b_hr)
/// z  = σ(W_iz x + b_iz + W_hz h + b_hz)
/// n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
/// h' = (1 − z) ⊙ n + z ⊙ h
/// ```
///
/// The output is `h` after every step, `[batch, time, hiddenSize]`, PyTorch's `output`. The
/// parameters are, in order, `weight_ih` `[3·hiddenSize, inputSize]`, `weight_hh`
/// `[3·hiddenSize, hiddenSize]`, `bias_ih` and `bias_hh` `[3·hiddenSize]`, with the row blocks
/// r, z, n: PyTorch's `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`. The state
/// is `h`, ``stateWidth`` = `hiddenSize` entries per sequence, zero unless given.
///
/// The backward pass is full backpropagation through time, written by hand from the gate
/// values cached by the forward pass, and returns the initial state's gradient too.
public struct GRU<Scalar: LayerScalar>: RecurrentLayer {
  /// What the forward pass keeps: inputs, states, gate values and the recurrent projections.
  public typealias Cache = GatedRecurrentCache<Scalar>

  /// The number of input features.
  public let inputSize: Int
  /// The number of hidden units.
  public let hiddenSize: Int
  /// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`, in PyTorch's layout.
  public var parameters: ParameterSet<Scalar>

  /// A layer with PyTorch's initialization: every weight and bias uniform in
  /// `(−1/√hiddenSize, 1/√hiddenSize)`, drawn from `random`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for a size below 1.
  public init(inputSize: Int, hiddenSize: Int, random: inout RandomSource) throws(LayerError) {
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    parameters = try GatedRecurrentWeights.initialParameters(
      gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, layer: "GRU", random: &random)
  }

  /// `"GRU"`.
  public var name: String { "GRU" }

  /// `hiddenSize`: the state is `h`.
  public var stateWidth: Int { hiddenSize }

  /// The four parameter tensors, checked.
  @inlinable
  func weights() throws(LayerError) -> GatedRecurrentWeights<Scalar> {
    try GatedRecurrentWeights(
      parameters, gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, layer: name)
  }

  /// Runs the sequence from `initialState` (`[batch, hiddenSize]`); the output is `h_t` for
  /// every `t`, `[batch, time, hiddenSize]`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` for an input that is not
  ///   `[batch, time, inputSize]`, a state that is not `[batch, hiddenSize]` or a parameter of
  ///   the wrong shape; ``LayerError/unknownParameter(layer:name:known:)`` for a missing one;
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` for an empty batch or sequence.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: GatedRecurrentCache<Scalar>) {
    let weights = try weights()
    let (batch, time) = try weights.sequenceExtents(of: input, layer: name)
    try GatedRecurrence.checkState(initialState, batch: batch, width: stateWidth, layer: name)
    let h = hiddenSize
    let width = 3 * h
    let (output, cache) = GatedRecurrence.forward(
      input, batch: batch, time: time, initialHidden: initialState.scalars, weights: weights
    ) { s in
      for b in 0..<batch {
        for j in 0..<h {
          let k = b * width + j
          let r = Scalar.logistic(s.gates[k] + s.recurrent[k])
          let z = Scalar.logistic(s.gates[k + h] + s.recurrent[k + h])
          let n = Scalar.tanh(s.gates[k + 2 * h] + r * s.recurrent[k + 2 * h])
          s.next[b * h + j] = (1 - z) * n + z * s.previous[b * h + j]
          s.gates[k] = r
          s.gates[k + h] = z
          s.gates[k + 2 * h] = n
        }
      }
    }
    return (try Tensor(shape: [batch, time, h], scalars: output), cache)
  }

  /// Backpropagation through time. With `g = ∂L/∂h'` (the output's gradient plus what flows
  /// back from the next step) and `ĥ = W_hn h + b_hn`:
  /// `∂n̂ = g (1 − z)(1 − n²)`, `∂ẑ = g (h − n) z (1 − z)`, `∂r̂ = ∂n̂ ĥ r (1 − r)`; the input
  /// side gets `(∂r̂, ∂ẑ, ∂n̂)`, the recurrent side `(∂r̂, ∂ẑ, r ∂n̂)`, and
  /// `∂h = g z + (recurrent side) W_hh`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` is not
  ///   `[batch, time, hiddenSize]`, or a parameter error as in
  ///   ``forward(_:initialState:mode:random:)``.
  @inlinable
  public func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: GatedRecurrentCache<Scalar>
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    let h = hiddenSize
    let width = 3 * h
    let batch = cache.batch
    let result = try GatedRecurrence.backward(
      outputGradient, cache: cache, weights: try weights(), layer: name,
      separateRecurrentGradient: true
    ) { s in
      for b in 0..<batch {
        for j in 0..<h {
          let k = b * width + j
          let (r, z, n) = (s.gates[k], s.gates[k + h], s.gates[k + 2 * h])
          let g = s.hidden[b * h + j]
          let dn = g * (1 - z) * (1 - n * n)
          let dz = g * (s.previous[b * h + j] - n) * z * (1 - z)
          let dr = dn * s.recurrent[k + 2 * h] * r * (1 - r)
          s.gateGradient[k] = dr
          s.gateGradient[k + h] = dz
          s.gateGradient[k + 2 * h] = dn
          s.recurrentGradient[k] = dr
          s.recurrentGradient[k + h] = dz
          s.recurrentGradient[k + 2 * h] = dn * r
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
