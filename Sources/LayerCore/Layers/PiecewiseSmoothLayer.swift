/// An opt-in refinement of ``Layer`` for layers that are continuous but not differentiable at
/// some values of an input or parameter entry, such as a ReLU layer at 0 or an L1 penalty at a
/// zero weight.
///
/// A layer declares, per entry, the ``Kink``s of the function it computes, each with the value
/// its backward pass returns exactly there (the kink's ``Kink/convention``). The conformance
/// kit then never lets a finite difference straddle a declared kink: it differentiates on one
/// side, or, on the kink, measures both one-sided slopes and checks the backward pass against
/// the convention. Without this conformance a random entry within a step of a kink makes the
/// central difference average two slopes, and a correct layer fails the check.
///
/// ```swift
/// extension MyClamp: PiecewiseSmoothLayer {
///   public func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
///     [Kink(at: -1, convention: .leftLimit), Kink(at: 1, convention: .rightLimit)]
///   }
/// }
/// ```
///
/// Both requirements default to no kinks. ``ActivationLayer`` conforms with its activation's
/// kinks at every input entry, ``PenaltyLayer`` with its penalty's kinks at every weight.
public protocol PiecewiseSmoothLayer<Scalar>: Layer {
  /// The kinks of the layer's output as a function of entry `index` (row-major) of `input`,
  /// the other entries and the parameters held fixed. Locations are values of that entry.
  func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink]

  /// The kinks of the layer's output as a function of entry `entry` of the parameter tensor
  /// named `name`. Locations are values of that entry.
  func kinks(ofParameter name: String, entry: Int) -> [Kink]
}

extension PiecewiseSmoothLayer {
  /// None: smooth in every input entry.
  public func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] { [] }

  /// None: smooth in every parameter entry.
  public func kinks(ofParameter name: String, entry: Int) -> [Kink] { [] }
}
