import LayerCore

// The loss and its gradient on SIMD lanes in `Float` (sixteen lanes) and `Double` (eight): the
// project's lane functions `softplusLog` (log(1 + e^−|z|)) and `logistic` (σ(z)) replace one
// libm `exp` and `log1p` per element. One generic body serves both types; the lane function is
// passed in and inlined. A tail shorter than a vector takes the scalar formula, so the results
// differ from the scalar loop by rounding only.

extension BinaryCrossEntropy {
  /// `Σ [max(z, 0) − z·y + log(1 + e^−|z|)]` over the leading whole vectors of `z` and `y`
  /// in `Float` and `Double`, and how many elements that covered; `nil` for other scalars.
  @inlinable
  func laneCost<T: LayerScalar>(_ z: [T], _ y: [T]) -> (sum: T, count: Int)? {
    if T.self == Float.self {
      let (sum, count) = Self.withBytes(z, y) { z, y in
        Self.costSum(z, y, SIMD16<Float>.self, FloatLanes.softplusLog)
      }
      return (unsafeBitCast(sum, to: T.self), count)
    }
    if T.self == Double.self {
      let (sum, count) = Self.withBytes(z, y) { z, y in
        Self.costSum(z, y, SIMD8<Double>.self, DoubleLanes.softplusLog)
      }
      return (unsafeBitCast(sum, to: T.self), count)
    }
    return nil
  }

  /// Writes `(σ(z) − y) / batch` into `g` over the leading whole vectors in `Float` and
  /// `Double` and returns how many elements that covered; `nil` for other scalars.
  @inlinable
  func laneGradient<T: LayerScalar>(
    _ z: [T], _ y: [T], dividedBy batch: T, into g: inout [T]
  ) -> Int? {
    g.withUnsafeMutableBytes { out in
      if T.self == Float.self {
        return Self.withBytes(z, y) { z, y in
          Self.gradient(
            z, y, dividedBy: unsafeBitCast(batch, to: Float.self), into: out, SIMD16<Float>.self,
            FloatLanes.logistic)
        }
      }
      if T.self == Double.self {
        return Self.withBytes(z, y) { z, y in
          Self.gradient(
            z, y, dividedBy: unsafeBitCast(batch, to: Double.self), into: out, SIMD8<Double>.self,
            DoubleLanes.logistic)
        }
      }
      return nil
    }
  }

  /// `body` on the two arrays' bytes.
  @inlinable @inline(__always)
  static func withBytes<T, R>(
    _ z: [T], _ y: [T], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R
  ) -> R {
    z.withUnsafeBytes { z in y.withUnsafeBytes { y in body(z, y) } }
  }

  /// The cost sum over whole vectors of `V`, lane by lane then across.
  @inlinable @inline(__always)
  static func costSum<V: SIMD>(
    _ z: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer, _: V.Type,
    _ softplusLog: (V) -> V
  ) -> (V.Scalar, Int) where V.Scalar: BinaryFloatingPoint {
    let stride = MemoryLayout<V>.size
    let whole = z.count / stride
    var sum = V()
    for v in 0..<whole {
      let zv = z.loadUnaligned(fromByteOffset: v * stride, as: V.self)
      let yv = y.loadUnaligned(fromByteOffset: v * stride, as: V.self)
      sum += zv.replacing(with: 0, where: zv .< 0) - zv * yv + softplusLog(zv)
    }
    return (sum.sum(), whole * V.scalarCount)
  }

  /// `(σ(z) − y) / batch` over whole vectors of `V`, written to `out`.
  @inlinable @inline(__always)
  static func gradient<V: SIMD>(
    _ z: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer, dividedBy batch: V.Scalar,
    into out: UnsafeMutableRawBufferPointer, _: V.Type, _ logistic: (V) -> V
  ) -> Int where V.Scalar: BinaryFloatingPoint {
    let stride = MemoryLayout<V>.size
    let whole = z.count / stride
    for v in 0..<whole {
      let zv = z.loadUnaligned(fromByteOffset: v * stride, as: V.self)
      let yv = y.loadUnaligned(fromByteOffset: v * stride, as: V.self)
      let g = (logistic(zv) - yv) / V(repeating: batch)
      out.storeBytes(of: g, toByteOffset: v * stride, as: V.self)
    }
    return whole * V.scalarCount
  }
}
