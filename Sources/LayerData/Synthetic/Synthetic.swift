import LayerCore

/// Small two-dimensional, two-class data sets for trying networks out, each generated from a
/// seeded ``/LayerCore/RandomSource`` so that a seed fixes every point.
///
/// Every generator returns a ``LabeledSet`` with inputs `[count, 2]`, labels 0 and 1 and
/// `classes == 2`. With `shuffle` (the default for circles and spirals; XOR keeps the truth
/// table's order unless asked) the examples are put in a random order drawn from the same
/// generator after the points; without it they come class by class (XOR: corner by corner).
public enum Synthetic {
  /// XOR: the four corners (0, 0), (0, 1), (1, 0), (1, 1) with labels 0, 1, 1, 0.
  ///
  /// With the defaults it is exactly the four points of the truth table, in that order. With
  /// `pointsPerCorner` > 1 or `noise` > 0 it is four noisy clusters: each point is its corner
  /// plus Gaussian noise of standard deviation `noise` in each coordinate.
  ///
  /// - Precondition: `pointsPerCorner >= 1`, `noise >= 0`.
  public static func xor<T: LayerScalar>(
    _ type: T.Type = T.self, pointsPerCorner: Int = 1, noise: Double = 0, seed: UInt64 = 0,
    shuffle: Bool = false
  ) -> LabeledSet<T> {
    precondition(pointsPerCorner >= 1 && noise >= 0, "xor: pointsPerCorner >= 1, noise >= 0")
    var random = RandomSource(seed: seed)
    var points: [(Double, Double, Int)] = []
    for (x, y, label) in [(0.0, 0.0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)] {
      for _ in 0..<pointsPerCorner {
        let dx = noise > 0 ? noise * random.nextGaussian() : 0
        let dy = noise > 0 ? noise * random.nextGaussian() : 0
        points.append((x + dx, y + dy, label))
      }
    }
    return set(points, shuffle: shuffle, random: &random)
  }

  /// Two concentric circles, as scikit-learn's `make_circles`: the outer circle (label 0) of
  /// radius 1 has `count / 2` points, the inner one (label 1) of radius `factor` the other
  /// `count − count / 2`, each evenly spaced in angle from 0 (`linspace(0, 2π, n,
  /// endpoint=False)`), then every coordinate gets Gaussian noise of standard deviation `noise`.
  ///
  /// - Precondition: `count >= 0`, `0 <= factor < 1`, `noise >= 0`.
  public static func circles<T: LayerScalar>(
    _ type: T.Type = T.self, count: Int = 100, factor: Double = 0.8, noise: Double = 0,
    seed: UInt64 = 0, shuffle: Bool = true
  ) -> LabeledSet<T> {
    precondition(count >= 0 && factor >= 0 && factor < 1 && noise >= 0, "circles: bad argument")
    var random = RandomSource(seed: seed)
    let outer = count / 2
    var points: [(Double, Double, Int)] = []
    for (n, radius, label) in [(outer, 1.0, 0), (count - outer, factor, 1)] {
      for i in 0..<n {
        let angle = 2 * Double.pi * Double(i) / Double(n)
        points.append((radius * Double.cos(angle), radius * Double.sin(angle), label))
      }
    }
    if noise > 0 {
      for i in points.indices {
        points[i].0 += noise * random.nextGaussian()
        points[i].1 += noise * random.nextGaussian()
      }
    }
    return set(points, shuffle: shuffle, random: &random)
  }

  /// Two interleaved spirals. Class 0 has `count − count / 2` points, class 1 `count / 2`. Point
  /// `i` of a class of `n` lies at fraction `s = (i + 1) / n` along its arm: radius `s`, angle
  /// `2π · turns · s`, for class 1 turned by π (the point reflected through the origin); then
  /// each coordinate gets Gaussian noise of standard deviation `noise`. All points lie within
  /// radius 1 (plus the noise).
  ///
  /// - Precondition: `count >= 0`, `turns > 0`, `noise >= 0`.
  public static func spirals<T: LayerScalar>(
    _ type: T.Type = T.self, count: Int = 200, turns: Double = 1.5, noise: Double = 0.05,
    seed: UInt64 = 0, shuffle: Bool = true
  ) -> LabeledSet<T> {
    precondition(count >= 0 && turns > 0 && noise >= 0, "spirals: bad argument")
    var random = RandomSource(seed: seed)
    var points: [(Double, Double, Int)] = []
    for (n, sign, label) in [(count - count / 2, 1.0, 0), (count / 2, -1, 1)] {
      for i in 0..<n {
        let s = Double(i + 1) / Double(n)
        let angle = 2 * Double.pi * turns * s
        var x = sign * s * Double.cos(angle)
        var y = sign * s * Double.sin(angle)
        if noise > 0 {
          x += noise * random.nextGaussian()
          y += noise * random.nextGaussian()
        }
        points.append((x, y, label))
      }
    }
    return set(points, shuffle: shuffle, random: &random)
  }

  /// The points as a two-class set, in a random order drawn from `random` if `shuffle`.
  static func set<T: LayerScalar>(
    _ points: [(Double, Double, Int)], shuffle: Bool, random: inout RandomSource
  ) -> LabeledSet<T> {
    let order = shuffle ? random.permutation(points.count) : Array(points.indices)
    var scalars: [T] = []
    scalars.reserveCapacity(2 * points.count)
    var labels: [Int] = []
    labels.reserveCapacity(points.count)
    for index in order {
      let (x, y, label) = points[index]
      scalars += [T(x), T(y)]
      labels.append(label)
    }
    return LabeledSet(
      validated: Tensor(validated: [points.count, 2], scalars: scalars), labels: labels, classes: 2)
  }
}
