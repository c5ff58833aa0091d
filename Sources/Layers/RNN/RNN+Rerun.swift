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
  /// fills each change's block of `stacked` (uninitialized on entry): the cached outputs
  /// `cached` before its first affected step, the rerun ones from it on.
  ///
  /// The changes that enter at all are ordered by their first affected step and split into one
  /// part per core of about equal work (steps to rerun); each part runs its own recurrence,
  /// concurrently, on its changes' rows only (``rerunPart(_:_:)``). A change's rows are computed
  /// by the same arithmetic in any part and at any row, so the split does not move a bit.
  @inlinable
  func rerunOutputs(
    _ stacked: UnsafeMutableBufferPointer<Scalar>, cached: [Scalar], tensor: Int,
    entries: [Int], deltas: [Scalar], cache: Cache,
    weights p: (u: [Scalar], w: [Scalar], b: [Scalar], v: [Scalar], c: [Scalar])
  ) {
    let (batch, time) = (cache.input.shape[0], cache.input.shape[1])
    let (n, h) = (inputSize, hiddenSize)
    let starts = entries.map {
      firstAffectedStep(tensor: tensor, entry: $0, cache: cache, batch: batch, time: time)
    }
    // The changes that rerun, earliest first (ties in entry order).
    let order = entries.indices.filter { starts[$0] < time }.sorted {
      (starts[$0], $0) < (starts[$1], $1)
    }
    guard let base = stacked.baseAddress else { return }
    cached.withUnsafeBufferPointer { o in
      for q in entries.indices where starts[q] == time {
        (base + q * o.count).initialize(from: o.baseAddress!, count: o.count)
      }
    }
    guard let earliest = order.first else { return }
    let first = starts[earliest]
    let steps = time - first
    // The input term x_t Uᵀ + b of the steps from `first` on, [steps, batch, h], shared.
    var input = [Scalar](repeating: 0, count: steps * batch * h)
    input.withUnsafeMutableBufferPointer { a in
      for r in 0..<(steps * batch) {
        for i in 0..<h { a[r * h + i] = p.b[i] }
      }
      cache.timeMajorInput.withUnsafeBufferPointer { x in
        let from = UnsafeBufferPointer(rebasing: x[(first * batch * n)...])
        p.u.withUnsafeBufferPointer { u in
          matrixMultiply(m: steps * batch, n: h, k: n, from, u, transposeB: true, into: a, beta: 1)
        }
      }
    }
    let pieces = splitByWork(order, starts: starts, time: time, batch: batch)
    // Wᵀ and Vᵀ row-major, so that the products read them in place instead of gathering a
    // transposed panel on every call (the same multiply-adds in the same order).
    let job = RerunJob(
      tensor: tensor, entries: entries, deltas: deltas, starts: starts, input: input,
      first: first, cache: cache, cached: cached, wt: transposed(p.w, rows: h, columns: h),
      vt: transposed(p.v, rows: outputSize, columns: h), c: p.c,
      stacked: SharedOutput(base))
    let layer = self
    performConcurrently(parts: pieces.count) { part in
      layer.rerunPart(pieces[part], job)
    }
  }

  /// `order` (changes sorted by first affected step) cut into up to ``concurrentCoreCount``
  /// consecutive pieces of about equal work, `time − start` steps per change; one piece when
  /// the whole rerun is too small to be worth a second core.
  @inlinable
  func splitByWork(_ order: [Int], starts: [Int], time: Int, batch: Int) -> [[Int]] {
    let work = order.map { time - starts[$0] }
    let total = work.reduce(0, +)
    let macs = total * batch * hiddenSize * (hiddenSize + outputSize)
    let parts = Swift.min(concurrentCoreCount, order.count, Swift.max(1, macs >> 17))
    guard parts > 1 else { return [order] }
    var pieces: [[Int]] = []
    var piece: [Int] = []
    var done = 0
    for (k, q) in order.enumerated() {
      piece.append(q)
      done += work[k]
      let left = order.count - k - 1
      let due = pieces.count + 1 < parts && done * parts >= total * (pieces.count + 1)
      if (due && left >= parts - pieces.count - 1) || left == 0 {
        pieces.append(piece)
        piece = []
      }
    }
    return pieces
  }
}

/// A pointer to the stacked outputs that the parts of a rerun share: each part writes only
/// its own changes' blocks.
@usableFromInline
struct SharedOutput<Scalar>: @unchecked Sendable {
  @usableFromInline let base: UnsafeMutablePointer<Scalar>

  @inlinable
  init(_ base: UnsafeMutablePointer<Scalar>) { self.base = base }
}

/// What every part of one rerun reads: the changed tensor, the changes, their first affected
/// steps, the input term from step `first` on, the cache and the cached output, `Wᵀ`, `Vᵀ`, `c` and the output.
@usableFromInline
struct RerunJob<Scalar: LayerScalar>: Sendable {
  @usableFromInline let tensor: Int
  @usableFromInline let entries: [Int]
  @usableFromInline let deltas: [Scalar]
  @usableFromInline let starts: [Int]
  @usableFromInline let input: [Scalar]
  @usableFromInline let first: Int
  @usableFromInline let cache: RNN<Scalar>.Cache
  /// The cached output, `[batch, time, outputSize]`.
  @usableFromInline let cached: [Scalar]
  /// `Wᵀ`, `[h, h]` row-major.
  @usableFromInline let wt: [Scalar]
  /// `Vᵀ`, `[h, outputSize]` row-major.
  @usableFromInline let vt: [Scalar]
  @usableFromInline let c: [Scalar]
  @usableFromInline let stacked: SharedOutput<Scalar>

  @inlinable
  init(
    tensor: Int, entries: [Int], deltas: [Scalar], starts: [Int], input: [Scalar], first: Int,
    cache: RNN<Scalar>.Cache, cached: [Scalar], wt: [Scalar], vt: [Scalar], c: [Scalar],
    stacked: SharedOutput<Scalar>
  ) {
    self.tensor = tensor
    self.entries = entries
    self.deltas = deltas
    self.starts = starts
    self.input = input
    self.first = first
    self.cache = cache
    self.cached = cached
    self.wt = wt
    self.vt = vt
    self.c = c
    self.stacked = stacked
  }
}

/// `matrix` (`[rows, columns]` row-major) transposed: `[columns, rows]` row-major.
@inlinable
func transposed<Scalar: LayerScalar>(_ matrix: [Scalar], rows: Int, columns: Int) -> [Scalar] {
  [Scalar](unsafeUninitializedCapacity: matrix.count) { result, initialized in
    for i in 0..<rows {
      for j in 0..<columns {
        result.initializeElement(at: j * rows + i, to: matrix[i * columns + j])
      }
    }
    initialized = matrix.count
  }
}
