import Foundation
import LayerConformance
import LayerKit

// Test-only layers whose forward pass is not a function of its parameters and input: the
// seed slides' helper, which reads `data.get_next()` inside the forward function, and a layer
// with a hidden call counter. Their backward passes are right for what each call saw.

/// The slides' data helper: every call hands out the next sequence. Shared between the layer
/// and its wide reference, like a global data iterator.
final class SequenceFeeder: @unchecked Sendable {
  private let lock = NSLock()
  private var position: UInt64 = 0

  /// The next `count` values, uniform in [-1, 1): different on every call.
  func getNext(count: Int) -> [Double] {
    lock.withLock {
      position += 1
      var random = RandomSource(seed: 0xFEED &+ position)
      return (0..<count).map { _ in 2 * random.nextUnit() - 1 }
    }
  }
}

/// A ``LinearRecurrence`` whose forward pass ignores the values of its input (it keeps only
/// the shape) and runs on the next sequence from the shared feeder, as the slides' helper does.
struct FeederRecurrence<Scalar: LayerScalar & BinaryFloatingPoint>: RecurrentLayer {
  typealias Cache = LinearRecurrence<Scalar>.Cache
  var inner: LinearRecurrence<Scalar>
  let feeder: SequenceFeeder
  var name: String { "FeederRecurrence" }
  var stateWidth: Int { inner.stateWidth }
  var parameters: ParameterSet<Scalar> {
    get { inner.parameters }
    set { inner.parameters = newValue }
  }

  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: LinearRecurrence<Scalar>.Cache) {
    let data = try Tensor(
      shape: input.shape, scalars: feeder.getNext(count: input.count).map { Scalar($0) })
    return try inner.forward(data, initialState: initialState, mode: mode, random: &random)
  }

  func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: LinearRecurrence<Scalar>.Cache
  ) throws(LayerError) -> RecurrentGradients<Scalar> {
    try inner.backwardThroughTime(outputGradient, cache: cache)
  }
}

/// Builds a ``FeederRecurrence`` reading from `feeder`.
struct FeederRecurrenceBlueprint: LayerBlueprint {
  let feeder = SequenceFeeder()
  var name: String { "FeederRecurrence" }
  var sampleInputShape: [Int] { [2, 6, 3] }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    let w = try Tensor<T>(shape: [3], scalars: [0.9, -0.6, 0.4])
    return FeederRecurrence(inner: LinearRecurrence(w: w), feeder: feeder)
  }
}

/// Counts calls, like a global step counter a forward pass should not read.
final class CallCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  /// The number of earlier calls.
  func next() -> Int {
    lock.withLock {
      defer { count += 1 }
      return count
    }
  }
}

/// y = w ⊙ x + 10⁻³ · (calls so far), rowwise over `[batch, n]`. The backward pass is the
/// right one for that formula; the hidden counter makes the forward pass differ per call.
struct CountingScale<Scalar: LayerScalar & BinaryFloatingPoint>: Layer {
  var w: Tensor<Scalar>
  let counter: CallCounter
  var name: String { "CountingScale" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("w", w)]) }
    set { if let value = newValue["w"] { w = value } }
  }

  func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    let n = w.count
    guard input.rank == 2, input.shape[1] == n else {
      throw .shapeMismatch(layer: name, expected: [input.shape.first ?? 1, n], actual: input.shape)
    }
    let offset = Scalar(counter.next()) / 1000
    var output = input
    for k in output.scalars.indices {
      output.scalars[k] = w.scalars[k % n] * input.scalars[k] + offset
    }
    return (output, input)
  }

  func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == input.shape else {
      throw .shapeMismatch(layer: name, expected: input.shape, actual: outputGradient.shape)
    }
    let n = w.count
    var dx = outputGradient
    var dw = Tensor<Scalar>(zeros: [n])
    for k in dx.scalars.indices {
      dx.scalars[k] = w.scalars[k % n] * outputGradient.scalars[k]
      dw.scalars[k % n] += outputGradient.scalars[k] * input.scalars[k]
    }
    return LayerGradients(input: dx, parameters: ParameterSet([("w", dw)]))
  }
}

/// Builds a ``CountingScale`` sharing `counter`.
struct CountingScaleBlueprint: LayerBlueprint {
  let counter = CallCounter()
  var name: String { "CountingScale" }
  var sampleInputShape: [Int] { [3, 4] }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    CountingScale(w: try Tensor(shape: [4], scalars: [0.5, -1.5, 2, 0.25]), counter: counter)
  }
}
