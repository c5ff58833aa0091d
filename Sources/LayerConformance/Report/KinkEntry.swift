import LayerCore

/// An entry (or a direction) whose finite difference would have straddled a declared kink,
/// and what the checker did instead.
public struct KinkEntry: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How the entry was differentiated.
  public enum Side: String, Sendable, Hashable, Codable {
    /// The one-sided difference from the left, away from a kink on the right.
    case left
    /// The one-sided difference from the right, away from a kink on the left.
    case right
    /// On the kink: both one-sided differences, the backward pass judged by the convention.
    case both
    /// Kinks within reach on both sides of the usual step, none within a quarter or a
    /// sixteenth of it: the central difference with that shorter step.
    case shorterStep
    /// Kinks within reach on both sides: not compared, never reported as a mismatch.
    case unresolvable
  }

  /// The tensor (`input`, a parameter name, `<layer>.<name>`, or `direction`).
  public var tensor: String
  /// The row-major index of the entry (the direction number in directional mode).
  public var entry: Int
  /// The kink within reach.
  public var kink: Kink
  /// What the checker did.
  public var side: Side

  /// A record of entry `entry` of `tensor` near `kink`.
  public init(tensor: String, entry: Int, kink: Kink, side: Side) {
    self.tensor = tensor
    self.entry = entry
    self.kink = kink
    self.side = side
  }

  /// E.g. `input[3] near kink at 0.0 (derivative: left limit): right`.
  public var description: String { "\(tensor)[\(entry)] near \(kink): \(side.rawValue)" }
}
