import LayerConformance
import LayerKit
import Synchronization
import Testing

// Deliberately wrong layers, each with one classic backward-pass bug. The kit must catch them.

/// Dense with one classic backward bug; the forward pass is the real one.
struct BrokenDense<Scalar: LayerScalar>: Layer {
  enum Bug {
    /// The weight gradient without the transpose: `dW` computed as `dYᵀ X` (shape [out, in])
    /// and laid out as if it were `[in, out]`.
    case weightWithoutTranspose
    /// The bias gradient from the first example only.
    case biasFromFirstExample
  }

  var inner: Dense<Scalar>
  var bug: Bug
  var name: String { "BrokenDense(\(bug))" }
  var parameters: ParameterSet<Scalar> {
    get { inner.parameters }
    set { inner.parameters = newValue }
  }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>)
  { try inner.forward(input, mode: mode, random: &random) }
  func backward(_ outputGradient: Tensor<Scalar>, cache: Tensor<Scalar>) throws(LayerError)
    -> LayerGradients<Scalar>
  {
    var result = try inner.backward(outputGradient, cache: cache)
    let (batch, n, m) = (cache.shape[0], inner.inputSize, inner.outputSize)
    switch bug {
    case .weightWithoutTranspose:
      var wrong = [Scalar](repeating: 0, count: n * m)
      for r in 0..<batch {
        for j in 0..<m {
          for i in 0..<n {
            wrong[j * n + i] += outputGradient.scalars[r * m + j] * cache.scalars[r * n + i]
          }
        }
      }
      result.parameters["weight"] = try Tensor(shape: [n, m], scalars: wrong)
    case .biasFromFirstExample:
      result.parameters["bias"] = try Tensor(
        shape: [m], scalars: Array(outputGradient.scalars[0..<m]))
    }
    return result
  }
}

/// Binary cross-entropy whose gradient forgets the 1/batch factor.
struct BCEWithoutBatchFactor: Loss {
  var name: String { "BCEWithoutBatchFactor" }
  func value<T: LayerScalar>(_ prediction: Tensor<T>, target: Tensor<T>) throws(LayerError) -> T {
    try BinaryCrossEntropy().value(prediction, target: target)
  }
  func gradient<T: LayerScalar>(_ prediction: Tensor<T>, target: Tensor<T>) throws(LayerError)
    -> Tensor<T>
  {
    try prediction.zipMap(target, layer: name) { z, y in T.logistic(z) - y }
  }
}

/// Softmax cross-entropy whose gradient forgets the one-hot term: `softmax / batch`.
struct SoftmaxWithoutOneHot: Loss {
  var name: String { "SoftmaxWithoutOneHot" }
  func value<T: LayerScalar>(_ prediction: Tensor<T>, target: Tensor<T>) throws(LayerError) -> T {
    try SoftmaxCrossEntropy().value(prediction, target: target)
  }
  func gradient<T: LayerScalar>(_ prediction: Tensor<T>, target: Tensor<T>) throws(LayerError)
    -> Tensor<T>
  {
    let right = try SoftmaxCrossEntropy().gradient(prediction, target: target)
    let batch = T(prediction.shape[0])
    return try right.zipMap(target, layer: name) { g, y in g + y / batch }
  }
}

/// Dropout variants: the backward ignores the mask, the mask lacks the 1/keep scaling, or the
/// backward redraws the mask.
struct BrokenDropout<Scalar: LayerScalar>: MaskingLayer {
  enum Bug: String, Sendable { case backwardIgnoresMask, noScaling, redrawsMask }
  let keepProbability: Double
  let bug: Bug
  var name: String { "Dropout(\(bug))" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
  var isStochastic: Bool { true }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: (Tensor<Scalar>, RandomSource)?)
  {
    guard mode == .training else { return (input, nil) }
    let saved = random
    let scale = bug == .noScaling ? Scalar(1) : Scalar(1 / keepProbability)
    var mask = input
    for k in mask.scalars.indices {
      mask.scalars[k] = random.nextUnit() < keepProbability ? scale : 0
    }
    return (try mask.zipMap(input, layer: name) { $0 * $1 }, (mask, saved))
  }
  func backward(_ outputGradient: Tensor<Scalar>, cache: (Tensor<Scalar>, RandomSource)?)
    throws(LayerError) -> LayerGradients<Scalar>
  {
    guard let (mask, saved) = cache else { return LayerGradients(input: outputGradient) }
    switch bug {
    case .backwardIgnoresMask:
      return LayerGradients(input: outputGradient)
    case .noScaling:
      return LayerGradients(input: try mask.zipMap(outputGradient, layer: name) { $0 * $1 })
    case .redrawsMask:
      var random = saved
      _ = random.next()  // a fresh draw, not the forward pass's mask
      var redrawn = mask
      let scale = Scalar(1 / keepProbability)
      for k in redrawn.scalars.indices {
        redrawn.scalars[k] = random.nextUnit() < keepProbability ? scale : 0
      }
      return LayerGradients(input: try redrawn.zipMap(outputGradient, layer: name) { $0 * $1 })
    }
  }
}

/// A layer whose backward pass depends on how often it ran: nondeterministic.
let backwardCalls = Atomic<Int>(0)
struct NondeterministicScale<Scalar: LayerScalar>: Layer {
  var name: String { "NondeterministicScale" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }
  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Int)
  { (input.map { 2 * $0 }, 0) }
  func backward(_ outputGradient: Tensor<Scalar>, cache: Int) throws(LayerError)
    -> LayerGradients<Scalar>
  {
    let calls = backwardCalls.add(1, ordering: .relaxed).newValue
    let extra = calls % 2 == 0 ? Scalar(1e-3) : Scalar(0)
    return LayerGradients(input: outputGradient.map { 2 * $0 + extra })
  }
}

/// The blueprint of each mutant, building it in any scalar type.
enum Mutant: String, LayerBlueprint, CaseIterable, CustomTestStringConvertible {
  case denseWeightWithoutTranspose
  case denseBiasFromFirstExample
  case lossWithoutBatchFactor
  case dropoutBackwardIgnoresMask
  case dropoutMaskWithoutScaling
  case dropoutMaskRedrawnInBackward
  case softmaxWithoutOneHotTerm

  var name: String { rawValue }
  var testDescription: String { rawValue }

  var sampleInputShape: [Int] {
    switch self {
    case .denseWeightWithoutTranspose, .denseBiasFromFirstExample: [3, 4]
    case .lossWithoutBatchFactor, .softmaxWithoutOneHotTerm: [4, 3]
    case .dropoutBackwardIgnoresMask, .dropoutMaskWithoutScaling, .dropoutMaskRedrawnInBackward:
      [4, 5]
    }
  }

  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    switch self {
    case .denseWeightWithoutTranspose:
      return BrokenDense(
        inner: try Dense<T>(inputSize: 4, outputSize: 3, random: &random),
        bug: .weightWithoutTranspose)
    case .denseBiasFromFirstExample:
      return BrokenDense(
        inner: try Dense<T>(inputSize: 4, outputSize: 3, random: &random),
        bug: .biasFromFirstExample)
    case .lossWithoutBatchFactor:
      return try LossBlueprint(BCEWithoutBatchFactor(), targets: .binary).makeLayer(
        of: T.self, random: &random)
    case .softmaxWithoutOneHotTerm:
      return try LossBlueprint(SoftmaxWithoutOneHot(), targets: .oneHot).makeLayer(
        of: T.self, random: &random)
    case .dropoutBackwardIgnoresMask:
      return BrokenDropout<T>(keepProbability: 0.7, bug: .backwardIgnoresMask)
    case .dropoutMaskWithoutScaling:
      return BrokenDropout<T>(keepProbability: 0.7, bug: .noScaling)
    case .dropoutMaskRedrawnInBackward:
      return BrokenDropout<T>(keepProbability: 0.7, bug: .redrawsMask)
    }
  }
}

/// A blueprint for ``NondeterministicScale``.
struct NondeterministicBlueprint: LayerBlueprint {
  var name: String { "NondeterministicScale" }
  var sampleInputShape: [Int] { [2, 3] }
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> { NondeterministicScale<T>() }
}
