import LayerCore

/// The network checker's fast path through ``Dense``: one weight or bias entry moves one output
/// column, so a perturbed output costs O(batch) instead of a forward pass.
extension Dense: PerturbationShortcut {
  /// Each output row is `x[r] W + b` (for a sequence, each of its steps): rowwise along the
  /// batch.
  public var isRowwise: Bool { true }

  /// The fast path for gradient checks: setting `weight[i, j]` moves only output column `j`,
  /// by `(value - weight[i, j]) * x[:, i]`; setting `bias[j]` moves it by `value - bias[j]`.
  /// O(batch) instead of O(batch · inputSize · outputSize).
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache input: Tensor<Scalar>
  ) -> Tensor<Scalar>? {
    guard input.rank >= 2, input.shape.last == inputSize, output.shape == outputShape(input)
    else { return nil }
    let batch = rowCount(input)
    var result = output
    switch tensor {
    case 0 where entry >= 0 && entry < weight.count:
      let i = entry / outputSize
      let j = entry % outputSize
      let delta = value - weight.scalars[entry]
      for r in 0..<batch {
        result.scalars[r * outputSize + j] += delta * input.scalars[r * inputSize + i]
      }
    case 1 where entry >= 0 && entry < bias.count:
      let delta = value - bias.scalars[entry]
      for r in 0..<batch { result.scalars[r * outputSize + entry] += delta }
    default:
      return nil
    }
    return result
  }

  /// The single-entry shortcut for many entries at once, written straight into one stacked
  /// tensor `[entries.count · batch, …, outputSize]`: block `p` is the cached output with column
  /// `j` moved by `(values[p] - weight[i, j]) * x[:, i]` (or by `values[p] - bias[j]`), the
  /// same arithmetic as ``output(settingParameter:entry:to:output:cache:)``, bit for bit.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache input: Tensor<Scalar>
  ) -> Tensor<Scalar>? {
    guard entries.count == values.count, tensor == 0 || tensor == 1, input.rank >= 2,
      input.shape.last == inputSize, output.shape == outputShape(input)
    else { return nil }
    let changed = tensor == 0 ? weight : bias
    guard entries.allSatisfy({ $0 >= 0 && $0 < changed.count }) else { return nil }
    let batch = rowCount(input)
    let n = inputSize
    let m = outputSize
    let block = batch * m
    var stacked = [Scalar](repeating: 0, count: block * entries.count)
    stacked.withUnsafeMutableBufferPointer { s in
      output.scalars.withUnsafeBufferPointer { o in
        input.scalars.withUnsafeBufferPointer { x in
          changed.scalars.withUnsafeBufferPointer { w in
            for p in 0..<entries.count {
              let base = p * block
              for k in 0..<block { s[base + k] = o[k] }
              let e = entries[p]
              let delta = values[p] - w[e]
              if tensor == 0 {
                let i = e / m
                let j = e % m
                for r in 0..<batch { s[base + r * m + j] += delta * x[r * n + i] }
              } else {
                for r in 0..<batch { s[base + r * m + e] += delta }
              }
            }
          }
        }
      }
    }
    var shape = output.shape
    shape[0] *= entries.count
    return try? Tensor(shape: shape, scalars: stacked)
  }
}
