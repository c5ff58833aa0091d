import LayerCore

extension RNN {
  /// Full backpropagation through time from the states the forward pass cached.
  ///
  /// With `g_t` the output gradient at step `t` and `δ_{T+1} = 0`, for `t = T … 1`:
  /// `δ_t = (Vᵀ g_t + Wᵀ δ_{t+1}) ⊙ act′`, with `act′` from the cached output `h_t`
  /// (`1 − h_t²` for tanh). Then `∂x_t = Uᵀ δ_t`, `∂h_0 = Wᵀ δ_1`, `∂U = Σ δ_t x_tᵀ`,
  /// `∂W = Σ δ_t h_{t−1}ᵀ`, `∂b = Σ δ_t`, `∂V = Σ g_t h_tᵀ`, `∂c = Σ g_t`, every sum over the
  /// steps and the batch. Only the recurrence runs step by step (one `[batch, h] · [h, h]`
  /// product per step); every sum over time is one matrix product over all `time · batch`
  /// rows.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming
  ///   `RNN (output gradient)` unless `outputGradient` is `[batch, time, outputSize]`, or a
  ///   parameter with the wrong shape; ``LayerError/unknownParameter(layer:name:known:)`` for a
  ///   missing parameter; ``LayerError/invalidConfiguration(layer:reason:)`` for a cache that
  ///   this layer's forward pass did not make.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    let p = try weights()
    let (batch, time) = try sequenceShape(of: cache.input)
    let (n, h, m) = (inputSize, hiddenSize, outputSize)
    guard cache.states.shape == [time + 1, batch, h], cache.timeMajorInput.count == time * batch * n
    else {
      throw .invalidConfiguration(
        layer: "RNN",
        reason: "the cache holds states of shape \(cache.states.shape) for an input of shape "
          + "\(cache.input.shape); expected [\(time + 1), \(batch), \(h)]")
    }
    guard outputGradient.shape == [batch, time, m] else {
      throw .shapeMismatch(
        layer: "RNN (output gradient)", expected: [batch, time, m], actual: outputGradient.shape)
    }
    let rows = time * batch
    let block = batch * h
    let g = swappingLeadingAxes(outputGradient.scalars, batch, time, width: m)
    var delta = [Scalar](repeating: 0, count: rows * h)  // δ_1 … δ_T, [time, batch, h]
    var carry = [Scalar](repeating: 0, count: block)  // Wᵀ δ_{t+1}, then ∂h_0
    var du = [Scalar](repeating: 0, count: h * n)
    var dw = [Scalar](repeating: 0, count: h * h)
    var db = [Scalar](repeating: 0, count: h)
    var dv = [Scalar](repeating: 0, count: m * h)
    var dc = [Scalar](repeating: 0, count: m)
    var dx = [Scalar](repeating: 0, count: rows * n)
    let act = nonlinearity
    cache.states.scalars.withUnsafeBufferPointer { s in
      let previous = UnsafeBufferPointer(rebasing: s[0..<(rows * h)])  // h_0 … h_{T−1}
      let current = UnsafeBufferPointer(rebasing: s[block...])  // h_1 … h_T
      g.withUnsafeBufferPointer { gb in
        for r in 0..<rows {
          for j in 0..<m { dc[j] += gb[r * m + j] }
        }
        dv.withUnsafeMutableBufferPointer { dvb in
          // ∂V = Σ g_t h_tᵀ: [m, rows] · [rows, h].
          matrixMultiply(m: m, n: h, k: rows, gb, transposeA: true, current, into: dvb)
        }
        delta.withUnsafeMutableBufferPointer { d in
          p.v.withUnsafeBufferPointer { v in
            // The output term Vᵀ g_t of every step: [rows, m] · [m, h].
            matrixMultiply(m: rows, n: h, k: m, gb, v, into: d)
          }
        }
      }
      delta.withUnsafeMutableBufferPointer { d in
        carry.withUnsafeMutableBufferPointer { next in
          p.w.withUnsafeBufferPointer { w in
            for t in stride(from: time - 1, through: 0, by: -1) {
              let step = UnsafeMutableBufferPointer(rebasing: d[(t * block)..<((t + 1) * block)])
              for k in 0..<block { step[k] += next[k] }
              act.multiplyByDerivative(
                step,
                states: UnsafeBufferPointer(rebasing: current[(t * block)..<((t + 1) * block)]))
              // Wᵀ δ_t, the recurrent term of step t − 1 (∂h_0 after t = 0): [batch, h] · [h, h].
              matrixMultiply(m: batch, n: h, k: h, UnsafeBufferPointer(step), w, into: next)
            }
          }
        }
      }
      delta.withUnsafeBufferPointer { d in
        for r in 0..<rows {
          for j in 0..<h { db[j] += d[r * h + j] }
        }
        dw.withUnsafeMutableBufferPointer { dwb in
          // ∂W = Σ δ_t h_{t−1}ᵀ: [h, rows] · [rows, h].
          matrixMultiply(m: h, n: h, k: rows, d, transposeA: true, previous, into: dwb)
        }
        cache.timeMajorInput.withUnsafeBufferPointer { x in
          du.withUnsafeMutableBufferPointer { dub in
            // ∂U = Σ δ_t x_tᵀ: [h, rows] · [rows, n].
            matrixMultiply(m: h, n: n, k: rows, d, transposeA: true, x, into: dub)
          }
        }
        dx.withUnsafeMutableBufferPointer { dxb in
          p.u.withUnsafeBufferPointer { u in
            // ∂x_t = Uᵀ δ_t: [rows, h] · [h, n].
            matrixMultiply(m: rows, n: n, k: h, d, u, into: dxb)
          }
        }
      }
    }
    let inputGradient = swappingLeadingAxes(dx, time, batch, width: n)
    return RecurrentGradients(
      input: try Tensor(shape: [batch, time, n], scalars: inputGradient),
      initialState: try Tensor(shape: [batch, h], scalars: carry),
      parameters: ParameterSet([
        ("U", try Tensor(shape: [h, n], scalars: du)),
        ("W", try Tensor(shape: [h, h], scalars: dw)),
        ("b", try Tensor(shape: [h], scalars: db)),
        ("V", try Tensor(shape: [m, h], scalars: dv)),
        ("c", try Tensor(shape: [m], scalars: dc)),
      ]))
  }
}
