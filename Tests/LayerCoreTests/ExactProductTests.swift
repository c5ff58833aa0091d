import LayerCore
import Testing

/// `productWithError` is exact in every binary type it knows, and `Float` evaluates in `Double`.
struct ExactProductTests {
  @Test func theTailIsTheExactRoundingErrorInFloatAndDouble() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let a = Float.random(in: -64...64, using: &generator)
      let b = Float.random(in: -4096...4096, using: &generator)
      let (head, tail) = Float.productWithError(a, b)
      #expect(head == a * b)
      #expect(Double(head) + Double(tail) == Double(a) * Double(b), "\(a) · \(b)")
    }
    for _ in 0..<2000 {
      let a = Double.random(in: -64...64, using: &generator)
      let b = Double.random(in: -4096...4096, using: &generator)
      let (head, tail) = Double.productWithError(a, b)
      #expect(head == a * b)
      #expect(tail == (-head).addingProduct(a, b), "\(a) · \(b)")  // the fused error
    }
  }

  @Test func floatEvaluatesInDoubleAndTheOthersInThemselves() {
    #expect(Float.Evaluation.self == Double.self)
    #expect(Double.Evaluation.self == Double.self)
    #expect(Float.evaluatedWide(1) { $0 / 3 } == Float(1.0 / 3.0))
    #expect(Double.evaluatedWide(1) { $0 / 3 } == 1.0 / 3.0)
  }
}
