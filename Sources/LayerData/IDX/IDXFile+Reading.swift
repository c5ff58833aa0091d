extension IDXFile {
  /// Reads an IDX file, plain or gzip-compressed (recognized by the gzip magic bytes 1f 8b, so
  /// the name need not end in `.gz`). Compressed data is inflated while it is read, straight into
  /// the result's storage.
  ///
  /// - Throws: a ``DataError`` naming `path`: ``DataError/missingFile(path:)``,
  ///   ``DataError/unreadable(path:reason:)``, ``DataError/truncated(path:expected:actual:)``
  ///   (too few bytes for the header or for the dimensions' product, also for a cut-off gzip
  ///   stream), ``DataError/badMagic(path:magic:)``, ``DataError/unsupportedType(path:code:)``,
  ///   ``DataError/dimensionMismatch(path:dimensions:expected:reason:)`` (bytes left over after
  ///   the data), ``DataError/corruptGzip(path:reason:)``.
  public init(contentsOf path: String) throws(DataError) {
    let input = try ZlibFile(reading: path)

    let (magic, gotMagic) = try input.readArray(count: 4)
    guard gotMagic == 4 else { throw .truncated(path: path, expected: 4, actual: gotMagic) }
    guard magic[0] == 0, magic[1] == 0, magic[3] >= 1 else {
      throw .badMagic(path: path, magic: magic)
    }
    guard let dataType = IDXDataType(rawValue: magic[2]) else {
      throw .unsupportedType(path: path, code: magic[2])
    }

    let rank = Int(magic[3])
    let (header, gotHeader) = try input.readArray(count: 4 * rank)
    guard gotHeader == header.count else {
      throw .truncated(path: path, expected: 4 + header.count, actual: 4 + gotHeader)
    }
    let dimensions = (0..<rank).map { d in
      header[4 * d..<4 * d + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    let headerSize = 4 + header.count
    let expected = try IDXFile.dataByteCount(
      dataType: dataType, dimensions: dimensions, path: path)

    let (bytes, got) = try input.readData(count: expected)
    guard got == expected else {
      throw .truncated(path: path, expected: headerSize + expected, actual: headerSize + got)
    }

    // The data must end here: reading on also checks a gzip stream's length and CRC trailer.
    var extra = 0
    while true {
      let (_, more) = try input.readArray(count: 1 << 16)
      extra += more
      if more < 1 << 16 { break }
    }
    guard extra == 0 else {
      throw .dimensionMismatch(
        path: path, dimensions: dimensions, expected: expected,
        reason: "they need \(expected) data bytes, and \(extra) more bytes follow them")
    }
    if input.isCompressed && input.endedEarly {
      throw .corruptGzip(path: path, reason: "the compressed stream ends before its trailer")
    }
    self.init(validated: dataType, dimensions: dimensions, bytes: bytes)
  }
}
