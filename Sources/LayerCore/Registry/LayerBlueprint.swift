/// How the registry keeps a layer: a recipe that builds it, with fresh parameters, in any
/// scalar type.
public protocol LayerBlueprint: Sendable {
  /// The stable name the layer is registered and reported under.
  var name: String { get }

  /// The shape of an input batch the conformance kit checks the layer with.
  var sampleInputShape: [Int] { get }

  /// Builds the layer in scalar type `T`, drawing any initial parameters from `random`.
  func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T>
}
