/// The outcome of checking one activation in one scalar type, over all its parameter variants:
/// one ``ActivationReport`` per variant.
public struct ActivationVariantsReport: Sendable, Hashable {
  /// The registered name.
  public var component: String
  /// The scalar type, e.g. `"Float"`.
  public var scalar: String
  /// One report per parameter variant; the first is the component as registered.
  public var runs: [ActivationReport]
  /// How long the check took, in seconds.
  public var seconds: Double = 0

  /// Whether every variant passed (and there was at least one).
  public var passed: Bool { !runs.isEmpty && runs.allSatisfy(\.passed) }
  /// Points checked over all variants.
  public var points: Int { runs.reduce(0) { $0 + $1.points } }
  /// Points the finite differences confirmed independently, over all variants.
  public var confirmedPoints: Int { runs.reduce(0) { $0 + $1.confirmedPoints } }
  /// The largest relative error over all variants.
  public var maxRelativeError: Double { runs.map(\.maxRelativeError).max() ?? 0 }
  /// Kinks declared over all variants.
  public var kinksDeclared: Int { runs.reduce(0) { $0 + $1.kinks.count } }
  /// Kinks confirmed over all variants.
  public var kinksConfirmed: Int { runs.reduce(0) { $0 + $1.kinksConfirmed } }
  /// Jumps declared over all variants.
  public var jumpsDeclared: Int { runs.reduce(0) { $0 + $1.jumps.count } }
  /// Jumps confirmed over all variants.
  public var jumpsConfirmed: Int { runs.reduce(0) { $0 + $1.jumpsConfirmed } }
  /// Every problem of every variant.
  public var problems: [Problem] { runs.flatMap(\.problems) }
}

extension ActivationVariantsReport: CustomStringConvertible {
  /// One summary line, followed by the full report of every failing variant.
  public var description: String {
    var text =
      "\(component) [\(scalar)]: \(passed ? "passed" : "FAILED"): \(runs.count) variant(s), "
      + "\(points) points, worst relative error \(format(maxRelativeError)), "
      + "kinks \(kinksConfirmed)/\(kinksDeclared) confirmed"
      + (jumpsDeclared > 0 ? ", jumps \(jumpsConfirmed)/\(jumpsDeclared) confirmed" : "")
    for run in runs where !run.passed { text += "\n" + run.description }
    return text
  }
}

extension ActivationVariantsReport: Codable {
  enum CodingKeys: String, CodingKey {
    case component, scalar, passed, points, maxRelativeError, kinks, kinksConfirmed, problems
    case seconds, confirmedPoints, runs, jumps, jumpsConfirmed
  }

  /// Encodes the summary fields (`component`, `scalar`, `passed`, `points`,
  /// `maxRelativeError`, `kinks`, `kinksConfirmed`, `jumps`, `jumpsConfirmed`, `problems`,
  /// `seconds`) and the runs.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(component, forKey: .component)
    try container.encode(scalar, forKey: .scalar)
    try container.encode(passed, forKey: .passed)
    try container.encode(points, forKey: .points)
    try container.encode(maxRelativeError, forKey: .maxRelativeError)
    try container.encode(kinksDeclared, forKey: .kinks)
    try container.encode(kinksConfirmed, forKey: .kinksConfirmed)
    try container.encode(jumpsDeclared, forKey: .jumps)
    try container.encode(jumpsConfirmed, forKey: .jumpsConfirmed)
    try container.encode(problems, forKey: .problems)
    try container.encode(seconds, forKey: .seconds)
    try container.encode(confirmedPoints, forKey: .confirmedPoints)
    try container.encode(runs, forKey: .runs)
  }

  /// Decodes the component, scalar and runs; the summary fields are recomputed.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    component = try container.decode(String.self, forKey: .component)
    scalar = try container.decode(String.self, forKey: .scalar)
    runs = try container.decode([ActivationReport].self, forKey: .runs)
    seconds = try container.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
  }
}
