import LayerConformance
import LayerKit

/// The seed slides' character-level RNN, set up for a gradient check: 65 input and output
/// symbols (one-hot), hidden size 100, a sequence of T = 25 characters, and the loss summed
/// over the sequence (softmax cross-entropy of every step's prediction of the next character).
///
/// The slides read their text from a file and call `data.get_next()` inside the loss, so every
/// evaluation sees another sequence. Here the text is synthetic and fixed by a seed, and the
/// network, its input and its targets are built once: every evaluation of the loss sees the
/// same sequence.
///
/// ```swift
/// let setup = try CharRNN.setup(Double.self)
/// let report = NetworkChecker().check(
///   layers: [setup.rnn], loss: SoftmaxCrossEntropy(), input: setup.input, target: setup.target)
/// ```
public enum CharRNN {
  /// The 65 symbols: newline, space, `!$&',-.3:;?`, `A`–`Z` and `a`–`z` (the character set of
  /// the slides' Shakespeare text).
  public static let vocabulary: [Character] = Array(
    "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
  /// The width of the hidden state, 100.
  public static let hiddenSize = 100
  /// The length of the checked sequence, T = 25.
  public static let sequenceLength = 25
  /// The seed of the text and of the parameters.
  public static let defaultSeed: UInt64 = 25

  /// The words the synthetic text is made of; every character is in ``vocabulary``.
  static let words = [
    "To", "be,", "or", "not", "to", "be:", "that", "is", "the", "question.", "Whether", "'tis",
    "nobler", "in", "mind", "suffer", "slings", "and", "arrows", "of", "outrageous", "fortune;",
    "Queen", "Mab", "hath", "been", "with", "you!", "Zounds,", "a", "jest", "&", "3", "kings?",
    "exeunt", "$", "-", "'twixt", "yoke", "vex'd", "quip", "jig", "wax", "\n",
  ]

  /// `length` characters of text: words drawn from a fixed list by `RandomSource(seed:)`,
  /// separated by spaces. The same seed gives the same text on every platform.
  public static func syntheticText(length: Int, seed: UInt64 = defaultSeed) -> String {
    var random = RandomSource(seed: seed)
    var text = ""
    while text.count < length {
      let word = words[Int(random.nextUnit() * Double(words.count)) % words.count]
      text += text.isEmpty || text.hasSuffix("\n") || word == "\n" ? word : " " + word
    }
    return String(text.prefix(length))
  }

  /// The network, its one-hot input `[1, T, 65]` (characters 0 … T − 1 of the text) and its
  /// one-hot targets `[1, T, 65]` (characters 1 … T, the next character at every step).
  public struct Setup<T: LayerScalar>: Sendable {
    /// `RNN(65 → 100 → 65)`, tanh, parameters uniform in `(−0.1, 0.1)`: `U` 100×65, `W`
    /// 100×100, `b` 100, `V` 65×100, `c` 65, 23,165 entries.
    public var rnn: RNN<T>
    /// The one-hot input sequence.
    public var input: Tensor<T>
    /// The one-hot next characters.
    public var target: Tensor<T>
    /// The T + 1 characters the sequence was cut from.
    public var text: String
  }

  /// The checked network on the fixed text of `seed`.
  ///
  /// - Throws: What ``/RNNLayer/RNN`` throws for its sizes (never, for these).
  public static func setup<T: LayerScalar>(
    _: T.Type, seed: UInt64 = defaultSeed
  ) throws(LayerError) -> Setup<T> {
    let text = syntheticText(length: sequenceLength + 1, seed: seed)
    let symbols = text.map { vocabulary.firstIndex(of: $0) ?? 0 }
    let v = vocabulary.count
    var input = Tensor<T>(zeros: [1, sequenceLength, v])
    var target = Tensor<T>(zeros: [1, sequenceLength, v])
    for t in 0..<sequenceLength {
      input.scalars[t * v + symbols[t]] = 1
      target.scalars[t * v + symbols[t + 1]] = 1
    }
    var random = RandomSource(seed: seed)
    let rnn = try RNN<T>(inputSize: v, hiddenSize: hiddenSize, outputSize: v, random: &random)
    return Setup(rnn: rnn, input: input, target: target, text: text)
  }
}
