import LayerCore
import LayerData
import Testing

/// The MNIST-layout loader on tiny generated directories.
struct MNISTLoaderTests {
  /// Writes a directory of 3 training and 2 test images of 2 × 2 pixels; the training files
  /// gzip-compressed, the test files plain.
  func makeDirectory(
    trainLabels: [UInt8] = [0, 2, 1], testLabels: [UInt8] = [1, 0]
  ) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let trainPixels: [UInt8] = [0, 255, 51, 102, 0, 0, 0, 0, 255, 255, 255, 255]
    try IDXFile(unsignedBytes: trainPixels, dimensions: [3, 2, 2]).write(
      to: directory.file("train-images-idx3-ubyte.gz"), compressed: true)
    try IDXFile(unsignedBytes: trainLabels, dimensions: [trainLabels.count]).write(
      to: directory.file("train-labels-idx1-ubyte.gz"), compressed: true)
    try IDXFile(unsignedBytes: [1, 2, 3, 4, 5, 6, 7, 8], dimensions: [2, 2, 2]).write(
      to: directory.file("t10k-images-idx3-ubyte"))
    try IDXFile(unsignedBytes: testLabels, dimensions: [testLabels.count]).write(
      to: directory.file("t10k-labels-idx1-ubyte"))
    return directory
  }

  @Test func loadsBothSetsScaledToTheUnitInterval() throws {
    let directory = try makeDirectory()
    let data = try MNIST.load(Float.self, from: directory.path)
    #expect(data.train.inputs.shape == [3, 4])
    #expect(data.train.inputs.scalars.prefix(4) == [0, 1, 0.2, 0.4])
    #expect(data.train.labels == [0, 2, 1])
    #expect(data.train.classes == 3 && data.test.classes == 3)
    #expect(data.test.inputs.shape == [2, 4])
    #expect(data.test.labels == [1, 0])
    #expect(data.test.features == 4 && data.test.count == 2)
  }

  @Test func rawScalingAndExplicitClasses() throws {
    let directory = try makeDirectory()
    let data = try MNIST.load(Double.self, from: directory.path, scaling: .raw, classes: 10)
    #expect(data.train.inputs.scalars.prefix(4) == [0, 255, 51, 102])
    #expect(data.train.classes == 10)
    #expect(data.train.oneHotLabels.shape == [3, 10])
  }

  @Test func labelAtOrAboveClassesIsAnError() throws {
    let directory = try makeDirectory()
    #expect(throws: DataError.self) {
      try MNIST.load(Double.self, from: directory.path, classes: 2)
    }
  }

  @Test func missingDirectoryAndMissingFile() throws {
    let directory = try makeDirectory()
    let nowhere = directory.file("no-such-directory")
    #expect(throws: DataError.missingFile(path: nowhere)) {
      try MNIST.load(Float.self, from: nowhere)
    }
    try IDXFile(unsignedBytes: [], dimensions: [0]).write(to: directory.file("unrelated"))
    let empty = try TemporaryDirectory()
    let expected = empty.file("train-images-idx3-ubyte.gz")
    do {
      _ = try MNIST.load(Float.self, from: empty.path)
      Issue.record("loaded an empty directory")
    } catch {
      #expect(error == .missingFile(path: expected))
      #expect(error.description.contains(DataError.installCommand))
    }
  }

  @Test func imagesAndLabelsOfDifferentCounts() throws {
    let directory = try makeDirectory(testLabels: [1, 0, 1])
    let images = directory.file("t10k-images-idx3-ubyte")
    let labels = directory.file("t10k-labels-idx1-ubyte")
    let expected = DataError.countMismatch(
      images: images, imageCount: 2, labels: labels, labelCount: 3)
    #expect(throws: expected) { try MNIST.load(Float.self, from: directory.path) }
    #expect(expected.description.contains("2 images") && expected.description.contains("3 labels"))
  }

  @Test func labelsOfTheWrongRankOrImagesOfTheWrongType() throws {
    let directory = try makeDirectory()
    try IDXFile(unsignedBytes: [0, 1, 1, 0], dimensions: [2, 2]).write(
      to: directory.file("t10k-labels-idx1-ubyte"))
    #expect(throws: DataError.self) { try MNIST.load(Float.self, from: directory.path) }
    let other = try makeDirectory()
    try IDXFile(dataType: .short, dimensions: [2, 2], bytes: [0, 0, 0, 0, 0, 0, 0, 0]).write(
      to: other.file("t10k-images-idx3-ubyte"))
    #expect(throws: DataError.self) { try MNIST.load(Float.self, from: other.path) }
  }

  @Test func oneSetFromExplicitPaths() throws {
    let directory = try makeDirectory()
    let set = try MNIST.loadSet(
      Float.self, images: directory.file("train-images-idx3-ubyte.gz"),
      labels: directory.file("train-labels-idx1-ubyte.gz"))
    #expect(set.count == 3 && set.classes == 3 && set.classCounts == [1, 1, 1])
    #expect(set.subset([2, 0]).labels == [1, 0])
    #expect(set.subset([2, 0]).inputs.scalars == [1, 1, 1, 1, 0, 1, 0.2, 0.4])
  }

  @Test func plainFileIsPreferredOverGzip() throws {
    let directory = try makeDirectory()
    let path = try MNIST.path(of: "t10k-images-idx3-ubyte", in: directory.path)
    #expect(path == directory.file("t10k-images-idx3-ubyte"))
    let gz = try MNIST.path(of: "train-images-idx3-ubyte", in: directory.path + "/")
    #expect(gz == directory.file("train-images-idx3-ubyte.gz"))
  }
}
