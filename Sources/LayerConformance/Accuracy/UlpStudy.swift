import LayerCore

/// How many units in the last place an activation's own f and f' are from the truth, measured
/// against a per-type table (`Benchmarks/References/ULP/<Name>.<Type>.csv`).
///
/// The error at a row is |computed − truth| / ulp, where ulp is the spacing of the scalar type
/// at the correctly rounded truth (on its lower side at a power of two). Rows whose correctly
/// rounded truth is zero or subnormal are skipped for that quantity, as the targets apply
/// where the result is a normal number; a non-finite computed value counts as an infinite
/// error. The truth is read in `Float80` where it exists, so the measured error is exact to
/// about 1/2000 ULP in `Double`.
public struct UlpStudy: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The activation's name.
  public var component: String
  /// The scalar type computed in.
  public var scalar: String
  /// `"f"` or `"f'"`.
  public var quantity: String
  /// How many rows were compared.
  public var points: Int
  /// The median error in ULPs.
  public var median: Double
  /// The largest error in ULPs.
  public var maximum: Double
  /// Where the largest error occurs.
  public var worstX: Double

  /// E.g. `SELU f' [Double]: 339 points, median 0.27 ULP, max 1.1 ULP at x = -3.5`.
  public var description: String {
    "\(component) \(quantity) [\(scalar)]: \(points) points, median \(median) ULP, max "
      + "\(maximum) ULP at x = \(worstX)"
  }

  /// Measures the value and the derivative of `activation` in `T` against `table`, whose x
  /// column holds exact values of `T`.
  public static func measure<T: LayerScalar & BinaryFloatingPoint>(
    _ activation: some Activation, in _: T.Type, table: ReferenceTable
  ) -> (value: UlpStudy, derivative: UlpStudy) {
    var values: [(Double, Double)] = []
    var derivatives: [(Double, Double)] = []
    for row in table.rows {
      let x = T(row.x)
      if let error = ulpError(activation.value(at: x), truth: row.value) {
        values.append((error, row.x))
      }
      if let error = ulpError(activation.derivative(at: x), truth: row.derivative) {
        derivatives.append((error, row.x))
      }
    }
    let name = activation.name
    let scalar = "\(T.self)"
    return (
      summary(values, component: name, scalar: scalar, quantity: "f"),
      summary(derivatives, component: name, scalar: scalar, quantity: "f'")
    )
  }

  /// The error of `computed` in ULPs of `T` against the decimal `truth`, or `nil` if the
  /// correctly rounded truth is zero, subnormal or not finite.
  public static func ulpError<T: BinaryFloatingPoint>(_ computed: T, truth: String) -> Double? {
    #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
      typealias Wide = Float80
    #else
      typealias Wide = Double
    #endif
    guard let exact = Wide(truth) else { return nil }
    let rounded = T(exact)
    guard rounded.isNormal else { return nil }
    var ulp = rounded.ulp
    if rounded.significandBitPattern == 0, Wide(rounded).magnitude > exact.magnitude {
      ulp = ulp / 2  // the truth lies in the binade below
    }
    guard computed.isFinite else { return .infinity }
    return Double((Wide(computed) - exact).magnitude / Wide(ulp))
  }

  private static func summary(
    _ errors: [(Double, Double)], component: String, scalar: String, quantity: String
  ) -> UlpStudy {
    let sorted = errors.map(\.0).sorted()
    let median: Double
    if sorted.isEmpty {
      median = .nan
    } else if sorted.count % 2 == 1 {
      median = sorted[sorted.count / 2]
    } else {
      median = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    let worst = errors.max { $0.0 < $1.0 }
    return UlpStudy(
      component: component, scalar: scalar, quantity: quantity, points: errors.count,
      median: median, maximum: worst?.0 ?? .nan, worstX: worst?.1 ?? .nan)
  }
}
