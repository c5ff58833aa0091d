import Foundation
import Initializers
import LayerConformance
import LayerData
import LayerKit

/// `layerkit train`: builds Dense layers with the named activations, trains them with minibatch
/// SGD and prints one line per epoch, then the test accuracy.
struct TrainCommand {
  var data = ""
  var sizes: [Int] = []
  var activations: [String] = []
  var initializer: Initializer = .he
  var epochs = 20
  var learningRate = 0.005
  var batchSize = 64
  var scalar: ScalarKind = .double
  var checkEvery: Int?
  var seed: UInt64 = 1
  var compareInits = false
  var curves: String?

  /// The synthetic data sets `--data` accepts besides a folder.
  static let syntheticNames = ["xor", "circles", "spirals"]

  static let usage = """
    USAGE: layerkit train --data DIR|xor|circles|spirals --layers N0,N1,...,Nk
                          --activations A1,...,Ak [--init NAME] [--epochs N] [--lr RATE]
                          [--batch N] [--scalar Float|Double] [--check-every N] [--seed S]
                          [--curves FILE.svg] [--compare-inits]

    Builds Dense(N0→N1), A1, ..., Dense(→Nk), Ak, trains it with minibatch SGD and prints one
    line per epoch (cost, train accuracy, seconds), then the test accuracy.

    OPTIONS:
      --data SOURCE      xor, circles or spirals (a train and a test set drawn with different
                         seeds), or a folder of MNIST-format files such as
                         \(MNIST.fashionDirectory), standardized per pixel.
      --layers SIZES     N0 = features (2 for the synthetic sets, 784 for MNIST), Nk = classes,
                         or 1 for a two-class set with 0/1 labels.
      --activations NAMES
                         One per Dense layer, names of registered activations (any case), or
                         softmax / none for the last one.
      --init NAME        \(Initializer.allCases.map(\.name).joined(separator: ", ")) (default he).
      --epochs N         Epochs (default 20).
      --lr RATE          Learning rate (default 0.005).
      --batch N          Batch size (default 64).
      --scalar TYPE      Float or Double (default Double).
      --check-every N    Gradient-check the whole network every N steps and print the result.
      --seed S           Seed of the initializer, the shuffle and the synthetic data (default 1).
      --curves FILE.svg  Write the cost and train accuracy per epoch as an SVG chart
                         (one curve per initializer with --compare-inits).
      --compare-inits    Train under every initializer and print one table.
      -h, --help         Show this help.

    LOSS: the last activation picks it. sigmoid: binary cross-entropy on one-hot (or 0/1)
          targets, computed from the logits (the sigmoid is part of the loss); softmax or
          none: softmax cross-entropy; any other: mean squared error after that activation.

    EXIT STATUS: 0 trained, 1 training diverged, 2 bad usage or data.
    """

  /// Runs `layerkit train` with the arguments after `train`.
  static func main(
    _ arguments: [String], registry: () throws(RegistryError) -> Registry, output: CommandOutput
  ) -> Int32 {
    if arguments.contains("--help") || arguments.contains("-h") {
      output.standardOutput("\(usage)\n")
      return LayerKitCommand.success
    }
    do throws(UsageError) {
      let command = try TrainCommand(arguments: arguments)
      let known: Registry
      do throws(RegistryError) { known = try registry() } catch {
        throw UsageError(error.description, showsUsage: false)
      }
      return try command.run(registry: known, output: output)
    } catch {
      output.error(error.description)
      if error.showsUsage { output.standardError("\n\(usage)\n") }
      return LayerKitCommand.usageError
    }
  }

  /// Parses the arguments after `train`.
  init(arguments: [String]) throws(UsageError) {
    var remaining = arguments[...]
    func value(for flag: String) throws(UsageError) -> String {
      guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
        throw UsageError("\(flag) needs a value")
      }
      return next
    }
    func positive(_ flag: String) throws(UsageError) -> Int {
      let text = try value(for: flag)
      guard let number = Int(text), number > 0 else {
        throw UsageError("\(flag) must be a positive integer, got '\(text)'")
      }
      return number
    }
    var sawData = false
    var sawLayers = false
    var sawActivations = false
    while let argument = remaining.popFirst() {
      switch argument {
      case "--data":
        data = try value(for: argument)
        sawData = true
      case "--layers":
        let text = try value(for: argument)
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == parts.count, numbers.count >= 2, numbers.allSatisfy({ $0 > 0 })
        else {
          throw UsageError(
            "--layers must be two or more positive sizes separated by commas, got '\(text)'")
        }
        sizes = numbers
        sawLayers = true
      case "--activations":
        activations = try value(for: argument).split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        sawActivations = true
      case "--init":
        let name = try value(for: argument)
        do throws(InitializerError) { initializer = try Initializer(named: name) } catch {
          throw UsageError("--init: \(error.description)")
        }
      case "--epochs": epochs = try positive(argument)
      case "--batch": batchSize = try positive(argument)
      case "--check-every": checkEvery = try positive(argument)
      case "--lr":
        let text = try value(for: argument)
        guard let rate = Double(text), rate.isFinite, rate > 0 else {
          throw UsageError("--lr must be a positive number, got '\(text)'")
        }
        learningRate = rate
      case "--seed":
        let text = try value(for: argument)
        guard let number = UInt64(text) else {
          throw UsageError("--seed must be a non-negative integer, got '\(text)'")
        }
        seed = number
      case "--scalar":
        let name = try value(for: argument)
        guard let kind = ScalarKind(named: name), kind == .float || kind == .double else {
          throw UsageError("unknown scalar type '\(name)' for --scalar (known: Float, Double)")
        }
        scalar = kind
      case "--compare-inits": compareInits = true
      case "--curves": curves = try value(for: argument)
      default:
        throw UsageError("unexpected argument '\(argument)'")
      }
    }
    for (flag, seen) in [("--data", sawData), ("--layers", sawLayers)] where !seen {
      throw UsageError("missing \(flag)")
    }
    if !sawActivations { throw UsageError("missing --activations") }
    guard activations.count == sizes.count - 1 else {
      throw UsageError(
        "--activations has \(activations.count) name(s) but --layers has \(sizes.count - 1) "
          + "Dense layer(s); give one activation per layer")
    }
  }

  /// Loads the data, builds the network and trains it in the requested scalar type.
  func run(registry: Registry, output: CommandOutput) throws(UsageError) -> Int32 {
    switch scalar {
    case .float: try TrainRun<Float>(command: self, registry: registry, output: output).run()
    default: try TrainRun<Double>(command: self, registry: registry, output: output).run()
    }
  }
}
