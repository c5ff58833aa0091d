import Foundation
import LayerCore
import LayerKit
import Testing

/// `DoubleLanes` and the `Double` lanes of the activations that have them, in ULP of the scalar function
/// evaluated in `Reference` (`Float80` where it exists, else `Double`) and rounded to `Double`, over 200,000 points: uniform over ±20,
/// logarithmic from 1e-300 to the tails, both signs, and the special values. The targets are a
/// median ≤ 1 and a maximum ≤ 4.
struct DoubleLanesTests {
  #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
    /// The reference type: the scalar functions in `Float80`.
    typealias Reference = Float80
  #else
    /// The reference type where `Float80` is missing (or switched off): the scalar functions in
    /// `Double` itself, so the lanes are held to libm's results.
    typealias Reference = Double
  #endif

  /// Distance in representable `Double`s, 0 for two NaNs, `Int.max` for NaN against a number.
  static func ulps(_ a: Double, _ b: Double) -> Int {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    func ordinal(_ v: Double) -> Int {
      let bits = Int(v.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
      return v.sign == .minus ? -bits : bits
    }
    return abs(ordinal(a) - ordinal(b))
  }

  /// The sweep, built once for every test case.
  static let points: [Double] = {
    var x: [Double] = []
    let count = 50_000
    for i in 0..<count { x.append(-20 + 40 * Double(i) / Double(count)) }
    let low = log(1e-300)
    let high = log(800.0)
    for i in 0..<count {
      let magnitude = Foundation.exp(low + (high - low) * Double(i) / Double(count))
      x += [magnitude, -magnitude]
    }
    x += [0, -0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, 709.78, 709.79, -745.2]
    while x.count % 8 != 0 { x.append(1) }
    return x
  }()

  /// Where the `f` and `f'` entry points are held to the bits of the pair: every 4th point of
  /// the uniform sweep (spacing 0.0032 over ±20), every 4th magnitude of the logarithmic one
  /// with both signs (5.6 % apart, where the sweep itself steps 1.4 %), and every special value.
  ///
  /// The entry points run the same lanes; where they differ it is over a range of x (a branch,
  /// a threshold, a different formula), which this density still visits in every region, and
  /// the special values sit on the thresholds. Evaluating `f` and `f'` alone at every point
  /// was over half of this test's time in a debug build; the ULP figures use every point.
  static let aloneIndices: [Int] = points.indices.filter { i in
    i < 50_000 ? i % 4 == 0 : i < 150_000 ? (i - 50_000) % 8 < 2 : true
  }

  /// The activations with `Double` lanes: one test case each, so that the cores share them.
  static let activations: [any Activation] = [
    Sigmoid(), Tanh(), ELU(), ELU(alpha: 0.5), SELU(), Softplus(), Softplus(beta: 0.5),
    Softplus(beta: 4), LogSigmoid(), CELU(), CELU(alpha: 0.25), SiLU(), Mish(), Tanhshrink(),
  ]

  @Test(arguments: activations)
  func lanesWithinTargets(_ activation: any Activation) {
    let x = Self.points
    let (f, d) = activation.valuesAndDerivatives(x)
    let alone = Self.aloneIndices.map { x[$0] }
    let (single, slope) = (activation.values(alone), activation.derivatives(alone))
    // Mismatches are collected and expected once per activation: an `#expect` per point
    // made this test several times slower in a debug build.
    var errors = (value: [Int](), slope: [Int]())
    var notScalar: [Double] = []
    var notAlone: [Double] = []
    let handsOverBelow700 = ["SiLU", "Mish"].contains(activation.name)
    for (j, i) in Self.aloneIndices.enumerated() where x[i] >= -700 || !handsOverBelow700 {
      if Self.ulps(single[j], f[i]) != 0 || Self.ulps(slope[j], d[i]) != 0 {
        notAlone.append(x[i])
      }
    }
    for i in x.indices {
      // Below -700 SiLU and Mish lanes hand over to the scalar `Double` function (whose
      // subnormal e^x times |x| misses the targets there): the same bits are required.
      if handsOverBelow700 && x[i] < -700 {
        if Self.ulps(f[i], activation.value(at: x[i])) != 0
          || Self.ulps(d[i], activation.derivative(at: x[i])) != 0
        {
          notScalar.append(x[i])
        }
        continue
      }
      let xi = Reference(x[i])
      errors.value.append(Self.ulps(f[i], Double(activation.value(at: xi))))
      errors.slope.append(Self.ulps(d[i], Double(activation.derivative(at: xi))))
    }
    #expect(notScalar.isEmpty, "\(activation): not the scalar bits below -700 at \(notScalar)")
    #expect(notAlone.isEmpty, "\(activation): f and f' together differ from alone at \(notAlone)")
    for (name, e) in [("f", errors.value), ("f'", errors.slope)] {
      let sorted = e.sorted()
      let (median, worst) = (sorted[sorted.count / 2], sorted.last ?? 0)
      print("\(activation.name) Double lanes \(name): median \(median) ULP, max \(worst)")
      #expect(median <= 1 && worst <= 4, "\(activation.name) \(name)")
    }
  }
}
