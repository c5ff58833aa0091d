import LayerCore

/// How pixel bytes (0...255) become input values.
public enum PixelScaling: Sendable, Equatable {
  /// Divided by 255, into [0, 1] (the default).
  case unitInterval
  /// Kept as they are, 0...255.
  case raw

  var factor: Double { self == .unitInterval ? 1.0 / 255 : 1 }
}

/// A training set and a test set.
public struct TrainTestSplit<T: LayerScalar>: Sendable, Equatable {
  /// The examples to train on.
  public var train: LabeledSet<T>
  /// The held-out examples.
  public var test: LabeledSet<T>

  /// Pairs two sets.
  public init(train: LabeledSet<T>, test: LabeledSet<T>) {
    self.train = train
    self.test = test
  }
}

/// Loads a directory in the MNIST layout: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte` and `t10k-labels-idx1-ubyte`, each plain or with `.gz` (gzip). This
/// is how MNIST and Fashion-MNIST are distributed; Debian's `dataset-fashion-mnist` installs the
/// four `.gz` files in ``fashionDirectory``.
public enum MNIST {
  /// Where Debian's `dataset-fashion-mnist` installs Fashion-MNIST.
  public static let fashionDirectory = "/usr/share/datasets/fashion-mnist"

  /// The four file names without `.gz`, in the order train images, train labels, test images,
  /// test labels.
  public static let fileNames = [
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
  ]

  /// The path of `name` in `directory`: the plain file if it exists, else `name.gz`.
  ///
  /// - Throws: ``DataError/missingFile(path:)`` naming the `.gz` path (or the directory, if
  ///   that is missing) when neither exists.
  public static func path(of name: String, in directory: String) throws(DataError) -> String {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    if fileExists(base + name) { return base + name }
    if fileExists(base + name + ".gz") { return base + name + ".gz" }
    throw .missingFile(path: fileExists(directory) ? base + name + ".gz" : directory)
  }

  /// Loads the training and the test set of `directory`, images flattened to rows of 784.
  ///
  /// - Parameters:
  ///   - classes: the number of classes; `nil` (the default) takes the largest label of both
  ///     sets plus one (10 for MNIST and Fashion-MNIST).
  /// - Throws: any ``DataError`` of ``IDXFile/init(contentsOf:)``, naming the file;
  ///   ``DataError/countMismatch(images:imageCount:labels:labelCount:)`` if a set's files
  ///   disagree; ``DataError/unexpectedContent(path:reason:)`` for a labels file that is not
  ///   rank 1 unsigned bytes, an images file that is not unsigned bytes of rank 2 or more, a
  ///   label at or above `classes`, or train and test images of different sizes.
  public static func load<T: LayerScalar>(
    _ type: T.Type = T.self, from directory: String, scaling: PixelScaling = .unitInterval,
    classes: Int? = nil
  ) throws(DataError) -> TrainTestSplit<T> {
    var paths: [String] = []
    for name in fileNames { paths.append(try path(of: name, in: directory)) }
    let train = try RawSet(images: paths[0], labels: paths[1])
    let test = try RawSet(images: paths[2], labels: paths[3])
    guard train.features == test.features else {
      throw .unexpectedContent(
        path: paths[2],
        reason: "images of \(test.features) pixels, but the training images have \(train.features)")
    }
    let classCount = classes ?? ((train.labels + test.labels).max() ?? -1) + 1
    return TrainTestSplit(
      train: try train.labeledSet(as: T.self, scaling: scaling, classes: classCount),
      test: try test.labeledSet(as: T.self, scaling: scaling, classes: classCount))
  }

  /// Loads one images file and its labels file as a set (each plain or gzip).
  ///
  /// - Throws: as ``load(_:from:scaling:classes:)``.
  public static func loadSet<T: LayerScalar>(
    _ type: T.Type = T.self, images: String, labels: String,
    scaling: PixelScaling = .unitInterval, classes: Int? = nil
  ) throws(DataError) -> LabeledSet<T> {
    let raw = try RawSet(images: images, labels: labels)
    return try raw.labeledSet(
      as: T.self, scaling: scaling, classes: classes ?? (raw.labels.max() ?? -1) + 1)
  }

  static func fileExists(_ path: String) -> Bool {
    ZlibFile.exists(path)
  }
}

/// An images file and a labels file, read and checked against each other.
struct RawSet {
  let imagesPath: String
  let labelsPath: String
  let images: IDXFile
  let labels: [Int]
  var features: Int { images.dimensions.dropFirst().reduce(1, *) }

  init(images imagesPath: String, labels labelsPath: String) throws(DataError) {
    let images = try IDXFile(contentsOf: imagesPath)
    let labels = try IDXFile(contentsOf: labelsPath)
    guard images.dataType == .unsignedByte, images.dimensions.count >= 2 else {
      throw .unexpectedContent(
        path: imagesPath,
        reason: "expected unsigned-byte images of rank 2 or more, found \(images.dataType) "
          + "\(images.dimensions)")
    }
    guard labels.dataType == .unsignedByte, labels.dimensions.count == 1 else {
      throw .unexpectedContent(
        path: labelsPath,
        reason: "expected unsigned-byte labels of rank 1, found \(labels.dataType) "
          + "\(labels.dimensions)")
    }
    guard images.dimensions[0] == labels.dimensions[0] else {
      throw .countMismatch(
        images: imagesPath, imageCount: images.dimensions[0], labels: labelsPath,
        labelCount: labels.dimensions[0])
    }
    self.imagesPath = imagesPath
    self.labelsPath = labelsPath
    self.images = images
    self.labels = labels.bytes.map { Int($0) }
  }

  func labeledSet<T: LayerScalar>(
    as type: T.Type, scaling: PixelScaling, classes: Int
  ) throws(DataError) -> LabeledSet<T> {
    if let bad = labels.first(where: { $0 >= classes }) {
      throw .unexpectedContent(
        path: labelsPath, reason: "label \(bad) is not below \(classes) classes")
    }
    let scalars = images.elements(as: T.self, scale: scaling.factor)
    let inputs = Tensor(validated: [labels.count, features], scalars: scalars)
    return LabeledSet(validated: inputs, labels: labels, classes: classes)
  }
}
