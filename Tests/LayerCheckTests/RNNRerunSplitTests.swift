import LayerConformance
import LayerKit
import Testing

/// ``RNN``'s stacked rerun when it is large enough to be split over the cores: changes of `U`,
/// `W` and `b` in chunks of 32 (above 2¹⁷ multiply-adds per chunk, where the rerun is split), on
/// four one-hot sequences of 8 steps over 13 symbols of which 11 never occurs, so that the
/// changes of one chunk enter at different steps or never.
struct RNNRerunSplitTests {
  /// Every block of a chunk (every other entry, and every entry of the absent symbol) is the
  /// same bits as that change rerun alone, and equals the plain
  /// forward pass with the entry changed (every third entry) up to the rounding of reordered
  /// sums: the change's term is added after the 20-term product instead of inside it, a few
  /// ulps of pre-activations and outputs of size about 1, as in ``RNNShortcutTests``.
  @Test func chunksMatchSingleChangesAndPlainRecomputation() throws {
    var random = RandomSource(seed: 12)
    let rnn = try RNN<Double>(inputSize: 13, hiddenSize: 20, outputSize: 4, random: &random)
    let (input, _) = try oneHotSequences(Double.self, batch: 4, time: 8, vocab: 13)
    let (output, cache) = try rnn.forward(input, mode: .training, random: &random)
    var compared = 0
    for tensor in 0..<3 {
      let scalars = rnn.parameters.tensors[tensor].scalars
      let name = rnn.parameters.names[tensor]
      for chunk in stride(from: 0, to: scalars.count, by: 32) {
        let entries = Array(chunk..<Swift.min(chunk + 32, scalars.count))
        let values = entries.map { scalars[$0] + ($0 % 2 == 0 ? 1e-3 : -1e-3) }
        let stacked = try #require(
          rnn.outputs(
            settingParameter: tensor, entries: entries, to: values, output: output, cache: cache))
        #expect(stacked.shape == [4 * entries.count, 8, 4])
        // Every other entry alone (the debug build's reruns are slow), both parities of q.
        for (q, e) in entries.enumerated() where e % 2 == 0 || (tensor == 0 && e % 13 == 11) {
          let block = Array(stacked.scalars[(q * output.count)..<((q + 1) * output.count)])
          let alone = try #require(
            rnn.output(
              settingParameter: tensor, entry: e, to: values[q], output: output, cache: cache))
          #expect(block == alone.scalars, "\(name)[\(e)]: chunk and single change differ")
          if name == "U", e % 13 == 11 {
            #expect(block == output.scalars, "U[\(e)] of an absent symbol moved the output")
          }
          compared += 1
          guard e % 3 == 0 else { continue }
          var changed = rnn
          changed.parameters.tensors[tensor].scalars[e] = values[q]
          let plain = try changed.forward(input, mode: .training, random: &random).output
          let worst = zip(block, plain.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
          #expect(worst <= 1e-14, "\(name)[\(e)]: shortcut and plain differ by \(worst)")
        }
      }
    }
    #expect(compared == 130 + 10 + 200 + 10)  // U: 130 even + 10 odd of symbol 11; W; b
  }
}
