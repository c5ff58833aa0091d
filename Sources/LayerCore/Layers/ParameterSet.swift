/// Named parameter tensors in a fixed order, e.g. `weight` then `bias`.
public struct ParameterSet<Scalar: LayerScalar>: Sendable, Equatable {
  /// The names, in order. Unique.
  public private(set) var names: [String]
  /// The tensors, in the order of ``names``.
  public var tensors: [Tensor<Scalar>]

  /// An empty set.
  public init() {
    names = []
    tensors = []
  }

  /// A set holding `entries` in the given order.
  ///
  /// - Precondition: names are unique (a programming error in the layer, not user input).
  public init(_ entries: [(name: String, tensor: Tensor<Scalar>)]) {
    // Closures, not key paths: a key path into a tuple is instantiated at run time on every
    // call (a training step builds several parameter sets).
    names = entries.map { $0.name }
    tensors = entries.map { $0.tensor }
    // Pairwise for the few names a layer has (no hashing on every training step).
    let unique =
      names.count <= 8
      ? names.indices.allSatisfy { i in !names[..<i].contains(names[i]) }
      : Set(names).count == names.count
    precondition(unique, "duplicate parameter names in \(names)")
  }

  /// The number of tensors.
  public var count: Int { names.count }

  /// The total number of scalars over all tensors.
  public var scalarCount: Int { tensors.reduce(0) { $0 + $1.count } }

  /// The tensor called `name`, or `nil`.
  public subscript(name: String) -> Tensor<Scalar>? {
    get { names.firstIndex(of: name).map { tensors[$0] } }
    set {
      guard let index = names.firstIndex(of: name) else {
        if let newValue {
          names.append(name)
          tensors.append(newValue)
        }
        return
      }
      if let newValue {
        tensors[index] = newValue
      } else {
        names.remove(at: index)
        tensors.remove(at: index)
      }
    }
  }

  /// The tensor called `name`.
  ///
  /// - Throws: ``LayerError/unknownParameter(layer:name:known:)`` naming `layer`.
  public func tensor(named name: String, layer: String) throws(LayerError) -> Tensor<Scalar> {
    guard let tensor = self[name] else {
      throw .unknownParameter(layer: layer, name: name, known: names)
    }
    return tensor
  }
}
