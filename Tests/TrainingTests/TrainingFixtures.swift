import Initializers
import LayerConformance
import LayerKit
import Training

/// XOR's four points, with 0/1 labels in one column.
func xorData<T: NetworkCheckScalar>(_: T.Type = T.self) throws -> TrainingData<T> {
  try TrainingData(
    inputs: Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1]),
    targets: Tensor(shape: [4, 1], scalars: [0, 1, 1, 0]))
}

/// `perClass` noisy points around each of three centres in the plane, one-hot targets.
func blobs<T: NetworkCheckScalar>(
  _: T.Type = T.self, perClass: Int, noise: Double, seed: UInt64
) throws -> TrainingData<T> {
  let centres: [(Double, Double)] = [(0, 1.5), (1.3, -0.75), (-1.3, -0.75)]
  var random = RandomSource(seed: seed)
  var inputs: [T] = []
  var targets: [T] = []
  for _ in 0..<perClass {
    for (label, centre) in centres.enumerated() {
      let z = Initializer.standardNormals(count: 2, random: &random)
      inputs += [T(centre.0 + noise * z[0]), T(centre.1 + noise * z[1])]
      targets += (0..<3).map { T($0 == label ? 1 : 0) }
    }
  }
  return try TrainingData(
    inputs: Tensor(shape: [3 * perClass, 2], scalars: inputs),
    targets: Tensor(shape: [3 * perClass, 3], scalars: targets))
}

/// Dense(sizes[0] → sizes[1]), activation, ..., Dense(→ sizes.last), initialized by `rule`.
func mlp<T: NetworkCheckScalar>(
  _: T.Type = T.self, sizes: [Int], rule: Initializer, seed: UInt64,
  activation: (Int) -> any Layer<T>
) throws -> [any Layer<T>] {
  var random = RandomSource(seed: seed)
  var layers: [any Layer<T>] = []
  for k in 0..<(sizes.count - 1) {
    if k > 0 { layers.append(activation(k)) }
    layers.append(
      try rule.dense(inputSize: sizes[k], outputSize: sizes[k + 1], of: T.self, random: &random))
  }
  return layers
}

/// The parameters of every layer, for comparing runs bit for bit.
func parameters<T: LayerScalar>(_ layers: [any Layer<T>]) -> [ParameterSet<T>] {
  layers.map { $0.parameters }
}
