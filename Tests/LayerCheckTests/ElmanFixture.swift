import LayerConformance
import LayerKit

/// Test fixture: a tiny tanh Elman cell, h_t = tanh(W h_{t−1} + U x_t + b), with output every
/// h_t or, with `lastStepOnly`, the last one. Parameters `W` `[n, n]`, `U` `[n, features]`,
/// `b` `[n]`. The nonlinear counterpart of ``LinearRecurrence``; not a library layer.
struct ElmanFixture<Scalar: LayerScalar & BinaryFloatingPoint>: RecurrentLayer {
  /// The input and the states h_{−1} … h_{T−1}, `[batch, time + 1, n]`.
  struct Cache: Sendable {
    var input: Tensor<Scalar>
    var states: [Scalar]
  }

  var W: Tensor<Scalar>
  var U: Tensor<Scalar>
  var b: Tensor<Scalar>
  var lastStepOnly = false
  var bug = RecurrenceBug.none
  var name: String { "ElmanFixture(\(bug))" }
  var stateWidth: Int { b.count }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("W", W), ("U", U), ("b", b)]) }
    set {
      if let value = newValue["W"] { W = value }
      if let value = newValue["U"] { U = value }
      if let value = newValue["b"] { b = value }
    }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    let (n, f) = (b.count, U.shape[1])
    guard input.rank == 3, input.shape[2] == f else {
      throw .shapeMismatch(
        layer: name, expected: [input.shape.first ?? 1, 1, f], actual: input.shape)
    }
    let (batch, time) = (input.shape[0], input.shape[1])
    guard initialState.shape == [batch, n] else {
      throw .shapeMismatch(layer: name, expected: [batch, n], actual: initialState.shape)
    }
    var h = [Scalar](repeating: 0, count: batch * (time + 1) * n)
    var output: [Scalar] = []
    for r in 0..<batch {
      for i in 0..<n { h[r * (time + 1) * n + i] = initialState.scalars[r * n + i] }
      for t in 0..<time {
        let previous = (r * (time + 1) + t) * n
        for i in 0..<n {
          var a = b.scalars[i]
          for k in 0..<n { a += W.scalars[i * n + k] * h[previous + k] }
          for m in 0..<f { a += U.scalars[i * f + m] * input.scalars[(r * time + t) * f + m] }
          h[previous + n + i] = Scalar.tanh(a)
        }
        if !lastStepOnly || t == time - 1 { output += h[(previous + n)..<(previous + 2 * n)] }
      }
    }
    let shape = lastStepOnly ? [batch, n] : [batch, time, n]
    return (try Tensor(shape: shape, scalars: output), Cache(input: input, states: h))
  }

  func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    let (n, f) = (b.count, U.shape[1])
    let (batch, time) = (cache.input.shape[0], cache.input.shape[1])
    let shape = lastStepOnly ? [batch, n] : [batch, time, n]
    guard outputGradient.shape == shape else {
      throw .shapeMismatch(layer: name, expected: shape, actual: outputGradient.shape)
    }
    var (dW, dU, db) = (
      Tensor<Scalar>(zeros: W.shape), Tensor<Scalar>(zeros: U.shape), Tensor<Scalar>(zeros: [n])
    )
    var dx = Tensor<Scalar>(zeros: cache.input.shape)
    var dh0 = Tensor<Scalar>(zeros: [batch, n])
    for r in 0..<batch {
      var carry = [Scalar](repeating: 0, count: n)
      for t in (0..<time).reversed() {
        let previous = (r * (time + 1) + t) * n
        var da = [Scalar](repeating: 0, count: n)
        for i in 0..<n {
          let direct: Scalar =
            lastStepOnly
            ? (t == time - 1 ? outputGradient.scalars[r * n + i] : 0)
            : outputGradient.scalars[(r * time + t) * n + i]
          let h = cache.states[previous + n + i]
          da[i] = (direct + carry[i]) * (1 - h * h)
          db.scalars[i] += da[i]
          for k in 0..<n { dW.scalars[i * n + k] += da[i] * cache.states[previous + k] }
          for m in 0..<f {
            dU.scalars[i * f + m] += da[i] * cache.input.scalars[(r * time + t) * f + m]
            dx.scalars[(r * time + t) * f + m] += U.scalars[i * f + m] * da[i]
          }
        }
        for k in 0..<n {
          var sum: Scalar = 0
          for i in 0..<n { sum += W.scalars[i * n + k] * da[i] }
          carry[k] = bug == .dropsRecurrentTerm ? 0 : sum
        }
      }
      for k in 0..<n { dh0.scalars[r * n + k] = bug == .dropsInitialStateGradient ? 0 : carry[k] }
    }
    return RecurrentGradients(
      input: dx, initialState: dh0, parameters: ParameterSet([("W", dW), ("U", dU), ("b", db)]))
  }
}

/// Builds an ``ElmanFixture`` with `hidden` units and entries of `W` uniform in
/// `±recurrentScale`, of `U` and `b` in ±0.5, drawn from the check's random source.
struct ElmanFixtureBlueprint: LayerBlueprint {
  var hidden = 3
  var features = 2
  var recurrentScale = 0.5
  var batch = 2
  var time = 5
  var lastStepOnly = false
  var bug = RecurrenceBug.none
  var name: String { "ElmanFixture(\(bug), T = \(time))" }
  var sampleInputShape: [Int] { [batch, time, features] }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    func draw(_ shape: [Int], _ scale: Double) throws(LayerError) -> Tensor<T> {
      let count = shape.reduce(1, *)
      let values = (0..<count).map { _ in T(scale * (2 * random.nextUnit() - 1)) }
      return try Tensor(shape: shape, scalars: values)
    }
    return ElmanFixture(
      W: try draw([hidden, hidden], recurrentScale), U: try draw([hidden, features], 0.5),
      b: try draw([hidden], 0.5), lastStepOnly: lastStepOnly, bug: bug)
  }
}
