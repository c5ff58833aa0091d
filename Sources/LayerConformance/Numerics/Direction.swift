import LayerCore

/// A random unit vector over several tensors at once (all their entries together have norm
/// 1), and the derivative of a function along it: the directional mode of the layer and
/// network checkers.
///
/// For a function `L(z)` of tensors `z`, the directional derivative is `⟨∇L, u⟩`
/// (``dot(_:)`` of the back-propagated gradients) and its numeric reference the central
/// difference of `t ↦ L(z + t·u)` at `t = 0` (``derivative(_:)``).
struct Direction<S: LayerScalar & BinaryFloatingPoint> {
  /// One tensor per tensor of `z`, with its shape.
  var tensors: [Tensor<S>]

  /// A direction with entries drawn uniformly from [-1, 1) and then scaled jointly to norm 1.
  @_specialize(where S == Double)
  @_specialize(where S == Float)
  init(shapes: [[Int]], random: inout RandomSource) {
    tensors = shapes.map { randomTensor($0, &random) }
    var sum: S = 0
    for tensor in tensors { for u in tensor.scalars { sum += u * u } }
    let norm = sum.squareRoot()
    guard norm > 0 else { return }
    for t in tensors.indices {
      for k in tensors[t].scalars.indices { tensors[t].scalars[k] /= norm }
    }
  }

  /// `Σ g·u` over every tensor pair (gradients converted to `S` by the caller); tensors whose count differs from the direction's are
  /// skipped (the caller reports the shape mismatch).
  @_specialize(where S == Double)
  @_specialize(where S == Float)
  func dot(_ gradients: [Tensor<S>]) -> S {
    var sum: S = 0
    for (u, g) in zip(tensors, gradients) where u.count == g.count {
      for k in u.scalars.indices { sum += g.scalars[k] * u.scalars[k] }
    }
    return sum
  }

  /// `z + t·u`, tensor by tensor.
  @_specialize(where S == Double)
  @_specialize(where S == Float)
  func moved(_ z: [Tensor<S>], by t: S) -> [Tensor<S>] {
    var result = z
    for (index, u) in zip(result.indices, tensors) where u.count == result[index].count {
      for k in u.scalars.indices { result[index].scalars[k] += t * u.scalars[k] }
    }
    return result
  }

  /// The central difference at `t = 0` of `f(t) = L(z + t·u)`, with the kit's one step rule;
  /// with a `side`, the one-sided difference reaching only that side of 0.
  func derivative<E: Error>(
    side: FiniteDifference.Side? = nil, _ f: (S) throws(E) -> S
  ) throws(E) -> S {
    guard let side else { return try FiniteDifference.central(at: S(0), f) }
    return try FiniteDifference.secondOrder(at: S(0), side: side, f)
  }
}
