import Foundation
import LayerData
import LayerKitCommandLine
import Testing

/// A folder in the MNIST layout with 2×2 images of two classes (class 0 bright on top, class 1
/// bright at the bottom, with a little pixel noise): 40 training and 10 test images.
func tinyMNISTFolder() throws -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("layerkit-train-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  for (prefix, count) in [("train", 40), ("t10k", 10)] {
    var pixels: [UInt8] = []
    var labels: [UInt8] = []
    for i in 0..<count {
      let label = UInt8(i % 2)
      let noise = UInt8(i % 7) * 5
      pixels +=
        label == 0
        ? [220 - noise, 200 + noise, 10 + noise, 30] : [20, 10 + noise, 230, 210 - noise]
      labels.append(label)
    }
    try IDXFile(unsignedBytes: pixels, dimensions: [count, 2, 2]).write(
      to: "\(folder)/\(prefix)-images-idx3-ubyte", compressed: prefix == "train")
    try IDXFile(unsignedBytes: labels, dimensions: [count]).write(
      to: "\(folder)/\(prefix)-labels-idx1-ubyte")
  }
  return folder
}

@Suite("layerkit train --data DIR")
struct TrainFolderTests {
  /// A one-layer softmax classifier learns the two classes of an MNIST-layout folder.
  @Test func trainsOnAnMNISTFolder() throws {
    let folder = try tinyMNISTFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = layerkit(arguments: [
      "train", "--data", folder, "--layers", "4,2", "--activations", "softmax", "--lr", "0.5",
      "--batch", "8", "--epochs", "10",
    ])
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    #expect(run.output.contains("test accuracy 100.00% on 10 examples"))
  }

  /// The first size must be the folder's pixel count, the last its number of classes.
  @Test func sizesAreCheckedAgainstTheFolder() throws {
    let folder = try tinyMNISTFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = layerkit(arguments: [
      "train", "--data", folder, "--layers", "784,10", "--activations", "softmax",
    ])
    #expect(run.status == LayerKitCommand.usageError)
    #expect(
      run.errorLines == ["error: --layers: the first size is 784 but the data has 4 features"])
  }

  /// A folder without the files names the missing file and the install command.
  @Test func aFolderWithoutTheFilesExitsTwo() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let run = layerkit(arguments: [
      "train", "--data", folder, "--layers", "784,10", "--activations", "softmax",
    ])
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.contains(DataError.installCommand) == true)
  }
}
