import Foundation
import LayerData

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
  let path: String

  init() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("layerdata-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    path = url.path
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// `name` inside the directory.
  func file(_ name: String) -> String { path + "/" + name }

  /// Writes raw bytes (not through LayerData) and returns the path.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
    return file(name)
  }

  /// The bytes of a file.
  func read(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name))))
  }
}

/// The IDX bytes of an unsigned-byte file, built by hand.
func idxBytes(type: UInt8 = 0x08, dimensions: [Int], data: [UInt8]) -> [UInt8] {
  var result: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
  for d in dimensions {
    result += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)]
  }
  return result + data
}
