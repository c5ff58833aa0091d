import LayerCore

/// How many training-mode draws the expectation check takes.
///
/// With m the inference-mode output and y_k the training-mode output of draw k, each draw gives
/// one number, the relative bias along m: r_k = ⟨m, y_k − m⟩ / ⟨m, m⟩. An unbiased layer has
/// E[r] = 0; a layer whose mean output is (1 + b) · m has E[r] = b. The check fails when the
/// mean of K draws lies more than 5σ from 0, σ = s / √K with s the spread of r.
///
/// A bias b is then found with probability Φ(b√K / s − 5). Asking for b = 5% to be found with
/// power z = 4.045 standard deviations (a miss rate of about 3e-5) gives
/// K = (5 + z)² · s² / b² = 9.045² / 0.05² · s² ≈ 32,725 · s², with s estimated from a pilot
/// of 32 draws. With σ itself estimated, the mean over σ follows Student's t: the 5σ threshold
/// gives a false alarm about once in 47,000 checks at the minimum of 32 draws, once in 400,000
/// at 100 draws and once in 1.7 million for many draws.
enum ExpectationPlan {
  /// Draws taken to estimate the spread s; also the fewest draws the check ever takes.
  static let pilotDraws = 32
  /// The bias the check is sized to find.
  static let detectableBias = 0.05
  /// Standard deviations of the mean beyond which the check fails.
  static let threshold = 5.0
  /// Standard deviations of the mean by which a bias of ``detectableBias`` should clear the
  /// threshold: the power margin (a miss rate of about 3e-5).
  static let power = 4.045
  /// K / s²: (threshold + power)² / detectableBias² = 9.045² / 0.05², rounded.
  static let drawsPerVariance = 32_725.0
  /// The most draws the check takes.
  static let maxDraws = 20_000
  /// The most output entries all draws together may produce.
  static let maxEntries = 4_000_000

  /// The number of draws for spread `s` and `entries` output entries per draw, and whether a
  /// cap cut it below what a 5% bias needs.
  static func draws(spread s: Double, entries: Int) -> (count: Int, needed: Double, capped: Bool) {
    let needed = (drawsPerVariance * s * s).rounded(.up)
    let cap = Swift.max(pilotDraws, Swift.min(maxDraws, maxEntries / Swift.max(entries, 1)))
    if !(needed <= Double(cap)) { return (cap, needed, true) }
    return (Swift.max(pilotDraws, Int(needed)), needed, false)
  }
}

extension LayerRun {
  /// The expectation check: the mean over enough training-mode draws of the relative bias
  /// r_k = ⟨m, y_k − m⟩ / ⟨m, m⟩ must lie within 5σ of 0 (see ``ExpectationPlan``). All
  /// statistics are computed in `Double`.
  mutating func checkExpectation() throws(LayerError) {
    var inference = fresh
    let meanOutput = try layer.forward(input, mode: .inference, random: &inference).output
    let m = meanOutput.scalars.map { Double($0) }
    let norm = m.reduce(0) { $0 + $1 * $1 }
    guard norm > 0, norm.isFinite else {
      expectationFailed(
        "the inference-mode output m has ⟨m, m⟩ = \(format(norm)), so the training-mode mean "
          + "cannot be compared with it (choose a sample input whose output is finite and "
          + "nonzero)", estimate: nil)
      return
    }
    func relativeBias(_ k: Int) throws(LayerError) -> Double {
      var random = RandomSource(seed: seed &+ 1_000 &+ UInt64(k))
      let y = try layer.forward(input, mode: .training, random: &random).output
      guard y.shape == meanOutput.shape else {
        throw .shapeMismatch(
          layer: "\(name) (training-mode output)", expected: meanOutput.shape, actual: y.shape)
      }
      var dot = 0.0
      for i in m.indices { dot += m[i] * (Double(y.scalars[i]) - m[i]) }
      return dot / norm
    }
    var ratios: [Double] = []
    for k in 0..<ExpectationPlan.pilotDraws { ratios.append(try relativeBias(k)) }
    let plan = ExpectationPlan.draws(spread: spread(ratios), entries: m.count)
    for k in ratios.count..<plan.count { ratios.append(try relativeBias(k)) }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    let s = spread(ratios)
    let sigma = s / Double(ratios.count).squareRoot()
    // Rounding is a bias of at most an ulp, never a failure: fl(1/keep) is off by at most ε/2
    // and each product x · fl(1/keep) by ε/2 more. Allow 2ε; more would eat into the 5% that
    // the draws are sized to find, in Float16 (ε = 2⁻¹⁰) 16ε would be a third of it.
    let bound = ExpectationPlan.threshold * sigma + 2 * Double(T.ulpOfOne)
    var sizing = "\(ratios.count) draws"
    if plan.capped {
      let found = (ExpectationPlan.threshold + ExpectationPlan.power) * sigma
      sizing +=
        ", capped (a 5% bias needs \(format(plan.needed)) draws; only a bias above "
        + "\(format(found)) is found with high probability)"
    } else {
      sizing += " (32,725 · s², s = \(format(s)): a 5% bias is found with high probability)"
    }
    guard Swift.abs(mean) <= bound else {
      expectationFailed(
        "the training-mode output is biased: the mean relative bias ⟨m, y − m⟩ / ⟨m, m⟩ over "
          + "\(sizing) is \(format(mean)), more than 5σ = \(format(bound)) from 0, where m is the "
          + "inference-mode output (a missing 1/keep scaling, or keeping with the drop "
          + "probability? A knowingly biased layer declares expectationPreserving = false)",
        estimate: mean.isFinite ? mean : nil, samples: ratios.count)
      return
    }
    statistics.append(
      StatisticalCheck(
        .expectation, passed: true,
        "the mean relative bias ⟨m, y − m⟩ / ⟨m, m⟩ over \(sizing) is \(format(mean)), within "
          + "5σ = \(format(bound)) of 0", estimate: mean, samples: ratios.count))
  }

  /// The sample standard deviation of `values` (0 for fewer than two).
  func spread(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count - 1)).squareRoot()
  }

  mutating func expectationFailed(_ detail: String, estimate: Double?, samples: Int? = nil) {
    statisticsProblem(detail)
    statistics.append(
      StatisticalCheck(.expectation, passed: false, detail, estimate: estimate, samples: samples))
  }
}
