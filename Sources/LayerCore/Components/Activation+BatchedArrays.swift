// Array and Tensor conveniences over the batched buffer API of `Activation`.

extension Activation {
  /// f applied to every element of `x`, through the batched API.
  @inlinable
  public func values<T: LayerScalar>(_ x: [T]) -> [T] {
    x.withUnsafeBufferPointer { input in
      [T](unsafeUninitializedCapacity: input.count) { output, count in
        values(input, into: output)
        count = input.count
      }
    }
  }

  /// f' at every element of `x`, through the batched API.
  @inlinable
  public func derivatives<T: LayerScalar>(_ x: [T]) -> [T] {
    x.withUnsafeBufferPointer { input in
      [T](unsafeUninitializedCapacity: input.count) { output, count in
        derivatives(input, into: output)
        count = input.count
      }
    }
  }

  /// f and f' at every element of `x`, in one pass.
  @inlinable
  public func valuesAndDerivatives<T: LayerScalar>(_ x: [T]) -> (values: [T], derivatives: [T]) {
    var slopes: [T] = []
    let result = x.withUnsafeBufferPointer { input in
      [T](unsafeUninitializedCapacity: input.count) { output, count in
        slopes = [T](unsafeUninitializedCapacity: input.count) { d, dCount in
          valuesAndDerivatives(input, values: output, derivatives: d)
          dCount = input.count
        }
        count = input.count
      }
    }
    return (result, slopes)
  }

  /// f applied to every element of `x`, keeping the shape.
  @inlinable
  public func values<T: LayerScalar>(_ x: Tensor<T>) -> Tensor<T> {
    var result = x
    result.scalars = values(x.scalars)
    return result
  }

  /// f' at every element of `x`, keeping the shape.
  @inlinable
  public func derivatives<T: LayerScalar>(_ x: Tensor<T>) -> Tensor<T> {
    var result = x
    result.scalars = derivatives(x.scalars)
    return result
  }
}
