import LayerCore

extension LayerRun {
  /// Stochastic layers: the same seed gives the same output bit for bit. Masking layers also
  /// draw another mask from another seed, keep their keep probability's fraction of elements
  /// and preserve the expected value (both within 5σ), and are the identity in inference mode.
  mutating func checkStatistics() throws(LayerError) {
    var a = fresh
    var b = fresh
    let first = try layer.forward(input, mode: .training, random: &a).output
    let again = try layer.forward(input, mode: .training, random: &b).output
    if let entry = firstBitDifference(first, again) {
      problems.append(
        Problem(
          .nondeterministic, tensor: "output", entry: entry,
          "\(label): the same seed gave different outputs at entry \(entry); the layer draws "
            + "from something other than its random source"))
    }
    guard let masking = layer as? any MaskingLayer else { return }
    let keep = masking.keepProbability
    var other = RandomSource(seed: seed &+ 99)
    let elsewhere = try layer.forward(input, mode: .training, random: &other).output
    if keep < 1 && firstBitDifference(first, elsewhere) == nil {
      statisticsProblem("two different seeds gave the same output; the mask is not random")
    }
    try checkKeptFractionAndMean(keep)
    var inference = fresh
    let identity = try layer.forward(input, mode: .inference, random: &inference).output
    if let entry = firstBitDifference(identity, input) {
      statisticsProblem("inference mode is not the identity (entry \(entry) differs)")
    }
  }

  /// On 20,000 ones: the kept fraction within 5σ of `keep`, the mean within 5σ of 1.
  mutating func checkKeptFractionAndMean(_ keep: Double) throws(LayerError) {
    let n = 20_000
    var random = fresh
    let dropped = try layer.forward(
      Tensor<T>(shape: [n], repeating: 1), mode: .training, random: &random
    )
    .output
    let kept = dropped.scalars.filter { $0 != 0 }.count
    let sigma = (keep * (1 - keep) / Double(n)).squareRoot()
    let fraction = Double(kept) / Double(n)
    if Swift.abs(fraction - keep) > 5 * sigma + 1e-12 {
      statisticsProblem(
        "kept fraction \(format(fraction)) of \(n) elements is more than 5σ = \(format(5 * sigma)) "
          + "from the keep probability \(format(keep))")
    }
    let mean = dropped.scalars.reduce(0.0) { $0 + Double($1) } / Double(n)
    let meanSigma = ((1 - keep) / (keep * Double(n))).squareRoot()
    if Swift.abs(mean - 1) > 5 * meanSigma + 1e-6 {
      statisticsProblem(
        "the mean output for an input of ones is \(format(mean)), more than 5σ = "
          + "\(format(5 * meanSigma)) from 1: the expected value is not preserved (missing 1/keep "
          + "scaling?)")
    }
  }

  mutating func statisticsProblem(_ message: String) {
    problems.append(Problem(.statistics, tensor: "output", "\(label): \(message)"))
  }
}
