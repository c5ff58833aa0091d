/// An error from building or running a layer. Every case names the layer involved.
public enum LayerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A tensor whose element count does not match its shape.
  case invalidTensor(shape: [Int], count: Int)
  /// An input or gradient whose shape is not the one the layer expects.
  case shapeMismatch(layer: String, expected: [Int], actual: [Int])
  /// A setting outside its allowed range, such as a keep probability of 0.
  case invalidConfiguration(layer: String, reason: String)
  /// A parameter tensor the layer does not have.
  case unknownParameter(layer: String, name: String, known: [String])

  /// A sentence naming the layer, the shapes or setting, and what is wrong.
  public var description: String {
    switch self {
    case .invalidTensor(let shape, let count):
      return "a tensor of shape \(shape) needs \(shape.reduce(1, *)) elements, got \(count)"
    case .shapeMismatch(let layer, let expected, let actual):
      return "\(layer): expected shape \(expected), got \(actual)"
    case .invalidConfiguration(let layer, let reason):
      return "\(layer): \(reason)"
    case .unknownParameter(let layer, let name, let known):
      return "\(layer) has no parameter tensor '\(name)' (known: \(known.joined(separator: ", ")))"
    }
  }
}
