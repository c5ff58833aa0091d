import CZlib
import LayerData
import Testing

struct IDXReaderTests {
  @Test func plainFileWrittenByHandReadsBack() throws {
    let directory = try TemporaryDirectory()
    let data: [UInt8] = [0, 1, 2, 127, 128, 255]
    let path = try directory.write(idxBytes(dimensions: [2, 3], data: data), to: "plain")
    let file = try IDXFile(contentsOf: path)
    #expect(file.dataType == .unsignedByte)
    #expect(file.dimensions == [2, 3])
    #expect(file.bytes == data)
    #expect(file.elements(as: Double.self) == [0, 1, 2, 127, 128, 255])
    #expect(file.elements(as: Float.self, scale: 1.0 / 255).last == 1)
  }

  @Test(arguments: [false, true])
  func writerRoundTrips(compressed: Bool) throws {
    let directory = try TemporaryDirectory()
    let pixels = (0..<(5 * 4 * 3)).map { UInt8($0 * 7 % 256) }
    let file = try IDXFile(unsignedBytes: pixels, dimensions: [5, 4, 3])
    let path = directory.file("images")
    try file.write(to: path, compressed: compressed)
    let stored = try directory.read("images")
    if compressed {
      #expect(Array(stored.prefix(2)) == [0x1F, 0x8B])
    } else {
      #expect(stored == idxBytes(dimensions: [5, 4, 3], data: pixels))
    }
    #expect(try IDXFile(contentsOf: path) == file)
  }

  @Test func gzipWrittenByZlibDirectlyReads() throws {
    // Compressed with zlib's own gzwrite, not through LayerData's writer.
    let directory = try TemporaryDirectory()
    let bytes = idxBytes(dimensions: [3], data: [9, 8, 7])
    let path = directory.file("labels.gz")
    let gz = try #require(gzopen(path, "wb9"))
    bytes.withUnsafeBytes { _ = gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
    #expect(gzclose(gz) == Z_OK)
    #expect(try IDXFile(contentsOf: path).bytes == [9, 8, 7])
  }

  @Test func everyTypeDecodes() throws {
    let directory = try TemporaryDirectory()
    let cases: [(UInt8, [UInt8], [Double])] = [
      (0x09, [0xFF, 0x05], [-1, 5]),
      (0x0B, [0xFF, 0xFE, 0x01, 0x00], [-2, 256]),
      (0x0C, [0xFF, 0xFF, 0xFF, 0xFD, 0x00, 0x01, 0x00, 0x00], [-3, 65536]),
      (0x0D, [0x3F, 0xC0, 0x00, 0x00, 0xC0, 0x20, 0x00, 0x00], [1.5, -2.5]),
      (0x0E, [0x3F, 0xF8, 0, 0, 0, 0, 0, 0, 0xC0, 0x04, 0, 0, 0, 0, 0, 0], [1.5, -2.5]),
    ]
    for (code, data, values) in cases {
      let path = try directory.write(idxBytes(type: code, dimensions: [2], data: data), to: "t")
      let file = try IDXFile(contentsOf: path)
      #expect(file.dataType.rawValue == code)
      #expect(file.elements(as: Double.self) == values, "type 0x\(String(code, radix: 16))")
      try file.write(to: path, compressed: true)
      #expect(try IDXFile(contentsOf: path) == file)
    }
  }

  @Test func inMemoryInitializerChecksSizes() {
    #expect(throws: DataError.self) { try IDXFile(unsignedBytes: [1, 2, 3], dimensions: [2, 2]) }
    #expect(throws: DataError.self) { try IDXFile(unsignedBytes: [], dimensions: []) }
    #expect(throws: DataError.self) { try IDXFile(unsignedBytes: [], dimensions: [-1]) }
  }

  @Test func emptyDimensionIsAllowed() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write(idxBytes(dimensions: [0, 28, 28], data: []), to: "empty")
    #expect(try IDXFile(contentsOf: path).dimensions == [0, 28, 28])
  }
}
