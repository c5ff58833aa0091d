import LayerCore

/// Examples and their targets, one row each: inputs `[n, features]`, targets `[n, outputs]`.
public struct TrainingData<Scalar: LayerScalar>: Sendable, Equatable {
  /// The inputs, shape `[n, features]`.
  public let inputs: Tensor<Scalar>
  /// The targets, shape `[n, outputs]`: one-hot rows, or one column of 0/1 labels or reals.
  public let targets: Tensor<Scalar>

  /// Pairs `inputs` with `targets`.
  ///
  /// - Throws: ``TrainingError/invalidData(_:)`` unless both are matrices with the same
  ///   number of rows, at least one.
  public init(inputs: Tensor<Scalar>, targets: Tensor<Scalar>) throws(TrainingError) {
    guard inputs.rank == 2, targets.rank == 2 else {
      throw .invalidData(
        "inputs and targets must be matrices [n, features] and [n, outputs], "
          + "got shapes \(inputs.shape) and \(targets.shape)")
    }
    guard inputs.shape[0] == targets.shape[0] else {
      throw .invalidData(
        "\(inputs.shape[0]) input rows but \(targets.shape[0]) target rows")
    }
    guard inputs.shape[0] > 0 else { throw .invalidData("the data set has no examples") }
    self.inputs = Self.onHugePages(inputs)
    self.targets = targets
  }

  /// `tensor`, or, from 4 MiB, a copy of it on huge pages (``largeArray(count:_:)``): the
  /// trainer gathers its rows at random, a page walk per row with ordinary pages.
  @usableFromInline
  static func onHugePages(_ tensor: Tensor<Scalar>) -> Tensor<Scalar> {
    guard tensor.scalars.count * MemoryLayout<Scalar>.stride >= 1 << 22 else { return tensor }
    let scalars: [Scalar] = largeArray(count: tensor.scalars.count) { buffer in
      _ = buffer.initialize(from: tensor.scalars)
    }
    return (try? Tensor(shape: tensor.shape, scalars: scalars)) ?? tensor
  }

  /// The number of examples.
  public var count: Int { inputs.shape[0] }

  /// The rows `indices`, in that order, as a new input and target batch.
  @inlinable
  public func rows<C: Collection<Int>>(
    _ indices: C
  ) -> (inputs: Tensor<Scalar>, targets: Tensor<Scalar>) {
    (gather(inputs, indices), gather(targets, indices))
  }

  @inlinable
  func gather<C: Collection<Int>>(_ tensor: Tensor<Scalar>, _ indices: C) -> Tensor<Scalar> {
    let width = tensor.shape[1]
    let rows = Array(indices)
    let count = rows.count * width
    // Into uninitialized storage (no zero fill), eight rows at a time (`copyRows`). A batch of
    // 16,384 scalars or more is split over the cores: its rows lie scattered over the data
    // set, so the copy waits on memory, and two cores wait on twice as many rows at once.
    // Rows long enough that `matrixMultiply` splits the next layer's forward product over
    // them (`matrixMultiplyInnerSplitDepth`) are split by columns at the same point instead,
    // so that each core copies the columns it then multiplies.
    let scalars = [Scalar](unsafeUninitializedCapacity: count) { out, initialized in
      tensor.scalars.withUnsafeBufferPointer { source in
        guard let base = source.baseAddress, let target = out.baseAddress else { return }
        nonisolated(unsafe) let (from, to) = (base, target)  // each part writes its own share
        if width >= matrixMultiplyInnerSplitDepth && count >= 1 << 14 {
          let h = matrixMultiplyInnerSplit(width)
          performConcurrently(parts: 2) { part in
            let columns = part == 0 ? 0..<h : h..<width
            copyRows(rows, 0..<rows.count, columns: columns, width: width, from: from, to: to)
          }
        } else {
          performConcurrently(
            splitting: rows.count,
            minimumPartSize: Swift.max(1, (1 << 13) / Swift.max(width, 1)), alignment: 1
          ) { part in
            copyRows(rows, part, columns: 0..<width, width: width, from: from, to: to)
          }
        }
      }
      initialized = count
    }
    // The count is the product of the shape by construction.
    guard let result = try? Tensor(shape: [rows.count, width], scalars: scalars) else {
      preconditionFailure("gather: \(scalars.count) scalars for \(rows.count) rows of \(width)")
    }
    return result
  }
}
