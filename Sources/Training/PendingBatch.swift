import LayerCore

/// The next batch of an epoch, gathered on the spare core while ``SGDTrainer`` runs a step
/// (``SGDTrainer/costAndGradients(_:loss:batch:random:alongside:)``) and taken by the next step.
///
/// The background work writes it and the trainer reads it only after `BackgroundWork.wait()`,
/// which orders the two, so it needs no lock.
@usableFromInline
final class PendingBatch<Scalar: LayerScalar>: @unchecked Sendable {
  @usableFromInline var batch: (inputs: Tensor<Scalar>, targets: Tensor<Scalar>)?

  @usableFromInline
  init() {}

  /// Keeps `batch` for the next step.
  @usableFromInline
  func store(_ batch: (inputs: Tensor<Scalar>, targets: Tensor<Scalar>)) {
    self.batch = batch
  }

  /// The stored batch, once: `nil` when none is stored.
  @usableFromInline
  func take() -> (inputs: Tensor<Scalar>, targets: Tensor<Scalar>)? {
    defer { batch = nil }
    return batch
  }
}
