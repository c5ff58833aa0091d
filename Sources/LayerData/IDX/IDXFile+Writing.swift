extension IDXFile {
  /// The file's bytes: magic number, big-endian dimensions, then ``bytes``.
  public var encoded: [UInt8] {
    var result: [UInt8] = [0, 0, dataType.rawValue, UInt8(dimensions.count)]
    for extent in dimensions {
      let value = UInt32(extent)
      result += [
        UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF),
        UInt8(value & 0xFF),
      ]
    }
    return result + bytes
  }

  /// Writes the file to `path`, replacing it, gzip-compressed through zlib or plain.
  ///
  /// - Throws: ``DataError/unreadable(path:reason:)`` if the file cannot be created or written.
  public func write(to path: String, compressed: Bool = false) throws(DataError) {
    let output = try ZlibFile(writing: path, compressed: compressed)
    try output.write(encoded)
    try output.finishWriting()
  }
}
