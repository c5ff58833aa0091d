import LayerCore

/// Examples with class labels: the inputs one example per row, and a label for each.
public struct LabeledSet<T: LayerScalar>: Sendable, Equatable {
  /// The inputs, shape `[count, features]`, example `i` in row `i`.
  public var inputs: Tensor<T>
  /// The class of each example, in `0..<classes`.
  public var labels: [Int]
  /// The number of classes.
  public var classes: Int

  /// Wraps inputs and labels.
  ///
  /// - Throws: ``DataError/unexpectedContent(path:reason:)`` (path `"<memory>"`) if `inputs`
  ///   is not of rank 2, its row count differs from `labels.count`, or a label is outside
  ///   `0..<classes`.
  public init(inputs: Tensor<T>, labels: [Int], classes: Int) throws(DataError) {
    guard inputs.rank == 2, inputs.shape[0] == labels.count else {
      throw .unexpectedContent(
        path: "<memory>",
        reason:
          "inputs of shape \(inputs.shape) do not hold one row for each of \(labels.count) labels")
    }
    if let bad = labels.first(where: { $0 < 0 || $0 >= classes }) {
      throw .unexpectedContent(path: "<memory>", reason: "label \(bad) is outside 0..<\(classes)")
    }
    self.init(validated: inputs, labels: labels, classes: classes)
  }

  init(validated inputs: Tensor<T>, labels: [Int], classes: Int) {
    self.inputs = inputs
    self.labels = labels
    self.classes = classes
  }

  /// The number of examples.
  public var count: Int { labels.count }

  /// The width of one input row.
  public var features: Int { inputs.shape[1] }

  /// The number of examples of each class, indexed by class.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classes)
    for label in labels { counts[label] += 1 }
    return counts
  }

  /// The labels one-hot encoded, shape `[count, classes]`; see ``oneHot(_:classes:as:)``.
  public var oneHotLabels: Tensor<T> { oneHot(labels, classes: classes) }

  /// The examples at `indices`, in that order (for a subset, a shuffle or a minibatch).
  public func subset(_ indices: some Sequence<Int>) -> LabeledSet {
    let width = features
    var scalars: [T] = []
    var picked: [Int] = []
    for index in indices {
      scalars += inputs.scalars[index * width..<(index + 1) * width]
      picked.append(labels[index])
    }
    let tensor = Tensor(validated: [picked.count, width], scalars: scalars)
    return LabeledSet(validated: tensor, labels: picked, classes: classes)
  }
}

extension Tensor {
  /// A tensor whose scalar count is known to match.
  init(validated shape: [Int], scalars: [Scalar]) {
    do { try self.init(shape: shape, scalars: scalars) } catch { fatalError("\(error)") }
  }
}
