import LayerCore

/// The tensor name a recurrent layer's initial state is reported under.
let initialStateName = "initialState"

/// A ``/LayerCore/RecurrentLayer`` seen by the layer check as a plain layer whose initial state
/// is one more tensor to perturb, named ``stateName`` and listed first after the input.
///
/// The forward pass runs the recurrent layer from ``initialState``; the backward pass runs its
/// ``/LayerCore/RecurrentLayer/backwardThroughTime(_:cache:)`` and hands the initial state's
/// gradient on as that tensor's gradient. The one engine of ``LayerRun`` then checks the
/// initial state entry by entry (or along the directions) like the input and every parameter;
/// the report names it `initialState` and never calls it a parameter of the layer.
struct RecurrentStateAdapter<Inner: RecurrentLayer>: PiecewiseSmoothLayer {
  typealias Scalar = Inner.Scalar
  typealias Cache = Inner.Cache

  /// The name the initial state is reported under.
  static var stateName: String { initialStateName }

  /// The layer under test.
  var inner: Inner
  /// The state every forward pass starts from, `[batch, stateWidth]`, owned by the check.
  var initialState: Tensor<Scalar>

  var name: String { inner.name }
  var isStochastic: Bool { inner.isStochastic }
  var expectationPreserving: Bool { inner.expectationPreserving }

  /// The initial state, then the layer's own parameters in their order.
  var parameters: ParameterSet<Scalar> {
    get {
      var set = ParameterSet<Scalar>([(Self.stateName, initialState)])
      let own = inner.parameters
      for (name, tensor) in zip(own.names, own.tensors) { set[name] = tensor }
      return set
    }
    set {
      if let state = newValue[Self.stateName] { initialState = state }
      var own = inner.parameters
      for k in own.names.indices {
        if let tensor = newValue[own.names[k]] { own.tensors[k] = tensor }
      }
      inner.parameters = own
    }
  }

  func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache) {
    try inner.forward(input, initialState: initialState, mode: mode, random: &random)
  }

  /// The input gradient, then the initial state's gradient and the parameters' gradients in
  /// the order of ``parameters``.
  func backward(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> LayerGradients<Scalar> {
    let gradients = try inner.backwardThroughTime(outputGradient, cache: cache)
    var set = ParameterSet<Scalar>([(Self.stateName, gradients.initialState)])
    let own = gradients.parameters
    for (name, tensor) in zip(own.names, own.tensors) { set[name] = tensor }
    return LayerGradients(input: gradients.input, parameters: set)
  }

  /// The layer's own declared kinks, if it declares any.
  func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
    (inner as? any PiecewiseSmoothLayer<Scalar>)?.kinks(ofInputEntry: index, in: input) ?? []
  }

  /// The layer's own declared kinks of its parameters; none for the initial state.
  func kinks(ofParameter name: String, entry: Int) -> [Kink] {
    guard name != Self.stateName else { return [] }
    return (inner as? any PiecewiseSmoothLayer<Scalar>)?.kinks(ofParameter: name, entry: entry)
      ?? []
  }
}

/// The recurrent layer and its wide reference, both presented with the same seeded initial
/// state as an extra tensor; `nil` when `layer` is not recurrent.
struct RecurrentCheckSetup<T: CheckableScalar> {
  var layer: any Layer<T>
  var reference: any Layer<T.Wide>
  /// A reason the layer cannot be checked as a recurrent layer, or `nil`.
  var refusal: String?

  /// `nil` unless `layer` is a ``/LayerCore/RecurrentLayer``; otherwise both layers adapted,
  /// or a ``refusal`` and the layers unchanged.
  init?(layer: any Layer<T>, reference: any Layer<T.Wide>, input: Tensor<T>, seed: UInt64) {
    guard let recurrent = layer as? any RecurrentLayer<T> else { return nil }
    self.layer = layer
    self.reference = reference
    guard let wide = reference as? any RecurrentLayer<T.Wide>,
      wide.stateWidth == recurrent.stateWidth
    else {
      refusal =
        "the reference built in \(T.Wide.scalarName) is not a recurrent layer of state width "
        + "\(recurrent.stateWidth)"
      return
    }
    guard !layer.parameters.names.contains(initialStateName) else {
      refusal =
        "it has a parameter tensor named \(initialStateName), the "
        + "name the check reports the initial state under"
      return
    }
    var random = RandomSource(seed: seed &+ 8)
    let state: Tensor<T> = randomTensor(
      [input.shape.first ?? 1, recurrent.stateWidth], &random)
    self.layer = Self.adapted(recurrent, state)
    self.reference = Self.adapted(wide, converted(state, to: T.Wide.self))
  }

  static func adapted<L: RecurrentLayer>(_ layer: L, _ state: Tensor<L.Scalar>) -> any Layer<
    L.Scalar
  > {
    RecurrentStateAdapter(inner: layer, initialState: state)
  }
}
