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
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public init(fitting inputs: Tensor<T>) {
    precondition(inputs.rank == 2, "standardization fits a [count, features] tensor")
    let (rows, width) = (inputs.shape[0], inputs.shape[1])
    let statistics: ColumnStatistics
    if T.self == Double.self {
      statistics = unsafeBitCast(inputs.scalars, to: [Double].self).withUnsafeBufferPointer {
        ColumnStatistics($0, rows: rows, width: width)
      }
    } else if T.self == Float.self {
      statistics = unsafeBitCast(inputs.scalars, to: [Float].self).withUnsafeBufferPointer {
        ColumnStatistics($0, rows: rows, width: width)
      }
    } else if let floating = T.self as? any BinaryFloatingPoint.Type {
      // Float16, Float80, ...: each scalar converted to Double by BinaryFloatingPoint.
      statistics = columnStatistics(inputs.scalars, as: floating, rows: rows, width: width)
    } else {
      // A scalar type that is not a binary floating-point type (a dual number, say) has no
      // conversion to Double in LayerScalar: through its description.
      let values = inputs.scalars.map { Double($0.description) ?? .nan }
      statistics = values.withUnsafeBufferPointer {
        ColumnStatistics($0, rows: rows, width: width)
      }
    }
    let (low, high, means, squares) =
      (statistics.low, statistics.high, statistics.mean, statistics.squares)
    let n = Double(Swift.max(rows, 1))
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
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func apply(to inputs: Tensor<T>) -> Tensor<T> {
    precondition(inputs.rank == 2 && inputs.shape[1] == mean.count, "feature count differs")
    let width = mean.count
    let inverse = std.map { 1 / $0 }
    var result = inputs
    result.scalars.withUnsafeMutableBufferPointer { scalars in
      var i = 0
      while i < scalars.count {
        for column in 0..<width {
          scalars[i + column] = (scalars[i + column] - mean[column]) * inverse[column]
        }
        i += width
      }
    }
    return result
  }

  /// `set` with its inputs standardized.
  public func apply(to set: LabeledSet<T>) -> LabeledSet<T> {
    var result = set
    result.inputs = apply(to: set.inputs)
    return result
  }
}

/// Per-column minimum, maximum, mean and sum of squared deviations, accumulated in `Double`.
/// The statistics of `scalars`, whose type is `F` (the caller has checked `T.self == F.self`).
func columnStatistics<T, F: BinaryFloatingPoint>(
  _ scalars: [T], as _: F.Type, rows: Int, width: Int
) -> ColumnStatistics {
  precondition(T.self == F.self, "columnStatistics: \(T.self) is not \(F.self)")
  return unsafeBitCast(scalars, to: [F].self).withUnsafeBufferPointer {
    ColumnStatistics($0, rows: rows, width: width)
  }
}

struct ColumnStatistics {
  var low: [Double]
  var high: [Double]
  var mean: [Double]
  var squares: [Double]

  @_specialize(where S == Float)
  @_specialize(where S == Double)
  init<S: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<S>, rows: Int, width: Int) {
    var sum = [Double](repeating: 0, count: width)
    var low = [Double](repeating: .infinity, count: width)
    var high = [Double](repeating: -.infinity, count: width)
    sum.withUnsafeMutableBufferPointer { sum in
      low.withUnsafeMutableBufferPointer { low in
        high.withUnsafeMutableBufferPointer { high in
          for row in 0..<rows {
            for column in 0..<width {
              let x = Double(values[row * width + column])
              sum[column] += x
              low[column] = Swift.min(low[column], x)
              high[column] = Swift.max(high[column], x)
            }
          }
        }
      }
    }
    let n = Double(Swift.max(rows, 1))
    let mean = sum.map { $0 / n }
    var squares = [Double](repeating: 0, count: width)
    squares.withUnsafeMutableBufferPointer { squares in
      for row in 0..<rows {
        for column in 0..<width {
          let d = Double(values[row * width + column]) - mean[column]
          squares[column] += d * d
        }
      }
    }
    self.low = low
    self.high = high
    self.mean = mean
    self.squares = squares
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
