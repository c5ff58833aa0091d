import LayerCore

/// Checks every component of a ``/LayerCore/Registry``: activations with an ``ActivationChecker`` and
/// layers (losses and penalties included) with a ``LayerChecker``, in every requested scalar
/// type, into one ``RegistryReport``.
///
/// ```swift
/// let report = RegistryChecker().check(try BuiltIn.registry)
/// print(report)   // the activation table, the layer table, failures in full
/// ```
///
/// `swift test` and `layerkit check` both use it with its defaults, so they share the layer
/// strategy (``Strategy/standard``). The checks of the components run concurrently, one per
/// core; the report lists them in the registry's order.
public struct RegistryChecker: Sendable {
  /// The checker of the activations.
  public var activations: ActivationChecker
  /// The checker of the layers.
  public var layers: LayerChecker

  /// A checker with the given activation and layer checkers.
  public init(
    activations: ActivationChecker = ActivationChecker(), layers: LayerChecker = LayerChecker()
  ) {
    self.activations = activations
    self.layers = layers
  }

  /// Checks every component of `registry` in every scalar type of `scalars`.
  ///
  /// A registry with no component, a request with no scalar type, or a run in which no point
  /// at all could be checked fails with a ``Problem/Kind/nothingChecked`` problem: a check
  /// that checked nothing never passes.
  public func check(_ registry: Registry, scalars: [ScalarKind] = ScalarKind.allCases)
    -> RegistryReport
  {
    // Each component and scalar type is an independent check (each seeds its own random
    // source), so they run on all cores; the rows keep the registry's order.
    let jobs = registry.components.flatMap { component in scalars.map { (component, $0) } }
    let (activations, layers) = (self.activations, self.layers)
    let rows = concurrentMap(jobs) { component, scalar -> RegistryReport.Row in
      switch component {
      case .activation(let activation):
        .activation(activations.checkAllVariants(activation, as: scalar))
      case .layer(let blueprint):
        .layer(layers.check(blueprint, as: scalar))
      }
    }
    var problems: [Problem] = []
    if registry.isEmpty {
      problems.append(Problem(.nothingChecked, "the registry is empty: nothing was checked"))
    } else if scalars.isEmpty {
      problems.append(Problem(.nothingChecked, "no scalar type was requested: nothing was checked"))
    } else if rows.allSatisfy({ $0.points == 0 }) {
      problems.append(
        Problem(
          .nothingChecked,
          "no component in the registry (\(registry.names.joined(separator: ", "))) had a point "
            + "checked"))
    }
    return RegistryReport(rows: rows, problems: problems)
  }
}
