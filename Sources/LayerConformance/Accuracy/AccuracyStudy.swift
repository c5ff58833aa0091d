import LayerCore

/// How accurately a numeric method reproduces the true derivative from a ``ReferenceTable``.
public struct AccuracyStudy: Sendable, Hashable, Codable {
  /// A method and the type it computes in, e.g. `richardson` in `Float80`.
  public var method: String
  /// The type the method computed in.
  public var scalar: String
  /// How many table rows were compared.
  public var points: Int
  /// The median relative error against the table.
  public var median: Double
  /// The largest relative error against the table.
  public var maximum: Double

  /// Measures `estimate` against the derivative column of `table`.
  ///
  /// The relative error is |n - f'| / |f'|, and |n| itself where f' = 0.
  public static func measure<W: CheckableScalar & LosslessStringConvertible>(
    method: String, in _: W.Type, table: ReferenceTable, estimate: (W) -> W
  ) -> AccuracyStudy {
    var errors: [Double] = []
    for row in table.rows {
      guard let truth = W(row.derivative) else { continue }
      let numeric = estimate(W(row.x))
      let difference = Swift.abs(numeric - truth)
      let error = truth == 0 ? difference : difference / Swift.abs(truth)
      errors.append(Double(error))
    }
    errors.sort()
    let median =
      errors.isEmpty
      ? .nan
      : errors.count % 2 == 1
        ? errors[errors.count / 2] : (errors[errors.count / 2 - 1] + errors[errors.count / 2]) / 2
    return AccuracyStudy(
      method: method, scalar: W.scalarName, points: errors.count, median: median,
      maximum: errors.last ?? .nan)
  }

  /// Measures every ``DerivativeMethod`` on `activation` in `W`, plus the textbook central
  /// difference with h = 1e-7 and the activation's own hand-written derivative.
  public static func measureAll<W: CheckableScalar & LosslessStringConvertible>(
    _ activation: some Activation, in scalar: W.Type, table: ReferenceTable
  ) -> [AccuracyStudy] {
    var studies = [
      measure(method: "central, h = 1e-7 (textbook)", in: scalar, table: table) {
        NumericDerivative.central(of: activation, at: $0, step: W(1e-7))
      }
    ]
    for method in DerivativeMethod.allCases {
      studies.append(
        measure(method: method.rawValue, in: scalar, table: table) {
          NumericDerivative.estimate(of: activation, at: $0, by: method)
        })
    }
    studies.append(
      measure(method: "hand-written derivative", in: scalar, table: table) {
        activation.derivative(at: $0)
      })
    return studies
  }
}
