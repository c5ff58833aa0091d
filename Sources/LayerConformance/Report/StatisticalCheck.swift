/// One statistical check that ran on a stochastic layer, and how it came out.
///
/// A layer whose ``/LayerCore/Layer/isStochastic`` is `true` gets these checks on top of its
/// gradient check; ``LayerReport/statistics`` lists the ones that ran, in order.
public struct StatisticalCheck: Sendable, Hashable, Codable {
  /// Which property of the random output a check is about.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The same seed gives the same output bit for bit, so the layer draws from nothing but
    /// its random source (a system generator fails here).
    case seed
    /// The mean of many training-mode draws equals the inference-mode output within 5σ.
    case expectation
    /// The layer declares ``/LayerCore/Layer/expectationPreserving`` `false`: the expectation
    /// check did not run.
    case expectationWaived
    /// A ``/LayerCore/MaskingLayer`` keeps its keep probability's fraction of 20,000 ones, and
    /// their mean stays 1, each within 5σ.
    case keptFraction
    /// Different seeds give different outputs: the output depends on the random source.
    case distinctSeeds
    /// A ``/LayerCore/MaskingLayer`` is the identity in inference mode.
    case inferenceIdentity

    /// A short human name, e.g. `"kept fraction"`.
    public var title: String {
      switch self {
      case .seed: "seed"
      case .expectation: "expectation"
      case .expectationWaived: "expectation waived"
      case .keptFraction: "kept fraction"
      case .distinctSeeds: "distinct seeds"
      case .inferenceIdentity: "inference identity"
      }
    }
  }

  /// The check.
  public var kind: Kind
  /// Whether the layer passed it (a waived check counts as passed).
  public var passed: Bool
  /// A full sentence saying what was measured and against what.
  public var detail: String
  /// The check's estimate, when it has one: the mean relative bias for ``Kind/expectation``,
  /// the kept fraction for ``Kind/keptFraction``.
  public var estimate: Double?
  /// How many samples ``estimate`` rests on, when it has one: the training-mode draws for
  /// ``Kind/expectation``, the elements for ``Kind/keptFraction``.
  public var samples: Int?

  /// A check of `kind` with its verdict, its sentence and its estimate over `samples`, if any.
  public init(
    _ kind: Kind, passed: Bool, _ detail: String, estimate: Double? = nil, samples: Int? = nil
  ) {
    self.kind = kind
    self.passed = passed
    self.detail = detail
    self.estimate = estimate
    self.samples = samples
  }

  /// `"seed ok"`, `"expectation FAILED"`, `"expectation waived"`.
  public var verdict: String {
    kind == .expectationWaived ? kind.title : "\(kind.title) \(passed ? "ok" : "FAILED")"
  }
}
