extension ActivationLayer: PiecewiseSmoothLayer {
  /// The activation's kinks: every output entry is the activation of its own input entry.
  public func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
    activation.kinks
  }
}
