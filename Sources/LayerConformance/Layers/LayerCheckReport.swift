import Foundation
import LayerCore

/// One checked entry of one tensor (or one direction, in directional mode).
public struct EntryResult: Sendable, Hashable, Codable {
  /// The tensor: `input`, a parameter name such as `weight`, or `direction` in directional mode.
  public var tensor: String
  /// The row-major index of the entry in its tensor (the direction number in directional mode).
  public var index: Int
  /// The hand-written (back-propagated) value.
  public var analytic: Double
  /// The central-difference estimate.
  public var numeric: Double
  /// `|analytic - numeric| / max(|analytic|, |numeric|, floor)`.
  public var error: Double

  /// A result for entry `index` of `tensor`.
  public init(tensor: String, index: Int, analytic: Double, numeric: Double, error: Double) {
    self.tensor = tensor
    self.index = index
    self.analytic = analytic
    self.numeric = numeric
    self.error = error
  }
}

/// How one tensor fared: how many entries it has, which were checked, and the agreement.
public struct TensorSummary: Sendable, Hashable, Codable {
  /// The tensor's name (`input`, `weight`, `0.bias`, ...).
  public var name: String
  /// The number of entries in the tensor.
  public var count: Int
  /// The row-major indices that were checked, in order; all of them in full mode.
  public var checkedEntries: [Int]
  /// The largest error over the checked entries.
  public var maxRelativeError: Double
  /// `‖a − n‖ / (‖a‖ + ‖n‖)` over the checked entries (0 when both are zero).
  public var difference: Double

  /// A summary of one tensor.
  public init(
    name: String, count: Int, checkedEntries: [Int], maxRelativeError: Double, difference: Double
  ) {
    self.name = name
    self.count = count
    self.checkedEntries = checkedEntries
    self.maxRelativeError = maxRelativeError
    self.difference = difference
  }
}

/// The outcome of checking one layer in one scalar type.
public struct LayerCheckReport: Sendable, Hashable, Codable {
  /// The registered name.
  public var component: String
  /// The scalar type, e.g. `"Double"`.
  public var scalar: String
  /// `full` or `directional(n)`.
  public var mode: String
  /// The number of entries (or directions) compared.
  public var points: Int
  /// The largest error over all compared entries.
  public var maxRelativeError: Double
  /// The tolerance each entry had to meet.
  public var tolerance: Tolerance
  /// One summary per checked tensor: the input first, then every parameter tensor.
  public var tensors: [TensorSummary]
  /// The five entries with the largest error.
  public var worst: [EntryResult]
  /// Everything that went wrong, each a sentence naming the layer, scalar type, entry, values,
  /// error and tolerance. Empty when the check passed.
  public var problems: [String]

  /// Whether something was compared and nothing went wrong.
  public var passed: Bool { problems.isEmpty && points > 0 }
}

extension LayerCheckReport: CustomStringConvertible {
  /// A verdict line, the problems, the per-tensor table and the worst entries.
  public var description: String {
    var lines = [
      "\(component) [\(scalar)]: \(passed ? "passed" : "FAILED"): \(points) entries checked "
        + "(\(mode)), worst relative error \(layerFormat(maxRelativeError)) (tolerance "
        + "\(layerFormat(tolerance.relative)), floor \(layerFormat(tolerance.floor)))"
    ]
    for problem in problems { lines.append("  - \(problem)") }
    for tensor in tensors {
      lines.append(
        "    \(tensor.name): \(tensor.checkedEntries.count)/\(tensor.count) entries, worst error "
          + "\(layerFormat(tensor.maxRelativeError)), difference \(layerFormat(tensor.difference))")
    }
    for entry in worst {
      lines.append(
        "    worst: \(entry.tensor)[\(entry.index)] analytic \(layerFormat(entry.analytic)), numeric "
          + "\(layerFormat(entry.numeric)), error \(layerFormat(entry.error))")
    }
    return lines.joined(separator: "\n")
  }
}

/// `‖a − n‖ / (‖a‖ + ‖n‖)`, 0 when both vectors are zero.
@inlinable
public func normRatioDifference(_ analytic: [Double], _ numeric: [Double]) -> Double {
  var diff = 0.0
  var a = 0.0
  var n = 0.0
  for k in analytic.indices {
    let d = analytic[k] - numeric[k]
    diff += d * d
    a += analytic[k] * analytic[k]
    n += numeric[k] * numeric[k]
  }
  let denominator = a.squareRoot() + n.squareRoot()
  return denominator == 0 ? 0 : diff.squareRoot() / denominator
}

/// Whether two values have the same bit pattern (so `-0 ≠ +0` and `NaN = NaN`).
@inlinable
func bitIdentical<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
  a.sign == b.sign && a.exponentBitPattern == b.exponentBitPattern
    && a.significandBitPattern == b.significandBitPattern
}

/// The first entry where two tensors differ bit for bit, or `nil` when they are identical.
@inlinable
func firstBitDifference<T: BinaryFloatingPoint>(_ a: Tensor<T>, _ b: Tensor<T>) -> Int? {
  guard a.shape == b.shape else { return 0 }
  for k in a.scalars.indices where !bitIdentical(a.scalars[k], b.scalars[k]) { return k }
  return nil
}

/// `t` converted element by element to `U` (exact when `U` is at least as wide).
@inlinable
func converted<T: BinaryFloatingPoint & LayerScalar, U: BinaryFloatingPoint & LayerScalar>(
  _ t: Tensor<T>, to _: U.Type
) -> Tensor<U> {
  var result = Tensor<U>(shape: t.shape, repeating: 0)
  for k in t.scalars.indices { result.scalars[k] = U(t.scalars[k]) }
  return result
}

/// A tensor of `shape` with entries uniform in [-1, 1), drawn from `random`.
@inlinable
func randomTensor<T: LayerScalar>(_ shape: [Int], _ random: inout RandomSource) -> Tensor<T> {
  var result = Tensor<T>(shape: shape, repeating: 0)
  for k in result.scalars.indices { result.scalars[k] = T(2 * random.nextUnit() - 1) }
  return result
}

/// The indices of `count` entries to check: all of them, or (when `limit` is smaller) the
/// first, the last and a seeded random selection of the others, sorted.
@inlinable
func entriesToCheck(count: Int, limit: Int?, random: inout RandomSource) -> [Int] {
  guard let limit, limit < count else { return Array(0..<count) }
  var chosen: Set<Int> = [0, count - 1]
  let target = Swift.max(limit, 2)
  while chosen.count < target { chosen.insert(Int(random.next() % UInt64(count))) }
  return chosen.sorted()
}

/// A number with four significant decimals in scientific notation, e.g. `1.2346e-09`.
@usableFromInline
func layerFormat(_ value: Double) -> String {
  value == 0 ? "0" : String(format: "%.4e", value)
}
