import LayerCore

/// A seeded rule for drawing the initial weights of a fully connected layer with `nIn` inputs
/// and `nOut` outputs; biases always start at zero.
///
/// Every draw comes from the ``/LayerCore/RandomSource`` the caller passes, so the same seed
/// gives the same weights. The six rules are the seed notebooks' comparison:
///
/// | Name | Rule | Mean | Standard deviation |
/// |---|---|---|---|
/// | `uniform` | `U[0, 1)` | 1/2 | `1/√12 ≈ 0.2887` |
/// | `uniform-0.01` | `0.01 · U[0, 1)` | 0.005 | `0.01/√12` |
/// | `gaussian` | `N(0, 1)` | 0 | 1 |
/// | `xavier` | `N(0, 1) · 1/√nIn` | 0 | `1/√nIn` |
/// | `he` | `N(0, 1) · √(2/nIn)` | 0 | `√(2/nIn)` |
/// | `bengio` | `N(0, 1) · 1/√(nIn + nOut)` | 0 | `1/√(nIn + nOut)` |
///
/// Uniform draws are ``/LayerCore/RandomSource/nextUnit()`` (53 random bits in [0, 1)).
/// Gaussian draws use the Box–Muller transform: from two uniforms `u₁ ∈ (0, 1]` and
/// `u₂ ∈ [0, 1)`, `r = √(−2 ln u₁)` gives the two independent standard normals `r cos 2πu₂` and
/// `r sin 2πu₂`, both used, in that order.
///
/// ```swift
/// let he = try Initializer(named: "he")
/// var random = RandomSource(seed: 1)
/// he.initialize(&layers, random: &random)  // every Dense: He weights, zero biases
/// ```
public enum Initializer: String, CaseIterable, Sendable, Hashable, Codable {
  /// Uniform on [0, 1): the seed's plain `np.random.rand`. Mean 1/2, so deep networks
  /// saturate or diverge.
  case uniform = "uniform"
  /// Uniform on [0, 1) scaled by 0.01: `np.random.rand * 0.01`.
  case scaledUniform = "uniform-0.01"
  /// The standard Gaussian N(0, 1).
  case gaussian = "gaussian"
  /// Xavier: N(0, 1) scaled by `1/√nIn`, standard deviation `1/√nIn`.
  case xavier = "xavier"
  /// He: N(0, 1) scaled by `√(2/nIn)`, standard deviation `√(2/nIn)`, for ReLU layers.
  case he = "he"
  /// The seed's "Bengio" variant: N(0, 1) scaled by `1/√(nIn + nOut)`.
  case bengio = "bengio"

  /// The initializer called `name` (case-insensitive; its ``rawValue``, or one of the aliases
  /// `uniform/100`, `uniform100`, `scaled-uniform`, `normal`, `glorot`).
  ///
  /// - Throws: ``InitializerError/unknownName(_:known:)`` listing the known names.
  public init(named name: String) throws(InitializerError) {
    let key = name.lowercased()
    if let known = Initializer(rawValue: key) {
      self = known
      return
    }
    switch key {
    case "uniform/100", "uniform100", "scaled-uniform": self = .scaledUniform
    case "normal": self = .gaussian
    case "glorot": self = .xavier
    default: throw .unknownName(name, known: Initializer.allCases.map(\.rawValue))
    }
  }

  /// The name ``init(named:)`` accepts, e.g. `"he"`.
  public var name: String { rawValue }

  /// The standard deviation of a Gaussian rule for a layer of `nIn` inputs and `nOut` outputs,
  /// or `nil` for the uniform rules.
  @inlinable
  public func standardDeviation(nIn: Int, nOut: Int) -> Double? {
    switch self {
    case .uniform, .scaledUniform: nil
    case .gaussian: 1
    case .xavier: 1 / Double(nIn).squareRoot()
    case .he: (2 / Double(nIn)).squareRoot()
    case .bengio: 1 / Double(nIn + nOut).squareRoot()
    }
  }

  /// `count` weights for a layer of `nIn` inputs and `nOut` outputs, drawn from `random`.
  @inlinable
  public func sample(
    count: Int, nIn: Int, nOut: Int, random: inout RandomSource
  ) -> [Double] {
    switch self {
    case .uniform:
      return (0..<count).map { _ in random.nextUnit() }
    case .scaledUniform:
      return (0..<count).map { _ in 0.01 * random.nextUnit() }
    case .gaussian, .xavier, .he, .bengio:
      let scale = standardDeviation(nIn: nIn, nOut: nOut) ?? 1
      return Initializer.standardNormals(count: count, random: &random).map { $0 * scale }
    }
  }

  /// `count` independent standard normal draws by the Box–Muller transform (see the type's
  /// documentation); an odd count drops the last sine.
  @inlinable
  public static func standardNormals(count: Int, random: inout RandomSource) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(count + 1)
    while result.count < count {
      let u1 = 1 - random.nextUnit()  // (0, 1]: the logarithm stays finite
      let u2 = random.nextUnit()
      let r = Double.sqrt(-2 * Double.log(u1))
      let angle = 2 * Double.pi * u2
      result.append(r * Double.cos(angle))
      result.append(r * Double.sin(angle))
    }
    result.removeLast(result.count - count)
    return result
  }

  /// A weight tensor of shape `[nIn, nOut]` (``/DenseLayer/Dense``'s layout), drawn from
  /// `random` and rounded to `T`.
  @inlinable
  public func weights<T: LayerScalar>(
    nIn: Int, nOut: Int, of scalar: T.Type = T.self, random: inout RandomSource
  ) -> Tensor<T> {
    let values = sample(count: nIn * nOut, nIn: nIn, nOut: nOut, random: &random)
    var tensor = Tensor<T>(zeros: [nIn, nOut])
    for k in values.indices { tensor.scalars[k] = T(values[k]) }
    return tensor
  }
}

/// Why an initializer could not be chosen.
public enum InitializerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No initializer has this name; `known` lists the names that exist.
  case unknownName(String, known: [String])

  /// E.g. `unknown initializer "lecun"; known: uniform, uniform-0.01, gaussian, ...`.
  public var description: String {
    switch self {
    case .unknownName(let name, let known):
      "unknown initializer \"\(name)\"; known: \(known.joined(separator: ", "))"
    }
  }
}
