/// The defaults of the training hooks of ``Layer``: the parameter gradients from the full
/// backward pass, and the descent step through ``Layer/parameters``.
extension Layer {
  /// The parameters of ``backward(_:cache:)``.
  ///
  /// - Throws: What ``backward(_:cache:)`` throws.
  @inlinable
  public func parameterGradients(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> ParameterSet<Scalar> {
    try backward(outputGradient, cache: cache).parameters
  }

  /// Calls ``parameterGradients(_:cache:)`` with a cache whose type was erased.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when `erasedCache` is not this
  ///   layer's ``Layer/Cache``, or what the backward pass throws.
  @inlinable
  public func parameterGradients(
    _ outputGradient: Tensor<Scalar>, erasedCache: any Sendable
  ) throws(LayerError) -> ParameterSet<Scalar> {
    guard let cache = erasedCache as? Cache else {
      throw .invalidConfiguration(
        layer: name,
        reason: "the cache has type \(type(of: erasedCache)), expected \(Cache.self)")
    }
    return try parameterGradients(outputGradient, cache: cache)
  }

  /// ``descendThroughParameters(along:rate:)``.
  ///
  /// - Throws: What that method throws.
  @inlinable
  public mutating func descend(
    along gradient: ParameterSet<Scalar>, rate: Scalar
  ) throws(LayerError) {
    try descendThroughParameters(along: gradient, rate: rate)
  }

  /// `θ ← θ − rate · g` on a copy of ``parameters``, then stored back (`p[k] - rate * g[k]`
  /// element by element). A layer without parameters accepts an empty gradient.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when the gradient's names
  ///   differ from the parameters', ``LayerError/shapeMismatch(layer:expected:actual:)`` when a
  ///   shape differs; the layer is then unchanged.
  @inlinable
  public mutating func descendThroughParameters(
    along gradient: ParameterSet<Scalar>, rate: Scalar
  ) throws(LayerError) {
    guard gradient.count > 0 else { return }
    var parameters = self.parameters
    guard gradient.names == parameters.names else {
      throw .invalidConfiguration(
        layer: name,
        reason: "the gradient holds \(gradient.names), the parameters \(parameters.names)")
    }
    for t in parameters.tensors.indices {
      guard gradient.tensors[t].shape == parameters.tensors[t].shape else {
        throw .shapeMismatch(
          layer: "\(name) (\(parameters.names[t]) gradient)",
          expected: parameters.tensors[t].shape, actual: gradient.tensors[t].shape)
      }
    }
    for t in parameters.tensors.indices {
      descendInPlace(&parameters.tensors[t].scalars, along: gradient.tensors[t].scalars, rate: rate)
    }
    self.parameters = parameters
  }
}

/// `p[k] = p[k] - rate * g[k]` for every `k` (the two arrays have the same count). A large
/// tensor (from 2¹⁵ scalars) is split over the cores in the same halves in which
/// `matrixMultiply` computed a large gradient, so each core mostly reads what it wrote.
@inlinable
public func descendInPlace<Scalar: LayerScalar>(
  _ parameters: inout [Scalar], along gradient: [Scalar], rate: Scalar
) {
  parameters.withUnsafeMutableBufferPointer { p in
    gradient.withUnsafeBufferPointer { g in
      guard let pBase = p.baseAddress, let gBase = g.baseAddress else { return }
      nonisolated(unsafe) let (target, source) = (pBase, gBase)  // parts write disjoint ranges
      performConcurrently(splitting: min(p.count, g.count), minimumPartSize: 1 << 14) { range in
        for k in range { target[k] = target[k] - rate * source[k] }
      }
    }
  }
}
