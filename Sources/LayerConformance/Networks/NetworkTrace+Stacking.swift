import LayerCore

extension NetworkTrace {
  /// Whether the perturbed outputs of layer `k` can go through the rest of the network in one
  /// stacked pass: every later layer is rowwise and deterministic.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func canStack(after k: Int) -> Bool {
    layers[(k + 1)...].allSatisfy { layer in
      !layer.isStochastic && (layer as? any PerturbationShortcut<T>)?.isRowwise == true
    }
  }

  /// The losses for many single-entry changes of layer `k` at once: its shortcut `layer` stacks the
  /// perturbed outputs along the batch dimension, the later layers run once on the stack, and
  /// the result is split again for the loss. Each row is computed by the same arithmetic as
  /// alone, so the losses are the same bits. `nil` when layer `k` has no stacked shortcut or a
  /// later layer does not keep the stacking.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func stackedLosses(
    through layer: any PerturbationShortcut<T>, setting k: Int, tensor: Int, entries: [Int],
    to values: [T], loss: any Loss, target: Tensor<T>
  ) throws(LayerError) -> [T]? {
    guard
      var x = layer.outputs(
        settingParameter: tensor, entries: entries, to: values, output: outputs[k],
        erasedCache: caches[k])
    else { return nil }
    var random = states[k + 1]
    for j in (k + 1)..<layers.count {
      x = try layers[j].forward(x, mode: mode, random: &random).output
    }
    guard let last = outputs.last, last.rank >= 1 else { return nil }
    var stackedShape = last.shape
    stackedShape[0] *= values.count
    guard x.shape == stackedShape else { return nil }
    return try slicedLosses(x, count: values.count, shape: last.shape, loss: loss, target: target)
  }
}

/// The loss of each of the `count` blocks of shape `shape` stacked in `x`, in order. Many
/// blocks are split over the cores
/// (``/LayerCore/performConcurrently(splitting:minimumPartSize:alignment:_:)``, a run of
/// consecutive blocks per part, worth a second core from about 16,384 logits on); each
/// block's loss is the same computation as alone.
@_specialize(where T == Double)
@_specialize(where T == Float)
func slicedLosses<T: LayerScalar & BinaryFloatingPoint>(
  _ x: Tensor<T>, count: Int, shape: [Int], loss: any Loss, target: Tensor<T>
) throws(LayerError) -> [T] {
  let size = x.count / Swift.max(count, 1)
  var results = [Result<T, LayerError>](repeating: .success(0), count: count)
  results.withUnsafeMutableBufferPointer { buffer in
    guard let first = buffer.baseAddress else { return }
    nonisolated(unsafe) let base = first  // each part writes its own blocks
    performConcurrently(
      splitting: count, minimumPartSize: Swift.max(1, (1 << 14) / Swift.max(size, 1)),
      alignment: 1
    ) { blocks in
      for p in blocks {
        base[p] = Result { () throws(LayerError) -> T in
          let slice = try Tensor(
            shape: shape, scalars: Array(x.scalars[(p * size)..<((p + 1) * size)]))
          return try loss.value(slice, target: target)
        }
      }
    }
  }
  return try results.map { result throws(LayerError) -> T in try result.get() }
}
