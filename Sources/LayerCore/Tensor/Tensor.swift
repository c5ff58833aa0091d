/// A dense, row-major tensor of scalars.
///
/// Memory layout: `scalars` holds the elements contiguously in row-major (C) order, so the
/// last index varies fastest. A batch of `n` feature vectors of width `d` is the shape
/// `[n, d]`, and example `i`, feature `j` is `scalars[i * d + j]`. Layers read and write whole
/// rows, one example each.
public struct Tensor<Scalar: LayerScalar>: Sendable, Equatable {
  /// The extent of each dimension. An extent of 0 makes an empty tensor.
  public let shape: [Int]
  /// The elements in row-major order; `scalars.count` is the product of `shape`.
  public var scalars: [Scalar]

  /// Wraps `scalars` in the given shape.
  ///
  /// - Throws: ``LayerError/invalidTensor(shape:count:)`` if a dimension is negative or the
  ///   element count does not equal the product of the shape.
  @inlinable
  public init(shape: [Int], scalars: [Scalar]) throws(LayerError) {
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
      throw .invalidTensor(shape: shape, count: scalars.count)
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape with every element equal to `value`.
  ///
  /// A negative extent is treated as 0.
  @inlinable
  public init(shape: [Int], repeating value: Scalar) {
    self.shape = shape.map { Swift.max($0, 0) }
    self.scalars = Array(repeating: value, count: self.shape.reduce(1, *))
  }

  /// A tensor of zeros.
  @inlinable
  public init(zeros shape: [Int]) {
    self.init(shape: shape, repeating: 0)
  }

  /// The number of elements.
  @inlinable
  public var count: Int { scalars.count }

  /// The number of dimensions.
  @inlinable
  public var rank: Int { shape.count }

  /// The element at `row`, `column` of a rank-2 tensor.
  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    get { scalars[row * shape[1] + column] }
    set { scalars[row * shape[1] + column] = newValue }
  }

  /// Applies `transform` to every element, keeping the shape.
  @inlinable
  public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Tensor {
    var result = self
    for i in result.scalars.indices { result.scalars[i] = try transform(result.scalars[i]) }
    return result
  }

  /// Combines two tensors of the same shape element by element.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming `layer` when the
  ///   shapes differ.
  @inlinable
  public func zipMap(
    _ other: Tensor, layer: String, _ combine: (Scalar, Scalar) -> Scalar
  ) throws(LayerError) -> Tensor {
    guard other.shape == shape else {
      throw .shapeMismatch(layer: layer, expected: shape, actual: other.shape)
    }
    var result = self
    for i in result.scalars.indices { result.scalars[i] = combine(scalars[i], other.scalars[i]) }
    return result
  }
}

extension Tensor: CustomStringConvertible {
  /// The shape and up to eight leading elements.
  public var description: String {
    let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
    return "Tensor\(shape)[\(head)\(scalars.count > 8 ? ", ..." : "")]"
  }
}
