import LayerCore

extension LogSoftmax: PerturbationShortcut {
  /// Rowwise: Every output row depends on its own input row only, so network checks may stack
  /// perturbed batches along the first axis through this layer.
  public var isRowwise: Bool { true }
}
