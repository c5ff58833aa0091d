import LayerCore
import LayerData
import Testing

/// Shapes, class balance, geometry and seeding of the synthetic sets.
struct SyntheticTests {
  @Test func xorIsTheTruthTable() {
    let set = Synthetic.xor(Double.self)
    #expect(set.inputs.shape == [4, 2] && set.classes == 2)
    #expect(set.inputs.scalars == [0, 0, 0, 1, 1, 0, 1, 1])
    #expect(set.labels == [0, 1, 1, 0])
  }

  @Test func noisyXorClustersAroundTheCorners() {
    let set = Synthetic.xor(Float.self, pointsPerCorner: 50, noise: 0.1, seed: 7, shuffle: true)
    #expect(set.inputs.shape == [200, 2])
    #expect(set.classCounts == [100, 100])
    for i in 0..<set.count {
      let (x, y) = (set.inputs[i, 0], set.inputs[i, 1])
      // The nearest corner decides the label for noise this small (0.5 is 5σ away).
      let label = (x > 0.5) != (y > 0.5) ? 1 : 0
      #expect(label == set.labels[i])
    }
  }

  @Test(arguments: [0, 1, 7, 100, 101])
  func circlesFollowMakeCircles(count: Int) {
    let set = Synthetic.circles(Double.self, count: count, factor: 0.5, seed: 1, shuffle: false)
    #expect(set.inputs.shape == [count, 2])
    #expect(set.classCounts == [count / 2, count - count / 2])
    for i in 0..<count {
      let radius = (set.inputs[i, 0] * set.inputs[i, 0] + set.inputs[i, 1] * set.inputs[i, 1])
        .squareRoot()
      #expect(abs(radius - (set.labels[i] == 0 ? 1 : 0.5)) < 1e-12)
    }
    if count >= 2 {
      #expect(set.inputs[0, 0] == 1 && set.inputs[0, 1] == 0)  // angle 0 first
    }
  }

  @Test func noisyCirclesSpreadAroundTheRadii() {
    let set = Synthetic.circles(Double.self, count: 2000, factor: 0.3, noise: 0.05, seed: 2)
    var mean = [0.0, 0.0]
    var n = [0, 0]
    for i in 0..<set.count {
      let r = (set.inputs[i, 0] * set.inputs[i, 0] + set.inputs[i, 1] * set.inputs[i, 1])
        .squareRoot()
      mean[set.labels[i]] += r
      n[set.labels[i]] += 1
    }
    #expect(abs(mean[0] / Double(n[0]) - 1) < 0.01)
    #expect(abs(mean[1] / Double(n[1]) - 0.3) < 0.01)
  }

  @Test func spiralsAreBalancedAndWithinTheUnitDisc() {
    let set = Synthetic.spirals(Double.self, count: 301, noise: 0, seed: 5, shuffle: false)
    #expect(set.inputs.shape == [301, 2])
    #expect(set.classCounts == [151, 150])
    for i in 0..<set.count {
      let r = (set.inputs[i, 0] * set.inputs[i, 0] + set.inputs[i, 1] * set.inputs[i, 1])
        .squareRoot()
      #expect(r > 0 && r <= 1 + 1e-12)
    }
    // The last point of each arm is at radius 1, the two arms opposite each other.
    #expect(abs(set.inputs[150, 0] - -set.inputs[300, 0]) < 1e-12)
    #expect(abs(set.inputs[150, 1] - -set.inputs[300, 1]) < 1e-12)
  }

  @Test func sameSeedSameSetOtherSeedOtherSet() {
    #expect(
      Synthetic.circles(Float.self, noise: 0.1, seed: 9) == Synthetic.circles(noise: 0.1, seed: 9))
    #expect(
      Synthetic.circles(Float.self, noise: 0.1, seed: 9) != Synthetic.circles(noise: 0.1, seed: 10))
    #expect(Synthetic.spirals(Double.self, seed: 3) == Synthetic.spirals(seed: 3))
    #expect(Synthetic.spirals(Double.self, seed: 3) != Synthetic.spirals(seed: 4))
    let a = Synthetic.xor(Double.self, pointsPerCorner: 10, noise: 0.2, seed: 1, shuffle: true)
    #expect(a == Synthetic.xor(pointsPerCorner: 10, noise: 0.2, seed: 1, shuffle: true))
    #expect(a != Synthetic.xor(pointsPerCorner: 10, noise: 0.2, seed: 2, shuffle: true))
  }

  @Test func shuffleKeepsThePointsAndTheirLabels() {
    let ordered = Synthetic.spirals(Double.self, count: 40, seed: 8, shuffle: false)
    let shuffled = Synthetic.spirals(Double.self, count: 40, seed: 8, shuffle: true)
    #expect(ordered != shuffled)
    var pairs = Set<[Double]>()
    for i in 0..<40 {
      pairs.insert([ordered.inputs[i, 0], ordered.inputs[i, 1], Double(ordered.labels[i])])
    }
    for i in 0..<40 {
      #expect(
        pairs.contains([shuffled.inputs[i, 0], shuffled.inputs[i, 1], Double(shuffled.labels[i])]))
    }
  }
}
