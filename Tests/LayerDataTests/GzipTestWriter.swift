import CZlib

/// Writes gzip files of arbitrary bytes through zlib's gzwrite, independent of LayerData.
enum GzipTestWriter {
  struct Failure: Error {}

  static func write(_ bytes: [UInt8], to path: String) throws {
    guard let file = gzopen(path, "wb") else { throw Failure() }
    let wrote = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
    guard gzclose(file) == Z_OK, wrote == bytes.count else { throw Failure() }
  }
}
