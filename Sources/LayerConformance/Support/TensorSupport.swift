import LayerCore

// Tensor helpers the layer and network checkers share.

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

/// `‖a − n‖ / (‖a‖ + ‖n‖)`, 0 when both vectors are zero: the seeds' measure of how far a
/// back-propagated gradient is from its numeric estimate.
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
