import LayerData
import Testing

/// Every way an IDX file can be wrong gives its own ``DataError``, naming the file.
struct IDXErrorTests {
  /// The error `IDXFile(contentsOf:)` throws for `path`, or nil.
  func readError(_ path: String) -> DataError? {
    do {
      _ = try IDXFile(contentsOf: path)
      return nil
    } catch {
      return error
    }
  }

  @Test func missingFileNamesThePathAndTheInstallCommand() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("nothing-here")
    let error = try #require(readError(path))
    #expect(error == .missingFile(path: path))
    #expect(error.description.contains(path))
    #expect(
      error.description.contains("apt-get update && apt-get install -y dataset-fashion-mnist"))
  }

  @Test func directoryIsNotAFile() throws {
    let directory = try TemporaryDirectory()
    let error = try #require(readError(directory.path))
    guard case .unreadable(let path, _) = error else { Issue.record("\(error)"); return }
    #expect(path == directory.path)
  }

  @Test func truncatedHeaderDimensionsAndData() throws {
    let directory = try TemporaryDirectory()
    let full = idxBytes(dimensions: [2, 3], data: [1, 2, 3, 4, 5, 6])
    let cases: [(Int, Int)] = [(0, 4), (3, 4), (7, 12), (12, 18), (17, 18)]
    for (length, expected) in cases {
      let path = try directory.write(Array(full.prefix(length)), to: "cut\(length)")
      #expect(readError(path) == .truncated(path: path, expected: expected, actual: length))
    }
  }

  @Test func truncatedGzipData() throws {
    let directory = try TemporaryDirectory()
    let pixels = (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 31 + $0 / 7) }
    try IDXFile(unsignedBytes: pixels, dimensions: [4000]).write(
      to: directory.file("whole.gz"), compressed: true)
    let whole = try directory.read("whole.gz")
    let path = try directory.write(Array(whole.prefix(whole.count / 2)), to: "half.gz")
    let error = try #require(readError(path))
    guard case .truncated(path, 4008, let actual) = error else { Issue.record("\(error)"); return }
    #expect(actual < 4008)
    #expect(error.description.contains("half.gz"))
    // Cut inside the 8-byte trailer: all data is there, but the stream is incomplete.
    let tail = try directory.write(Array(whole.dropLast(3)), to: "tail.gz")
    guard case .corruptGzip(tail, _) = try #require(readError(tail)) else {
      Issue.record("expected corruptGzip")
      return
    }
  }

  @Test func badMagicAndRank() throws {
    let directory = try TemporaryDirectory()
    for magic: [UInt8] in [[1, 0, 8, 1], [0, 7, 8, 1], [0, 0, 8, 0], [0x50, 0x4B, 3, 4]] {
      let path = try directory.write(magic + [0, 0, 0, 0], to: "magic")
      #expect(readError(path) == .badMagic(path: path, magic: magic))
    }
    let message = DataError.badMagic(path: "f", magic: [1, 0, 8, 1]).description
    #expect(message.contains("01 00 08 01"))
  }

  @Test func unsupportedTypeCode() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxBytes(type: 0x0A, dimensions: [1], data: [0]), to: "t")
    #expect(readError(path) == .unsupportedType(path: path, code: 0x0A))
  }

  @Test func bytesLeftOverAfterTheDimensionsProduct() throws {
    let directory = try TemporaryDirectory()
    let bytes = idxBytes(dimensions: [2, 2], data: [1, 2, 3, 4, 5, 6, 7])
    for compressed in [false, true] {
      let path = directory.file(compressed ? "long.gz" : "long")
      if compressed {
        try GzipTestWriter.write(bytes, to: path)
      } else {
        try directory.write(bytes, to: "long")
      }
      let error = try #require(readError(path))
      #expect(
        error
          == .dimensionMismatch(
            path: path, dimensions: [2, 2], expected: 4,
            reason: "they need 4 data bytes, and 3 more bytes follow them"))
    }
  }

  @Test func corruptGzip() throws {
    let directory = try TemporaryDirectory()
    // A gzip magic followed by garbage.
    let garbage = try directory.write(
      [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3] + Array(repeating: 0xFF, count: 40), to: "garbage.gz")
    guard case .corruptGzip(garbage, _) = try #require(readError(garbage)) else {
      Issue.record("expected corruptGzip for garbage")
      return
    }
    // A valid stream whose CRC trailer is flipped.
    try IDXFile(unsignedBytes: [1, 2, 3, 4], dimensions: [4]).write(
      to: directory.file("good.gz"), compressed: true)
    var bytes = try directory.read("good.gz")
    bytes[bytes.count - 6] ^= 0xFF
    let badCRC = try directory.write(bytes, to: "crc.gz")
    let error = try #require(readError(badCRC))
    guard case .corruptGzip(badCRC, let reason) = error else { Issue.record("\(error)"); return }
    #expect(error.description.contains("crc.gz") && !reason.isEmpty && !reason.contains("crc.gz"))
  }
}

/// Headers whose dimensions cannot be right.
struct IDXDimensionTests {
  @Test func hugeClaimedSizeIsTruncatedNotAllocated() throws {
    let directory = try TemporaryDirectory()
    // 65536 × 65536 × 64 bytes = 256 GiB claimed, 3 bytes present.
    let bytes: [UInt8] = [0, 0, 8, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 64, 1, 2, 3]
    let path = try directory.write(bytes, to: "huge")
    #expect(throws: DataError.truncated(path: path, expected: 16 + (1 << 38), actual: 19)) {
      try IDXFile(contentsOf: path)
    }
  }

  @Test func largerThanOneStepReadsWhole() throws {
    let directory = try TemporaryDirectory()
    let count = (1 << 26) + 1000
    var pixels = [UInt8](repeating: 7, count: count)
    pixels[1 << 26] = 3  // first byte of the second step
    pixels[count - 1] = 9
    let file = try IDXFile(unsignedBytes: pixels, dimensions: [count])
    try file.write(to: directory.file("big.gz"), compressed: true)
    #expect(try IDXFile(contentsOf: directory.file("big.gz")) == file)
  }

  @Test func productOverflowIsADimensionMismatch() throws {
    let directory = try TemporaryDirectory()
    let ff: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
    let path = try directory.write([0, 0, 0x0E, 3] + ff + ff + ff, to: "overflow")
    let thrown = #expect(throws: DataError.self) { try IDXFile(contentsOf: path) }
    guard case .dimensionMismatch(path, _, 0, let reason) = thrown else {
      Issue.record("\(String(describing: thrown))")
      return
    }
    #expect(reason.contains("overflow"))
  }
}
