import LayerCore

/// A concrete floating-point type the conformance kit can check components in.
///
/// Each type names a ``Wide`` type in which the kit computes its numeric references
/// (`Float` → `Double`, `Double` → `Float80` where the platform has it), and the tolerance a
/// correct component must meet in it.
public protocol CheckableScalar: LayerScalar, BinaryFloatingPoint {
  /// The wider type the numeric side of a check is computed in.
  associatedtype Wide: CheckableScalar
  /// The name shown in reports, e.g. `"Double"`.
  static var scalarName: String { get }
  /// How closely the hand-written derivative must match the numeric reference.
  static var tolerance: Tolerance { get }
}

/// A relative tolerance with a floor, so that zero and tiny gradients are judged fairly.
///
/// The relative error of an analytic value `a` against a reference `n` is
/// `|a - n| / max(|a|, |n|, floor)`: relative where the derivative is large, and absolute
/// (scaled by `1 / floor`) where it is tiny or zero.
public struct Tolerance: Sendable, Hashable, Codable {
  /// The largest relative error that passes.
  public var relative: Double
  /// The magnitude below which errors are measured absolutely.
  public var floor: Double

  /// A tolerance of `relative` above `floor`.
  public init(relative: Double, floor: Double) {
    self.relative = relative
    self.floor = floor
  }

  /// The error of `analytic` against `reference`; infinity when either is NaN.
  @inlinable
  public func error(_ analytic: Double, _ reference: Double) -> Double {
    if analytic.isNaN || reference.isNaN { return .infinity }
    if analytic == reference { return 0 }
    let scale = Swift.max(Swift.abs(analytic), Swift.abs(reference), floor)
    return Swift.abs(analytic - reference) / scale
  }
}

extension Float: CheckableScalar {
  /// References for `Float` are computed in `Double`.
  public typealias Wide = Double
  /// `"Float"`.
  public static var scalarName: String { "Float" }
  /// 1e-4 relative; absolute below 1e-2 (about 8 ulps of 1, the error of a correct Float
  /// formula that subtracts two rounded values near 1).
  public static var tolerance: Tolerance { Tolerance(relative: 1e-4, floor: 1e-2) }
}

#if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android))
  extension Double: CheckableScalar {
    /// References for `Double` are computed in `Float80`.
    public typealias Wide = Float80
    /// `"Double"`.
    public static var scalarName: String { "Double" }
    /// 1e-8 relative; absolute below 1e-5 (an absolute error of 1e-13, a few hundred ulps of 1).
    public static var tolerance: Tolerance { Tolerance(relative: 1e-8, floor: 1e-5) }
  }

  extension Float80: CheckableScalar {
    /// `Float80` is the widest type; its references are computed in itself.
    public typealias Wide = Float80
    /// `"Float80"`.
    public static var scalarName: String { "Float80" }
    /// As for `Double`.
    public static var tolerance: Tolerance { Tolerance(relative: 1e-8, floor: 1e-5) }
  }
#else
  extension Double: CheckableScalar {
    /// Without `Float80`, references for `Double` are computed in `Double` itself.
    public typealias Wide = Double
    /// `"Double"`.
    public static var scalarName: String { "Double" }
    /// 1e-8 relative; absolute below 1e-5.
    public static var tolerance: Tolerance { Tolerance(relative: 1e-8, floor: 1e-5) }
  }
#endif

/// The scalar types the kit checks, as a value (for command-line flags and test arguments).
public enum ScalarKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// `Float`.
  case float = "Float"
  /// `Double`.
  case double = "Double"

  /// `"Float"` or `"Double"`.
  public var description: String { rawValue }
}
