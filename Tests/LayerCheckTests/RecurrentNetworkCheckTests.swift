import LayerConformance
import LayerKit
import Testing

/// One-hot sequences `[batch, time, vocab]` and their next-symbol targets, from a fixed
/// recurrence over the symbols (no randomness): sequence `r` starts at symbol `r` and steps by
/// `r + 2` modulo `vocab`; the target of step `t` is the input of step `t + 1`.
func oneHotSequences<T: LayerScalar>(
  _: T.Type, batch: Int, time: Int, vocab: Int
) throws -> (input: Tensor<T>, target: Tensor<T>) {
  var input = Tensor<T>(zeros: [batch, time, vocab])
  var target = Tensor<T>(zeros: [batch, time, vocab])
  for r in 0..<batch {
    for t in 0..<time {
      let symbol = (r + t * (r + 2)) % vocab
      let next = (r + (t + 1) * (r + 2)) % vocab
      input.scalars[(r * time + t) * vocab + symbol] = 1
      target.scalars[(r * time + t) * vocab + next] = 1
    }
  }
  return (input, target)
}

/// The recurrent layer a sequence network starts with.
enum SequenceCell: CaseIterable, Sendable {
  case rnn, lstm
}

/// One-hot `[2, 6, 5]` → RNN (5 → 4 → 4) or LSTM (5 → 4) → Dense (4 → 5) → softmax
/// cross-entropy over every step; `bug` replaces the RNN by ``RNNMutant``.
func sequenceNetwork<T: NetworkCheckScalar>(
  _: T.Type, cell: SequenceCell, bug: RNNBug? = nil
) throws -> (layers: [any Layer<T>], input: Tensor<T>, target: Tensor<T>) {
  var random = RandomSource(seed: 12)
  let (vocab, hidden) = (5, 4)
  let first: any Layer<T>
  switch cell {
  case .rnn:
    let rnn = try RNN<T>(inputSize: vocab, hiddenSize: hidden, outputSize: hidden, random: &random)
    first = bug.map { RNNMutant(bug: $0, rnn: rnn) } ?? rnn
  case .lstm:
    first = try LSTM<T>(inputSize: vocab, hiddenSize: hidden, random: &random)
  }
  let dense = try Dense<T>(inputSize: hidden, outputSize: vocab, random: &random)
  let (input, target) = try oneHotSequences(T.self, batch: 2, time: 6, vocab: vocab)
  return ([first, dense], input, target)
}

struct RecurrentNetworkCheckTests {
  @Test(arguments: SequenceCell.allCases)
  func sequenceNetworkPassesInFullAndDirectionalMode(cell: SequenceCell) throws {
    try expectPasses(Double.self, cell: cell)
    try expectPasses(Float.self, cell: cell)
  }

  func expectPasses<T: NetworkCheckScalar>(_: T.Type, cell: SequenceCell) throws {
    let (layers, input, target) = try sequenceNetwork(T.self, cell: cell)
    let full = NetworkChecker().check(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    #expect(full.passed, "\(cell) \(T.self): \(full)")
    let entries = layers.reduce(0) { $0 + $1.parameters.scalarCount }
    #expect(full.points == entries)
    #expect(full.tensors.last?.name == "1.bias")
    let directional = NetworkChecker(strategy: .directional(count: 2)).check(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    #expect(directional.passed, "\(cell) \(T.self): \(directional)")
    #expect(directional.points == 2)
  }

  /// BPTT that stops after one step, inside a network: the full check fails on the RNN's
  /// `U`, `W` and `b` (layer 0), and names that layer's tensor; `V`, `c` and the Dense pass.
  @Test func truncatedBPTTInANetworkIsCaughtAndNamed() throws {
    try expectCaught(Double.self)
    try expectCaught(Float.self)
  }

  func expectCaught<T: NetworkCheckScalar>(_: T.Type) throws {
    let (layers, input, target) = try sequenceNetwork(T.self, cell: .rnn, bug: .noRecurrentTerm)
    let report = NetworkChecker().check(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.gradientMismatch])
    let named = report.problems.first?.tensor ?? ""
    #expect(["0.U", "0.W", "0.b"].contains(named), "\(report)")
    #expect(report.problems.first?.message.contains("worst entry \(named)[") == true)
    for summary in report.tensors {
      let wrong = ["0.U", "0.W", "0.b"].contains(summary.name)
      #expect(wrong == (summary.difference > 1e-2), "\(summary.name): \(summary.difference)")
    }
    let directional = NetworkChecker(strategy: .directional(count: 2)).check(
      layers: layers, loss: SoftmaxCrossEntropy(), input: input, target: target)
    #expect(!directional.passed)
    #expect(directional.problems.map(\.kind) == [.gradientMismatch])
  }

  /// Dense and softmax cross-entropy on sequences act on the rows along the last axis: the
  /// output of `[2, 6, 4]` is `[2, 6, 5]` and equals the rank-2 output of its 12 rows; the loss
  /// of the sequences is the sum over steps of the rank-2 loss of the rows, averaged over the
  /// 2 sequences, and so is its gradient.
  @Test func denseAndCrossEntropyActOnRowsOfSequences() throws {
    var random = RandomSource(seed: 3)
    let dense = try Dense<Double>(inputSize: 4, outputSize: 5, random: &random)
    let x = try Tensor(shape: [2, 6, 4], scalars: (0..<48).map { _ in random.nextUnit() - 0.5 })
    let rows = try Tensor(shape: [12, 4], scalars: x.scalars)
    let y = try dense.forward(x, mode: .inference, random: &random).output
    let flat = try dense.forward(rows, mode: .inference, random: &random).output
    #expect(y.shape == [2, 6, 5])
    #expect(y.scalars == flat.scalars)
    let (_, target) = try oneHotSequences(Double.self, batch: 2, time: 6, vocab: 5)
    let flatTarget = try Tensor(shape: [12, 5], scalars: target.scalars)
    let loss = SoftmaxCrossEntropy()
    let sequenceLoss = try loss.value(y, target: target)
    let rowLoss = try loss.value(flat, target: flatTarget)
    #expect(Swift.abs(sequenceLoss - rowLoss * 12 / 2) <= 1e-13 * rowLoss * 6)
    let g = try loss.gradient(y, target: target)
    let flatG = try loss.gradient(flat, target: flatTarget)
    #expect(g.shape == [2, 6, 5])
    for (a, b) in zip(g.scalars, flatG.scalars) { #expect(Swift.abs(a - b * 6) <= 1e-15) }
    let back = try dense.backward(g, cache: x)
    #expect(back.input.shape == [2, 6, 4])
    #expect(throws: LayerError.self) {
      try dense.forward(Tensor<Double>(zeros: [2, 6, 3]), mode: .inference, random: &random)
    }
  }
}
