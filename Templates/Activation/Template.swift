import LayerCore

// A complete, correct activation to copy. To add your own (see CONTRIBUTING.md):
//   1. Copy this folder to Sources/Activations/<Name>/ and rename this file <Name>.swift.
//   2. Replace `Template` with <Name> everywhere in the file.
//   3. Fill in the places marked ✏️ below.
//   4. Add "<Name>" to the `activations` list in Package.swift and `<Name>()` to
//      `BuiltIn.activations` in Sources/LayerKit/LayerKit.swift, then run `swift test`.
//
// The example here is softplus with a sharpness parameter β: f(x) = log(1 + e^(βx)) / β.

/// Softplus with sharpness β: f(x) = log(1 + e^(βx)) / β, f'(x) = σ(βx).
public struct Template: Activation {
  // ✏️ Parameters: one stored `Double` each, with a default.
  /// The sharpness β > 0. Default 1.
  public var beta: Double

  /// Creates the activation.
  public init(beta: Double = 1) {
    self.beta = beta
  }

  /// The name the registry and reports use. ✏️ Use the type name.
  public var name: String { "Template" }

  // ✏️ Kinks: list every point where the function is not differentiable, with the value your
  // derivative returns there, e.g. `[Kink(at: 0, convention: .leftLimit)]`. Softplus has none.
  /// No kinks: softplus is smooth.
  public var kinks: [Kink] { [] }

  // ✏️ Parameters for the kit: the current value and the values worth checking.
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

  // ✏️ The formula. Write it for any `T: LayerScalar`; use `T(constant)` for constants and
  // `T.exp`, `T.log1p`, ... for elementary functions. Keep it finite for every finite x.
  /// log(1 + e^(βx)) / β, computed as max(x, 0) + log1p(e^-|βx|) / β so that no
  /// intermediate overflows, even at the largest finite x.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    let positivePart = x > 0 ? x : 0
    return positivePart + T.log1p(T.exp(-T.abs(T(beta) * x))) / T(beta)
  }

  // ✏️ The derivative of the formula above, by hand. The kit checks it against the formula.
  /// σ(βx).
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.logistic(T(beta) * x)
  }
}
