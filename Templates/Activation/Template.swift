// TEMPLATE: A complete, correct activation to copy. The quickest way to use it:
// TEMPLATE:   swift package --allow-writing-to-package-directory new-activation <Name>
// TEMPLATE: which creates Sources/Activations/<Name>/ from this folder with `Template` renamed
// TEMPLATE: and registers it. Lines starting with `// TEMPLATE:` are dropped in the copy; with
// TEMPLATE: --no-parameters, so are the lines between `parameters begin` and `parameters end`,
// TEMPLATE: and each `without parameters:` line is kept as the text after the colon.
// TEMPLATE: This folder is compiled as the internal target `_TemplateActivation` and checked by
// TEMPLATE: `swift test` like any registered activation, so it always builds and passes.
import LayerCore

// The example: softplus with a sharpness parameter β, f(x) = log(1 + e^(βx)) / β. Fill in the
// four places marked ✏️ (see CONTRIBUTING.md); `swift test` then checks the derivative.

/// Softplus with sharpness β: f(x) = log(1 + e^(βx)) / β, f'(x) = σ(βx).
public struct Template: Activation {
  /// The name the registry and reports use. Keep it equal to the type name.
  public var name: String { "Template" }

  // MARK: ✏️ 1. PARAMETERS
  // One stored `Double` per parameter, with a default. List each in `parameters` with the
  // values the kit should check it at (cover every regime: 0, small, large, above 1), and
  // accept it in `setting(_:to:)`, rejecting invalid values. Without parameters, scaffold with
  // `new-activation --no-parameters <Name>...`, which leaves this section as `public init() {}`
  // and the formula at β = 1 (or delete the stored property, `parameters` and `setting(_:to:)`).

  // TEMPLATE: parameters begin
  /// The sharpness β > 0. Default 1.
  public var beta: Double

  /// Creates the activation.
  public init(beta: Double = 1) {
    self.beta = beta
  }

  /// `beta`, checked at 0.5, 1 and 4.
  public var parameters: [Parameter] {
    [Parameter(name: "beta", value: beta, checkedValues: [0.5, 1, 4])]
  }

  /// A copy with a parameter changed; rejects unknown names and invalid values.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Template {
    guard parameter == "beta" else {
      throw .unknownParameter(component: name, name: parameter, known: ["beta"])
    }
    guard value.isFinite, value > 0 else {
      throw .invalidParameter(component: name, name: parameter, value: value, reason: "must be > 0")
    }
    return Template(beta: value)
  }
  // TEMPLATE: parameters end
  // TEMPLATE: without parameters: /// Creates the activation. It has no parameters.
  // TEMPLATE: without parameters: public init() {}

  // MARK: ✏️ 2. KINKS
  // Every point where the function is continuous but not differentiable, with the value your
  // derivative returns exactly there: `[Kink(at: 0, convention: .leftLimit)]` for ReLU, whose
  // derivative returns 0 (the left slope) at 0. Conventions: .leftLimit, .rightLimit,
  // .average, .between. A smooth function has none: `[]`.

  /// No kinks: softplus is smooth.
  public var kinks: [Kink] { [] }

  // MARK: ✏️ 3. FORMULA
  // f(x), for any `T: LayerScalar`: use `T(0.5)` or `T(beta)` for constants and `T.exp`,
  // `T.log1p`, `T.tanh`, `T.logistic`, ... for elementary functions. Keep every intermediate
  // finite for every finite x, return the limits at ±infinity (not ∞ - ∞ or ∞ · 0 = NaN), and
  // let NaN give NaN. The kit checks all of these.

  /// log(1 + e^(βx)) / β, computed as max(x, 0) + log1p(e^-|βx|) / β so that no
  /// intermediate overflows, even at the largest finite x.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    // TEMPLATE: parameters begin
    let beta = T(self.beta)
    // TEMPLATE: parameters end
    // TEMPLATE: without parameters: let beta: T = 1
    let positivePart = x >= 0 ? x : 0  // >=: a dual number at 0 then carries 1 − 1/2
    return positivePart + T.log1p(T.exp(-T.abs(beta * x))) / beta
  }

  // MARK: ✏️ 4. DERIVATIVE
  // f'(x), worked out by hand from the formula above. `swift test` compares it with the slope
  // of the formula at hundreds of points and names every point where they disagree.

  /// σ(βx).
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    // TEMPLATE: parameters begin
    let beta = T(self.beta)
    // TEMPLATE: parameters end
    // TEMPLATE: without parameters: let beta: T = 1
    return T.logistic(beta * x)
  }
}
