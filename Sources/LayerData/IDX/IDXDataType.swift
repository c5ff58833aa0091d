/// The element type of an IDX file, the third byte of its magic number.
public enum IDXDataType: UInt8, Sendable, CaseIterable {
  /// 0x08: unsigned byte (MNIST's images and labels).
  case unsignedByte = 0x08
  /// 0x09: signed byte.
  case signedByte = 0x09
  /// 0x0B: big-endian 16-bit signed integer.
  case short = 0x0B
  /// 0x0C: big-endian 32-bit signed integer.
  case int = 0x0C
  /// 0x0D: big-endian IEEE 754 single precision.
  case float = 0x0D
  /// 0x0E: big-endian IEEE 754 double precision.
  case double = 0x0E

  /// The bytes one element takes.
  public var byteWidth: Int {
    switch self {
    case .unsignedByte, .signedByte: 1
    case .short: 2
    case .int, .float: 4
    case .double: 8
    }
  }
}
