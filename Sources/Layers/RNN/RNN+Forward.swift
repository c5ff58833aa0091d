import LayerCore

extension RNN {
  /// Runs the layer over every sequence of the batch from `initialState`:
  /// `h_t = act(W h_{t−1} + U x_t + b)`, `o_t = V h_t + c` for `t = 1 … time`.
  ///
  /// The input projections `U x_t + b` of all steps are one matrix product over the
  /// `time · batch` rows, the recurrent term `W h_{t−1}` one product per step over the batch,
  /// the outputs `V h_t + c` one product over all rows. The cache holds the input and the
  /// states `h_0 … h_T`; the layer draws nothing from `random`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `RNN (input)` when
  ///   the input is not `[batch, time, inputSize]`, `RNN (initial state)` when the state is not
  ///   `[batch, hiddenSize]`, or the parameter when one has the wrong shape;
  ///   ``LayerError/unknownParameter(layer:name:known:)`` for a missing parameter;
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` for an empty batch or sequence.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    let p = try weights()
    let (batch, time) = try sequenceShape(of: input)
    guard initialState.shape == [batch, hiddenSize] else {
      throw .shapeMismatch(
        layer: "RNN (initial state)", expected: [batch, hiddenSize], actual: initialState.shape)
    }
    let (n, h, m) = (inputSize, hiddenSize, outputSize)
    let rows = time * batch
    let block = batch * h
    let x = swappingLeadingAxes(input.scalars, batch, time, width: n)
    // states: h_0 … h_T, [time + 1, batch, h]; h_t is filled with a_t, then activated in place.
    var states = [Scalar](repeating: 0, count: (time + 1) * block)
    var output = [Scalar](repeating: 0, count: rows * m)
    let act = nonlinearity
    states.withUnsafeMutableBufferPointer { s in
      for k in 0..<block { s[k] = initialState.scalars[k] }
      let after = UnsafeMutableBufferPointer(rebasing: s[block...])
      for r in 0..<rows {
        for j in 0..<h { after[r * h + j] = p.b[j] }
      }
      x.withUnsafeBufferPointer { xb in
        p.u.withUnsafeBufferPointer { u in
          // a_t = x_t Uᵀ + b for every step at once: [rows, n] · [n, h].
          matrixMultiply(m: rows, n: h, k: n, xb, u, transposeB: true, into: after, beta: 1)
        }
      }
      p.w.withUnsafeBufferPointer { w in
        for t in 0..<time {
          let previous = UnsafeBufferPointer(rebasing: s[(t * block)..<((t + 1) * block)])
          let current = UnsafeMutableBufferPointer(
            rebasing: s[((t + 1) * block)..<((t + 2) * block)])
          // a_t += h_{t−1} Wᵀ: [batch, h] · [h, h].
          matrixMultiply(
            m: batch, n: h, k: h, previous, w, transposeB: true, into: current, beta: 1)
          act.activate(current)
        }
      }
      output.withUnsafeMutableBufferPointer { o in
        for r in 0..<rows {
          for j in 0..<m { o[r * m + j] = p.c[j] }
        }
        p.v.withUnsafeBufferPointer { v in
          // o_t = h_t Vᵀ + c for every step at once: [rows, h] · [h, m].
          matrixMultiply(
            m: rows, n: m, k: h, UnsafeBufferPointer(after), v, transposeB: true, into: o, beta: 1)
        }
      }
    }
    let cache = Cache(
      input: input, states: try Tensor(shape: [time + 1, batch, h], scalars: states),
      timeMajorInput: x)
    let batchMajor = swappingLeadingAxes(output, time, batch, width: m)
    return (try Tensor(shape: [batch, time, m], scalars: batchMajor), cache)
  }
}
