// Free-function shims over the C math library's type-generic overloads. They live apart
// from StandardScalars.swift so that the static members `Float.exp` and friends do not
// shadow the free functions they forward to.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

@usableFromInline @inline(__always) func libmExp(_ x: Float) -> Float { exp(x) }
@usableFromInline @inline(__always) func libmExpm1(_ x: Float) -> Float { expm1(x) }
@usableFromInline @inline(__always) func libmLog(_ x: Float) -> Float { log(x) }
@usableFromInline @inline(__always) func libmLog1p(_ x: Float) -> Float { log1p(x) }
@usableFromInline @inline(__always) func libmTanh(_ x: Float) -> Float { tanh(x) }
@usableFromInline @inline(__always) func libmErf(_ x: Float) -> Float { erf(x) }
@usableFromInline @inline(__always) func libmErfc(_ x: Float) -> Float { erfc(x) }
@usableFromInline @inline(__always) func libmSqrt(_ x: Float) -> Float { sqrt(x) }
@usableFromInline @inline(__always) func libmSin(_ x: Float) -> Float { sin(x) }
@usableFromInline @inline(__always) func libmCos(_ x: Float) -> Float { cos(x) }
@usableFromInline @inline(__always) func libmAtan(_ x: Float) -> Float { atan(x) }
@usableFromInline @inline(__always) func libmPow(_ x: Float, _ y: Float) -> Float { pow(x, y) }

@usableFromInline @inline(__always) func libmExp(_ x: Double) -> Double { exp(x) }
@usableFromInline @inline(__always) func libmExpm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline @inline(__always) func libmLog(_ x: Double) -> Double { log(x) }
@usableFromInline @inline(__always) func libmLog1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline @inline(__always) func libmTanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline @inline(__always) func libmErf(_ x: Double) -> Double { erf(x) }
@usableFromInline @inline(__always) func libmErfc(_ x: Double) -> Double { erfc(x) }
@usableFromInline @inline(__always) func libmSqrt(_ x: Double) -> Double { sqrt(x) }
@usableFromInline @inline(__always) func libmSin(_ x: Double) -> Double { sin(x) }
@usableFromInline @inline(__always) func libmCos(_ x: Double) -> Double { cos(x) }
@usableFromInline @inline(__always) func libmAtan(_ x: Double) -> Double { atan(x) }
@usableFromInline @inline(__always) func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

#if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
  @usableFromInline @inline(__always) func libmExp(_ x: Float80) -> Float80 { exp(x) }
  @usableFromInline @inline(__always) func libmExpm1(_ x: Float80) -> Float80 { expm1(x) }
  @usableFromInline @inline(__always) func libmLog(_ x: Float80) -> Float80 { log(x) }
  @usableFromInline @inline(__always) func libmLog1p(_ x: Float80) -> Float80 { log1p(x) }
  @usableFromInline @inline(__always) func libmTanh(_ x: Float80) -> Float80 { tanh(x) }
  @usableFromInline @inline(__always) func libmErf(_ x: Float80) -> Float80 { erf(x) }
  @usableFromInline @inline(__always) func libmErfc(_ x: Float80) -> Float80 { erfc(x) }
  @usableFromInline @inline(__always) func libmSqrt(_ x: Float80) -> Float80 { sqrt(x) }
  @usableFromInline @inline(__always) func libmSin(_ x: Float80) -> Float80 { sin(x) }
  @usableFromInline @inline(__always) func libmCos(_ x: Float80) -> Float80 { cos(x) }
  @usableFromInline @inline(__always) func libmAtan(_ x: Float80) -> Float80 { atan(x) }
  @usableFromInline @inline(__always) func libmPow(_ x: Float80, _ y: Float80) -> Float80 {
    pow(x, y)
  }
#endif
