extension GatedRecurrence {
  /// Backpropagation through time for a gated recurrent layer: the loop over time from the last
  /// step to the first, and the gradients of the input and of the four parameter tensors.
  ///
  /// At step `t` the driver adds `outputGradient`'s step `t` to the carried `∂L/∂h_t` and calls
  /// `step`, which writes the gradients of the step's pre-activations (the input side
  /// ``GatedBackwardStep/gateGradient`` and, when `separateRecurrentGradient`, the recurrent
  /// side ``GatedBackwardStep/recurrentGradient``) and replaces ``GatedBackwardStep/hidden``
  /// with the part of `∂L/∂h_{t−1}` that does not pass through `W_hh`. The driver then adds
  /// `recurrentGradient · W_hh`. Without `separateRecurrentGradient` (an LSTM, whose gates see
  /// `x W_ihᵀ + b_ih + h W_hhᵀ + b_hh` as one sum) both names are the same buffer.
  ///
  /// Afterwards, with `dA` the input-side and `dC` the recurrent-side gradients of all steps
  /// and `X`, `H₋` the inputs and previous hidden states (all time-major):
  /// `∂x = dA W_ih`, `∂W_ih = dAᵀ X`, `∂W_hh = dCᵀ H₋`, `∂b_ih = Σ dA`, `∂b_hh = Σ dC`, each one
  /// matrix product over all time steps.
  ///
  /// - Returns: `∂L/∂x` (`[batch, time, inputSize]`), `∂L/∂h_0` (`[batch, hidden]`, row-major)
  ///   and the parameter gradients under ``GatedRecurrentWeights/names``.
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `layer` when
  ///   `outputGradient` is not `[batch, time, hidden]`;
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` when `cache` does not fit `weights`.
  @inlinable
  public static func backward<T: LayerScalar>(
    _ outputGradient: Tensor<T>, cache: GatedRecurrentCache<T>,
    weights: GatedRecurrentWeights<T>, layer: String, separateRecurrentGradient: Bool,
    step: (GatedBackwardStep<T>) -> Void
  ) throws(LayerError) -> (input: Tensor<T>, initialHidden: [T], parameters: ParameterSet<T>) {
    let (batch, time) = (cache.batch, cache.time)
    let hidden = weights.hiddenSize
    let inputSize = weights.inputSize
    let width = weights.gates * hidden
    let rows = batch * time
    let block = batch * hidden
    guard outputGradient.shape == [batch, time, hidden] else {
      throw .shapeMismatch(
        layer: "\(layer) (output gradient)", expected: [batch, time, hidden],
        actual: outputGradient.shape)
    }
    guard cache.inputs.count == rows * inputSize, cache.states.count == (time + 1) * block,
      cache.gates.count == rows * width, cache.recurrent.count == rows * width
    else {
      throw .invalidConfiguration(
        layer: layer, reason: "the cache does not come from a forward pass of this layer's sizes")
    }
    let dy = swappingLeadingAxes(
      outputGradient.scalars, first: batch, second: time, width: hidden)
    var dh = [T](repeating: 0, count: block)
    var dA = [T](repeating: 0, count: rows * width)
    var dC = [T](repeating: 0, count: separateRecurrentGradient ? rows * width : 0)
    var dx = [T](repeating: 0, count: rows * inputSize)
    var dwih = [T](repeating: 0, count: width * inputSize)
    var dwhh = [T](repeating: 0, count: width * hidden)
    dA.withUnsafeMutableBufferPointer { a in
      dC.withUnsafeMutableBufferPointer { cSeparate in
        let c = separateRecurrentGradient ? cSeparate : a
        dh.withUnsafeMutableBufferPointer { h in
          dy.withUnsafeBufferPointer { g in
            weights.recurrentWeight.scalars.withUnsafeBufferPointer { whh in
              cache.gates.withUnsafeBufferPointer { gates in
                cache.recurrent.withUnsafeBufferPointer { recurrent in
                  cache.states.withUnsafeBufferPointer { states in
                    for t in (0..<time).reversed() {
                      for k in 0..<block { h[k] += g[t * block + k] }
                      let span = (t * batch * width)..<((t + 1) * batch * width)
                      let recurrentGradient = UnsafeMutableBufferPointer(rebasing: c[span])
                      step(
                        GatedBackwardStep(
                          t: t, gates: UnsafeBufferPointer(rebasing: gates[span]),
                          recurrent: UnsafeBufferPointer(rebasing: recurrent[span]),
                          previous: UnsafeBufferPointer(
                            rebasing: states[(t * block)..<((t + 1) * block)]),
                          hidden: h, gateGradient: UnsafeMutableBufferPointer(rebasing: a[span]),
                          recurrentGradient: recurrentGradient))
                      // ∂L/∂h_{t−1} += dC_t W_hh: [batch, width] · [width, hidden].
                      matrixMultiply(
                        m: batch, n: hidden, k: width, UnsafeBufferPointer(recurrentGradient),
                        whh, into: h, beta: 1)
                    }
                  }
                }
              }
            }
          }
        }
        let aRead = UnsafeBufferPointer(a)
        let cRead = UnsafeBufferPointer(c)
        cache.inputs.withUnsafeBufferPointer { x in
          weights.inputWeight.scalars.withUnsafeBufferPointer { wih in
            dx.withUnsafeMutableBufferPointer { out in
              matrixMultiply(m: rows, n: inputSize, k: width, aRead, wih, into: out)
            }
            dwih.withUnsafeMutableBufferPointer { out in
              matrixMultiply(
                m: width, n: inputSize, k: rows, aRead, transposeA: true, x, into: out)
            }
          }
        }
        cache.states.withUnsafeBufferPointer { states in
          dwhh.withUnsafeMutableBufferPointer { out in
            matrixMultiply(
              m: width, n: hidden, k: rows, cRead, transposeA: true, states, into: out)
          }
        }
      }
    }
    let parameters = ParameterSet([
      (GatedRecurrentWeights<T>.names[0], try Tensor(shape: [width, inputSize], scalars: dwih)),
      (GatedRecurrentWeights<T>.names[1], try Tensor(shape: [width, hidden], scalars: dwhh)),
      (
        GatedRecurrentWeights<T>.names[2],
        try Tensor(shape: [width], scalars: columnSums(dA, rows: rows, columns: width))
      ),
      (
        GatedRecurrentWeights<T>.names[3],
        try Tensor(
          shape: [width],
          scalars: columnSums(
            separateRecurrentGradient ? dC : dA, rows: rows, columns: width))
      ),
    ])
    let input = try Tensor(
      shape: [batch, time, inputSize],
      scalars: swappingLeadingAxes(dx, first: time, second: batch, width: inputSize))
    return (input, dh, parameters)
  }

  /// The sum of each column of a row-major `[rows, columns]` buffer.
  @inlinable
  public static func columnSums<T: LayerScalar>(_ matrix: [T], rows: Int, columns: Int) -> [T] {
    var sums = [T](repeating: 0, count: columns)
    sums.withUnsafeMutableBufferPointer { s in
      matrix.withUnsafeBufferPointer { m in
        for r in 0..<rows {
          for j in 0..<columns { s[j] += m[r * columns + j] }
        }
      }
    }
    return sums
  }
}

/// The buffers of one backward time step of a gated recurrent layer, each `[batch, …]`
/// row-major, valid only during the call of the step function.
public struct GatedBackwardStep<T: LayerScalar> {
  /// The time step.
  public let t: Int
  /// What the forward step left in its gate block, `[batch, gates · hidden]`.
  public let gates: UnsafeBufferPointer<T>
  /// What the forward step left in its recurrent block, `[batch, gates · hidden]`.
  public let recurrent: UnsafeBufferPointer<T>
  /// `h_{t−1}`, `[batch, hidden]`.
  public let previous: UnsafeBufferPointer<T>
  /// On entry `∂L/∂h_t`; on exit the part of `∂L/∂h_{t−1}` that bypasses `W_hh`.
  public let hidden: UnsafeMutableBufferPointer<T>
  /// The gradient of the input-side pre-activations `x_t W_ihᵀ + b_ih`, to write.
  public let gateGradient: UnsafeMutableBufferPointer<T>
  /// The gradient of the recurrent-side pre-activations `h_{t−1} W_hhᵀ + b_hh`, to write;
  /// the same buffer as ``gateGradient`` unless the layer asked for them separately.
  public let recurrentGradient: UnsafeMutableBufferPointer<T>

  /// Bundles the buffers.
  @inlinable
  public init(
    t: Int, gates: UnsafeBufferPointer<T>, recurrent: UnsafeBufferPointer<T>,
    previous: UnsafeBufferPointer<T>, hidden: UnsafeMutableBufferPointer<T>,
    gateGradient: UnsafeMutableBufferPointer<T>, recurrentGradient: UnsafeMutableBufferPointer<T>
  ) {
    self.t = t
    self.gates = gates
    self.recurrent = recurrent
    self.previous = previous
    self.hidden = hidden
    self.gateGradient = gateGradient
    self.recurrentGradient = recurrentGradient
  }
}
