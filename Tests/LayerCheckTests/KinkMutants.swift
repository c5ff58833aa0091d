import LayerConformance
import LayerKit

// Layers whose backward pass is wrong only on one side of a declared kink, or only on it. Each
// declares the kink like the correct layer, so the kit must judge them through its kink
// handling: with every entry within 1e-7 of the kink, no central difference could.

/// The bugs of ``OneSidedMutant``.
enum OneSidedBug: String, CaseIterable, Sendable {
  /// ReLU whose backward uses slope 0.9 right of 0.
  case slope09OnTheRight
  /// ReLU whose backward uses slope 0.1 left of 0.
  case slope01OnTheLeft
  /// ReLU whose backward returns 0.5 at 0, declared as the left limit 0.
  case halfAtTheKink
  /// LeakyReLU(0.2) forward, slope 0.3 left of 0 in the backward pass.
  case leaky03For02
}

/// A ReLU (or LeakyReLU(0.2)) layer with one wrong slope near its kink at 0.
struct OneSidedMutant<Scalar: LayerScalar>: PiecewiseSmoothLayer {
  let bug: OneSidedBug
  var name: String { "OneSidedMutant(\(bug))" }
  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>)
  {
    let slope: Scalar = bug == .leaky03For02 ? 0.2 : 0
    return (input.map { $0 > 0 ? $0 : slope * $0 }, input)
  }

  func derivative(at x: Scalar) -> Scalar {
    switch bug {
    case .slope09OnTheRight: x > 0 ? 0.9 : 0
    case .slope01OnTheLeft: x > 0 ? 1 : (x < 0 ? 0.1 : 0)
    case .halfAtTheKink: x > 0 ? 1 : (x == 0 ? 0.5 : 0)
    case .leaky03For02: x > 0 ? 1 : 0.3
    }
  }

  func backward(_ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>)
    throws(LayerError) -> LayerGradients<Scalar>
  {
    LayerGradients(
      input: try input.zipMap(outputGradient, layer: name) { x, g in g * derivative(at: x) })
  }

  func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
    [Kink(at: 0, convention: .leftLimit)]
  }
}

/// λ‖w‖₁ whose gradient is −λ/2 instead of −λ for negative weights.
struct HalfNegativeL1: Penalty {
  var name: String { "HalfNegativeL1" }
  var kinks: [Kink] { [Kink(at: 0, convention: .average)] }
  func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T { L1Penalty().value(parameter) }
  func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T> {
    let lambda = T(L1Penalty().strength)
    return parameter.map { w in w > 0 ? lambda : (w < 0 ? -lambda / 2 : 0) }
  }
}
