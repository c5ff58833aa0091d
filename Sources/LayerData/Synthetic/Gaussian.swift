import LayerCore

extension RandomSource {
  /// A standard normal draw by the Box–Muller transform (one of the pair; two uniform draws
  /// each call, so the sequence depends only on the seed and the number of calls).
  mutating func nextGaussian() -> Double {
    let u1 = 1 - nextUnit()  // (0, 1]: log is finite
    let u2 = nextUnit()
    return Double.sqrt(-2 * Double.log(u1)) * Double.cos(2 * Double.pi * u2)
  }

  /// A uniformly random permutation of `0..<count` (Fisher–Yates, from the top).
  mutating func permutation(_ count: Int) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
      let j = Int(next() % UInt64(i + 1))
      order.swapAt(i, j)
      i -= 1
    }
    return order
  }
}
