/// The arithmetic that gated recurrent layers (GRU, LSTM) share: the reordering of sequences
/// between batch-major and time-major, the input projection of every time step at once, the
/// recurrent projection of one step, and the loops over time of the forward pass and of the
/// backpropagation through time (``backward(_:cache:weights:layer:separateRecurrentGradient:step:)``).
///
/// A layer supplies only its per-step gate arithmetic, as a `step` function called once per
/// time step on whole `[batch, …]` buffers. Internally everything is time-major: row
/// `t · batch + b` of a `[time · batch, width]` buffer belongs to sequence `b` at step `t`, so
/// one step of the whole batch is one contiguous block and the products over all time steps
/// are single matrix products.
public enum GatedRecurrence {
  /// `source` of shape `[first, second, width]` reordered to `[second, first, width]`.
  @inlinable
  public static func swappingLeadingAxes<T: LayerScalar>(
    _ source: [T], first: Int, second: Int, width: Int
  ) -> [T] {
    var result = [T](repeating: 0, count: first * second * width)
    result.withUnsafeMutableBufferPointer { out in
      source.withUnsafeBufferPointer { src in
        for i in 0..<first {
          for j in 0..<second {
            let from = (i * second + j) * width
            let to = (j * first + i) * width
            for k in 0..<width { out[to + k] = src[from + k] }
          }
        }
      }
    }
    return result
  }

  /// `out = x Wᵀ + bias` in every row: `x` is `[rows, width]`, `W` is `[outputs, width]` (one
  /// row per output, PyTorch's layout), `bias` is `[outputs]` and `out` is `[rows, outputs]`.
  @inlinable
  public static func project<T: LayerScalar>(
    _ x: UnsafeBufferPointer<T>, rows: Int, width: Int, weight: UnsafeBufferPointer<T>,
    bias: UnsafeBufferPointer<T>, outputs: Int, into out: UnsafeMutableBufferPointer<T>
  ) {
    for r in 0..<rows {
      for j in 0..<outputs { out[r * outputs + j] = bias[j] }
    }
    matrixMultiply(m: rows, n: outputs, k: width, x, weight, transposeB: true, into: out, beta: 1)
  }

  /// The shape check of an initial state, `[batch, width]`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `layer`.
  @inlinable
  public static func checkState<T: LayerScalar>(
    _ state: Tensor<T>, batch: Int, width: Int, layer: String
  ) throws(LayerError) {
    guard state.shape == [batch, width] else {
      throw .shapeMismatch(
        layer: "\(layer) (initial state)", expected: [batch, width], actual: state.shape)
    }
  }

  /// Runs a gated recurrent layer over `input`, `[batch, time, inputSize]`, from the hidden
  /// state `initialHidden` (`[batch, hiddenSize]`, row-major), with validated `weights`.
  ///
  /// For each step `t` the driver fills two `[batch, gates · hiddenSize]` blocks, the input
  /// projection `x_t W_ihᵀ + b_ih` (``GatedForwardStep/gates``) and the recurrent projection
  /// `h_{t−1} W_hhᵀ + b_hh` (``GatedForwardStep/recurrent``), and calls `step`, which writes
  /// `h_t` and may overwrite both blocks with what its backward pass needs (the gate values);
  /// they are kept in the cache.
  ///
  /// - Returns: The hidden state of every step, batch-major `[batch, time, hiddenSize]`, and
  ///   the cache.
  /// - Precondition: `input` is `[batch, time, weights.inputSize]` and `initialHidden` has
  ///   `batch · hiddenSize` entries (the layer checks both and throws first).
  @inlinable
  public static func forward<T: LayerScalar>(
    _ input: Tensor<T>, batch: Int, time: Int, initialHidden: [T],
    weights: GatedRecurrentWeights<T>, step: (GatedForwardStep<T>) -> Void
  ) -> (output: [T], cache: GatedRecurrentCache<T>) {
    let hidden = weights.hiddenSize
    let width = weights.gates * hidden
    let rows = batch * time
    let block = batch * hidden
    let inputs = swappingLeadingAxes(
      input.scalars, first: batch, second: time, width: weights.inputSize)
    var gates = [T](repeating: 0, count: rows * width)
    var recurrent = [T](repeating: 0, count: rows * width)
    var states = [T](repeating: 0, count: (time + 1) * block)
    precondition(
      initialHidden.count == block, "GatedRecurrence.forward: initialHidden is not [batch, hidden]")
    states.replaceSubrange(0..<block, with: initialHidden)
    inputs.withUnsafeBufferPointer { x in
      weights.inputWeight.scalars.withUnsafeBufferPointer { wih in
        weights.recurrentWeight.scalars.withUnsafeBufferPointer { whh in
          weights.inputBias.scalars.withUnsafeBufferPointer { bih in
            weights.recurrentBias.scalars.withUnsafeBufferPointer { bhh in
              gates.withUnsafeMutableBufferPointer { g in
                project(
                  x, rows: rows, width: weights.inputSize, weight: wih, bias: bih,
                  outputs: width, into: g)
                recurrent.withUnsafeMutableBufferPointer { r in
                  states.withUnsafeMutableBufferPointer { s in
                    for t in 0..<time {
                      let previous = UnsafeBufferPointer(
                        UnsafeMutableBufferPointer(rebasing: s[(t * block)..<((t + 1) * block)]))
                      let recurrentBlock = UnsafeMutableBufferPointer(
                        rebasing: r[(t * batch * width)..<((t + 1) * batch * width)])
                      project(
                        previous, rows: batch, width: hidden, weight: whh, bias: bhh,
                        outputs: width, into: recurrentBlock)
                      step(
                        GatedForwardStep(
                          t: t,
                          gates: UnsafeMutableBufferPointer(
                            rebasing: g[(t * batch * width)..<((t + 1) * batch * width)]),
                          recurrent: recurrentBlock, previous: previous,
                          next: UnsafeMutableBufferPointer(
                            rebasing: s[((t + 1) * block)..<((t + 2) * block)])))
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    let output = swappingLeadingAxes(
      Array(states[block...]), first: time, second: batch, width: hidden)
    let cache = GatedRecurrentCache(
      batch: batch, time: time, inputs: inputs, states: states, gates: gates,
      recurrent: recurrent)
    return (output, cache)
  }
}

/// The buffers of one forward time step of a gated recurrent layer, each `[batch, …]`
/// row-major, valid only during the call of the step function.
public struct GatedForwardStep<T: LayerScalar> {
  /// The time step.
  public let t: Int
  /// On entry `x_t W_ihᵀ + b_ih`, `[batch, gates · hidden]`; what the step leaves is cached.
  public let gates: UnsafeMutableBufferPointer<T>
  /// On entry `h_{t−1} W_hhᵀ + b_hh`, `[batch, gates · hidden]`; what the step leaves is cached.
  public let recurrent: UnsafeMutableBufferPointer<T>
  /// `h_{t−1}`, `[batch, hidden]`.
  public let previous: UnsafeBufferPointer<T>
  /// `h_t`, `[batch, hidden]`, for the step to write.
  public let next: UnsafeMutableBufferPointer<T>

  /// Bundles the buffers.
  @inlinable
  public init(
    t: Int, gates: UnsafeMutableBufferPointer<T>, recurrent: UnsafeMutableBufferPointer<T>,
    previous: UnsafeBufferPointer<T>, next: UnsafeMutableBufferPointer<T>
  ) {
    self.t = t
    self.gates = gates
    self.recurrent = recurrent
    self.previous = previous
    self.next = next
  }
}

/// What the forward pass of a gated recurrent layer keeps for backpropagation through time.
/// Every buffer is time-major (row `t · batch + b`).
public struct GatedRecurrentCache<T: LayerScalar>: Sendable {
  /// The number of sequences.
  public let batch: Int
  /// The number of time steps.
  public let time: Int
  /// The input sequence, `[time · batch, inputSize]`.
  public let inputs: [T]
  /// The hidden states `h_0` (the initial one) to `h_T`, `[(time + 1) · batch, hidden]`.
  public let states: [T]
  /// What each step left in its gate block (the gate values), `[time · batch, gates · hidden]`.
  public let gates: [T]
  /// What each step left in its recurrent block, `[time · batch, gates · hidden]`.
  public let recurrent: [T]

  /// Bundles the buffers.
  @inlinable
  public init(batch: Int, time: Int, inputs: [T], states: [T], gates: [T], recurrent: [T]) {
    self.batch = batch
    self.time = time
    self.inputs = inputs
    self.states = states
    self.gates = gates
    self.recurrent = recurrent
  }
}
