/// An ordered collection of uniquely named components: the list the conformance kit and the
/// `layerkit` command walk.
///
/// ```swift
/// var registry = Registry()
/// try registry.register(Sigmoid())
/// try registry.register(Sigmoid())   // throws RegistryError.duplicateName
/// ```
public struct Registry: Sendable {
  /// One registered component.
  public enum Component: Sendable, CustomStringConvertible {
    /// An elementwise activation.
    case activation(any Activation)
    /// A layer, kept as a blueprint that can build it in any scalar type.
    case layer(any LayerBlueprint)

    /// The registered name.
    public var name: String {
      switch self {
      case .activation(let activation): activation.name
      case .layer(let blueprint): blueprint.name
      }
    }

    /// The name and the Swift type that implements it, e.g. `ReLU (ReLUActivation.ReLU)`.
    public var description: String {
      switch self {
      case .activation(let activation): "\(name) (\(String(reflecting: type(of: activation))))"
      case .layer(let blueprint): "\(name) (\(String(reflecting: type(of: blueprint))))"
      }
    }
  }

  /// The components in registration order.
  public private(set) var components: [Component] = []

  /// An empty registry.
  public init() {}

  /// A registry holding `activations` in order.
  ///
  /// - Throws: ``RegistryError/duplicateName(_:existing:new:)`` if two share a name.
  public init(activations: [any Activation]) throws(RegistryError) {
    for activation in activations { try register(activation) }
  }

  /// The registered names, in order.
  public var names: [String] { components.map(\.name) }

  /// Whether nothing is registered.
  public var isEmpty: Bool { components.isEmpty }

  /// The registered activations, in order.
  public var activations: [any Activation] {
    components.compactMap {
      if case .activation(let activation) = $0 { activation } else { nil }
    }
  }

  /// The registered layer blueprints, in order.
  public var layers: [any LayerBlueprint] {
    components.compactMap {
      if case .layer(let blueprint) = $0 { blueprint } else { nil }
    }
  }

  /// Adds an activation at the end.
  ///
  /// - Throws: ``RegistryError/duplicateName(_:existing:new:)`` naming both components if the
  ///   name is taken, or ``RegistryError/invalidName(_:)`` for an empty name.
  public mutating func register(_ activation: any Activation) throws(RegistryError) {
    try add(.activation(activation))
  }

  /// Adds a layer blueprint at the end.
  ///
  /// - Throws: ``RegistryError/duplicateName(_:existing:new:)`` naming both components if the
  ///   name is taken, or ``RegistryError/invalidName(_:)`` for an empty name.
  public mutating func register(_ blueprint: any LayerBlueprint) throws(RegistryError) {
    try add(.layer(blueprint))
  }

  /// The component registered as `name` (exact, case-sensitive match).
  ///
  /// - Throws: ``RegistryError/unknownName(_:known:)`` listing every registered name.
  public func component(named name: String) throws(RegistryError) -> Component {
    guard let found = components.first(where: { $0.name == name }) else {
      throw .unknownName(name, known: names)
    }
    return found
  }

  private mutating func add(_ component: Component) throws(RegistryError) {
    let name = component.name
    guard !name.isEmpty, !name.allSatisfy(\.isWhitespace) else {
      throw .invalidName(component.description)
    }
    if let existing = components.first(where: { $0.name == name }) {
      throw .duplicateName(name, existing: existing.description, new: component.description)
    }
    components.append(component)
  }
}

/// An error from registering or looking up a component.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Two components claim the same name; both are described.
  case duplicateName(String, existing: String, new: String)
  /// No component has this name; `known` lists the names that exist.
  case unknownName(String, known: [String])
  /// A component with an empty name.
  case invalidName(String)

  /// A sentence naming the components involved.
  public var description: String {
    switch self {
    case .duplicateName(let name, let existing, let new):
      return "cannot register \(new): the name '\(name)' is already taken by \(existing)"
    case .unknownName(let name, let known):
      let list = known.isEmpty ? "the registry is empty" : "known: \(known.joined(separator: ", "))"
      let hint = Self.suggestion(for: name, among: known).map { "; did you mean \($0)?" } ?? ""
      return "no component named '\(name)'\(hint) (\(list))"
    case .invalidName(let component):
      return "cannot register \(component): its name is empty"
    }
  }
}

extension RegistryError {
  /// The registered name `name` was most likely meant to be: the one that differs only in case,
  /// else the single closest one at most two edits away (ignoring case); `nil` when none is.
  public static func suggestion(for name: String, among known: [String]) -> String? {
    let lowered = name.lowercased()
    if let sameLetters = known.first(where: { $0.lowercased() == lowered }) { return sameLetters }
    let distances = known.map { (name: $0, distance: editDistance(lowered, $0.lowercased())) }
    guard let best = distances.min(by: { $0.distance < $1.distance }), best.distance <= 2,
      distances.filter({ $0.distance == best.distance }).count == 1
    else { return nil }
    return best.name
  }

  /// The Levenshtein distance: insertions, deletions and substitutions of one character each.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return a.count + b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      previous = current
    }
    return previous[b.count]
  }
}
