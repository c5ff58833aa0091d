// The seed slides' character-level RNN, checked: RNN(65 → 100 → 65), T = 25, loss summed over
// the sequence, on a fixed synthetic text. Runs the seeds' per-entry relative-error test (floor
// 1e-10) and the kit's network check in full and directional mode, in Double; exits 1 if one
// fails.
//
//   swift run -c release char-rnn-check   (CI; a debug build takes minutes)
import CharRNN
import Foundation
import LayerConformance
import LayerKit

let setup = try CharRNN.setup(Double.self)
let loss = SoftmaxCrossEntropy()
print("text: \(setup.text.debugDescription)")
print(
  "parameters: \(setup.rnn.parameters.scalarCount) (U 100x65, W 100x100, b 100, V 65x100, c 65)")
let seed = try SeedRelativeErrors(layer: setup.rnn, input: setup.input, target: setup.target)
// The central difference's rounding noise, ε · |L| / h ≈ 4e-9 for a loss of about 104, against
// gradients down to 1e-5 (CharRNNTests explains the bound).
let seedThreshold = 1e-3
print(
  "seed test: largest relative error \(seed.largest) over \(seed.entries) entries (floor "
    + "\(seed.floor)), at \(seed.worst.tensor)[\(seed.worst.entry)]: analytic "
    + "\(seed.worst.analytic), numeric \(seed.worst.numeric)")
let full = NetworkChecker().check(
  layers: [setup.rnn], loss: loss, input: setup.input, target: setup.target)
let directional = NetworkChecker(strategy: .directional(count: 2)).check(
  layers: [setup.rnn], loss: loss, input: setup.input, target: setup.target)
print(full)
print(directional)
let passed = seed.largest <= seedThreshold && full.passed && directional.passed
print(passed ? "char-rnn: passed" : "char-rnn: FAILED")
exit(passed ? 0 : 1)
