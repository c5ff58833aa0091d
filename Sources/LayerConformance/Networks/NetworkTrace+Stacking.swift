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
    let size = last.count
    var result: [T] = []
    result.reserveCapacity(values.count)
    for p in 0..<values.count {
      let slice = try Tensor(
        shape: last.shape, scalars: Array(x.scalars[(p * size)..<((p + 1) * size)]))
      result.append(try loss.value(slice, target: target))
    }
    return result
  }
}
