import LayerConformance
import LayerKit

// Test-only recurrent layers for the kit's sequence checks. They are fixtures, not layers of
// the library: the smallest recurrences that have a state, an initial-state gradient and a
// backpropagation through time, each with switchable classic bugs.

/// A classic BPTT bug of a fixture.
enum RecurrenceBug: String, Sendable, CaseIterable {
  /// The backward pass is right.
  case none
  /// The gradient is not carried to the previous step (BPTT stops after one step): only the
  /// last step's input gradient is right.
  case dropsRecurrentTerm
  /// The initial state's gradient is returned as zeros.
  case dropsInitialStateGradient
  /// The weight gradient leaves out the first step's term g₀ · h₋₁: right from a zero
  /// initial state only (``LinearRecurrence`` only).
  case weightGradientIgnoresInitialState
  /// The input gradient is doubled at t = 2 and t = 3 only (``LinearRecurrence`` only): a
  /// mistake that is not along time.
  case inputGradientDoubledAtSteps2And3
}

/// Test fixture: the elementwise linear recurrence h_t = w ⊙ h_{t−1} + x_t from h_{−1} = the
/// initial state, with output every h_t (`[batch, time, width]`) or, with `lastStepOnly`, the
/// last one (`[batch, width]`, so that the gradient along time is w^(T−1−t) and vanishes or
/// explodes). Its one parameter is `w`.
struct LinearRecurrence<Scalar: LayerScalar & BinaryFloatingPoint>: RecurrentLayer {
  /// The states h_{−1} … h_{T−1} of every sequence, `[batch, time + 1, width]`.
  struct Cache: Sendable {
    var states: [Scalar]
    var batch: Int
    var time: Int
  }

  var w: Tensor<Scalar>
  var lastStepOnly = false
  var bug = RecurrenceBug.none
  /// A parameter-setter bug: `w` is stored one ulp up, so it is not restored bit for bit after
  /// a perturbation.
  var driftsWhenSet = false
  var name: String { "LinearRecurrence(\(bug))" }
  var stateWidth: Int { w.count }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("w", w)]) }
    set {
      guard let value = newValue["w"] else { return }
      w = driftsWhenSet ? value.map(\.nextUp) : value
    }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    let n = w.count
    guard input.rank == 3, input.shape[2] == n else {
      throw .shapeMismatch(
        layer: name, expected: [input.shape.first ?? 1, 1, n], actual: input.shape)
    }
    let (batch, time) = (input.shape[0], input.shape[1])
    guard initialState.shape == [batch, n] else {
      throw .shapeMismatch(layer: name, expected: [batch, n], actual: initialState.shape)
    }
    var h = [Scalar](repeating: 0, count: batch * (time + 1) * n)
    for r in 0..<batch {
      for j in 0..<n { h[r * (time + 1) * n + j] = initialState.scalars[r * n + j] }
      for t in 0..<time {
        for j in 0..<n {
          let previous = h[(r * (time + 1) + t) * n + j]
          h[(r * (time + 1) + t + 1) * n + j] =
            w.scalars[j] * previous + input.scalars[(r * time + t) * n + j]
        }
      }
    }
    var output: [Scalar] = []
    let first = lastStepOnly ? time : 1
    for r in 0..<batch {
      for s in stride(from: first, through: time, by: 1) {
        let start: Int = (r * (time + 1) + s) * n
        output += h[start..<(start + n)]
      }
    }
    let shape = lastStepOnly ? [batch, n] : [batch, time, n]
    return (try Tensor(shape: shape, scalars: output), Cache(states: h, batch: batch, time: time))
  }

  func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    let (n, batch, time) = (w.count, cache.batch, cache.time)
    let shape = lastStepOnly ? [batch, n] : [batch, time, n]
    guard outputGradient.shape == shape else {
      throw .shapeMismatch(layer: name, expected: shape, actual: outputGradient.shape)
    }
    var dx = Tensor<Scalar>(zeros: [batch, time, n])
    var dw = Tensor<Scalar>(zeros: [n])
    var dh0 = Tensor<Scalar>(zeros: [batch, n])
    for r in 0..<batch {
      for j in 0..<n {
        var carry: Scalar = 0
        for t in (0..<time).reversed() {
          let direct: Scalar =
            lastStepOnly
            ? (t == time - 1 ? outputGradient.scalars[r * n + j] : 0)
            : outputGradient.scalars[(r * time + t) * n + j]
          let g = direct + carry
          let doubled = bug == .inputGradientDoubledAtSteps2And3 && (t == 2 || t == 3)
          dx.scalars[(r * time + t) * n + j] = doubled ? 2 * g : g
          if t > 0 || bug != .weightGradientIgnoresInitialState {
            dw.scalars[j] += g * cache.states[(r * (time + 1) + t) * n + j]
          }
          carry = bug == .dropsRecurrentTerm ? 0 : w.scalars[j] * g
        }
        dh0.scalars[r * n + j] = bug == .dropsInitialStateGradient ? 0 : carry
      }
    }
    return RecurrentGradients(input: dx, initialState: dh0, parameters: ParameterSet([("w", dw)]))
  }
}

/// Builds a ``LinearRecurrence`` with the given `w` for sequences of `time` steps.
struct LinearRecurrenceBlueprint: LayerBlueprint {
  var w: [Double]
  var batch = 2
  var time = 6
  var lastStepOnly = false
  var bug = RecurrenceBug.none
  var driftsWhenSet = false
  var name: String { "LinearRecurrence(\(bug), T = \(time))" }
  var sampleInputShape: [Int] { [batch, time, w.count] }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    LinearRecurrence(
      w: try Tensor(shape: [w.count], scalars: w.map { T($0) }), lastStepOnly: lastStepOnly,
      bug: bug, driftsWhenSet: driftsWhenSet)
  }
}
