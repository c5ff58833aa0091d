import LayerConformance
import LayerKit

/// ReLU with the seed notebooks' backward-pass bug: `dZ = dA * max(Z, 0)` instead of
/// `dA * [Z > 0]`. The forward pass is right, and the gradient is right wherever the positive
/// pre-activations happen to equal 1; anywhere else it is scaled by Z.
struct BuggyReLU<Scalar: LayerScalar>: Layer {
  var name: String { "BuggyReLU" }

  var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    (input.map { $0 > 0 ? $0 : 0 }, input)
  }

  func backward(
    _ outputGradient: Tensor<Scalar>, cache z: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    LayerGradients(
      input: try outputGradient.zipMap(z, layer: name) { dA, z in dA * (z > 0 ? z : 0) })
  }
}
