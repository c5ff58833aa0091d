import CharRNN
import LayerConformance
import LayerKit
import Testing

/// The seed slides' character-level RNN (Examples/CharRNN): RNN(65 → 100 → 65), T = 25, loss
/// summed softmax cross-entropy over the sequence, on a fixed synthetic text.
struct CharRNNTests {
  /// The text is fixed by its seed, made of the 65 symbols, and one-hot encoded with the next
  /// character as target; the network has the slides' 23,165 parameters.
  @Test func setupIsTheSlidesNetworkOnFixedText() throws {
    #expect(CharRNN.vocabulary.count == 65)
    #expect(Set(CharRNN.vocabulary).count == 65)
    let text = CharRNN.syntheticText(length: 500)
    #expect(text == CharRNN.syntheticText(length: 500))
    #expect(text != CharRNN.syntheticText(length: 500, seed: 26))
    #expect(text.allSatisfy { CharRNN.vocabulary.contains($0) })
    let setup = try CharRNN.setup(Double.self)
    #expect(setup.text.count == 26)
    #expect(setup.rnn.parameters.names == ["U", "W", "b", "V", "c"])
    #expect(
      setup.rnn.parameters.tensors.map(\.shape) == [
        [100, 65], [100, 100], [100], [65, 100], [65],
      ])
    #expect(setup.rnn.parameters.scalarCount == 23_165)
    #expect(setup.input.shape == [1, 25, 65] && setup.target.shape == [1, 25, 65])
    let symbols = setup.text.map { CharRNN.vocabulary.firstIndex(of: $0)! }
    for t in 0..<25 {
      let row = Array(setup.input.scalars[(t * 65)..<((t + 1) * 65)])
      let next = Array(setup.target.scalars[(t * 65)..<((t + 1) * 65)])
      #expect(row.reduce(0, +) == 1 && row[symbols[t]] == 1)
      #expect(next.reduce(0, +) == 1 && next[symbols[t + 1]] == 1)
    }
  }

  /// The slides' test, `|a − n| / max(max(|a|, |n|), 1e-10)` below 1e-3, on the full
  /// network: every entry in an optimized build (`swift test -c release`, and
  /// `swift run char-rnn-check` in CI); in a debug build, where the unspecialised matrix
  /// products make one forward pass cost about 0.2 s, every 4999th entry of every tensor (9
  /// entries, at least one in each tensor, by the slides' plain procedure). The floor
  /// keeps the `U` columns of absent characters (a = n = 0) at 0. The bound is the central
  /// difference's rounding noise: the loss is about 104 (25 steps of about ln 65), so
  /// `ε · L / h` is about 4e-9 absolute with h ≈ 6e-6, and the smallest nonzero gradients are
  /// about 1e-5; the largest error over every entry is 3.1e-4.
  @Test func fullNetworkPassesTheSlidesTestWithFloor1e10() throws {
    let setup = try CharRNN.setup(Double.self)
    #if DEBUG
      let stride = 4999
    #else
      let stride = 1
    #endif
    let errors = try SeedRelativeErrors(
      layer: setup.rnn, input: setup.input, target: setup.target, stride: stride)
    #expect(errors.entries == (stride == 1 ? 23_165 : 9))
    #expect(errors.floor == 1e-10)
    #expect(errors.largest < 1e-3, "\(errors.worst)")
  }

  /// BPTT that stops after one step, in the same network: the kit's check on 2 entries per
  /// tensor (the mutant is no `PerturbationShortcut`, so every entry costs two full forward
  /// passes) fails, naming one of `U`, `W`, `b`.
  @Test func truncatedBPTTIsCaught() throws {
    let setup = try CharRNN.setup(Double.self)
    let mutant = RNNMutant(bug: .noRecurrentTerm, rnn: setup.rnn)
    let report = NetworkChecker(options: CheckOptions(strategy: .full(entryLimit: 2))).check(
      layers: [mutant], loss: SoftmaxCrossEntropy(), input: setup.input, target: setup.target)
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.gradientMismatch])
    #expect(["0.U", "0.W", "0.b"].contains(report.problems.first?.tensor ?? ""), "\(report)")
  }
}
