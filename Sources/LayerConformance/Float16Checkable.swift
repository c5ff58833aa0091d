import Foundation
import LayerCore

#if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
  extension Float16: CheckableScalar {
    /// References for `Float16` are computed in `Double`.
    public typealias Wide = Double
    /// `"Float16"`.
    public static var scalarName: String { "Float16" }
    /// Derived from ε = 2⁻¹⁰ ≈ 9.8e-4, the distance from 1 to the next `Float16`: eight ulps
    /// everywhere.
    ///
    /// - relative 8ε = 2⁻⁷ ≈ 7.8e-3. A correct derivative formula rounds a handful of times
    ///   (each elementary function once, through `Float`, and each operation once), each time
    ///   by at most ε/2, so it is off by a few ε; 8ε leaves a factor of about 2 to 3.
    /// - floor 1: below |f'| = 1 where |f(x)| ≥ 1 errors are absolute, up to 8ε, eight ulps of
    ///   1, the rounding of quantities of the size of f (as `Float`'s 1e-6 absolute is about
    ///   8 ulps of 1).
    /// - minimum scale 1/16: where |f(x)| is tiny the absolute slack never falls below
    ///   8ε / 16 = ε/2, the rounding of one quantity of size 1. A correct but naive formula
    ///   computes from such quantities even where f is tiny (GELU through 1 + erf, `s·(1−s)`),
    ///   as `Float`'s smallest slack 1e-7 ≈ 0.8 ε and `Double`'s 1e-15 ≈ 4.5 ε allow. It also
    ///   covers the subnormal range below 2⁻¹⁴, spaced 2⁻²⁴ apart.
    public static var tolerance: Tolerance {
      Tolerance(relative: 8 * Double(Float16.ulpOfOne), floor: 1, minimumScale: 1.0 / 16)
    }
  }

  extension Float16: NetworkCheckScalar {
    /// 4 · ε^(2/3) ≈ 0.039, from the noise of a central difference in the network's own type:
    /// with step ∛ε the rounding of the loss gives a relative error of about ε / ∛ε = ε^(2/3)
    /// ≈ 9.8e-3 (the test network measures 0.0099); the factor 4 covers the loss's size and
    /// the network's depth. A Dense without its transpose gives 0.38, ten times more.
    ///
    /// Use the full strategy in `Float16`: along a random direction through every parameter
    /// at once each perturbed parameter is rounded to `Float16` as well, and a correct network
    /// already differs by about 8 · ε^(2/3) there.
    public static var networkThreshold: Double {
      4 * Foundation.pow(Double(Float16.ulpOfOne), 2.0 / 3)
    }
  }
#endif
