/// One matrix product `C = A · B + β · C` described by base pointers and strides: element
/// `(i, p)` of `A` is `a[i * aRow + p * aColumn]`, element `(p, j)` of `B` is
/// `b[p * bRow + j * bColumn]`, and element `(i, j)` of `C` is `c[i * ldc + j]`.
///
/// It is `@unchecked Sendable` so that the parallel driver can hand disjoint row or column
/// blocks of `C` to different threads; the pointers stay valid for the call that made it.
@usableFromInline
struct GEMMOperands<Scalar>: @unchecked Sendable {
  @usableFromInline var a: UnsafePointer<Scalar>
  @usableFromInline var aRow: Int
  @usableFromInline var aColumn: Int
  @usableFromInline var b: UnsafePointer<Scalar>
  @usableFromInline var bRow: Int
  @usableFromInline var bColumn: Int
  @usableFromInline var c: UnsafeMutablePointer<Scalar>
  @usableFromInline var ldc: Int
  @usableFromInline var m: Int
  @usableFromInline var n: Int
  @usableFromInline var k: Int
  @usableFromInline var beta: Scalar

  @inlinable
  init(
    a: UnsafePointer<Scalar>, aRow: Int, aColumn: Int, b: UnsafePointer<Scalar>, bRow: Int,
    bColumn: Int, c: UnsafeMutablePointer<Scalar>, ldc: Int, m: Int, n: Int, k: Int,
    beta: Scalar
  ) {
    self.a = a
    self.aRow = aRow
    self.aColumn = aColumn
    self.b = b
    self.bRow = bRow
    self.bColumn = bColumn
    self.c = c
    self.ldc = ldc
    self.m = m
    self.n = n
    self.k = k
    self.beta = beta
  }

  /// Rows `start ..< start + count` of `C`.
  func rows(_ start: Int, _ count: Int) -> GEMMOperands {
    var sub = self
    sub.a = a + start * aRow
    sub.c = c + start * ldc
    sub.m = count
    return sub
  }

  /// Columns `start ..< start + count` of `C`.
  func columns(_ start: Int, _ count: Int) -> GEMMOperands {
    var sub = self
    sub.b = b + start * bColumn
    sub.c = c + start
    sub.n = count
    return sub
  }
}

extension GEMMOperands where Scalar: BinaryFloatingPoint {
  /// `C = β · C`, zeros when `β` is 0 (whatever `C` held): the product when `k` is 0.
  func scaleC() {
    for i in 0..<m {
      let row = c + i * ldc
      for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
    }
  }
}
