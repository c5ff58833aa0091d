import LayerCore

/// A vanilla (Elman) recurrent layer with an output at every time step, in the
/// parameterisation of the seed slides on gradient checking.
///
/// For an input sequence `x_1 … x_T` and an initial state `h_0` (zero unless given):
///
/// ```
/// a_t = W h_{t−1} + U x_t + b        (pre-activation)
/// h_t = act(a_t)                     (act = tanh by default, or ReLU)
/// o_t = V h_t + c                    (output at every step)
/// ```
///
/// **Layouts.** The input is `[batch, time, inputSize]`, the output `[batch, time, outputSize]`
/// and the state `[batch, hiddenSize]` (``stateWidth`` is `hiddenSize`). The parameters, in
/// this order, are `U` `[hiddenSize, inputSize]`, `W` `[hiddenSize, hiddenSize]`, `b`
/// `[hiddenSize]`, `V` `[outputSize, hiddenSize]` and `c` `[outputSize]`; every matrix is
/// row-major and maps a column vector on its right (`W[i, j]` weighs `h_{t−1}[j]` into
/// `a_t[i]`), as PyTorch's `weight_ih_l0` (`U`), `weight_hh_l0` (`W`) and a following
/// `nn.Linear` (`V`, `c`). PyTorch's two hidden biases correspond to their sum, `b`.
///
/// **Backward pass (full BPTT).** The forward pass caches the input and every state
/// `h_0 … h_T`. With `g_t = ∂L/∂o_t`, going from `t = T` down to 1 with `δ_{T+1} = 0`:
///
/// ```
/// ∂L/∂h_t = Vᵀ g_t + Wᵀ δ_{t+1}          (output term + recurrent term)
/// δ_t     = ∂L/∂a_t = ∂L/∂h_t ⊙ act′(a_t),   tanh′ = 1 − h_t², relu′ = [h_t > 0]
/// ∂L/∂x_t = Uᵀ δ_t
/// ∂L/∂h_0 = Wᵀ δ_1
/// ∂L/∂U = Σ_t δ_t x_tᵀ    ∂L/∂W = Σ_t δ_t h_{t−1}ᵀ    ∂L/∂b = Σ_t δ_t
/// ∂L/∂V = Σ_t g_t h_tᵀ    ∂L/∂c = Σ_t g_t
/// ```
///
/// each sum also running over the batch. Internally the sequences are laid out time-major,
/// `[time, batch, features]`, so that every sum above is one matrix product over all
/// `time · batch` rows (LayerCore's `matrixMultiply`) and only the recurrence `δ_t → Wᵀ δ_t`
/// runs step by step.
///
/// **ReLU.** The ReLU variant is piecewise linear: it has a kink wherever a pre-activation
/// `a_t` is exactly 0, where the backward pass takes slope 0. Those points are functions of the
/// input, the state and every parameter together, not of one input entry, so the layer cannot
/// declare them and the conformance kit cannot place entries on them; its random points avoid
/// them with probability 1. The registered ``RNNBlueprint`` uses tanh.
///
/// ```swift
/// var random = RandomSource(seed: 1)
/// let rnn = try RNN<Double>(inputSize: 3, hiddenSize: 8, outputSize: 2, random: &random)
/// let (y, cache) = try rnn.forward(x, initialState: h0, mode: .training, random: &random)
/// let gradients = try rnn.backwardThroughTime(dy, cache: cache)   // input, initialState, U…c
/// ```
public struct RNN<Scalar: LayerScalar>: RecurrentLayer {
  /// The number of input features per time step.
  public let inputSize: Int
  /// The width of the hidden state.
  public let hiddenSize: Int
  /// The number of output features per time step.
  public let outputSize: Int
  /// The nonlinearity of the hidden state.
  public let nonlinearity: RNNNonlinearity
  /// `U`, `W`, `b`, `V`, `c`, with the shapes in the type's documentation. Setting replaces
  /// the set; the forward and backward passes reject a missing or mis-shaped tensor.
  public var parameters: ParameterSet<Scalar>

  /// The parameter names, in order.
  public static var parameterNames: [String] { ["U", "W", "b", "V", "c"] }

  /// A layer with the given parameters; the sizes are read from `U` and `V`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` unless `U` and `V` are
  ///   non-empty matrices, ``LayerError/shapeMismatch(layer:expected:actual:)`` (naming the
  ///   tensor) when `W`, `b` or `c` do not fit them.
  public init(
    U: Tensor<Scalar>, W: Tensor<Scalar>, b: Tensor<Scalar>, V: Tensor<Scalar>,
    c: Tensor<Scalar>, nonlinearity: RNNNonlinearity = .tanh
  ) throws(LayerError) {
    guard U.rank == 2, U.shape[0] > 0, U.shape[1] > 0, V.rank == 2, V.shape[0] > 0,
      V.shape[1] == U.shape[0]
    else {
      throw .invalidConfiguration(
        layer: "RNN",
        reason: "U must be a non-empty matrix [hidden, inputSize] and V a non-empty matrix "
          + "[outputSize, hidden], got U \(U.shape) and V \(V.shape)")
    }
    inputSize = U.shape[1]
    hiddenSize = U.shape[0]
    outputSize = V.shape[0]
    self.nonlinearity = nonlinearity
    parameters = ParameterSet([("U", U), ("W", W), ("b", b), ("V", V), ("c", c)])
    _ = try weights()
  }

  /// A layer of the given sizes with every parameter drawn uniformly from `(−k, k)`,
  /// `k = 1 / √hiddenSize`, in the order `U`, `W`, `b`, `V`, `c` (PyTorch's initialisation of
  /// `nn.RNN` and of an `nn.Linear` on the hidden state).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when a size is below 1 or a
  ///   weight matrix would exceed 2³¹ − 1 entries.
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int, nonlinearity: RNNNonlinearity = .tanh,
    random: inout RandomSource
  ) throws(LayerError) {
    let limit = Int(Int32.max)
    let sizes = [inputSize, hiddenSize, outputSize]
    let products = sizes.map {
      $0.multipliedReportingOverflow(by: hiddenSize)
    }
    guard sizes.allSatisfy({ $0 > 0 }),
      products.allSatisfy({ !$0.overflow && $0.partialValue <= limit })
    else {
      throw .invalidConfiguration(
        layer: "RNN",
        reason: "sizes must be at least 1 with at most \(limit) entries per weight matrix, got "
          + "inputSize \(inputSize), hiddenSize \(hiddenSize), outputSize \(outputSize)")
    }
    let bound = 1 / Double(hiddenSize).squareRoot()
    func draw(_ shape: [Int]) -> Tensor<Scalar> {
      var tensor = Tensor<Scalar>(zeros: shape)
      for k in tensor.scalars.indices {
        tensor.scalars[k] = Scalar((2 * random.nextUnit() - 1) * bound)
      }
      return tensor
    }
    let u = draw([hiddenSize, inputSize])
    let w = draw([hiddenSize, hiddenSize])
    let b = draw([hiddenSize])
    let v = draw([outputSize, hiddenSize])
    let c = draw([outputSize])
    try self.init(U: u, W: w, b: b, V: v, c: c, nonlinearity: nonlinearity)
  }

  /// `"RNN"`.
  public var name: String { "RNN" }

  /// `hiddenSize`: the state is `h`.
  public var stateWidth: Int { hiddenSize }

  /// What the backward pass needs from the forward pass.
  public struct Cache: Sendable {
    /// The input, `[batch, time, inputSize]`.
    public let input: Tensor<Scalar>
    /// `h_0 … h_T`, time-major: shape `[time + 1, batch, hiddenSize]`, the initial state first.
    public let states: Tensor<Scalar>
    /// The input laid out time-major, `[time, batch, inputSize]`.
    @usableFromInline let timeMajorInput: [Scalar]

    @usableFromInline
    init(input: Tensor<Scalar>, states: Tensor<Scalar>, timeMajorInput: [Scalar]) {
      self.input = input
      self.states = states
      self.timeMajorInput = timeMajorInput
    }
  }

  /// The five parameter tensors' scalars, each checked to be present with its shape.
  @usableFromInline
  func weights() throws(LayerError) -> (
    u: [Scalar], w: [Scalar], b: [Scalar], v: [Scalar], c: [Scalar]
  ) {
    let h = hiddenSize
    let shapes = [[h, inputSize], [h, h], [h], [outputSize, h], [outputSize]]
    var found: [[Scalar]] = []
    for (name, shape) in zip(Self.parameterNames, shapes) {
      let tensor = try parameters.tensor(named: name, layer: self.name)
      guard tensor.shape == shape else {
        throw .shapeMismatch(layer: "RNN (\(name))", expected: shape, actual: tensor.shape)
      }
      found.append(tensor.scalars)
    }
    return (found[0], found[1], found[2], found[3], found[4])
  }

  /// `(batch, time)` of an input `[batch ≥ 1, time ≥ 1, inputSize]`.
  @usableFromInline
  func sequenceShape(of input: Tensor<Scalar>) throws(LayerError) -> (batch: Int, time: Int) {
    guard input.rank == 3, input.shape[2] == inputSize else {
      let leading = input.rank == 3 ? Array(input.shape.prefix(2)) : [1, 1]
      throw .shapeMismatch(
        layer: "RNN (input)", expected: leading + [inputSize], actual: input.shape)
    }
    guard input.shape[0] > 0, input.shape[1] > 0 else {
      throw .invalidConfiguration(
        layer: "RNN",
        reason: "the input of shape \(input.shape) is empty; expected [batch >= 1, time >= 1, "
          + "\(inputSize)]")
    }
    return (input.shape[0], input.shape[1])
  }
}

/// `source` of shape `[first, second, width]` with its two leading axes swapped:
/// `[second, first, width]`. Turns batch-major sequences time-major and back.
@inlinable
func swappingLeadingAxes<Scalar: LayerScalar>(
  _ source: [Scalar], _ first: Int, _ second: Int, width: Int
) -> [Scalar] {
  var result = [Scalar](repeating: 0, count: source.count)
  source.withUnsafeBufferPointer { s in
    result.withUnsafeMutableBufferPointer { r in
      for i in 0..<first {
        for j in 0..<second {
          let from = (i * second + j) * width
          let to = (j * first + i) * width
          for k in 0..<width { r[to + k] = s[from + k] }
        }
      }
    }
  }
  return result
}
