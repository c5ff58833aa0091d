/// An opt-in refinement of ``Layer`` that lets whole-network gradient checks recompute the
/// layer's output after a one-entry parameter change without rerunning the forward pass.
///
/// A layer author never needs it: the network checker reruns ``Layer/forward(_:mode:random:)``
/// for layers without it. It pays for layers with many parameters, such as `Dense`, whose
/// output moves in one column when one weight moves.
///
/// ```swift
/// extension Dense: PerturbationShortcut {
///   public var isRowwise: Bool { true }
///   public func output(settingParameter tensor: Int, entry: Int, to value: Scalar,
///                      output: Tensor<Scalar>, cache input: Tensor<Scalar>) -> Tensor<Scalar>? { … }
/// }
/// ```
public protocol PerturbationShortcut<Scalar>: Layer {
  /// The output of the forward pass that produced `output` and `cache`, recomputed as if entry
  /// `entry` of parameter tensor `tensor` (an index into ``Layer/parameters``) held `value`;
  /// `nil` when there is no shortcut for that tensor, and the caller reruns the forward pass.
  func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>?

  /// The outputs for many single-entry changes of parameter tensor `tensor` at once, stacked
  /// along the first (batch) dimension: rows `p · batch ..< (p + 1) · batch` are what
  /// ``output(settingParameter:entry:to:output:cache:)`` returns for `entries[p]` and
  /// `values[p]`. `nil` when there is no shortcut.
  func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>?

  /// Whether row `r` of the output (along the first, batch dimension) depends only on row `r`
  /// of the input, so that stacking inputs along the batch dimension stacks the outputs, row
  /// for row and bit for bit. The network checker then pushes many perturbed inputs through
  /// the layer in one pass.
  var isRowwise: Bool { get }
}

extension PerturbationShortcut {
  /// No single-entry shortcut.
  public func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? { nil }

  /// Stacks the single-entry shortcuts; `nil` if any of them is `nil` or changes the shape.
  public func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? {
    guard entries.count == values.count, output.rank >= 1 else { return nil }
    var scalars: [Scalar] = []
    scalars.reserveCapacity(output.count * entries.count)
    for (entry, value) in zip(entries, values) {
      guard
        let single = self.output(
          settingParameter: tensor, entry: entry, to: value, output: output, cache: cache),
        single.shape == output.shape
      else { return nil }
      scalars += single.scalars
    }
    var shape = output.shape
    shape[0] *= entries.count
    return try? Tensor(shape: shape, scalars: scalars)
  }

  /// Not rowwise.
  public var isRowwise: Bool { false }

  /// ``output(settingParameter:entry:to:output:cache:)`` with a type-erased cache; `nil` when
  /// the cache is not this layer's.
  @inlinable
  public func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    erasedCache: any Sendable
  ) -> Tensor<Scalar>? {
    guard let cache = erasedCache as? Cache else { return nil }
    return self.output(
      settingParameter: tensor, entry: entry, to: value, output: output, cache: cache)
  }

  /// ``outputs(settingParameter:entries:to:output:cache:)`` with a type-erased cache; `nil`
  /// when the cache is not this layer's.
  @inlinable
  public func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    erasedCache: any Sendable
  ) -> Tensor<Scalar>? {
    guard let cache = erasedCache as? Cache else { return nil }
    return outputs(
      settingParameter: tensor, entries: entries, to: values, output: output, cache: cache)
  }
}
