import Foundation
import LayerCore

/// A concrete floating-point type the conformance kit can check components in.
///
/// Each type names a ``Wide`` type in which the kit computes its numeric references
/// (`Float16` → `Double`, `Float` → `Double`, `Double` → `Float80` where the platform has it
/// and `Double` elsewhere), and the tolerance a correct component must meet in it.
///
/// Two compile-time switches take the branches other platforms take, on any machine:
/// `-Xswiftc -DLAYERKIT_NO_FLOAT80` computes the `Double` references in `Double`, as on arm64,
/// and `-Xswiftc -DLAYERKIT_NO_FLOAT16` compiles `Float16` out, as on x86_64 macOS.
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
/// The error of an analytic value `a` against a reference `n` is
/// `|a - n| / max(|a|, |n|, floor)`: relative where the derivative is large, and absolute
/// (scaled by `1 / floor`) where it is tiny or zero.
///
/// The floor scales with the function: at a point where |f(x)| is below 1 it is
/// `floor · max(|f(x)|, minimumScale)`. A derivative formula is computed from quantities of
/// the size of f(x), so its rounding error scales with |f(x)|, not with 1; scaling the floor
/// the same way (as one scales a loss) judges tiny gradients in a vanishing tail, such as
/// σ'(-30) ≈ 9.4e-14, far more strictly than a fixed floor could.
public struct Tolerance: Sendable, Hashable, Codable {
  /// The largest error that passes.
  public var relative: Double
  /// The magnitude below which errors are measured absolutely, where |f(x)| >= 1.
  public var floor: Double
  /// The smallest factor `floor` is scaled by where |f(x)| is tiny.
  public var minimumScale: Double

  /// A tolerance of `relative` above a floor of `floor` (scaled down to
  /// `floor · minimumScale` where the function is tiny).
  public init(relative: Double, floor: Double, minimumScale: Double = 1) {
    self.relative = relative
    self.floor = floor
    self.minimumScale = minimumScale
  }

  /// The floor at a point where the function's magnitude is `magnitude`.
  @inlinable
  public func floor(forFunctionMagnitude magnitude: Double) -> Double {
    guard magnitude.isFinite else { return floor }
    return floor * Swift.max(Swift.min(magnitude, 1), minimumScale)
  }

  /// The floor for the entries of one tensor whose largest |numeric gradient| is `scale`:
  /// ``floor`` raised to `floor · scale` when `scale` exceeds 1, never lowered.
  ///
  /// A central difference of an objective of size |L| carries rounding noise of about
  /// ε^(2/3) · |L| whatever the entry, and a tensor's largest gradient is of the size of |L|.
  /// Where gradients are large (a recurrence that explodes along a long sequence) the small
  /// entries of the tensor are then judged absolutely against that noise, while its entries of
  /// the tensor's own size are still judged relatively with the same tolerance. Tiny entries of
  /// a vanishing gradient are judged absolutely by the unchanged floor.
  @inlinable
  public func floor(forTensorScale scale: Double) -> Double {
    guard scale.isFinite else { return floor }
    return floor * Swift.max(scale, 1)
  }

  /// The error of `analytic` against `reference` with the given floor; infinity when either
  /// is NaN, or when either is infinite and they differ.
  @inlinable
  public func error(_ analytic: Double, _ reference: Double, floor: Double) -> Double {
    if analytic.isNaN || reference.isNaN { return .infinity }
    if analytic == reference { return 0 }
    if !analytic.isFinite || !reference.isFinite { return .infinity }
    let scale = Swift.max(Swift.abs(analytic), Swift.abs(reference), floor)
    return Swift.abs(analytic - reference) / scale
  }

  /// The error of `analytic` against `reference` with the full floor.
  @inlinable
  public func error(_ analytic: Double, _ reference: Double) -> Double {
    error(analytic, reference, floor: floor)
  }
}

extension Float: CheckableScalar {
  /// References for `Float` are computed in `Double`.
  public typealias Wide = Double
  /// `"Float"`.
  public static var scalarName: String { "Float" }
  /// 1e-4 relative; absolute below 1e-2 (an absolute error of 1e-6, about 8 ulps of 1: a
  /// correct Float formula that subtracts two rounded values near 1 loses that much), scaled
  /// down to 1e-3 where |f(x)| is tiny.
  public static var tolerance: Tolerance {
    Tolerance(relative: 1e-4, floor: 1e-2, minimumScale: 1e-1)
  }
}

#if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
  extension Double: CheckableScalar {
    /// References for `Double` are computed in `Float80`.
    public typealias Wide = Float80
    /// `"Double"`.
    public static var scalarName: String { "Double" }
    /// 1e-8 relative; absolute below 1e-5 (an absolute error of 1e-13, a few hundred ulps of
    /// 1), scaled down to 1e-7 (1e-15 absolute) where |f(x)| is tiny.
    public static var tolerance: Tolerance {
      Tolerance(relative: 1e-8, floor: 1e-5, minimumScale: 1e-2)
    }
  }

  extension Float80: CheckableScalar {
    /// `Float80` is the widest type; its references are computed in itself.
    public typealias Wide = Float80
    /// `"Float80"`.
    public static var scalarName: String { "Float80" }
    /// As for `Double`.
    public static var tolerance: Tolerance { Double.tolerance }
  }
#else
  extension Double: CheckableScalar {
    /// Without `Float80` (arm64, or `-DLAYERKIT_NO_FLOAT80`), references for `Double` are
    /// computed in `Double` itself.
    public typealias Wide = Double
    /// `"Double"`.
    public static var scalarName: String { "Double" }
    /// As with `Float80` references: 1e-8 relative; absolute below 1e-5, scaled down to 1e-7
    /// where |f(x)| is tiny. Dual numbers in `Double` are still exact up to the rounding of
    /// the implementation; the layer checker raises its floor for the central differences'
    /// noise in `Double` (see ``CheckableScalar/layerTolerance``).
    public static var tolerance: Tolerance {
      Tolerance(relative: 1e-8, floor: 1e-5, minimumScale: 1e-2)
    }
  }
#endif

extension CheckableScalar {
  /// The tolerance of the layer checker: ``tolerance`` with its floor raised, where needed,
  /// above the noise of a central difference computed in ``Wide``.
  ///
  /// A central difference of the objective with step h = ∛ε_W · max(|x|, 1) carries a rounding
  /// error of about ε_W / h = ε_W^(2/3) times the objective's magnitude. An entry whose
  /// gradient is of that size is judged absolutely, with slack `relative × floor`, so the floor
  /// must satisfy `relative × floor ≥ 32 · ε_W^(2/3)` (a factor 32 for the objective's size
  /// and the terms it sums). `Float` (W = `Double`): 32 · 3.7e-11 / 1e-4 = 1.2e-5, below its
  /// floor 1e-2. `Double` with `Float80`: 32 · 2.3e-13 / 1e-8 = 7.3e-4. `Double` in `Double`:
  /// 32 · 3.7e-11 / 1e-8 = 0.12. `Float16` (W = `Double`): 1.5e-7, below its floor 1.
  @inlinable
  public static var layerTolerance: Tolerance {
    var result = tolerance
    let noise = 32 * Foundation.pow(Double(Wide.ulpOfOne), 2.0 / 3)
    result.floor = Swift.max(result.floor, noise / result.relative)
    return result
  }
}
