import LayerCore

extension RNN {
  /// The first step at which a change of entry `e` of `U` (0), `W` (1) or `b` (2) can move the
  /// pre-activation of the cached trajectory: its term `x_t[s]` or `h_{t−1}[j]` is nonzero in
  /// some sequence of the batch (`b` from step 0). `time` when it never can.
  @inlinable
  func firstAffectedStep(tensor: Int, entry e: Int, cache: Cache, batch: Int, time: Int) -> Int {
    let (n, h) = (inputSize, hiddenSize)
    switch tensor {
    case 0:
      let s = e % n
      for t in 0..<time {
        for r in 0..<batch where cache.timeMajorInput[(t * batch + r) * n + s] != 0 { return t }
      }
      return time
    case 1:
      let j = e % h
      for t in 0..<time {
        for r in 0..<batch where cache.states.scalars[(t * batch + r) * h + j] != 0 { return t }
      }
      return time
    default:
      return 0
    }
  }

  /// Reruns the recurrence for changes of `U`, `W` or `b`, all stacked along the batch, and
  /// writes each change's outputs from its first affected step on into its block of `stacked`
  /// (which holds the cached outputs).
  @inlinable
  func rerunOutputs(
    _ stacked: UnsafeMutableBufferPointer<Scalar>, tensor: Int, entries: [Int],
    deltas: [Scalar], cache: Cache,
    weights p: (u: [Scalar], w: [Scalar], b: [Scalar], v: [Scalar], c: [Scalar])
  ) {
    let (batch, time) = (cache.input.shape[0], cache.input.shape[1])
    let (n, h) = (inputSize, hiddenSize)
    // Entry e of U [h, n], W [h, h] or b [h] lies in row e / width of the pre-activation.
    let width = [n, h, 1][tensor]
    let starts = entries.map {
      firstAffectedStep(tensor: tensor, entry: $0, cache: cache, batch: batch, time: time)
    }
    guard let first = starts.min(), first < time else { return }
    let changes = entries.count
    let rows = changes * batch
    let steps = time - first
    // The input term x_t Uᵀ + b of the steps from `first` on, [steps, batch, h].
    var input = [Scalar](repeating: 0, count: steps * batch * h)
    // The changed states h_{first+1} … h_T, [steps, rows, h].
    var history = [Scalar](repeating: 0, count: steps * rows * h)
    var previous = [Scalar](repeating: 0, count: rows * h)
    let act = nonlinearity
    cache.states.scalars.withUnsafeBufferPointer { cached in
      input.withUnsafeMutableBufferPointer { a in
        for r in 0..<(steps * batch) {
          for i in 0..<h { a[r * h + i] = p.b[i] }
        }
        cache.timeMajorInput.withUnsafeBufferPointer { x in
          let from = UnsafeBufferPointer(rebasing: x[(first * batch * n)...])
          p.u.withUnsafeBufferPointer { u in
            matrixMultiply(
              m: steps * batch, n: h, k: n, from, u, transposeB: true, into: a, beta: 1)
          }
        }
      }
      for q in 0..<changes {
        for k in 0..<(batch * h) { previous[q * batch * h + k] = cached[first * batch * h + k] }
      }
      history.withUnsafeMutableBufferPointer { states in
        for t in first..<time {
          let current = UnsafeMutableBufferPointer(
            rebasing: states[((t - first) * rows * h)..<((t - first + 1) * rows * h)])
          for q in 0..<changes {
            for k in 0..<(batch * h) {
              current[q * batch * h + k] = input[(t - first) * batch * h + k]
            }
          }
          previous.withUnsafeBufferPointer { hp in
            p.w.withUnsafeBufferPointer { w in
              // a_t += h_{t−1} Wᵀ for every change at once: [rows, h] · [h, h].
              matrixMultiply(m: rows, n: h, k: h, hp, w, transposeB: true, into: current, beta: 1)
            }
          }
          for (q, e) in entries.enumerated() where t >= starts[q] {
            for r in 0..<batch {
              let row = (q * batch + r) * h
              let term: Scalar
              switch tensor {
              case 0: term = deltas[q] * cache.timeMajorInput[(t * batch + r) * n + e % n]
              case 1: term = deltas[q] * previous[row + e % h]
              default: term = deltas[q]
              }
              current[row + e / width] += term
            }
          }
          act.activate(current)
          // A change not yet entered keeps the cached state, bit for bit.
          for q in 0..<changes where t < starts[q] {
            for k in 0..<(batch * h) {
              current[q * batch * h + k] = cached[(t + 1) * batch * h + k]
            }
          }
          for k in 0..<(rows * h) { previous[k] = current[k] }
        }
      }
    }
    writeOutputs(
      stacked, history: history, from: first, starts: starts, batch: batch, time: time,
      v: p.v, c: p.c)
  }

  /// `o_t = V h_t + c` for the changed states of steps `first …` (`history`,
  /// `[steps, changes · batch, h]`), written into each change's block of `stacked` from its
  /// own first affected step on.
  @inlinable
  func writeOutputs(
    _ stacked: UnsafeMutableBufferPointer<Scalar>, history: [Scalar], from first: Int,
    starts: [Int], batch: Int, time: Int, v: [Scalar], c: [Scalar]
  ) {
    let (h, m) = (hiddenSize, outputSize)
    let rows = starts.count * batch
    let steps = time - first
    var outputs = [Scalar](repeating: 0, count: steps * rows * m)
    outputs.withUnsafeMutableBufferPointer { o in
      for r in 0..<(steps * rows) {
        for j in 0..<m { o[r * m + j] = c[j] }
      }
      history.withUnsafeBufferPointer { hs in
        v.withUnsafeBufferPointer { vb in
          // [steps · rows, h] · [h, m].
          matrixMultiply(m: steps * rows, n: m, k: h, hs, vb, transposeB: true, into: o, beta: 1)
        }
      }
    }
    let block = batch * time * m
    for (q, start) in starts.enumerated() {
      for r in 0..<batch {
        for t in Swift.max(start, first)..<time {
          let from = ((t - first) * rows + q * batch + r) * m
          let to = q * block + (r * time + t) * m
          for j in 0..<m { stacked[to + j] = outputs[from + j] }
        }
      }
    }
  }
}
