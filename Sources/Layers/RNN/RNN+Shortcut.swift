import LayerCore

/// The network checker's fast path through ``RNN``: the outputs for many single-entry changes
/// of one parameter tensor at once, each still the genuine forward pass at the changed
/// parameters (the same sums, in another order).
///
/// - `V[i, j]` or `c[i]` moves only output feature `i` of every step, by
///   `(value − V[i, j]) · h_t[j]` or `value − c[i]`: no recurrence runs.
/// - `U[i, s]`, `W[i, j]` and `b[i]` change the pre-activation `a_t[i]` by
///   `(value − U[i, s]) · x_t[s]`, `(value − W[i, j]) · h_{t−1}[j]` (the changed trajectory's
///   state) or `value − b[i]`. The recurrence reruns for all the changes together, stacked
///   along the batch: one `[changes · batch, h] · [h, h]` product per step with the shared `W`,
///   then each change's term added to its own row. Large reruns are split by changes into one
///   part per core, each running its own recurrence (the same arithmetic per row). A change enters at the first step its term
///   can be nonzero (for a one-hot input, the first occurrence of symbol `s`); before it, and
///   for a symbol that never occurs, its states and outputs are the cached ones, bit for bit.
extension RNN: PerturbationShortcut {
  /// Each sequence of the batch runs on its own: rowwise along the batch.
  public var isRowwise: Bool { true }

  /// ``outputs(settingParameter:entries:to:output:cache:)`` for one change.
  @inlinable
  public func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? {
    outputs(settingParameter: tensor, entries: [entry], to: [value], output: output, cache: cache)
  }

  /// The outputs `[entries.count · batch, time, outputSize]`, block `p` as if entry
  /// `entries[p]` of parameter `tensor` (`U`, `W`, `b`, `V`, `c` = 0 … 4) held `values[p]`;
  /// `nil` for a cache or output this layer did not make, or an entry out of range.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? {
    guard entries.count == values.count, !entries.isEmpty, (0..<5).contains(tensor),
      let p = try? weights(), let (batch, time) = try? sequenceShape(of: cache.input),
      cache.states.shape == [time + 1, batch, hiddenSize],
      output.shape == [batch, time, outputSize],
      cache.timeMajorInput.count == time * batch * inputSize
    else { return nil }
    let changed = [p.u, p.w, p.b, p.v, p.c][tensor]
    guard entries.allSatisfy({ $0 >= 0 && $0 < changed.count }) else { return nil }
    let deltas = zip(entries, values).map { e, v in v - changed[e] }
    let count = entries.count * output.count
    let stacked = [Scalar](unsafeUninitializedCapacity: count) { s, initialized in
      if tensor >= 3 {
        output.scalars.withUnsafeBufferPointer { o in
          for q in entries.indices {
            (s.baseAddress! + q * o.count).initialize(from: o.baseAddress!, count: o.count)
          }
        }
        moveOutputs(s, tensor: tensor, entries: entries, deltas: deltas, cache: cache)
      } else {
        rerunOutputs(
          s, cached: output.scalars, tensor: tensor, entries: entries, deltas: deltas,
          cache: cache, weights: p)
      }
      initialized = count
    }
    var shape = output.shape
    shape[0] *= entries.count
    return try? Tensor(shape: shape, scalars: stacked)
  }

  /// Adds `deltas[q] · h_t[j]` (`V[i, j]`) or `deltas[q]` (`c[i]`) to output feature `i` of
  /// every step of block `q` of `stacked`.
  @inlinable
  func moveOutputs(
    _ stacked: UnsafeMutableBufferPointer<Scalar>, tensor: Int, entries: [Int],
    deltas: [Scalar], cache: Cache
  ) {
    let (batch, time) = (cache.input.shape[0], cache.input.shape[1])
    let (h, m) = (hiddenSize, outputSize)
    let block = batch * time * m
    cache.states.scalars.withUnsafeBufferPointer { states in
      for (q, e) in entries.enumerated() {
        let (i, j) = tensor == 3 ? (e / h, e % h) : (e, -1)
        for r in 0..<batch {
          for t in 0..<time {
            let k = q * block + (r * time + t) * m + i
            stacked[k] += j < 0 ? deltas[q] : deltas[q] * states[((t + 1) * batch + r) * h + j]
          }
        }
      }
    }
  }
}
