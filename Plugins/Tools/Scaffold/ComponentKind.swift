/// The kind of component to scaffold, with every path and name that follows from it.
enum ComponentKind: String, CaseIterable, Sendable {
  case activation
  case layer

  /// The template folder, relative to the package root.
  var templateFolder: String {
    switch self {
    case .activation: "Templates/Activation"
    case .layer: "Templates/Layer"
    }
  }

  /// The folder that holds one subfolder per component, relative to the package root.
  var sourcesFolder: String {
    switch self {
    case .activation: "Sources/Activations"
    case .layer: "Sources/Layers"
    }
  }

  /// The list in Package.swift that registers components of this kind.
  var packageList: String {
    switch self {
    case .activation: "activations"
    case .layer: "layers"
    }
  }

  /// The module (and product) name of the component called `name`.
  func module(for name: String) -> String {
    switch self {
    case .activation: "\(name)Activation"
    case .layer: "\(name)Layer"
    }
  }

  /// The plugin verb that scaffolds this kind.
  var verb: String { "new-\(rawValue)" }

  /// Every folder and Package.swift list a registered name lives in, whatever its kind: the
  /// two kinds that can be scaffolded, and the losses and penalties. A new name must be free
  /// in all of them, because the registry holds them all.
  static let registeredPlaces: [(folder: String, list: String)] =
    allCases.map { ($0.sourcesFolder, $0.packageList) } + [("Sources/Losses", "losses")]
}
