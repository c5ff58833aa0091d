import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file read or written through zlib's gz* functions, which stream: a gzip file (recognized by
/// its magic bytes 1f 8b) is inflated in 128 KiB steps straight into the caller's buffer, and
/// any other file is read as it is ("transparent" mode). Closed when released.
final class ZlibFile {
  let path: String
  private let file: gzFile
  private var isOpen = true

  /// Opens `path` for reading.
  ///
  /// - Throws: ``DataError/missingFile(path:)`` if nothing is there,
  ///   ``DataError/unreadable(path:reason:)`` for a directory or an open error.
  init(reading path: String) throws(DataError) {
    self.path = path
    guard access(path, F_OK) == 0 else { throw .missingFile(path: path) }
    if let directory = opendir(path) {
      closedir(directory)
      throw .unreadable(path: path, reason: "is a directory, not a file")
    }
    guard let file = gzopen(path, "rb") else {
      throw .unreadable(path: path, reason: "cannot open: " + String(cString: strerror(errno)))
    }
    gzbuffer(file, 1 << 17)
    self.file = file
  }

  /// Creates or replaces `path`, gzip-compressed (level 6) or plain.
  init(writing path: String, compressed: Bool) throws(DataError) {
    self.path = path
    guard let file = gzopen(path, compressed ? "wb6" : "wbT") else {
      throw .unreadable(path: path, reason: "cannot create: " + String(cString: strerror(errno)))
    }
    self.file = file
  }

  deinit { if isOpen { gzclose(file) } }

  /// Whether the input is gzip-compressed; meaningful after the first read.
  var isCompressed: Bool { gzdirect(file) == 0 }

  /// Fills `buffer` as far as the input goes and returns the number of bytes read: fewer than
  /// `buffer.count` only at the end of the input.
  ///
  /// - Throws: ``DataError/corruptGzip(path:reason:)`` for damaged compressed data (a cut-off
  ///   compressed stream is not an error here: it reads short, and the caller reports a
  ///   truncated file), ``DataError/unreadable(path:reason:)`` for an I/O error.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var total = 0
    while total < buffer.count {
      let chunk = UInt32(min(buffer.count - total, 1 << 30))
      let got = gzread(file, base + total, chunk)
      if got < 0 { throw currentError() ?? .corruptGzip(path: path, reason: "read failed") }
      if got == 0 { break }
      total += Int(got)
    }
    if total < buffer.count, let error = currentError() { throw error }
    return total
  }

  /// True if the compressed stream stopped before its end (zlib's "unexpected end of file").
  var endedEarly: Bool {
    var code: Int32 = 0
    _ = gzerror(file, &code)
    return code == Z_BUF_ERROR
  }

  /// The pending zlib error as a ``DataError``, or nil (also for a stream cut short).
  private func currentError() -> DataError? {
    var code: Int32 = 0
    guard let message = gzerror(file, &code) else { return nil }
    switch code {
    case Z_OK, Z_BUF_ERROR: return nil
    case Z_ERRNO:
      return .unreadable(path: path, reason: "read error: " + String(cString: strerror(errno)))
    default:
      // zlib prefixes its message with the path, which the error's description already names.
      var reason = String(cString: message)
      if reason.hasPrefix(path + ": ") { reason.removeFirst(path.count + 2) }
      return .corruptGzip(path: path, reason: reason)
    }
  }

  /// Writes all of `bytes`.
  func write(_ bytes: [UInt8]) throws(DataError) {
    let failed = bytes.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      var done = 0
      while done < buffer.count {
        let chunk = UInt32(min(buffer.count - done, 1 << 30))
        let wrote = gzwrite(file, base + done, chunk)
        guard wrote > 0 else { return true }
        done += Int(wrote)
      }
      return false
    }
    if failed { throw .unreadable(path: path, reason: "write failed") }
  }

  /// Flushes and closes a file opened for writing, reporting a failure; the deinit then does
  /// nothing more.
  func finishWriting() throws(DataError) {
    isOpen = false
    guard gzclose(file) == Z_OK else {
      throw .unreadable(path: path, reason: "write failed while closing the file")
    }
  }
}

extension ZlibFile {
  /// Whether anything (file or directory) is at `path`.
  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

extension ZlibFile {
  /// Reads up to `count` bytes into a new array of `count` bytes, zero past the end of the
  /// input; `got` is how many were read.
  func readArray(count: Int) throws(DataError) -> (bytes: [UInt8], got: Int) {
    var failure: DataError?
    var got = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      do {
        got = try read(into: UnsafeMutableRawBufferPointer(buffer))
      } catch let error as DataError {
        failure = error
      } catch {
        failure = .unreadable(path: path, reason: "\(error)")
      }
      if got < count, let base = buffer.baseAddress {
        (base + got).initialize(repeating: 0, count: count - got)
      }
      initialized = count
    }
    if let failure { throw failure }
    return (bytes, got)
  }
}

extension ZlibFile {
  /// Reads `count` data bytes, or as many as there are. Up to 64 MiB (all of MNIST's files) are
  /// read in one step into an array of that size; beyond that the array grows in 64 MiB steps,
  /// so a damaged header that claims terabytes fails as truncated instead of allocating them.
  func readData(count: Int) throws(DataError) -> (bytes: [UInt8], got: Int) {
    let step = 1 << 26
    if count <= step { return try readArray(count: count) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(step)
    while bytes.count < count {
      let (chunk, got) = try readArray(count: Swift.min(step, count - bytes.count))
      bytes += chunk.prefix(got)
      if got < chunk.count { return (bytes, bytes.count) }
    }
    return (bytes, bytes.count)
  }
}
