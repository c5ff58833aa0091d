/// An error from building or configuring a component.
public enum ComponentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter name the component does not have.
  case unknownParameter(component: String, name: String, known: [String])
  /// A parameter value outside the allowed range.
  case invalidParameter(component: String, name: String, value: Double, reason: String)

  /// A sentence naming the component and what is wrong.
  public var description: String {
    switch self {
    case .unknownParameter(let component, let name, let known):
      let list = known.isEmpty ? "it has no parameters" : "known: \(known.joined(separator: ", "))"
      return "\(component) has no parameter '\(name)' (\(list))"
    case .invalidParameter(let component, let name, let value, let reason):
      return "\(component): invalid value \(value) for '\(name)': \(reason)"
    }
  }
}
