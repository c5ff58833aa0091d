import LayerCore

/// The training hooks of ``Dense``: the parameter gradients without the input gradient, and the
/// descent step on the weight and bias storage itself.
extension Dense {
  /// `dW = Xᵀ dY` and `db = Σ_batch dY`, as ``backward(_:cache:)`` computes them, without
  /// `dX = dY Wᵀ`.
  ///
  /// - Throws: What ``backward(_:cache:)`` throws.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func parameterGradients(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> ParameterSet<Scalar> {
    try validate(input, outputGradient: outputGradient)
    let (dw, db) = weightAndBiasGradients(outputGradient, input: input)
    return ParameterSet(weight: dw, bias: db, inputSize: inputSize, outputSize: outputSize)
  }

  /// `weight ← weight − rate · dW`, `bias ← bias − rate · db` in place (no copy of either
  /// tensor), the same arithmetic as ``Layer/descendThroughParameters(along:rate:)``, which
  /// handles (and reports) gradients of other names or shapes.
  ///
  /// - Throws: As ``Layer/descendThroughParameters(along:rate:)``.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public mutating func descend(
    along gradient: ParameterSet<Scalar>, rate: Scalar
  ) throws(LayerError) {
    guard gradient.names == ["weight", "bias"], gradient.tensors[0].shape == weight.shape,
      gradient.tensors[1].shape == bias.shape
    else { return try descendThroughParameters(along: gradient, rate: rate) }
    descendInPlace(&weight.scalars, along: gradient.tensors[0].scalars, rate: rate)
    descendInPlace(&bias.scalars, along: gradient.tensors[1].scalars, rate: rate)
  }

  /// Checks the input and that `outputGradient` has the output's shape.
  @inlinable
  func validate(
    _ input: Tensor<Scalar>, outputGradient: Tensor<Scalar>
  ) throws(LayerError) {
    try validate(input)
    let expected = outputShape(input)
    guard outputGradient.shape == expected else {
      throw .shapeMismatch(
        layer: "Dense (output gradient)", expected: expected, actual: outputGradient.shape)
    }
  }

  /// `dW = Xᵀ dY` (`[inputSize, outputSize]`) and `db = Σ_rows dY` (`[outputSize]`), for a
  /// validated input and output gradient.
  @inlinable
  func weightAndBiasGradients(
    _ outputGradient: Tensor<Scalar>, input: Tensor<Scalar>
  ) -> (dw: [Scalar], db: [Scalar]) {
    let batch = rowCount(input)
    let n = inputSize
    let m = outputSize
    var db = [Scalar](repeating: 0, count: m)
    var dw: [Scalar] = []
    input.scalars.withUnsafeBufferPointer { x in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        db.withUnsafeMutableBufferPointer { db in
          for r in 0..<batch {
            for j in 0..<m { db[j] += g[r * m + j] }
          }
        }
        // dW = Xᵀ dY: [n, batch] · [batch, m], X stored [batch, n]. With β = 0 the product
        // writes every entry, so the storage needs no zero fill first.
        dw = [Scalar](unsafeUninitializedCapacity: n * m) { dwb, count in
          matrixMultiply(m: n, n: m, k: batch, x, transposeA: true, g, into: dwb)
          count = n * m
        }
      }
    }
    return (dw, db)
  }
}

extension ParameterSet {
  /// `weight` `[inputSize, outputSize]` and `bias` `[outputSize]` from their scalars.
  @inlinable
  init(weight: [Scalar], bias: [Scalar], inputSize: Int, outputSize: Int) {
    guard let w = try? Tensor(shape: [inputSize, outputSize], scalars: weight),
      let b = try? Tensor(shape: [outputSize], scalars: bias)
    else { preconditionFailure("Dense gradients of \(weight.count) and \(bias.count) scalars") }
    self.init([("weight", w), ("bias", b)])
  }
}
