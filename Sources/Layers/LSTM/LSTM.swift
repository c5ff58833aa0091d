import LayerCore

/// A single-layer long short-term memory with PyTorch's equations and parameter layout
/// (`torch.nn.LSTM(inputSize, hiddenSize, batch_first=True)`), so that weights can be copied
/// from PyTorch and back.
///
/// For input `[batch, time, inputSize]`, hidden state `h` and cell state `c` (each
/// `[batch, hiddenSize]`), each step computes, with σ the logistic function and ⊙ the
/// elementwise product:
///
/// ```
/// i  = σ(W_ii x + b_ii + W_hi h + b_hi)
/// f  = σ(W_if x + b_if + W_hf h + b_hf)
/// g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
/// o  = σ(W_io x + b_io + W_ho h + b_ho)
/// c' = f ⊙ c + i ⊙ g
/// h' = o ⊙ tanh(c')
/// ```
///
/// The output is `h` after every step, `[batch, time, hiddenSize]`, PyTorch's `output`. The
/// parameters are, in order, `weight_ih` `[4·hiddenSize, inputSize]`, `weight_hh`
/// `[4·hiddenSize, hiddenSize]`, `bias_ih` and `bias_hh` `[4·hiddenSize]`, with the row blocks
/// i, f, g, o: PyTorch's `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`.
///
/// **The state** has ``stateWidth`` = `2 · hiddenSize` entries per sequence: `h` then `c`, end
/// to end. Row `b` of an initial state `[batch, 2 · hiddenSize]` is `h_0` of sequence `b`
/// (entries `0 ..< hiddenSize`) followed by its `c_0` (entries `hiddenSize ..< 2 · hiddenSize`),
/// PyTorch's `(h_0, c_0)` for one layer laid side by side; the initial state's gradient has the
/// same layout. The state is zero unless given.
///
/// The backward pass is full backpropagation through time, written by hand from the gate and
/// cell values cached by the forward pass.
public struct LSTM<Scalar: LayerScalar>: RecurrentLayer {
  /// What the forward pass keeps: inputs, states, gates and cells.
  public typealias Cache = LSTMCache<Scalar>

  /// The number of input features.
  public let inputSize: Int
  /// The number of hidden units (and cell units).
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
      gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, layer: "LSTM", random: &random)
  }

  /// `"LSTM"`.
  public var name: String { "LSTM" }

  /// `2 · hiddenSize`: `h` then `c`.
  public var stateWidth: Int { 2 * hiddenSize }

  /// The four parameter tensors, checked.
  @inlinable
  func weights() throws(LayerError) -> GatedRecurrentWeights<Scalar> {
    try GatedRecurrentWeights(
      parameters, gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, layer: name)
  }

  /// Runs the sequence from `initialState` (`[batch, 2 · hiddenSize]`, `h_0` then `c_0` in
  /// each row); the output is `h_t` for every `t`, `[batch, time, hiddenSize]`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` for an input that is not
  ///   `[batch, time, inputSize]`, a state that is not `[batch, 2 · hiddenSize]` or a parameter
  ///   of the wrong shape; ``LayerError/unknownParameter(layer:name:known:)`` for a missing one;
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` for an empty batch or sequence.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: LSTMCache<Scalar>) {
    let weights = try weights()
    let (batch, time) = try weights.sequenceExtents(of: input, layer: name)
    try GatedRecurrence.checkState(initialState, batch: batch, width: stateWidth, layer: name)
    let h = hiddenSize
    let width = 4 * h
    let block = batch * h
    var initialHidden = [Scalar](repeating: 0, count: block)
    var cells = [Scalar](repeating: 0, count: (time + 1) * block)
    for b in 0..<batch {
      for j in 0..<h {
        initialHidden[b * h + j] = initialState.scalars[b * 2 * h + j]
        cells[b * h + j] = initialState.scalars[b * 2 * h + h + j]
      }
    }
    var cellTanh = [Scalar](repeating: 0, count: time * block)
    let (output, sequence) = cells.withUnsafeMutableBufferPointer { c in
      cellTanh.withUnsafeMutableBufferPointer { tanhC in
        GatedRecurrence.forward(
          input, batch: batch, time: time, initialHidden: initialHidden, weights: weights
        ) { s in
          for b in 0..<batch {
            for j in 0..<h {
              let k = b * width + j
              let i = Scalar.logistic(s.gates[k] + s.recurrent[k])
              let f = Scalar.logistic(s.gates[k + h] + s.recurrent[k + h])
              let g = Scalar.tanh(s.gates[k + 2 * h] + s.recurrent[k + 2 * h])
              let o = Scalar.logistic(s.gates[k + 3 * h] + s.recurrent[k + 3 * h])
              let m = b * h + j
              let cell = f * c[s.t * block + m] + i * g
              let t = Scalar.tanh(cell)
              c[(s.t + 1) * block + m] = cell
              tanhC[s.t * block + m] = t
              s.next[m] = o * t
              s.gates[k] = i
              s.gates[k + h] = f
              s.gates[k + 2 * h] = g
              s.gates[k + 3 * h] = o
            }
          }
        }
      }
    }
    let cache = LSTMCache(sequence: sequence, cells: cells, cellTanh: cellTanh)
    return (try Tensor(shape: [batch, time, h], scalars: output), cache)
  }

  /// Backpropagation through time. With `∂h'` (the output's gradient plus what flows back
  /// from the next step) and `∂c'` carried back from the next step:
  /// `∂c = ∂c' + ∂h' o (1 − tanh² c')`; `∂o = ∂h' tanh c'`, `∂i = ∂c g`, `∂f = ∂c c`,
  /// `∂g = ∂c i`, each times its activation's derivative from the cached gate value; the
  /// cell gradient carried to the previous step is `f ∂c`, and
  /// `∂h = (pre-activation gradients) W_hh`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` is not
  ///   `[batch, time, hiddenSize]`, or a parameter error as in
  ///   ``forward(_:initialState:mode:random:)``.
  @inlinable
  public func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: LSTMCache<Scalar>
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    let h = hiddenSize
    let width = 4 * h
    let batch = cache.sequence.batch
    let block = batch * h
    guard cache.cells.count == (cache.sequence.time + 1) * block,
      cache.cellTanh.count == cache.sequence.time * block
    else {
      throw .invalidConfiguration(
        layer: name, reason: "the cache does not come from a forward pass of this layer's sizes")
    }
    // The cell gradient carried back from step t + 1 to step t.
    var carried = [Scalar](repeating: 0, count: block)
    let weights = try weights()
    // One gradient for both sides: an LSTM's gates see the sum of the two projections. The
    // step reads and writes plain buffers; the driver's error comes out through `Result`.
    let outcome = carried.withUnsafeMutableBufferPointer { dc in
      cache.cells.withUnsafeBufferPointer { cells in
        cache.cellTanh.withUnsafeBufferPointer { cellTanh in
          Result { () throws(LayerError) in
            try GatedRecurrence.backward(
              outputGradient, cache: cache.sequence, weights: weights, layer: name,
              separateRecurrentGradient: false
            ) { s in
              for b in 0..<batch {
                for j in 0..<h {
                  let k = b * width + j
                  let m = b * h + j
                  let (i, f) = (s.gates[k], s.gates[k + h])
                  let (g, o) = (s.gates[k + 2 * h], s.gates[k + 3 * h])
                  let t = cellTanh[s.t * block + m]
                  let dh = s.hidden[m]
                  let dcell = dc[m] + dh * o * (1 - t * t)
                  s.gateGradient[k] = dcell * g * i * (1 - i)
                  s.gateGradient[k + h] = dcell * cells[s.t * block + m] * f * (1 - f)
                  s.gateGradient[k + 2 * h] = dcell * i * (1 - g * g)
                  s.gateGradient[k + 3 * h] = dh * t * o * (1 - o)
                  dc[m] = dcell * f
                  s.hidden[m] = 0
                }
              }
            }
          }
        }
      }
    }
    let result = try outcome.get()
    var initial = [Scalar](repeating: 0, count: batch * 2 * h)
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

/// What ``LSTM``'s forward pass keeps for backpropagation through time, time-major
/// (row `t · batch + b`).
public struct LSTMCache<Scalar: LayerScalar>: Sendable {
  /// The inputs, hidden states, gate values (i, f, g, o) of every step.
  public let sequence: GatedRecurrentCache<Scalar>
  /// The cell states `c_0` (the initial one) to `c_T`, `[(time + 1) · batch, hiddenSize]`.
  public let cells: [Scalar]
  /// `tanh c_t` for `t = 1 … T`, `[time · batch, hiddenSize]`.
  public let cellTanh: [Scalar]

  /// Bundles the buffers.
  @inlinable
  public init(sequence: GatedRecurrentCache<Scalar>, cells: [Scalar], cellTanh: [Scalar]) {
    self.sequence = sequence
    self.cells = cells
    self.cellTanh = cellTanh
  }
}
