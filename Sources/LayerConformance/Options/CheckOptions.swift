import LayerCore

/// How much of a layer or network a gradient check compares.
public enum Strategy: Sendable, Hashable, CustomStringConvertible {
  /// Every entry of the input and of every parameter tensor; a tensor with more than
  /// `entryLimit` entries is subsampled (always with its first and last entry).
  case full(entryLimit: Int?)
  /// `count` (at least 2) random unit directions through all inputs and parameters at once:
  /// one number per direction, for layers too large to check entry by entry.
  case directional(count: Int)
  /// ``full(entryLimit:)`` with `entryLimit` while the input and parameters hold at most
  /// `directionalAbove` entries in all, ``directional(count:)`` with `directions` above.
  case adaptive(entryLimit: Int, directionalAbove: Int, directions: Int)

  /// The kit's default for layers, shared by `swift test` and `layerkit check`: full with at
  /// most 256 entries per tensor, or 4 directions above 20,000 entries, so that a check stays
  /// fast in a debug build.
  public static let standard = Strategy.adaptive(
    entryLimit: 256, directionalAbove: 20_000, directions: 4)

  /// Every entry of every tensor.
  public static let everyEntry = Strategy.full(entryLimit: nil)

  /// A strategy with the adaptive choice made: what a check runs.
  public enum Resolved: Sendable, Hashable, CustomStringConvertible {
    /// Every entry, at most `entryLimit` per tensor.
    case full(entryLimit: Int?)
    /// `count` random directions.
    case directional(count: Int)

    /// `full`, `full(≤256 per tensor)` or `directional(4)`.
    public var description: String {
      switch self {
      case .full(nil): "full"
      case .full(let limit?): "full(≤\(limit) per tensor)"
      case .directional(let count): "directional(\(count))"
      }
    }
  }

  /// What a check of `entries` input and parameter entries runs.
  public func resolved(forEntries entries: Int) -> Resolved {
    switch self {
    case .full(let limit): .full(entryLimit: limit)
    case .directional(let count): .directional(count: count)
    case .adaptive(let limit, let threshold, let directions):
      entries > threshold ? .directional(count: directions) : .full(entryLimit: limit)
    }
  }

  /// Why this strategy cannot check anything (a limit or count below 1), or `nil` if it can.
  public var unusableReason: String? {
    switch self {
    case .full(let limit?) where limit < 1:
      "the strategy \(self) checks no entry: its entry limit must be at least 1"
    case .directional(let count) where count < 1:
      "the strategy \(self) checks nothing: it needs at least 1 direction"
    case .adaptive(let limit, let threshold, let directions)
    where limit < 1 || threshold < 0 || directions < 1:
      "the strategy \(self) is unusable: its entry limit and directions must be at least 1 and "
        + "its threshold at least 0"
    default: nil
    }
  }

  /// `full`, `full(≤256 per tensor)`, `directional(4)` or `adaptive(…)`.
  public var description: String {
    switch self {
    case .full(let limit): Resolved.full(entryLimit: limit).description
    case .directional(let count): Resolved.directional(count: count).description
    case .adaptive(let limit, let threshold, let directions):
      "adaptive(full ≤\(limit) per tensor up to \(threshold) entries, else \(directions) directions)"
    }
  }
}

/// The options the layer and network checkers share: what to compare, and the seed of every
/// random draw (inputs, output weights, directions, subsampling and each forward pass).
public struct CheckOptions: Sendable, Hashable {
  /// The seed used when none is given.
  public static let defaultSeed: UInt64 = 0x1A7E_5EED

  /// Full, directional or adaptive.
  public var strategy: Strategy
  /// The seed of every random draw of the check.
  public var seed: UInt64

  /// Options with the given strategy and seed.
  public init(strategy: Strategy = .standard, seed: UInt64 = CheckOptions.defaultSeed) {
    self.strategy = strategy
    self.seed = seed
  }
}
