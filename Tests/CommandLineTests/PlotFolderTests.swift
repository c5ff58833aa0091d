import Foundation
import LayerKitCommandLine
import Testing

/// A fresh folder under the temporary directory, removed by the caller.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("layerkit-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite("layerkit check --plots")
struct PlotFolderTests {
  @Test func writesOnePlotPerActivation() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("new/plots").path
    let run = layerkit("check", "--component", "ReLU", "--scalar", "Double", "--plots", target)
    #expect(run.status == LayerKitCommand.success)
    #expect(FileManager.default.fileExists(atPath: target + "/ReLU.svg"))
    #expect(run.errors.contains("wrote 1 plot(s) to \(target)"))
  }

  @Test func anExistingFileIsRefusedBeforeAnyCheck() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("plots.svg")
    try Data("not a folder".utf8).write(to: file)
    let run = layerkit("check", "--component", "ReLU", "--plots", file.path)
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.output.isEmpty, "no check runs when the plot folder is unusable")
    #expect(
      run.errorLines == [
        "error: cannot write plots to '\(file.path)': it is an existing file, not a directory"
      ])
  }

  @Test func aFolderUnderAFileIsRefused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("data")
    try Data().write(to: file)
    let target = file.appendingPathComponent("plots").path
    let run = layerkit("check", "--component", "ReLU", "--plots", target)
    #expect(run.status == LayerKitCommand.usageError)
    #expect(
      run.errorLines == [
        "error: cannot write plots to '\(target)': '\(file.path)' is a file, not a directory"
      ])
  }

  #if os(Linux)
    @Test func aFolderThatCannotBeCreatedIsRefusedWithTheReason() {
      // Not even root can create a directory in /proc.
      let target = "/proc/layerkit-plots-\(UUID().uuidString)"
      let run = layerkit("check", "--component", "ReLU", "--plots", target)
      #expect(run.status == LayerKitCommand.usageError)
      #expect(run.errorLines.count == 1)
      #expect(
        run.errorLines.first?.hasPrefix(
          "error: cannot write plots to '\(target)': the folder cannot be created (") == true,
        "\(run.errors)")
      #expect(!run.errors.contains("NSCocoaErrorDomain"))
    }
  #endif

  @Test(.enabled(if: geteuid() != 0, "permissions do not bind root"))
  func aReadOnlyFolderIsRefusedWithTheReason() throws {
    let folder = try temporaryFolder()
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
      try? FileManager.default.removeItem(at: folder)
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder.path)
    let run = layerkit("check", "--component", "ReLU", "--plots", folder.path)
    #expect(run.status == LayerKitCommand.usageError)
    #expect(
      run.errorLines.first?.hasPrefix(
        "error: cannot write plots to '\(folder.path)': files cannot be written in it (") == true)
  }
}
