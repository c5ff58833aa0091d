import LayerConformance
import LayerKit
import Testing

/// ``RNN``'s perturbation shortcut against the plain forward pass with the entry changed, for
/// every entry of every parameter, on a batch of two one-hot sequences that leave some symbols
/// out (so that some `U` columns never enter).
struct RNNShortcutTests {
  /// Every entry, moved by ±1e-3 and stacked three entries at a time: each block equals the
  /// plain forward pass up to the rounding of reordered sums (1e-14 of the output scale); the
  /// blocks of absent symbols' `U` columns are the cached output, bit for bit.
  @Test func everyEntryMatchesPlainRecomputation() throws {
    var random = RandomSource(seed: 5)
    let rnn = try RNN<Double>(inputSize: 7, hiddenSize: 5, outputSize: 4, random: &random)
    let (input, _) = try oneHotSequences(Double.self, batch: 2, time: 4, vocab: 7)
    let (output, cache) = try rnn.forward(input, mode: .training, random: &random)
    let present = Set(
      (0..<(2 * 4)).compactMap { row in
        (0..<7).first { input.scalars[row * 7 + $0] == 1 }
      })
    #expect(present.count < 7)
    var compared = 0
    for (t, tensor) in rnn.parameters.tensors.enumerated() {
      let indices = Array(tensor.scalars.indices)
      for chunk in stride(from: 0, to: indices.count, by: 3) {
        let entries = Array(indices[chunk..<Swift.min(chunk + 3, indices.count)])
        let values = entries.enumerated().map { q, e in
          tensor.scalars[e] + (q % 2 == 0 ? 1e-3 : -1e-3)
        }
        let stacked = try #require(
          rnn.outputs(
            settingParameter: t, entries: entries, to: values, output: output, cache: cache))
        #expect(stacked.shape == [2 * entries.count, 4, 4])
        for (q, e) in entries.enumerated() {
          var changed = rnn
          changed.parameters.tensors[t].scalars[e] = values[q]
          let plain = try changed.forward(input, mode: .training, random: &random).output
          let block = Array(stacked.scalars[(q * output.count)..<((q + 1) * output.count)])
          let name = rnn.parameters.names[t]
          if name == "U", !present.contains(e % 7) {
            #expect(block == output.scalars, "U[\(e)] of an absent symbol moved the output")
          }
          for (a, b) in zip(block, plain.scalars) {
            #expect(Swift.abs(a - b) <= 1e-14, "\(name)[\(e)]: shortcut \(a), plain \(b)")
          }
          compared += 1
        }
      }
    }
    #expect(compared == rnn.parameters.scalarCount)
    let single = rnn.output(
      settingParameter: 1, entry: 6, to: 0.5, output: output, cache: cache)
    var changed = rnn
    changed.parameters.tensors[1].scalars[6] = 0.5
    let plain = try changed.forward(input, mode: .training, random: &random).output
    #expect(
      single.map { zip($0.scalars, plain.scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-14 } }
        == true)
    #expect(
      rnn.outputs(settingParameter: 5, entries: [0], to: [0], output: output, cache: cache) == nil)
    #expect(
      rnn.outputs(settingParameter: 2, entries: [5], to: [0], output: output, cache: cache) == nil)
  }

  /// Through the network checker: the numeric gradients of the char-RNN network with the
  /// shortcut equal those of plain recomputation (every evaluation reruns the network) for
  /// every entry of every parameter, up to the rounding of the loss (about 8, one ulp 1.8e-15)
  /// divided by the two steps (about 1.2e-5): 1.5e-10 per ulp, 1e-9 as in NetworkCheckTests.
  @Test func networkNumericGradientsMatchPlainRecomputation() throws {
    let (layers, input, target) = try sequenceNetwork(Double.self, cell: .rnn)
    let fast = try NetworkChecker(useFastPath: true).numericGradients(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    let plain = try NetworkChecker(useFastPath: false).numericGradients(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    var compared = 0
    for (f, p) in zip(fast, plain) {
      for (ft, pt) in zip(f.tensors, p.tensors) {
        for (a, b) in zip(ft.scalars, pt.scalars) {
          #expect(Swift.abs(a - b) <= 1e-9, "\(a) vs \(b)")
          compared += 1
        }
      }
    }
    #expect(compared == layers.reduce(0) { $0 + $1.parameters.scalarCount })
  }
}
