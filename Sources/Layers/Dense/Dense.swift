import LayerCore

/// A fully connected layer: `y = x W + b` for a batch `x` of shape `[batch, inputSize]`.
///
/// An input of higher rank, `[batch, …, inputSize]` (a sequence `[batch, time, inputSize]`),
/// is a stack of rows along its last axis: every row is mapped alike and the output is
/// `[batch, …, outputSize]`. The gradients then sum over every row (`batch · time` rows for a
/// sequence), as for a batch of that many rows.
///
/// `weight` has shape `[inputSize, outputSize]` (row `i` holds the weights leaving input
/// feature `i`) and `bias` has shape `[outputSize]`. The backward pass returns
/// `dX = dY Wᵀ`, `dW = Xᵀ dY` and `db = Σ_batch dY`.
///
/// ```swift
/// var random = RandomSource(seed: 1)
/// let dense = try Dense<Double>(inputSize: 4, outputSize: 3, random: &random)
/// let (y, _) = try dense.forward(x, mode: .training, random: &random)
/// ```
public struct Dense<Scalar: LayerScalar>: Layer {
  /// The weights, shape `[inputSize, outputSize]`.
  public var weight: Tensor<Scalar>
  /// The biases, shape `[outputSize]`.
  public var bias: Tensor<Scalar>
  /// The number of input features.
  public let inputSize: Int
  /// The number of output features.
  public let outputSize: Int

  /// A layer with the given weights (`[inputSize, outputSize]`) and biases (`[outputSize]`).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for a zero-size or
  ///   non-matrix weight, or ``LayerError/shapeMismatch(layer:expected:actual:)`` when the
  ///   bias does not have `outputSize` elements.
  public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>) throws(LayerError) {
    guard weight.rank == 2, weight.shape[0] > 0, weight.shape[1] > 0 else {
      throw .invalidConfiguration(
        layer: "Dense",
        reason:
          "the weight must be a non-empty matrix [inputSize, outputSize], got shape \(weight.shape)"
      )
    }
    guard bias.shape == [weight.shape[1]] else {
      throw .shapeMismatch(layer: "Dense", expected: [weight.shape[1]], actual: bias.shape)
    }
    self.weight = weight
    self.bias = bias
    inputSize = weight.shape[0]
    outputSize = weight.shape[1]
  }

  /// The most weights a layer built from sizes may have: 2³¹ − 1, so that a mistyped size
  /// throws instead of exhausting memory.
  public static var maximumWeightCount: Int { Int(Int32.max) }

  /// A layer with Glorot-uniform weights (bound `√(6 / (in + out))`) and zero biases, drawn
  /// from `random`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when either size is below 1 or
  ///   their product exceeds ``maximumWeightCount``.
  public init(inputSize: Int, outputSize: Int, random: inout RandomSource) throws(LayerError) {
    let (weights, overflow) = inputSize.multipliedReportingOverflow(by: outputSize)
    guard inputSize > 0, outputSize > 0, !overflow, weights <= Dense.maximumWeightCount else {
      throw .invalidConfiguration(
        layer: "Dense",
        reason: "sizes must be at least 1 with at most \(Dense.maximumWeightCount) weights in all, "
          + "got inputSize \(inputSize), outputSize \(outputSize)")
    }
    let bound = (6.0 / Double(inputSize + outputSize)).squareRoot()
    var scalars: [Scalar] = []
    scalars.reserveCapacity(inputSize * outputSize)
    for _ in 0..<(inputSize * outputSize) {
      scalars.append(Scalar((2 * random.nextUnit() - 1) * bound))
    }
    try self.init(
      weight: Tensor(shape: [inputSize, outputSize], scalars: scalars),
      bias: Tensor(zeros: [outputSize]))
  }

  /// `"Dense"`.
  public var name: String { "Dense" }

  /// `weight` then `bias`. Setting replaces the tensors present in the new value; the forward
  /// pass rejects tensors of the wrong shape.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet([("weight", weight), ("bias", bias)]) }
    set {
      if let w = newValue["weight"] { weight = w }
      if let b = newValue["bias"] { bias = b }
    }
  }

  @inlinable
  func validate(_ input: Tensor<Scalar>) throws(LayerError) {
    guard weight.shape == [inputSize, outputSize] else {
      throw .shapeMismatch(
        layer: "Dense (weight)", expected: [inputSize, outputSize], actual: weight.shape)
    }
    guard bias.shape == [outputSize] else {
      throw .shapeMismatch(layer: "Dense (bias)", expected: [outputSize], actual: bias.shape)
    }
    guard input.rank >= 2, input.shape.last == inputSize else {
      let leading = input.rank >= 2 ? Array(input.shape.dropLast()) : [input.shape.first ?? 1]
      throw .shapeMismatch(
        layer: "Dense (input)", expected: leading + [inputSize], actual: input.shape)
    }
    guard input.count > 0 else {
      throw .invalidConfiguration(
        layer: "Dense",
        reason:
          "the input of shape \(input.shape) is an empty batch; expected [batch >= 1, \(inputSize)]"
      )
    }
  }

  /// The number of rows of a validated input: every axis but the last, multiplied.
  @inlinable
  func rowCount(_ input: Tensor<Scalar>) -> Int { input.count / inputSize }

  /// The shape of the output for a validated input: its own with the last axis `outputSize`.
  @inlinable
  func outputShape(_ input: Tensor<Scalar>) -> [Int] { input.shape.dropLast() + [outputSize] }

  /// `x W + b` for every row along the last axis; the cache is the input.
  ///
  /// - Throws: ``LayerError`` naming `Dense` and both shapes when the input is not
  ///   `[batch, …, inputSize]` with no empty axis, or a parameter tensor has the wrong shape.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    try validate(input)
    let batch = rowCount(input)
    let n = inputSize
    let m = outputSize
    // Uninitialized storage: every row is set to the bias, then out = x W + out (β = 1).
    let out = [Scalar](unsafeUninitializedCapacity: batch * m) { o, count in
      input.scalars.withUnsafeBufferPointer { x in
        weight.scalars.withUnsafeBufferPointer { w in
          bias.scalars.withUnsafeBufferPointer { b in
            guard let row = o.baseAddress, let biasBase = b.baseAddress else { return }
            for r in 0..<batch { (row + r * m).initialize(from: biasBase, count: m) }
            matrixMultiply(m: batch, n: m, k: n, x, w, into: o, beta: 1)
          }
        }
      }
      count = batch * m
    }
    return (try Tensor(shape: outputShape(input), scalars: out), input)
  }

  /// `dX = dY Wᵀ`, `dW = Xᵀ dY`, `db = Σ_rows dY`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` when `outputGradient` does
  ///   not have the output's shape, `[batch, …, outputSize]`.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    try validate(input, outputGradient: outputGradient)
    let batch = rowCount(input)
    let n = inputSize
    let m = outputSize
    // dX = dY Wᵀ: [batch, m] · [m, n], W stored [n, m]. With β = 0 and m ≥ 1 the product
    // writes every entry, so the storage needs no zero fill first.
    let dx = [Scalar](unsafeUninitializedCapacity: batch * n) { dxb, count in
      weight.scalars.withUnsafeBufferPointer { w in
        outputGradient.scalars.withUnsafeBufferPointer { g in
          matrixMultiply(m: batch, n: n, k: m, g, w, transposeB: true, into: dxb)
        }
      }
      count = batch * n
    }
    let (dw, db) = weightAndBiasGradients(outputGradient, input: input)
    return LayerGradients(
      input: try Tensor(shape: input.shape, scalars: dx),
      parameters: ParameterSet(weight: dw, bias: db, inputSize: n, outputSize: m))
  }
}
