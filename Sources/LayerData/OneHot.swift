import LayerCore

/// Encodes class labels as rows of a `[labels.count, classes]` tensor: row `i` is 1 in column
/// `labels[i]` and 0 elsewhere (the targets of binary cross-entropy on ten sigmoid outputs).
///
/// - Precondition: every label is in `0..<classes`.
public func oneHot<T: LayerScalar>(
  _ labels: [Int], classes: Int, as type: T.Type = T.self
) -> Tensor<T> {
  var result = Tensor<T>(zeros: [labels.count, classes])
  for (row, label) in labels.enumerated() {
    precondition(label >= 0 && label < classes, "label \(label) is outside 0..<\(classes)")
    result.scalars[row * classes + label] = 1
  }
  return result
}
