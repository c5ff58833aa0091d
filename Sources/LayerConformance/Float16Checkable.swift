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
    /// - minimum scale 2⁻¹⁴ ≈ 6.1e-5, the smallest normal `Float16`: below it values are
    ///   subnormal, spaced 2⁻²⁴ apart, and lose relative precision; the absolute slack never
    ///   falls below 8ε · 2⁻¹⁴ = 2⁻²¹, eight subnormal spacings.
    public static var tolerance: Tolerance {
      Tolerance(
        relative: 8 * Double(Float16.ulpOfOne), floor: 1,
        minimumScale: Double(Float16.leastNormalMagnitude))
    }
  }

  extension Float16: NetworkCheckScalar {
    /// 0.4, as for `Float` from the noise of a central difference in the network's own type:
    /// `Float`'s 1e-3 is about 41 · ε^(2/3) for its ε = 2⁻²³; with `Float16`'s ε = 2⁻¹⁰,
    /// 41 · ε^(2/3) ≈ 0.40.
    public static var networkThreshold: Double { 0.4 }
  }
#endif
