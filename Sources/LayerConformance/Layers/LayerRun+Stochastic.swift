import LayerCore

extension LayerRun {
  /// The statistical checks of a stochastic layer, each recorded in ``statistics``: the same
  /// seed gives the same output bit for bit (nothing but the random source is drawn from),
  /// different seeds give different outputs, and the training-mode output averages to the
  /// inference-mode output (unless the layer waives it). A ``MaskingLayer`` also keeps its keep
  /// probability's fraction of elements and is the identity in inference mode.
  mutating func checkStatistics() throws(LayerError) {
    let first = try checkSeed()
    let masking = layer as? any MaskingLayer
    if (masking?.keepProbability ?? 0) < 1 { try checkDistinctSeeds(first) }
    if layer.expectationPreserving {
      try checkExpectation()
    } else {
      statistics.append(
        StatisticalCheck(
          .expectationWaived, passed: true,
          "\(name) declares expectationPreserving = false (knowingly biased), so the mean of its "
            + "training-mode draws was not compared with its inference-mode output"))
    }
    guard let masking else { return }
    try checkKeptFractionAndMean(masking.keepProbability)
    var inference = fresh
    let identity = try layer.forward(input, mode: .inference, random: &inference).output
    if let entry = firstBitDifference(identity, input) {
      statisticsProblem("inference mode is not the identity (entry \(entry) differs)")
      statistics.append(
        StatisticalCheck(
          .inferenceIdentity, passed: false,
          "inference mode changed entry \(entry) of the input; it must be the identity"))
    } else {
      statistics.append(
        StatisticalCheck(
          .inferenceIdentity, passed: true,
          "inference mode returned the input bit for bit"))
    }
  }

  /// Two training-mode passes from the same seed must agree bit for bit; otherwise the layer
  /// draws from something other than its random source (a system generator). Returns the first.
  mutating func checkSeed() throws(LayerError) -> Tensor<T> {
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
      statistics.append(
        StatisticalCheck(
          .seed, passed: false,
          "two training-mode passes from the same seed differ at output entry \(entry): the "
            + "layer draws from something other than its random source"))
    } else {
      statistics.append(
        StatisticalCheck(
          .seed, passed: true,
          "two training-mode passes from the same seed gave the same output bit for bit"))
    }
    return first
  }

  /// At least one of eight other seeds must give an output other than `first`: a layer that
  /// declares ``Layer/isStochastic`` must actually depend on its random source.
  mutating func checkDistinctSeeds(_ first: Tensor<T>) throws(LayerError) {
    let seeds = 8
    for k in 0..<seeds {
      var other = RandomSource(seed: seed &+ 99 &+ UInt64(k))
      let elsewhere = try layer.forward(input, mode: .training, random: &other).output
      if firstBitDifference(first, elsewhere) != nil {
        statistics.append(
          StatisticalCheck(
            .distinctSeeds, passed: true,
            "another seed gave another output (after \(k + 1) of at most \(seeds) seeds)"))
        return
      }
    }
    statisticsProblem(
      "\(seeds + 1) different seeds gave the same output; the layer declares isStochastic but "
        + "its output does not depend on the random source (the mask is not random)")
    statistics.append(
      StatisticalCheck(
        .distinctSeeds, passed: false,
        "\(seeds + 1) different seeds all gave the same output bit for bit"))
  }

  /// On 20,000 ones: the kept fraction within 5σ of `keep`, the mean within 5σ of 1 (the mean
  /// only when the layer declares itself expectation-preserving).
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
    var passed = true
    if Swift.abs(fraction - keep) > 5 * sigma + 1e-12 {
      passed = false
      statisticsProblem(
        "kept fraction \(format(fraction)) of \(n) elements is more than 5σ = \(format(5 * sigma)) "
          + "from the keep probability \(format(keep))")
    }
    var detail =
      "kept fraction \(format(fraction)) of \(n) ones (keep probability \(format(keep)), 5σ = "
      + "\(format(5 * sigma)))"
    if layer.expectationPreserving {
      let mean = dropped.scalars.reduce(0.0) { $0 + Double($1) } / Double(n)
      let meanSigma = ((1 - keep) / (keep * Double(n))).squareRoot()
      detail += ", their mean \(format(mean)) (1 expected, 5σ = \(format(5 * meanSigma)))"
      if Swift.abs(mean - 1) > 5 * meanSigma + 1e-6 {
        passed = false
        statisticsProblem(
          "the mean output for an input of ones is \(format(mean)), more than 5σ = "
            + "\(format(5 * meanSigma)) from 1: the expected value is not preserved (missing "
            + "1/keep scaling?)")
      }
    }
    statistics.append(
      StatisticalCheck(.keptFraction, passed: passed, detail, estimate: fraction, samples: n))
  }

  mutating func statisticsProblem(_ message: String) {
    problems.append(Problem(.statistics, tensor: "output", "\(label): \(message)"))
  }
}
