import LayerConformance
import LayerCore
import Testing
import _TemplateLayer

/// The layer template is checked like a registered layer, so it can never rot. (The activation
/// template is checked in LayerConformanceTests.)
struct LayerTemplateTests {
  @Test(arguments: ScalarKind.allCases)
  func theLayerTemplatePassesTheGradientCheck(_ scalar: ScalarKind) {
    let report = LayerChecker().check(TemplateBlueprint(), as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.map(\.name) == ["input", "weight", "bias"])
  }

  @Test func theLayerTemplateComputesScaleAndShift() throws {
    var random = RandomSource(seed: 7)
    let layer = try Template<Double>(features: 2, random: &random)
    let weight = try #require(layer.parameters["weight"])
    let bias = try #require(layer.parameters["bias"])
    let input = try Tensor<Double>(shape: [2, 2], scalars: [1, 2, -3, 4])
    let (output, cache) = try layer.forward(input, mode: .inference, random: &random)
    for b in 0..<2 {
      for j in 0..<2 {
        #expect(output[b, j] == input[b, j] * weight.scalars[j] + bias.scalars[j])
      }
    }
    let gradients = try layer.backward(Tensor(shape: [2, 2], repeating: 1), cache: cache)
    #expect(gradients.parameters["bias"]?.scalars == [2, 2])
    #expect(gradients.parameters["weight"]?.scalars == [1 + -3, 2 + 4])
    #expect(
      gradients.input.scalars == [
        weight.scalars[0], weight.scalars[1], weight.scalars[0], weight.scalars[1],
      ])
  }

  @Test func theLayerTemplateRejectsAWrongShapeNamingItself() throws {
    var random = RandomSource(seed: 7)
    let layer = try Template<Float>(features: 3, random: &random)
    let error = #expect(throws: LayerError.self) {
      try layer.forward(Tensor(zeros: [2, 4]), mode: .inference, random: &random)
    }
    #expect(error?.description == "Template: expected shape [2, 3], got [2, 4]")
    #expect(throws: LayerError.self) { try Template<Float>(features: 0, random: &random) }
  }
}
