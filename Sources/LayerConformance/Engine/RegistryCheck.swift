import LayerCore

/// The outcome of checking every activation in a registry.
public struct RegistryReport: Sendable, Hashable, Codable {
  /// One report per activation and scalar type, in registry order.
  public var components: [ComponentReport]
  /// Problems with the registry itself, such as being empty.
  public var problems: [Problem]

  /// Whether something was checked and everything passed.
  public var passed: Bool {
    problems.isEmpty && !components.isEmpty && components.allSatisfy(\.passed)
  }
}

extension GradientChecker {
  /// Checks every activation in `registry` in every scalar type of `scalars`.
  ///
  /// An empty registry, or one in which no point at all could be checked, fails with a
  /// ``Problem/Kind/nothingChecked`` problem: a check that checked nothing never passes.
  public func check(_ registry: Registry, scalars: [ScalarKind] = ScalarKind.allCases)
    -> RegistryReport
  {
    var components: [ComponentReport] = []
    for activation in registry.activations {
      for scalar in scalars { components.append(checkAllVariants(activation, as: scalar)) }
    }
    var problems: [Problem] = []
    if registry.isEmpty {
      problems.append(Problem(.nothingChecked, "the registry is empty: nothing was checked"))
    } else if scalars.isEmpty {
      problems.append(Problem(.nothingChecked, "no scalar type was requested: nothing was checked"))
    } else if components.allSatisfy({ $0.points == 0 }) {
      problems.append(
        Problem(
          .nothingChecked,
          "no activation in the registry (\(registry.names.joined(separator: ", "))) had a "
            + "point checked"))
    }
    return RegistryReport(components: components, problems: problems)
  }
}
