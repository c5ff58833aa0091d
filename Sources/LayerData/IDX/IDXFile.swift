import LayerCore

/// The contents of one IDX file: its element type, its dimensions and its data bytes.
///
/// The IDX format (MNIST's) is a magic number `00 00 TT RR` (`TT` the type code, see
/// ``IDXDataType``; `RR` the rank), then `RR` big-endian 32-bit dimensions, then the elements in
/// row-major order, big-endian, with nothing after them. MNIST's images are `ubyte [n, 28, 28]`
/// and its labels `ubyte [n]`.
public struct IDXFile: Sendable, Equatable {
  /// The element type.
  public let dataType: IDXDataType
  /// The extent of each dimension; the first is the number of examples.
  public let dimensions: [Int]
  /// The elements as stored: row-major, big-endian, `elementCount * dataType.byteWidth` bytes.
  public let bytes: [UInt8]

  /// Wraps raw element bytes.
  ///
  /// - Throws: ``DataError/dimensionMismatch(path:dimensions:expected:reason:)`` (path
  ///   `"<memory>"`) if there is no dimension, a dimension is negative or above 2³²−1, or
  ///   `bytes.count` is not the product of the dimensions times the element width.
  public init(dataType: IDXDataType, dimensions: [Int], bytes: [UInt8]) throws(DataError) {
    let expected = try IDXFile.dataByteCount(
      dataType: dataType, dimensions: dimensions, path: "<memory>")
    guard bytes.count == expected else {
      throw .dimensionMismatch(
        path: "<memory>", dimensions: dimensions, expected: expected,
        reason: "\(bytes.count) bytes were given")
    }
    self.dataType = dataType
    self.dimensions = dimensions
    self.bytes = bytes
  }

  /// Unchecked: the reader has already validated the sizes.
  init(validated dataType: IDXDataType, dimensions: [Int], bytes: [UInt8]) {
    self.dataType = dataType
    self.dimensions = dimensions
    self.bytes = bytes
  }

  /// An unsigned-byte file, the type of MNIST's images and labels.
  ///
  /// - Throws: ``DataError/dimensionMismatch(path:dimensions:expected:reason:)`` as
  ///   ``init(dataType:dimensions:bytes:)``.
  public init(unsignedBytes: [UInt8], dimensions: [Int]) throws(DataError) {
    try self.init(dataType: .unsignedByte, dimensions: dimensions, bytes: unsignedBytes)
  }

  /// The number of elements, the product of the dimensions.
  public var elementCount: Int { dimensions.reduce(1, *) }

  /// The elements decoded to `T`, in row-major order, each multiplied by `scale` (1 keeps the
  /// stored values; `1.0 / 255` maps unsigned bytes to [0, 1]).
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  public func elements<T: LayerScalar>(as type: T.Type = T.self, scale: Double = 1) -> [T] {
    let count = elementCount
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      bytes.withUnsafeBufferPointer { raw in
        switch dataType {
        case .unsignedByte:
          // 256 possible values: convert each once.
          let table = (0..<256).map { T(Double($0) * scale) }
          for i in 0..<count { buffer[i] = table[Int(raw[i])] }
        case .signedByte:
          for i in 0..<count { buffer[i] = T(Double(Int8(bitPattern: raw[i])) * scale) }
        default:
          let width = dataType.byteWidth
          for i in 0..<count {
            var bits: UInt64 = 0
            for k in 0..<width { bits = bits << 8 | UInt64(raw[i * width + k]) }
            buffer[i] = T(IDXFile.decode(bits, as: dataType) * scale)
          }
        }
      }
      initialized = count
    }
  }

  /// One big-endian element, already assembled into the low bits of `bits`, as a `Double`.
  static func decode(_ bits: UInt64, as type: IDXDataType) -> Double {
    switch type {
    case .unsignedByte: Double(bits)
    case .signedByte: Double(Int8(truncatingIfNeeded: bits))
    case .short: Double(Int16(truncatingIfNeeded: bits))
    case .int: Double(Int32(truncatingIfNeeded: bits))
    case .float: Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .double: Double(bitPattern: bits)
    }
  }

  /// The data size the dimensions call for, or an error naming `path`.
  static func dataByteCount(
    dataType: IDXDataType, dimensions: [Int], path: String
  ) throws(DataError) -> Int {
    func mismatch(_ reason: String) -> DataError {
      .dimensionMismatch(path: path, dimensions: dimensions, expected: 0, reason: reason)
    }
    guard !dimensions.isEmpty, dimensions.count <= 255 else {
      throw mismatch("an IDX file has 1 to 255 dimensions")
    }
    guard dimensions.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
      throw mismatch("a dimension is negative or above 2^32 - 1")
    }
    var product = dataType.byteWidth
    for extent in dimensions {
      let (next, overflow) = product.multipliedReportingOverflow(by: extent)
      guard !overflow else { throw mismatch("their product overflows") }
      product = next
    }
    return product
  }
}
