import Foundation
import Initializers
import LayerConformance
import LayerData
import LayerKit
import Training

/// The training images as `T`: Fashion-MNIST's 60,000, standardized per pixel, with one-hot
/// targets; or, when the folder is missing, as many random rows of the same shape.
func trainingData<T: NetworkCheckScalar>(_: T.Type, from directory: String) throws
  -> (data: TrainingData<T>, source: String)
{
  let split: TrainTestSplit<T>
  do throws(DataError) {
    split = try MNIST.load(T.self, from: directory).standardized()
  } catch {
    var random = RandomSource(seed: 3)
    let count = 60_000
    let inputs = (0..<(count * 784)).map { _ in T(2 * random.nextUnit() - 1) }
    let labels = (0..<count).map { _ in Int(random.nextUnit() * 10) % 10 }
    let data = try TrainingData(
      inputs: Tensor(shape: [count, 784], scalars: inputs), targets: oneHot(labels, classes: 10))
    return (data, "synthetic data (\(directory) unreadable: \(error.description))")
  }
  return (try TrainingData(inputs: split.train.inputs, targets: split.train.oneHotLabels), "")
}

/// 784-50-25-10, He weights, ReLU / ReLU, and a sigmoid output folded into
/// `BinaryCrossEntropy` (which takes logits), as `layerkit train` builds it.
func network<T: LayerScalar>(_: T.Type, seed: UInt64) throws -> [any Layer<T>] {
  var random = RandomSource(seed: seed)
  return [
    try Initializer.he.dense(inputSize: 784, outputSize: 50, of: T.self, random: &random),
    ActivationLayer(ReLU(), of: T.self),
    try Initializer.he.dense(inputSize: 50, outputSize: 25, of: T.self, random: &random),
    ActivationLayer(ReLU(), of: T.self),
    try Initializer.he.dense(inputSize: 25, outputSize: 10, of: T.self, random: &random),
  ]
}

/// Seconds of each epoch of `SGDTrainer` (batch 64, learning rate 0.005) on `data`, and the
/// last epoch's cost.
func epochSeconds<T: NetworkCheckScalar>(_ data: TrainingData<T>, epochs: Int) throws
  -> (seconds: [Double], cost: Double)
{
  var layers = try network(T.self, seed: 1)
  let trainer = SGDTrainer(learningRate: 0.005, batchSize: 64, epochs: epochs, shuffleSeed: 1)
  let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: data)
  return (history.epochs.map(\.seconds), history.epochs.last?.cost ?? .nan)
}

/// Benchmarks/numpy_train.py, the seeds' training loop in numpy.
let numpyScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Benchmarks/numpy_train.py")

/// The numpy loop's figures: seconds per epoch, keyed by `"float32"` / `"float64"`.
struct NumpyRun {
  var version: String
  var data: String
  var best: [String: Double]

  /// This run and `other`, keeping the better epoch of each dtype.
  func merged(_ other: NumpyRun) -> NumpyRun {
    var run = self
    run.best.merge(other.best) { min($0, $1) }
    return run
  }
}

/// Runs Benchmarks/numpy_train.py for `epochs` epochs of each of `dtypes` (`"float32"`,
/// `"float64"`); `nil` when python3 with numpy fails.
func runNumpy(epochs: Int, directory: String, dtypes: [String]) -> NumpyRun? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", numpyScript.path, "\(epochs)", directory] + dtypes
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do {
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
      let version = json["numpy"] as? String
    else { return nil }
    var best: [String: Double] = [:]
    for key in dtypes {
      best[key] = (json[key] as? [String: Any])?["best"] as? Double
    }
    return NumpyRun(version: version, data: json["data"] as? String ?? "?", best: best)
  } catch {
    return nil
  }
}
