import Foundation
import LayerConformance
import LayerData
import LayerKit
import Training

// Paired epochs: numpy's epoch and LayerKit's epoch of the same type, one right after the
// other, many times. This machine's speed drifts by up to half within seconds; a ratio of
// two epochs run a second apart sees the same machine, where the best epochs of two runs
// minutes apart may not.

/// Benchmarks/numpy_train.py in its `--serve` mode: a numpy process that trains one more
/// epoch of a dtype each time it is asked.
final class NumpyServer {
  private let process = Process()
  private let requests = Pipe()
  private let answers = Pipe()
  private var pending = Data()
  /// numpy's version and the data it trains on ("fashion-mnist" or "synthetic").
  private(set) var version = "?"
  private(set) var data = "?"

  /// Starts the server on the data in `directory`; `nil` when python3 with numpy fails. A
  /// server that dies later makes ``epoch(_:)`` return `nil` (SIGPIPE is ignored from here on,
  /// so that writing to it fails instead of ending this process).
  init?(script: URL, directory: String) {
    signal(SIGPIPE, SIG_IGN)
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "--serve", directory]
    process.standardInput = requests
    process.standardOutput = answers
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    guard let line = readLine(),
      let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let version = json["numpy"] as? String
    else {
      finish()
      return nil
    }
    (self.version, self.data) = (version, json["data"] as? String ?? "?")
  }

  /// Trains one epoch of `dtype` (`"float32"` or `"float64"`); its seconds, or `nil` when the
  /// server has ended or answers anything else.
  func epoch(_ dtype: String) -> Double? {
    do {
      try requests.fileHandleForWriting.write(contentsOf: Data((dtype + "\n").utf8))
    } catch {
      return nil
    }
    return readLine().flatMap(Double.init)
  }

  /// Closes the server's input and waits for it to end.
  func finish() {
    try? requests.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  /// The next line of the server's output, without its newline; `nil` at end of output.
  private func readLine() -> String? {
    while true {
      if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
        pending = Data(pending[(newline + 1)...])
        return line
      }
      let more = answers.fileHandleForReading.availableData
      if more.isEmpty { return nil }
      pending.append(more)
    }
  }
}

/// LayerKit's side of the pairs: the benchmark's network in `T`, trained one epoch at a time
/// (each epoch shuffled with its own seed).
struct EpochByEpoch<T: NetworkCheckScalar> {
  private var layers: [any Layer<T>]
  private let data: TrainingData<T>
  private var done = 0

  init(_ data: TrainingData<T>) throws {
    self.data = data
    layers = try network(T.self, seed: 1)
  }

  /// Trains one more epoch; returns its seconds.
  mutating func epoch() throws -> Double {
    done += 1
    let trainer = SGDTrainer(
      learningRate: 0.005, batchSize: 64, epochs: 1, shuffleSeed: UInt64(done))
    let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: data)
    return history.epochs[0].seconds
  }
}

/// `pairs` pairs of epochs of type `T` (`dtype` on numpy's side), LayerKit's seconds and
/// numpy's, each of two epochs run back to back; which of the two runs first alternates from
/// pair to pair. A pause of 0.1 s before each epoch lets the other side's idle threads
/// (OpenBLAS's spin for about 0.07 s, LayerKit's workers for 0.5 ms) go to sleep first. `nil`
/// when numpy fails.
func pairedEpochs<T: NetworkCheckScalar>(
  _: T.Type, dtype: String, pairs: Int, server: NumpyServer
) throws -> [(ours: Double, numpy: Double)]? {
  let (data, _) = try trainingData(T.self, from: directory)
  var ours = try EpochByEpoch(data)
  // One epoch each first, unpaired: page faults, caches, numpy's first allocations.
  _ = try ours.epoch()
  guard server.epoch(dtype) != nil else { return nil }
  var seconds: [(ours: Double, numpy: Double)] = []
  for pair in 0..<pairs {
    let (mine, theirs): (Double, Double?)
    if pair % 2 == 0 {
      usleep(100_000)
      theirs = server.epoch(dtype)
      usleep(100_000)
      mine = try ours.epoch()
    } else {
      usleep(100_000)
      mine = try ours.epoch()
      usleep(100_000)
      theirs = server.epoch(dtype)
    }
    guard let theirs else { return nil }
    seconds.append((mine, theirs))
  }
  return seconds
}

/// The `q`-quantile of `values` (0 < `q` < 1), linear between ranks: the median for ½.
func quantile(_ values: [Double], _ q: Double) -> Double {
  let sorted = values.sorted()
  let position = q * Double(sorted.count - 1)
  let lower = Int(position.rounded(.down))
  let upper = min(lower + 1, sorted.count - 1)
  return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
}

/// The median and the quartiles of `values` with `digits` decimals: "0.93 (0.90–0.97)"; "-"
/// for none.
func medianAndQuartiles(_ values: [Double], _ digits: Int = 2) -> String {
  guard !values.isEmpty else { return "-" }
  let f = "%.\(digits)f"
  return String(
    format: "\(f) (\(f)–\(f))", quantile(values, 0.5), quantile(values, 0.25),
    quantile(values, 0.75))
}
