/// A layer that runs over sequences, `[batch, time, features]`, carrying a state from one time
/// step to the next, with a hand-written backpropagation through time.
///
/// Conformers implement the two requirements that take the initial state explicitly;
/// ``Layer/forward(_:mode:random:)`` and ``Layer/backward(_:cache:)`` then come for free,
/// starting from a zero state and dropping its gradient. The initial state is an input like
/// `x`: it has its own gradient, which ``backwardThroughTime(_:cache:)`` returns, so that a
/// caller that carries state across sequences (truncated BPTT) can chain it, and the
/// conformance kit checks it like every other gradient.
///
/// The state of one sequence is a vector of ``stateWidth`` entries; a batch of them is a tensor
/// `[batch, stateWidth]`. A layer whose state has several parts (an LSTM's `h` and `c`) lays
/// them end to end and documents the order.
public protocol RecurrentLayer<Scalar>: Layer {
  /// The number of state entries per sequence (`hidden` for an RNN or GRU, `2 · hidden` for
  /// an LSTM's `h` then `c`).
  var stateWidth: Int { get }

  /// Runs the layer over a batch of sequences from `initialState`.
  ///
  /// - Parameters:
  ///   - input: Shape `[batch, time, features]`.
  ///   - initialState: Shape `[batch, stateWidth]`.
  ///   - mode: Training or inference.
  ///   - random: The only source of randomness the layer may use.
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` for an input or a state of
  ///   the wrong shape.
  func forward(
    _ input: Tensor<Scalar>, initialState: Tensor<Scalar>, mode: LayerMode,
    random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache)

  /// Back-propagates `outputGradient` through every time step of the forward pass that made
  /// `cache`, to the input, the initial state and every parameter.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` does
  ///   not have the output's shape.
  func backwardThroughTime(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> RecurrentGradients<Scalar>
}

extension RecurrentLayer {
  /// A zero state for a batch of `batch` sequences, `[batch, stateWidth]`.
  @inlinable
  public func zeroState(batch: Int) -> Tensor<Scalar> {
    Tensor(zeros: [batch, stateWidth])
  }

  /// Runs the layer from a zero initial state.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` unless `input` has rank 3.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    guard input.rank == 3 else {
      throw .shapeMismatch(
        layer: name, expected: [input.shape.first ?? 1, 1, input.shape.last ?? 1],
        actual: input.shape)
    }
    return try forward(
      input, initialState: zeroState(batch: input.shape[0]), mode: mode, random: &random)
  }

  /// ``backwardThroughTime(_:cache:)`` without the initial state's gradient.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> LayerGradients<Scalar> {
    try backwardThroughTime(outputGradient, cache: cache).layerGradients
  }
}

/// The result of a backpropagation through time.
public struct RecurrentGradients<Scalar: LayerScalar>: Sendable, Equatable {
  /// The gradient with respect to the input sequence, `[batch, time, features]`.
  public var input: Tensor<Scalar>
  /// The gradient with respect to the initial state, `[batch, stateWidth]`.
  public var initialState: Tensor<Scalar>
  /// The gradient with respect to each parameter tensor, as in ``Layer/parameters``.
  public var parameters: ParameterSet<Scalar>

  /// Bundles the three gradients.
  public init(
    input: Tensor<Scalar>, initialState: Tensor<Scalar>, parameters: ParameterSet<Scalar>
  ) {
    self.input = input
    self.initialState = initialState
    self.parameters = parameters
  }

  /// The input and parameter gradients, as a plain ``Layer`` returns them.
  @inlinable
  public var layerGradients: LayerGradients<Scalar> {
    LayerGradients(input: input, parameters: parameters)
  }
}
