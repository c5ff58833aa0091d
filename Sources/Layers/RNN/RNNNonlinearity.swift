import LayerCore
import TanhActivation

/// The nonlinearity of an ``RNN``'s hidden state, `h_t = act(a_t)`.
///
/// Both derivatives are written in terms of the output `h = act(a)`, which the forward pass
/// caches, so the backward pass needs no pre-activation: `tanh′(a) = 1 − h²` and
/// `relu′(a) = 1` where `h > 0`, else 0.
public enum RNNNonlinearity: String, Sendable, Hashable, Codable, CaseIterable {
  /// `tanh(a)`, the seed's choice and the default.
  case tanh
  /// `max(a, 0)`. Its kink at pre-activation 0 is taken as slope 0 (the left limit).
  case relu

  /// Replaces every `values[k]` (a pre-activation) by `act(values[k])`. A NaN stays NaN.
  ///
  /// tanh goes through the ``/TanhActivation/Tanh`` activation's batched entry point, in place:
  /// in `Float` and `Double` its SIMD lanes (within 2 ULP of tanh; an element's result does not
  /// depend on where it sits in the buffer, so stacked rows give the bits of rows alone), in any
  /// other type `Scalar.tanh` element by element.
  @inlinable
  func activate<Scalar: LayerScalar>(_ values: UnsafeMutableBufferPointer<Scalar>) {
    switch self {
    case .tanh:
      Tanh().values(UnsafeBufferPointer(values), into: values)
    case .relu:
      for k in values.indices where values[k] < 0 { values[k] = 0 }
    }
  }

  /// Multiplies every `gradients[k]` by `act′`, computed from the output `states[k]`:
  /// `1 − h²` for tanh, `h > 0 ? 1 : 0` for ReLU.
  @inlinable
  func multiplyByDerivative<Scalar: LayerScalar>(
    _ gradients: UnsafeMutableBufferPointer<Scalar>, states: UnsafeBufferPointer<Scalar>
  ) {
    switch self {
    case .tanh:
      for k in gradients.indices {
        let h = states[k]
        gradients[k] = gradients[k] * (1 - h * h)
      }
    case .relu:
      for k in gradients.indices where !(states[k] > 0) { gradients[k] = 0 }
    }
  }
}
