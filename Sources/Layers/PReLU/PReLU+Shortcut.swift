import LayerCore

extension PReLU: PerturbationShortcut {
  /// Rowwise: Every output entry depends on its own input entry and the slope of its feature, so network checks may stack
  /// perturbed batches along the first axis through this layer.
  public var isRowwise: Bool { true }
}
