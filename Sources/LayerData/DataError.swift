/// Everything that can go wrong while reading or writing a data set. Each case names the file,
/// and ``description`` is one line that says what is wrong and, for a missing file, how to
/// install Fashion-MNIST.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file (or a data directory) does not exist.
  case missingFile(path: String)
  /// The file cannot be opened, read, created or written, or is a directory; `reason` says
  /// which.
  case unreadable(path: String, reason: String)
  /// The file ends early: `expected` bytes of header or data were needed, `actual` were there.
  case truncated(path: String, expected: Int, actual: Int)
  /// The first two bytes are not the IDX magic (two zero bytes), or the rank byte is 0.
  case badMagic(path: String, magic: [UInt8])
  /// The type code (the third byte) is not one of the IDX types, see ``IDXDataType``.
  case unsupportedType(path: String, code: UInt8)
  /// The data does not match the product of the dimensions: there are bytes left over after
  /// the `expected` data bytes, or the dimensions are impossible (`expected` 0).
  case dimensionMismatch(path: String, dimensions: [Int], expected: Int, reason: String)
  /// The gzip stream is damaged: a bad header, bad deflate data or a wrong checksum.
  case corruptGzip(path: String, reason: String)
  /// The images and labels files hold different numbers of examples.
  case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
  /// A file has a valid IDX structure but the wrong shape or type for its role, e.g. a labels
  /// file that is not one-dimensional, or a label at or above the number of classes.
  case unexpectedContent(path: String, reason: String)

  /// The command that installs Debian's Fashion-MNIST under
  /// `/usr/share/datasets/fashion-mnist`.
  public static let installCommand = "apt-get update && apt-get install -y dataset-fashion-mnist"

  /// One line naming the file and the problem.
  public var description: String {
    switch self {
    case .missingFile(let path):
      return "\(path): no such file or directory (for Fashion-MNIST: "
        + "\(DataError.installCommand), files under \(MNIST.fashionDirectory))"
    case .unreadable(let path, let reason):
      return "\(path): \(reason)"
    case .truncated(let path, let expected, let actual):
      return "\(path): truncated: header and data need \(expected) bytes, the file holds only "
        + "\(actual) (counted after decompression for a gzip file)"
    case .badMagic(let path, let magic):
      let hex = magic.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }
      return "\(path): not an IDX file: bad magic number \(hex.joined(separator: " ")) "
        + "(expected 00 00, a type code and a rank of at least 1)"
    case .unsupportedType(let path, let code):
      return "\(path): unsupported IDX type code 0x\(String(code, radix: 16)) "
        + "(known: 0x08 ubyte, 0x09 byte, 0x0b short, 0x0c int, 0x0d float, 0x0e double)"
    case .dimensionMismatch(let path, let dimensions, _, let reason):
      return "\(path): dimensions \(dimensions) do not fit the data: \(reason)"
    case .corruptGzip(let path, let reason):
      return "\(path): corrupt gzip data: \(reason)"
    case .countMismatch(let images, let imageCount, let labels, let labelCount):
      return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels"
    case .unexpectedContent(let path, let reason):
      return "\(path): \(reason)"
    }
  }
}
