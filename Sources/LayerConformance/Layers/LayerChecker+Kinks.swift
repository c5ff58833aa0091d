import LayerCore

extension LayerChecker {
  /// The offset, relative to `max(|kink|, 1)`, of the entries placed just beside a kink by
  /// ``placingEntriesAtKinks(_:_:)``: far inside any finite-difference step.
  static let besideKink = 1e-7

  /// Moves the first three entries of the input, and of each parameter tensor, that have a
  /// declared kink (see ``/LayerCore/PiecewiseSmoothLayer``) onto their first kink, just right
  /// of it and just left of it, so that a blueprint check exercises both sides of every kind
  /// of kink and its convention, and the report's ``LayerReport/kinks`` counts something real.
  static func placingEntriesAtKinks<T: CheckableScalar>(
    _ layer: inout any Layer<T>, _ input: inout Tensor<T>
  ) {
    guard let kinked = layer as? any PiecewiseSmoothLayer<T> else { return }
    func place(_ tensor: inout Tensor<T>, _ kinks: (Int) -> [Kink]) {
      var placed = 0
      for e in tensor.scalars.indices where placed < 3 {
        guard let kink = kinks(e).first else { continue }
        let offset = besideKink * Swift.max(Swift.abs(kink.location), 1)
        tensor.scalars[e] = T(kink.location + [0, offset, -offset][placed])
        placed += 1
      }
    }
    let drawn = input
    place(&input) { kinked.kinks(ofInputEntry: $0, in: drawn) }
    var parameters = layer.parameters
    for t in parameters.tensors.indices {
      let name = parameters.names[t]
      place(&parameters.tensors[t]) { kinked.kinks(ofParameter: name, entry: $0) }
    }
    layer.parameters = parameters
  }
}
