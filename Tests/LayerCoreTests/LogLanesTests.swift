import Foundation
import LayerCore
import Testing

/// `FloatLanes.log`, `FloatLanes.log1p`, `DoubleLanes.log` and `DoubleLanes.log1p` in ULP: the
/// `Float` lanes against the `Double` function rounded to `Float`, the `Double` lanes against
/// the `Float80` function rounded to `Double` (the `Double` function where `Float80` is
/// missing). The sweep: uniform points over the working range, logarithmic magnitudes from the
/// smallest subnormal to the largest finite value of both signs, and the special values.
struct LogLanesTests {
  #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
    /// The reference type for the `Double` lanes.
    typealias Reference = Float80
  #else
    /// The reference type where `Float80` is missing: libm's `Double` functions.
    typealias Reference = Double
  #endif

  /// Uniform points in [-1, 3], then logarithmic magnitudes in [least nonzero, greatest
  /// finite] of both signs, then the special values, padded to a multiple of `width` with 1s.
  static func points<T: BinaryFloatingPoint>(_: T.Type, width: Int) -> [T] {
    var x: [T] = []
    let count = 50_000
    for i in 0..<count { x.append(T(-1 + 4 * Double(i) / Double(count))) }
    let low = Foundation.log(Double(T.leastNonzeroMagnitude))
    let high = Foundation.log(Double(T.greatestFiniteMagnitude))
    for i in 0..<count {
      let magnitude = T(Foundation.exp(low + (high - low) * Double(i) / Double(count)))
      x += [magnitude, -magnitude, magnitude - 1, T(1).nextDown, T(-1).nextUp]
    }
    x += [
      0, -0, .infinity, -.infinity, .nan, -1, 1, .leastNormalMagnitude, .greatestFiniteMagnitude,
    ]
    x += [T(-1).nextUp, T.leastNormalMagnitude.nextDown, T(2).squareRoot(), T(0.5).squareRoot()]
    while x.count % width != 0 { x.append(1) }
    return x
  }

  /// Distance in representable values of `T`, 0 for two NaNs, `Int.max` for NaN against a
  /// number or for two different infinities.
  static func ulps<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Int {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    if a.isInfinite || b.isInfinite { return a == b ? 0 : .max }
    let distance = (a - b) / (a.ulp < b.ulp ? a.ulp : b.ulp)
    return Int(distance.magnitude.rounded(.up))
  }

  @Test func floatLanesWithinOneUlp() {
    let x = Self.points(Float.self, width: 16)
    for (name, lanes, reference) in [
      ("log", FloatLanes.log, Foundation.log), ("log1p", FloatLanes.log1p, Foundation.log1p),
    ] as [(String, (SIMD16<Float>) -> SIMD16<Float>, (Double) -> Double)] {
      var worst = (ulps: 0, at: Float(0))
      for start in stride(from: 0, to: x.count, by: 16) {
        let v = lanes(SIMD16<Float>(x[start..<start + 16]))
        for j in 0..<16 {
          let d = Self.ulps(v[j], Float(reference(Double(x[start + j]))))
          if d > worst.ulps { worst = (d, x[start + j]) }
        }
      }
      print("FloatLanes.\(name) max ULP: \(worst)")
      #expect(worst.ulps <= 1, "\(name) \(worst)")
    }
  }

  @Test func doubleLanesWithinOneUlp() {
    let x = Self.points(Double.self, width: 8)
    for (name, lanes, reference) in [
      ("log", DoubleLanes.log, { Reference.log($0) }),
      ("log1p", DoubleLanes.log1p, { Reference.log1p($0) }),
    ] as [(String, (SIMD8<Double>) -> SIMD8<Double>, (Reference) -> Reference)] {
      var errors: [Int] = []
      var worst = (ulps: 0, at: 0.0)
      for start in stride(from: 0, to: x.count, by: 8) {
        let v = lanes(SIMD8<Double>(x[start..<start + 8]))
        for j in 0..<8 {
          let d = Self.ulps(v[j], Double(reference(Reference(x[start + j]))))
          errors.append(d)
          if d > worst.ulps { worst = (d, x[start + j]) }
        }
      }
      let median = errors.sorted()[errors.count / 2]
      print("DoubleLanes.\(name): median \(median) ULP, max \(worst)")
      #expect(median <= 1 && worst.ulps <= 1, "\(name) \(worst)")
    }
  }
}
