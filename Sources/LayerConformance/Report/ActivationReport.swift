/// The outcome of checking one activation in one scalar type.
public struct ActivationReport: Sendable, Hashable, Codable {
  /// The component's registered name.
  public var component: String
  /// The scalar type checked, e.g. `"Double"`.
  public var scalar: String
  /// The parameter values in force, by name.
  public var parameters: [String: Double]
  /// How many points were compared with a numeric reference.
  public var points: Int
  /// The largest relative error over those points.
  public var maxRelativeError: Double
  /// The tolerance the errors were held to.
  public var tolerance: Tolerance
  /// The worst points, worst first (at most five).
  public var worstPoints: [PointResult]
  /// The measurements at every declared kink.
  public var kinks: [KinkResult]
  /// Everything found wrong; empty when the component passes.
  public var problems: [Problem]
  /// Observations that are not failures, such as points where dual numbers were outvoted.
  public var notes: [String] = []
  /// Of ``points``, how many the two finite differences confirmed independently of the dual
  /// numbers (the rest lie where finite differences are too imprecise, such as saturated
  /// tails).
  public var confirmedPoints: Int = 0
  /// The measurements at every declared jump.
  public var jumps: [JumpResult] = []

  /// Whether the component passed: at least one point checked, and no problem found.
  public var passed: Bool { problems.isEmpty && points > 0 }

  /// How many declared kinks were measured to be real.
  public var kinksConfirmed: Int { kinks.filter(\.confirmed).count }

  /// How many declared jumps were measured to be real.
  public var jumpsConfirmed: Int { jumps.filter(\.confirmed).count }

  /// The component name with its parameters, e.g. `LeakyReLU(negativeSlope: 0.2)`.
  public var componentDescription: String {
    if parameters.isEmpty { return component }
    let list = parameters.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    return "\(component)(\(list.joined(separator: ", ")))"
  }
}

extension ActivationReport: CustomStringConvertible {
  /// A multi-line report: the verdict, every problem, the worst points, the kinks and the
  /// jumps.
  public var description: String {
    var lines: [String] = []
    let verdict = passed ? "passed" : "FAILED"
    lines.append(
      "\(componentDescription) [\(scalar)]: \(verdict): \(points) points checked, "
        + "worst relative error \(format(maxRelativeError)) (tolerance \(format(tolerance.relative)), "
        + "floor \(format(tolerance.floor)))")
    for problem in problems.prefix(10) {
      lines.append("  - \(problem.message)")
    }
    if problems.count > 10 { lines.append("  - ... and \(problems.count - 10) more problems") }
    for note in notes.prefix(3) { lines.append("  note: \(note)") }
    if !worstPoints.isEmpty {
      lines.append("  worst points:")
      let header = [
        "x", "analytic", "central", "richardson", "dual", "stencil", "error", "tolerance",
      ]
      let widths = [24, 24, 24, 24, 24, 9, 24, 0]
      lines.append("    " + zip(header, widths).map { pad($0, $1) }.joined())
      for point in worstPoints {
        let cells = [
          format(point.x), format(point.analytic), format(point.references["central"] ?? .nan),
          format(point.references["richardson"] ?? .nan),
          format(point.references["dual"] ?? .nan), point.stencil, format(point.error),
          format(point.tolerance),
        ]
        lines.append("    " + zip(cells, widths).map { pad($0, $1) }.joined())
      }
    }
    for kink in kinks {
      lines.append(
        "  kink at \(format(kink.location)): slopes \(format(kink.leftSlope)) (left) / "
          + "\(format(kink.rightSlope)) (right), derivative there \(format(kink.analyticAtKink)) "
          + "[\(kink.convention)] \(kink.confirmed ? "confirmed" : "NOT FOUND")"
          + (kink.conventionHolds ? "" : ", convention broken"))
    }
    for jump in jumps {
      lines.append(
        "  jump at \(format(jump.location)): limits \(format(jump.leftLimit)) (left) / "
          + "\(format(jump.rightLimit)) (right), value there \(format(jump.valueAtJump)) "
          + "(declared \(format(jump.declaredValue))), slopes \(format(jump.leftSlope)) / "
          + "\(format(jump.rightSlope)), derivative there \(format(jump.analyticAtJump)) "
          + "[\(jump.convention)] \(jump.confirmed ? "confirmed" : "NOT FOUND")"
          + (jump.valueHolds ? "" : ", value wrong")
          + (jump.conventionHolds ? "" : ", convention broken"))
    }
    return lines.joined(separator: "\n")
  }
}
