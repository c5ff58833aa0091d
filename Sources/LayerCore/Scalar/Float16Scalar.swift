// The conformance of `Float16` to LayerScalar, where the platform has `Float16`: on arm64
// (Apple platforms and Linux) and on x86_64 Linux. Elsewhere (x86_64 macOS, where the type is
// unavailable) and with `-Xswiftc -DLAYERKIT_NO_FLOAT16` it is compiled out.
//
// Half precision has no C math library, so every elementary function is computed in `Float`
// and rounded once to `Float16`. `Float`'s libm functions are accurate to about 1 ulp of
// `Float` (2^-23 relative), 2^13 times finer than one ulp of `Float16`, so the result is the
// correctly rounded `Float16` value except when the exact value lies within about 2^-13 ulp
// of a rounding boundary: at most half an ulp of `Float16` plus a negligible error.
//
// On Apple platforms `Float16` needs macOS 11, iOS 14, tvOS 14 or watchOS 7: the package's
// `platforms` ask for those.

#if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
  extension Float16: LayerScalar {
    /// Compositions are evaluated in `Double` and rounded once, as for `Float` (see
    /// ``LayerScalar/Evaluation``): no intermediate such as x³ overflows half precision.
    public typealias Evaluation = Double
    /// `x` converted exactly to `Double`.
    @inlinable @inline(__always)
    public static func widened(_ x: Float16) -> Double { Double(x) }
    /// `x` rounded to nearest `Float16`.
    @inlinable @inline(__always)
    public static func narrowed(_ x: Double) -> Float16 { Float16(x) }
    /// Absolute value.
    @inlinable @inline(__always)
    public static func abs(_ x: Float16) -> Float16 { x.magnitude }
    /// `exp`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func exp(_ x: Float16) -> Float16 { Float16(Float.exp(Float(x))) }
    /// `expm1`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func expm1(_ x: Float16) -> Float16 { Float16(Float.expm1(Float(x))) }
    /// `log`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func log(_ x: Float16) -> Float16 { Float16(Float.log(Float(x))) }
    /// `log1p`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func log1p(_ x: Float16) -> Float16 { Float16(Float.log1p(Float(x))) }
    /// `tanh`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float16) -> Float16 { Float16(Float.tanh(Float(x))) }
    /// `erf`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func erf(_ x: Float16) -> Float16 { Float16(Float.erf(Float(x))) }
    /// `erfc`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func erfc(_ x: Float16) -> Float16 { Float16(Float.erfc(Float(x))) }
    /// `sqrt`, computed in `Float` and rounded (correctly rounded: `Float` has more than twice
    /// the precision of `Float16`).
    @inlinable @inline(__always)
    public static func sqrt(_ x: Float16) -> Float16 { Float16(Float.sqrt(Float(x))) }
    /// `sin`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func sin(_ x: Float16) -> Float16 { Float16(Float.sin(Float(x))) }
    /// `cos`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func cos(_ x: Float16) -> Float16 { Float16(Float.cos(Float(x))) }
    /// `atan`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func atan(_ x: Float16) -> Float16 { Float16(Float.atan(Float(x))) }
    /// `pow`, computed in `Float` and rounded.
    @inlinable @inline(__always)
    public static func pow(_ x: Float16, _ y: Float16) -> Float16 {
      Float16(Float.pow(Float(x), Float(y)))
    }
  }
#endif
