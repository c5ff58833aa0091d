// Conformances of the standard floating-point types to LayerScalar: each elementary
// function forwards to the C math library through the shims in LibM.swift.

extension Float: LayerScalar {
  /// Compositions are evaluated in `Double` and rounded once (see ``LayerScalar/Evaluation``).
  public typealias Evaluation = Double
  /// `x` as a `Double`, exactly.
  @inlinable @inline(__always)
  public static func widened(_ x: Float) -> Double { Double(x) }
  /// `x` rounded to the nearest `Float`.
  @inlinable @inline(__always)
  public static func narrowed(_ x: Double) -> Float { Float(x) }
  /// Absolute value.
  @inlinable @inline(__always)
  public static func abs(_ x: Float) -> Float { x.magnitude }
  /// `exp` from the platform's C math library.
  @inlinable @inline(__always)
  public static func exp(_ x: Float) -> Float { libmExp(x) }
  /// `expm1` from the platform's C math library.
  @inlinable @inline(__always)
  public static func expm1(_ x: Float) -> Float { libmExpm1(x) }
  /// `log` from the platform's C math library.
  @inlinable @inline(__always)
  public static func log(_ x: Float) -> Float { libmLog(x) }
  /// `log1p` from the platform's C math library.
  @inlinable @inline(__always)
  public static func log1p(_ x: Float) -> Float { libmLog1p(x) }
  /// `tanh` from the platform's C math library.
  @inlinable @inline(__always)
  public static func tanh(_ x: Float) -> Float { libmTanh(x) }
  /// `erf` from the platform's C math library.
  @inlinable @inline(__always)
  public static func erf(_ x: Float) -> Float { libmErf(x) }
  /// `erfc` from the platform's C math library.
  @inlinable @inline(__always)
  public static func erfc(_ x: Float) -> Float { libmErfc(x) }
  /// `sqrt` from the platform's C math library.
  @inlinable @inline(__always)
  public static func sqrt(_ x: Float) -> Float { libmSqrt(x) }
  /// `sin` from the platform's C math library.
  @inlinable @inline(__always)
  public static func sin(_ x: Float) -> Float { libmSin(x) }
  /// `cos` from the platform's C math library.
  @inlinable @inline(__always)
  public static func cos(_ x: Float) -> Float { libmCos(x) }
  /// `atan` from the platform's C math library.
  @inlinable @inline(__always)
  public static func atan(_ x: Float) -> Float { libmAtan(x) }
  /// `pow` from the platform's C math library.
  @inlinable @inline(__always)
  public static func pow(_ x: Float, _ y: Float) -> Float { libmPow(x, y) }
}

extension Double: LayerScalar {
  /// Absolute value.
  @inlinable @inline(__always)
  public static func abs(_ x: Double) -> Double { x.magnitude }
  /// `exp` from the platform's C math library.
  @inlinable @inline(__always)
  public static func exp(_ x: Double) -> Double { libmExp(x) }
  /// `expm1` from the platform's C math library.
  @inlinable @inline(__always)
  public static func expm1(_ x: Double) -> Double { libmExpm1(x) }
  /// `log` from the platform's C math library.
  @inlinable @inline(__always)
  public static func log(_ x: Double) -> Double { libmLog(x) }
  /// `log1p` from the platform's C math library.
  @inlinable @inline(__always)
  public static func log1p(_ x: Double) -> Double { libmLog1p(x) }
  /// `tanh` from the platform's C math library.
  @inlinable @inline(__always)
  public static func tanh(_ x: Double) -> Double { libmTanh(x) }
  /// `erf` from the platform's C math library.
  @inlinable @inline(__always)
  public static func erf(_ x: Double) -> Double { libmErf(x) }
  /// `erfc` from the platform's C math library.
  @inlinable @inline(__always)
  public static func erfc(_ x: Double) -> Double { libmErfc(x) }
  /// `sqrt` from the platform's C math library.
  @inlinable @inline(__always)
  public static func sqrt(_ x: Double) -> Double { libmSqrt(x) }
  /// `sin` from the platform's C math library.
  @inlinable @inline(__always)
  public static func sin(_ x: Double) -> Double { libmSin(x) }
  /// `cos` from the platform's C math library.
  @inlinable @inline(__always)
  public static func cos(_ x: Double) -> Double { libmCos(x) }
  /// `atan` from the platform's C math library.
  @inlinable @inline(__always)
  public static func atan(_ x: Double) -> Double { libmAtan(x) }
  /// `pow` from the platform's C math library.
  @inlinable @inline(__always)
  public static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
}

#if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
  extension Float80: LayerScalar {
    /// Absolute value.
    @inlinable @inline(__always)
    public static func abs(_ x: Float80) -> Float80 { x.magnitude }
    /// `exp` from the platform's C math library.
    @inlinable @inline(__always)
    public static func exp(_ x: Float80) -> Float80 { libmExp(x) }
    /// `expm1` from the platform's C math library.
    @inlinable @inline(__always)
    public static func expm1(_ x: Float80) -> Float80 { libmExpm1(x) }
    /// `log` from the platform's C math library.
    @inlinable @inline(__always)
    public static func log(_ x: Float80) -> Float80 { libmLog(x) }
    /// `log1p` from the platform's C math library.
    @inlinable @inline(__always)
    public static func log1p(_ x: Float80) -> Float80 { libmLog1p(x) }
    /// `tanh` from the platform's C math library.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float80) -> Float80 { libmTanh(x) }
    /// `erf` from the platform's C math library.
    @inlinable @inline(__always)
    public static func erf(_ x: Float80) -> Float80 { libmErf(x) }
    /// `erfc` from the platform's C math library.
    @inlinable @inline(__always)
    public static func erfc(_ x: Float80) -> Float80 { libmErfc(x) }
    /// `sqrt` from the platform's C math library.
    @inlinable @inline(__always)
    public static func sqrt(_ x: Float80) -> Float80 { libmSqrt(x) }
    /// `sin` from the platform's C math library.
    @inlinable @inline(__always)
    public static func sin(_ x: Float80) -> Float80 { libmSin(x) }
    /// `cos` from the platform's C math library.
    @inlinable @inline(__always)
    public static func cos(_ x: Float80) -> Float80 { libmCos(x) }
    /// `atan` from the platform's C math library.
    @inlinable @inline(__always)
    public static func atan(_ x: Float80) -> Float80 { libmAtan(x) }
    /// `pow` from the platform's C math library.
    @inlinable @inline(__always)
    public static func pow(_ x: Float80, _ y: Float80) -> Float80 { libmPow(x, y) }
  }
#endif
