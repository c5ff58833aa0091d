import LayerCore

extension RNN {
  /// One part of a rerun: the recurrence and the outputs of the changes `mine` (sorted by first
  /// affected step), stacked along the batch in that order, written into their blocks of
  /// `job.stacked` from each change's first affected step on.
  ///
  /// The states live in one buffer of `time − f + 1` slots of `[mine.count · batch, h]`, slot
  /// `s` holding `h_{f+s}` (`f` the part's earliest step). At step `t` only the changes entered
  /// so far (a prefix of `mine`) run: a change entering at `t` starts from the cached `h_t`,
  /// then `a_t = x_t Uᵀ + b + h_{t−1} Wᵀ` is one product over the prefix's rows, written
  /// straight into slot `s + 1`, each change's own term is added to its row, and tanh is applied
  /// in place. The outputs `o_t = V h_t + c` follow, a few slots per product.
  @inlinable
  func rerunPart(_ mine: [Int], _ job: RerunJob<Scalar>) {
    let (batch, time) = (job.cache.input.shape[0], job.cache.input.shape[1])
    let (n, h) = (inputSize, hiddenSize)
    let width = [n, h, 1][job.tensor]
    let count = mine.count
    let rows = count * batch
    let f = job.starts[mine[0]]
    let slot = rows * h
    let states = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: (time - f + 1) * slot)
    defer { states.deallocate() }
    // The number of changes entered at each step `f …`.
    var entered = [Int](repeating: 0, count: time - f)
    let act = nonlinearity
    job.cache.states.scalars.withUnsafeBufferPointer { cached in
      job.input.withUnsafeBufferPointer { input in
        job.wt.withUnsafeBufferPointer { wt in
          var active = 0
          for t in f..<time {
            let previous = states.baseAddress! + (t - f) * slot
            let current = previous + slot
            while active < count, job.starts[mine[active]] <= t {
              (previous + active * batch * h).update(
                from: cached.baseAddress! + t * batch * h, count: batch * h)
              active += 1
            }
            entered[t - f] = active
            let live = active * batch * h
            let term = input.baseAddress! + (t - job.first) * batch * h
            for q in 0..<active { (current + q * batch * h).update(from: term, count: batch * h) }
            // a_t += h_{t−1} Wᵀ for every entered change at once: [active · batch, h] · [h, h].
            matrixMultiply(
              m: active * batch, n: h, k: h, UnsafeBufferPointer(start: previous, count: live), wt,
              into: UnsafeMutableBufferPointer(start: current, count: live),
              beta: 1)
            for position in 0..<active {
              let q = mine[position]
              let e = job.entries[q]
              let delta = job.deltas[q]
              for r in 0..<batch {
                let row = (position * batch + r) * h
                let change: Scalar
                switch job.tensor {
                case 0: change = delta * job.cache.timeMajorInput[(t * batch + r) * n + e % n]
                case 1: change = delta * previous[row + e % h]
                default: change = delta
                }
                current[row + e / width] += change
              }
            }
            act.activate(UnsafeMutableBufferPointer(start: current, count: live))
          }
        }
      }
    }
    writePartOutputs(
      mine, job, states: UnsafeBufferPointer(states), from: f, entered: entered)
  }

  /// `o_t = V h_t + c` for the entered rows of slots `1 …` of `states` (see
  /// ``rerunPart(_:_:)``), the consecutive full slots in one product (inside a concurrent
  /// part `matrixMultiply` runs serially: the parts already use every core), then copied into each change's block of `job.stacked` from its first affected step on
  /// (the cached outputs before it).
  @inlinable
  func writePartOutputs(
    _ mine: [Int], _ job: RerunJob<Scalar>, states: UnsafeBufferPointer<Scalar>, from f: Int,
    entered: [Int]
  ) {
    let (batch, time) = (job.cache.input.shape[0], job.cache.input.shape[1])
    let (h, m) = (hiddenSize, outputSize)
    let count = mine.count
    let rows = count * batch
    let steps = time - f
    let outputs = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: steps * rows * m)
    defer { outputs.deallocate() }
    job.vt.withUnsafeBufferPointer { vt in
      var s = 0
      while s < steps {
        // Full slots go several at a time (their rows are contiguous), partial ones alone.
        var slots = 1
        if entered[s] == count {
          while s + slots < steps && entered[s + slots] == count { slots += 1 }
        }
        let lines = slots == 1 ? entered[s] * batch : slots * rows
        let o = outputs.baseAddress! + s * rows * m
        for r in 0..<lines {
          for j in 0..<m { o[r * m + j] = job.c[j] }
        }
        let hs = UnsafeBufferPointer(
          start: states.baseAddress! + (s + 1) * rows * h, count: lines * h)
        // [lines, h] · [h, m].
        matrixMultiply(
          m: lines, n: m, k: h, hs, vt,
          into: UnsafeMutableBufferPointer(start: o, count: lines * m), beta: 1)
        s += slots
      }
    }
    let block = batch * time * m
    for (position, q) in mine.enumerated() {
      for r in 0..<batch {
        let start = job.starts[q]
        // The steps before the change enters keep the cached outputs.
        job.cached.withUnsafeBufferPointer { o in
          (job.stacked.base + q * block + r * time * m).initialize(
            from: o.baseAddress! + r * time * m, count: start * m)
        }
        for t in start..<time {
          let from = outputs.baseAddress! + ((t - f) * rows + position * batch + r) * m
          let to = job.stacked.base + q * block + (r * time + t) * m
          to.initialize(from: from, count: m)
        }
      }
    }
  }
}
