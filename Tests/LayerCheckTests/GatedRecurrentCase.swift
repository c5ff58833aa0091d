import LayerConformance
import LayerKit

/// The fixed small case of `Scripts/gated_recurrent_reference.py`: batch 2, time 3, input 2,
/// hidden 2, with values from integer formulas so that Swift and numpy build the same Doubles.
enum GatedCase {
  /// Entry `k` of parameter tensor `p`: `((7k + 3p) mod 11 − 5) / 10`.
  static func parameters<T: LayerScalar>(gates: Int) throws(LayerError) -> ParameterSet<T> {
    let shapes = [[gates * 2, 2], [gates * 2, 2], [gates * 2], [gates * 2]]
    var entries: [(name: String, tensor: Tensor<T>)] = []
    for (p, (name, shape)) in zip(GatedRecurrentWeights<T>.names, shapes).enumerated() {
      let count = shape.reduce(1, *)
      let values = (0..<count).map { k in T(Double((7 * k + 3 * p) % 11 - 5) / 10) }
      entries.append((name, try Tensor(shape: shape, scalars: values)))
    }
    return ParameterSet(entries)
  }

  static func gru<T: LayerScalar>() throws(LayerError) -> GRU<T> {
    var random = RandomSource(seed: 1)
    var layer = try GRU<T>(inputSize: 2, hiddenSize: 2, random: &random)
    layer.parameters = try parameters(gates: 3)
    return layer
  }

  static func lstm<T: LayerScalar>() throws(LayerError) -> LSTM<T> {
    var random = RandomSource(seed: 1)
    var layer = try LSTM<T>(inputSize: 2, hiddenSize: 2, random: &random)
    layer.parameters = try parameters(gates: 4)
    return layer
  }

  /// `[2, 3, 2]`, entry `k` = `((5k) mod 9 − 4) / 5`.
  static func input<T: LayerScalar>() throws(LayerError) -> Tensor<T> {
    try Tensor(shape: [2, 3, 2], scalars: (0..<12).map { T(Double((5 * $0) % 9 - 4) / 5) })
  }

  /// `[2, width]`, entry `k` = `((3k) mod 7 − 3) / 4` (for the LSTM, `h_0` then `c_0`).
  static func state<T: LayerScalar>(width: Int) throws(LayerError) -> Tensor<T> {
    try Tensor(
      shape: [2, width], scalars: (0..<(2 * width)).map { T(Double((3 * $0) % 7 - 3) / 4) })
  }
}

/// A recurrent layer run from a fixed, nonzero initial state, as a plain ``Layer`` the kit
/// checks: the input and parameter gradients of a sequence that does not start from zero.
struct StartingFrom<Base: RecurrentLayer>: Layer {
  typealias Scalar = Base.Scalar
  var base: Base
  let state: Tensor<Scalar>

  var name: String { "\(base.name) from a nonzero state" }
  var parameters: ParameterSet<Scalar> {
    get { base.parameters }
    set { base.parameters = newValue }
  }

  func forward(_ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Scalar>, cache: Base.Cache)
  {
    try base.forward(input, initialState: state, mode: mode, random: &random)
  }

  func backward(_ outputGradient: Tensor<Scalar>, cache: Base.Cache) throws(LayerError)
    -> LayerGradients<Scalar>
  {
    try base.backwardThroughTime(outputGradient, cache: cache).layerGradients
  }
}
