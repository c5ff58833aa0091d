import Foundation
import LayerCore
import LayerKit
import Testing

/// The batched API against the scalar functions, bit for bit, for every registered activation
/// at its defaults and at each checked parameter value. The SIMD paths of the
/// `VectorizedActivation`s only select, negate, add, multiply and divide lanewise in the
/// scalar code's order, so no ULP slack is needed: equality is exact, NaN matching NaN.
///
/// The exceptions are the activations whose lane paths have their own exp or log (listed in
/// `throughDouble` for `Float` and `doubleLanes` for `Double`): there the reference is the
/// `Double` scalar function rounded to `Float`, or the scalar `Double` function, and the batched
/// result must be within 3 ULP of it (`FloatLanesTests` and `DoubleLanesTests` sweep wider,
/// against `Double` and `Float80`).
struct BatchedActivationTests {
  static let lengths = [0, 1, 3, 17, 1001]

  /// Every registered activation, then each with one parameter set to each checked value.
  static var variants: [any Activation] {
    var result: [any Activation] = []
    for activation in BuiltIn.activations {
      result.append(activation)
      for parameter in activation.parameters {
        for value in parameter.checkedValues {
          if let changed = try? activation.setting(parameter.name, to: value) {
            result.append(changed)
          }
        }
      }
    }
    return result
  }

  /// NaN, ±infinity, ±0, the extremes, every kink and jump with its neighbours, then seeded
  /// points in [-10, 10], cycled to `count` elements.
  static func inputs<T: LayerScalar & BinaryFloatingPoint>(
    _ count: Int, for activation: any Activation, as _: T.Type
  ) -> [T] {
    var specials: [T] = [
      .nan, .infinity, -.infinity, 0, -0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      .leastNormalMagnitude, -.leastNonzeroMagnitude, 1, -1, 3, -3, 6, -6, 1e-8, -1e-5, 1e-4,
      -2e-4, 0.17, -0.18, 0.35, 20, -20, 88, -104,
    ]
    let points = activation.kinks.map(\.location) + activation.jumps.map(\.location)
    for point in points {
      let p = T(point)
      specials += [p, p.nextUp, p.nextDown]
    }
    var random = RandomSource(seed: 10)
    var result: [T] = []
    for i in 0..<count {
      result.append(
        i % 2 == 0 && i / 2 < specials.count ? specials[i / 2] : T(20 * random.nextUnit() - 10))
    }
    // Odd lengths put specials in the SIMD body and in the scalar tail.
    if count > 3 { result[count - 1] = .nan }
    if count > 2 { result[count - 2] = -.infinity }
    return result
  }

  static func same<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
    (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign)
  }

  /// The activations whose batched `Float` path has its own exp.
  static let throughDouble: Set<String> = [
    "Sigmoid", "Tanh", "ELU", "CELU", "SELU", "SiLU", "Softplus", "LogSigmoid", "Mish",
    "Tanhshrink", "GELU", "GELUTanh",
  ]

  /// The activations whose batched `Double` path has its own exp (`DoubleLanes`): within 3 ULP
  /// of the scalar `Double` function (`DoubleLanesTests` measures them against `Float80`).
  static let doubleLanes: Set<String> = [
    "Sigmoid", "Tanh", "ELU", "SELU", "Softplus", "LogSigmoid", "CELU", "SiLU", "Mish",
    "Tanhshrink",
  ]

  /// Same bits, or when `ulps`, within 3 ULP of `reference` (same sign): SiLU's product
  /// adds half an ULP to σ's 2 (`FloatLanesTests` holds the others to 2).
  static func close<T: BinaryFloatingPoint>(_ a: T, _ b: T, ulps: Bool) -> Bool {
    if same(a, b) { return true }
    guard ulps, a.isFinite, b.isFinite, a.sign == b.sign || a == 0 || b == 0 else { return false }
    return abs(a - b) <= 3 * b.ulp
  }

  func check<T: LayerScalar & BinaryFloatingPoint>(_ type: T.Type) {
    for activation in Self.variants {
      for count in Self.lengths {
        // One element of offset, so the vector loads are unaligned.
        let padded = [T(0)] + Self.inputs(count, for: activation, as: T.self)
        let x = Array(padded.dropFirst())
        let loose = T.self == Float.self && Self.throughDouble.contains(activation.name)
        let ulps = loose || (T.self == Double.self && Self.doubleLanes.contains(activation.name))
        let f = x.map { loose ? T(activation.value(at: Double($0))) : activation.value(at: $0) }
        let d = x.map {
          loose ? T(activation.derivative(at: Double($0))) : activation.derivative(at: $0)
        }
        var values = [T](repeating: 7, count: count)
        var slopes = [T](repeating: 7, count: count)
        var bothValues = values
        var bothSlopes = slopes
        padded.withUnsafeBufferPointer { whole in
          let input = UnsafeBufferPointer(rebasing: whole[1...])
          values.withUnsafeMutableBufferPointer { activation.values(input, into: $0) }
          slopes.withUnsafeMutableBufferPointer { activation.derivatives(input, into: $0) }
          bothValues.withUnsafeMutableBufferPointer { v in
            bothSlopes.withUnsafeMutableBufferPointer { s in
              activation.valuesAndDerivatives(input, values: v, derivatives: s)
            }
          }
        }
        var inPlace = x
        inPlace.withUnsafeMutableBufferPointer {
          activation.values(UnsafeBufferPointer($0), into: $0)
        }
        let arrays = activation.valuesAndDerivatives(x)
        for i in 0..<count {
          let where_ = "\(activation) \(T.self) n=\(count) x[\(i)]=\(x[i])"
          #expect(Self.close(values[i], f[i], ulps: ulps), "f \(where_): \(values[i]) vs \(f[i])")
          #expect(Self.close(slopes[i], d[i], ulps: ulps), "f' \(where_): \(slopes[i]) vs \(d[i])")
          #expect(Self.close(bothValues[i], f[i], ulps: ulps), "f of both \(where_)")
          #expect(Self.close(bothSlopes[i], d[i], ulps: ulps), "f' of both \(where_)")
          #expect(Self.close(inPlace[i], f[i], ulps: ulps), "f in place \(where_)")
          #expect(
            Self.close(arrays.values[i], f[i], ulps: ulps)
              && Self.close(arrays.derivatives[i], d[i], ulps: ulps))
        }
      }
    }
  }

  /// The activations with their own `Float` exp: 40,000 points spread logarithmically over
  /// ±[1e-10, 100], every one within 3 ULP of the `Double` scalar function rounded to `Float`.
  @Test func throughDoubleSweep() {
    let x = (0..<40_000).map { i -> Float in
      let magnitude = Float(pow(10, -10 + 12 * Double(i / 2) / 20_000))
      return i % 2 == 0 ? magnitude : -magnitude
    }
    for activation in [
      Sigmoid(), Tanh(), ELU(), ELU(alpha: 0.5), CELU(alpha: 0.25), CELU(alpha: 3), SELU(), SiLU(),
      Softplus(), Softplus(beta: 4), LogSigmoid(), Mish(), Tanhshrink(), GELU(),
      GELUTanh(),
    ] as [any Activation] {
      let (f, d) = activation.valuesAndDerivatives(x)
      for i in x.indices {
        let xi = Double(x[i])
        #expect(
          Self.close(f[i], Float(activation.value(at: xi)), ulps: true), "\(activation) \(xi)")
        #expect(
          Self.close(d[i], Float(activation.derivative(at: xi)), ulps: true),
          "\(activation)' \(xi)")
      }
    }
  }

  @Test func floatMatchesScalar() { check(Float.self) }

  @Test func doubleMatchesScalar() { check(Double.self) }

  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    /// Float16 has no concrete overload either: the generic loop.
    @Test func float16MatchesScalar() { check(Float16.self) }
  #endif

  #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
    /// Float80 has no concrete overload: the generic loop.
    @Test func float80MatchesScalar() { check(Float80.self) }
  #endif

  /// The layer's forward and backward passes go through the batched API and equal the
  /// scalar formulas (within 3 ULP for the `DoubleLanes` activations).
  @Test func activationLayerUsesTheSameNumbers() throws {
    for activation in BuiltIn.activations { try checkLayer(activation) }
  }

  func checkLayer<A: Activation>(_ activation: A) throws {
    var random = RandomSource(seed: 1)
    let x = Self.inputs(37, for: activation, as: Double.self)
    let g = x.indices.map { Double($0) - 18.5 }
    let layer = ActivationLayer(activation, of: Double.self)
    let input = try Tensor(shape: [1, 37], scalars: x)
    let (output, cache) = try layer.forward(input, mode: LayerMode.training, random: &random)
    let gradient = try layer.backward(Tensor(shape: [1, 37], scalars: g), cache: cache)
    let ulps = Self.doubleLanes.contains(activation.name)
    for i in x.indices {
      #expect(
        Self.close(output.scalars[i], activation.value(at: x[i]), ulps: ulps), "\(activation)")
      #expect(
        Self.close(gradient.input.scalars[i], g[i] * activation.derivative(at: x[i]), ulps: ulps),
        "\(activation)")
    }
  }
}
