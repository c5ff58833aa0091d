import Foundation
import Initializers
import LayerKit
import LayerKitCommandLine
import Testing

/// `layerkit train` with `arguments` after the subcommand.
func train(_ arguments: String..., registry: Registry? = nil) -> Run {
  layerkit(arguments: ["train"] + arguments, registry: registry)
}

/// The XOR network every run below starts from: 2-8-1, tanh then sigmoid (binary
/// cross-entropy on 0/1 labels).
let xorNetwork = ["--data", "xor", "--layers", "2,8,1", "--activations", "tanh,sigmoid"]

@Suite("layerkit train: usage errors exit 2 with one line naming the argument")
struct TrainUsageTests {
  @Test(
    arguments: [
      (
        ["--data", "xor", "--layers", "2,8,1", "--activations", "tahn,sigmoid"],
        "--activations: unknown activation 'tahn'; did you mean 'Tanh'?"
      ),
      (
        ["--data", "xor", "--layers", "3,8,1", "--activations", "tanh,sigmoid"],
        "--layers: the first size is 3 but the data has 2 features"
      ),
      (
        ["--data", "xor", "--layers", "2,8,3", "--activations", "tanh,sigmoid"],
        "--layers: the last size is 3 but the data has 2 classes"
      ),
      (
        ["--data", "xor", "--layers", "2,8,1", "--activations", "tanh"],
        "--activations has 1 name(s) but --layers has 2 Dense layer(s)"
      ),
      (
        ["--data", "/no/such/folder", "--layers", "784,10", "--activations", "softmax"],
        "apt-get update && apt-get install -y dataset-fashion-mnist"
      ),
      (xorNetwork + ["--init", "lecun"], "--init: unknown initializer \"lecun\""),
      (xorNetwork + ["--epochs", "0"], "--epochs must be a positive integer, got '0'"),
      (xorNetwork + ["--batch", "-3"], "--batch must be a positive integer, got '-3'"),
      (xorNetwork + ["--lr", "0"], "--lr must be a positive number, got '0'"),
      (xorNetwork + ["--lr", "nan"], "--lr must be a positive number, got 'nan'"),
      (xorNetwork + ["--scalar", "Half"], "unknown scalar type 'Half' for --scalar"),
      (xorNetwork + ["--check-every", "x"], "--check-every must be a positive integer"),
      (xorNetwork + ["--frobnicate"], "unexpected argument '--frobnicate'"),
      (["--layers", "2,1", "--activations", "sigmoid"], "missing --data"),
      (
        ["--data", "xor", "--layers", "2", "--activations", "sigmoid"],
        "--layers must be two or more positive sizes"
      ),
      (
        ["--data", "xor", "--layers", "2,4,1", "--activations", "softmax,sigmoid"],
        "--activations: 'softmax' is only allowed for the last layer"
      ),
    ])
  func badArgumentsExitTwo(arguments: [String], message: String) {
    let run = layerkit(arguments: ["train"] + arguments)
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.contains(message) == true, "\(run.errors)")
    #expect(run.output.isEmpty)
  }

  @Test func helpPrintsTheUsage() {
    let run = train("--help")
    #expect(run.status == LayerKitCommand.success)
    #expect(run.output.contains("USAGE: layerkit train"))
    #expect(run.output.contains("LOSS:"))
  }
}

@Suite("layerkit train: training runs")
struct TrainRunTests {
  /// A small network learns XOR's four noisy clusters completely, in both scalar types.
  @Test(arguments: ["Float", "Double"])
  func xorReachesFullAccuracy(scalar: String) {
    let run = layerkit(
      arguments: ["train"] + xorNetwork + [
        "--epochs", "20", "--lr", "0.5", "--batch", "8", "--scalar", scalar,
      ])
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("epoch ") }.count == 20)
    #expect(lines.last { $0.hasPrefix("epoch 20 ") }?.contains("train accuracy 100.00%") == true)
    #expect(lines.last == "test accuracy 100.00% on 100 examples")
    #expect(!run.output.contains("\r"))
  }

  /// A terminal gets a live progress line within each epoch.
  @Test func aTerminalGetsAProgressLine() {
    let output = Capture()
    let status = LayerKitCommand.run(
      ["train"] + xorNetwork + ["--epochs", "1", "--lr", "0.5", "--batch", "4"],
      output: CommandOutput(
        standardOutput: { output.text += $0 }, standardError: { _ in }, isTerminal: true))
    #expect(status == LayerKitCommand.success)
    #expect(output.text.contains("\r\u{1B}[Kepoch 1 step 16/25 cost "))
  }

  /// Every N steps a check line: passed for the built-in layers.
  @Test func checkEveryPrintsTheChecks() {
    let run = train(
      "--data", "xor", "--layers", "2,4,1", "--activations", "tanh,sigmoid", "--epochs", "2",
      "--lr", "0.5", "--batch", "10", "--check-every", "5")
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let checks = run.output.split(separator: "\n").filter { $0.hasPrefix("check ") }
    #expect(checks.count == 4)
    #expect(checks.first?.hasPrefix("check epoch 1 step 5: passed") == true)
  }

  /// A wrong derivative is caught mid-training: the line names the failing tensors.
  @Test func checkEveryNamesFailingTensors() throws {
    let registry = try Registry(activations: BuiltIn.activations + [HalfSlopeSquare()])
    let run = train(
      "--data", "xor", "--layers", "2,4,1", "--activations", "halfslopesquare,sigmoid",
      "--epochs", "1", "--lr", "0.1", "--batch", "10", "--check-every", "5",
      registry: registry)
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let check = run.output.split(separator: "\n").first { $0.hasPrefix("check ") }
    #expect(check?.contains("FAILED") == true)
    #expect(check?.contains("layer 0 (Dense) weight") == true)
    #expect(run.output.contains("gradient check(s) failed"))
  }

  /// One row per initializer, after a header.
  @Test func compareInitsPrintsOneRowPerInitializer() {
    let run = layerkit(
      arguments: ["train"] + xorNetwork + [
        "--epochs", "3", "--lr", "0.5", "--batch", "8", "--compare-inits",
      ])
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == Initializer.allCases.count + 1)
    #expect(lines.first?.hasPrefix("initializer") == true)
    for (line, rule) in zip(lines.dropFirst(), Initializer.allCases) {
      #expect(line.hasPrefix(rule.name + " "))
    }
  }

  /// A cost that overflows stops training with the trainer's message and exit status 1.
  @Test func divergenceExitsOne() {
    let run = train(
      "--data", "xor", "--layers", "2,8,1", "--activations", "tanh,identity", "--lr", "100",
      "--scalar", "Float")
    #expect(run.status == LayerKitCommand.checkFailed)
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.contains("training diverged at epoch") == true)
    #expect(!run.output.contains("test accuracy"))
  }

  /// Circles with a softmax head (softmax cross-entropy on one-hot targets) learns the set.
  @Test func circlesWithSoftmax() {
    let run = train(
      "--data", "circles", "--layers", "2,16,2", "--activations", "tanh,softmax", "--lr", "0.5",
      "--epochs", "30", "--batch", "16")
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    #expect(run.output.contains("test accuracy 100.00%"))
  }
}
