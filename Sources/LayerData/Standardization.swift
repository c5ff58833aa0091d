import LayerCore

/// Per-feature standardization, `(x − mean) / std`, with the mean and the population standard
/// deviation (numpy's `x.std(axis=0)`, ddof 0) of each column of a training set.
///
/// A column that is constant in the training set (some border pixels of MNIST are always 0)
/// gets std 1, so it becomes `x − mean` instead of a division by zero.
public struct Standardization<T: LayerScalar>: Sendable, Equatable {
  /// The mean of each feature.
  public let mean: [T]
  /// The standard deviation of each feature; 1 for a constant one.
  public let std: [T]

  /// The statistics of the columns of `inputs`, a `[count, features]` tensor, accumulated in
  /// `Double`.
  ///
  /// - Precondition: `inputs` has rank 2.
  public init(fitting inputs: Tensor<T>) {
    precondition(inputs.rank == 2, "standardization fits a [count, features] tensor")
    let (rows, width) = (inputs.shape[0], inputs.shape[1])
    var sum = [Double](repeating: 0, count: width)
    var low = [Double](repeating: .infinity, count: width)
    var high = [Double](repeating: -.infinity, count: width)
    let values = inputs.scalars.map { Standardization.double($0) }
    for row in 0..<rows {
      for column in 0..<width {
        let x = values[row * width + column]
        sum[column] += x
        low[column] = Swift.min(low[column], x)
        high[column] = Swift.max(high[column], x)
      }
    }
    let n = Double(Swift.max(rows, 1))
    let means = sum.map { $0 / n }
    var squares = [Double](repeating: 0, count: width)
    for row in 0..<rows {
      for column in 0..<width {
        let d = values[row * width + column] - means[column]
        squares[column] += d * d
      }
    }
    var mean = [T]()
    var std = [T]()
    for column in 0..<width {
      let constant = rows == 0 || low[column] == high[column]
      mean.append(T(constant && rows > 0 ? low[column] : means[column]))
      std.append(constant ? 1 : T(Double.sqrt(squares[column] / n)))
    }
    self.mean = mean
    self.std = std
  }

  /// `inputs` standardized column by column.
  ///
  /// - Precondition: `inputs` is `[count, mean.count]`.
  public func apply(to inputs: Tensor<T>) -> Tensor<T> {
    precondition(inputs.rank == 2 && inputs.shape[1] == mean.count, "feature count differs")
    let width = mean.count
    let inverse = std.map { 1 / $0 }
    var result = inputs
    for i in result.scalars.indices {
      let column = i % width
      result.scalars[i] = (result.scalars[i] - mean[column]) * inverse[column]
    }
    return result
  }

  /// `set` with its inputs standardized.
  public func apply(to set: LabeledSet<T>) -> LabeledSet<T> {
    var result = set
    result.inputs = apply(to: set.inputs)
    return result
  }

  /// A `T` as a `Double`, through its description for types without a direct conversion.
  static func double(_ x: T) -> Double {
    switch x {
    case let x as Double: x
    case let x as Float: Double(x)
    default: Double(x.description) ?? .nan
    }
  }
}

extension TrainTestSplit {
  /// Both sets standardized with the training set's per-feature mean and std.
  public func standardized() -> TrainTestSplit {
    let standardization = Standardization(fitting: train.inputs)
    return TrainTestSplit(
      train: standardization.apply(to: train), test: standardization.apply(to: test))
  }
}
