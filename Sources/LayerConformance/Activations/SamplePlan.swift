import LayerCore

/// Where the kit evaluates a component.
///
/// The points are deterministic: a grid, seeded random points, far tails, both sides of every
/// declared kink and jump at shrinking distances, and special values. Points outside the component's
/// domain are dropped.
public struct SamplePlan: Sendable, Hashable {
  /// The interval covered by the uniform grid and the random points.
  public var range: ClosedRange<Double> = -10...10
  /// Grid spacing inside ``range``.
  public var gridStep: Double = 0.125
  /// How many seeded uniform random points are added inside ``range``.
  public var randomCount: Int = 64
  /// The seed of those random points.
  public var seed: UInt64 = 0x5EED
  /// Tail points; each is used with both signs.
  public var tails: [Double] = [12, 15, 20, 25, 30, 40, 50, 100, 700, 1e10]
  /// Distances from each declared kink and jump at which both sides are sampled.
  public var kinkDistances: [Double] = (1...9).map { 1 / pow10($0) }

  /// The spacing of the grid scanned for undeclared kinks, jumps and derivative switches.
  public var scanStep: Double = 1.0 / 128

  /// The default plan.
  public init() {}

  /// The most points a grid of the plan may have: ``gridStep`` at most 10⁶ and ``scanStep`` at
  /// most 10⁷ steps across ``range``, so that a mistyped step fails instead of running forever.
  public static let maximumGridPoints = 1_000_000

  /// Why this plan cannot be sampled (a step that is not positive and finite, or too small for
  /// the range; a non-finite range, tail or kink distance; a negative count), or `nil`.
  public var unusableReason: String? {
    let width = range.upperBound - range.lowerBound
    if !range.lowerBound.isFinite || !range.upperBound.isFinite {
      return "the sample plan's range \(range) must be finite"
    }
    if !(gridStep > 0) || !gridStep.isFinite
      || !(width / gridStep <= Double(Self.maximumGridPoints))
    {
      return "the sample plan's gridStep \(gridStep) must be positive, finite and give at most "
        + "\(Self.maximumGridPoints) points across the range \(range)"
    }
    if !(scanStep > 0) || !scanStep.isFinite
      || !(width / scanStep <= 10 * Double(Self.maximumGridPoints))
    {
      return "the sample plan's scanStep \(scanStep) must be positive, finite and give at most "
        + "\(10 * Self.maximumGridPoints) points across the range \(range)"
    }
    if randomCount < 0 { return "the sample plan's randomCount \(randomCount) is negative" }
    if let tail = tails.first(where: { !$0.isFinite }) {
      return "the sample plan's tails contain \(tail); every tail must be finite"
    }
    if let distance = kinkDistances.first(where: { !($0 > 0) || !$0.isFinite }) {
      return "the sample plan's kinkDistances contain \(distance); each must be positive and finite"
    }
    return nil
  }

  /// The finite points to differentiate, sorted and unique.
  public func finitePoints<T: CheckableScalar>(for activation: some Activation, as _: T.Type) -> [T]
  {
    var points: [Double] = []
    var x = range.lowerBound
    while x <= range.upperBound {
      points.append(x)
      x += gridStep
    }
    var random = RandomSource(seed: seed)
    for _ in 0..<randomCount {
      points.append(range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnit())
    }
    for tail in tails { points += [tail, -tail] }
    for location in activation.kinks.map(\.location) + activation.jumps.map(\.location) {
      for distance in kinkDistances {
        points += [location - distance, location + distance]
      }
    }
    // Convert to T (rounding), then add values that only make sense in T itself.
    var converted = points.map { T($0) }
    converted += [0, -0.0, T.leastNonzeroMagnitude, -T.leastNonzeroMagnitude]
    converted += [T.leastNormalMagnitude, -T.leastNormalMagnitude]
    converted += [T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude]
    let domain = activation.domain
    var seen = Set<T>()
    var unique: [T] = []
    for point in converted where point.isFinite && domain.contains(Double(point)) {
      // Keep +0 and -0 apart: Set treats them as equal.
      if point == 0 {
        if !unique.contains(where: { $0 == 0 && $0.sign == point.sign }) { unique.append(point) }
      } else if seen.insert(point).inserted {
        unique.append(point)
      }
    }
    return unique.sorted()
  }
}

private func pow10(_ n: Int) -> Double {
  var result = 1.0
  for _ in 0..<n { result *= 10 }
  return result
}
