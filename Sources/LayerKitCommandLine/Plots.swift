import Foundation
import LayerConformance
import LayerKit

/// The folder `--plots` writes into, checked (and created) before any component is checked, so
/// that a bad path costs one line and no waiting.
struct PlotFolder {
  /// The folder as given on the command line.
  let path: String

  /// Creates `path` (with its missing parents) unless it is already a directory, and makes sure
  /// a file can be written in it.
  ///
  /// - Throws: ``UsageError`` naming the path and the reason: it is an existing file, a parent
  ///   is a file, or the folder cannot be created or written.
  init(preparing path: String) throws(UsageError) {
    self.path = path
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw Self.failure(path, "it is an existing file, not a directory")
      }
    } else {
      if let file = Self.firstFileAncestor(of: path) {
        throw Self.failure(path, "'\(file)' is a file, not a directory")
      }
      do {
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw Self.failure(path, "the folder cannot be created (\(Self.reason(of: error)))")
      }
    }
    let probe = URL(fileURLWithPath: path).appendingPathComponent(".layerkit-write-probe")
    do {
      try Data().write(to: probe)
      try manager.removeItem(at: probe)
    } catch {
      throw Self.failure(path, "files cannot be written in it (\(Self.reason(of: error)))")
    }
  }

  /// Writes `<folder>/<Name>.svg` for every activation of `registry`, marking the failing
  /// points of every scalar type checked; returns the paths written.
  ///
  /// - Throws: ``UsageError`` naming the file that could not be written and why.
  func write(of registry: Registry, report: RegistryReport) throws(UsageError) -> [String] {
    var written: [String] = []
    for activation in registry.activations {
      let runs = report.activations.filter { $0.component == activation.name }.map { $0.runs[0] }
      let file = URL(fileURLWithPath: path).appendingPathComponent("\(activation.name).svg")
      do {
        try Data(SVGPlot.render(activation, reports: runs).utf8).write(to: file)
      } catch {
        throw Self.failure(file.path, "the plot cannot be written (\(Self.reason(of: error)))")
      }
      written.append(file.path)
    }
    return written
  }

  static func failure(_ path: String, _ reason: String) -> UsageError {
    UsageError("cannot write plots to '\(path)': \(reason)", showsUsage: false)
  }

  /// The nearest existing ancestor of `path` when it is a file (so nothing can be created
  /// under it).
  static func firstFileAncestor(of path: String) -> String? {
    var url = URL(fileURLWithPath: path).deletingLastPathComponent()
    while url.path != "/" && !url.path.isEmpty {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        return isDirectory.boolValue ? nil : url.path
      }
      url = url.deletingLastPathComponent()
    }
    return nil
  }

  /// The operating system's reason, e.g. `Permission denied`, instead of a Foundation dump.
  static func reason(of error: any Error) -> String {
    let nsError = error as NSError
    if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      posix.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(posix.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    return nsError.localizedDescription
  }
}
