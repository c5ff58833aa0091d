import Foundation
import Initializers
import LayerConformance
import LayerData
import LayerKit
import Training

/// One `layerkit train` run in scalar type `T`: the data, the network, the loss, the output.
struct TrainRun<T: NetworkCheckScalar & BinaryFloatingPoint> {
  let command: TrainCommand
  let registry: Registry
  let output: CommandOutput

  /// How the last activation is realised: a layer before mean squared error, or folded into
  /// the loss (sigmoid into binary cross-entropy, softmax or none into softmax cross-entropy).
  enum Head {
    case binaryCrossEntropy, softmaxCrossEntropy, meanSquaredError
  }

  /// Validates the arguments against the data, trains (or compares the initializers) and
  /// returns the exit status: 0 trained, 1 diverged; usage problems throw before training.
  func run() throws(UsageError) -> Int32 {
    if let path = command.curves { try Curves.validate(path) }
    let (train, test) = try loadData()
    let (activationLayers, head) = try resolveActivations()
    try validateSizes(features: train.features, classes: train.classes)
    let loss: any Loss =
      switch head {
      case .binaryCrossEntropy: BinaryCrossEntropy()
      case .softmaxCrossEntropy: SoftmaxCrossEntropy()
      case .meanSquaredError: MeanSquaredError()
      }
    let trainData = try trainingData(train)
    let testData = try trainingData(test)
    let trainer = SGDTrainer(
      learningRate: command.learningRate, batchSize: command.batchSize, epochs: command.epochs,
      shuffleSeed: command.seed, checkEvery: command.checkEvery)
    let build = { (rule: Initializer) throws(UsageError) -> [any Layer<T>] in
      try network(initializer: rule, activations: activationLayers)
    }
    if command.compareInits {
      return try compare(
        build: build, trainer: trainer, loss: loss, data: trainData, test: testData)
    }
    var layers = try build(command.initializer)
    let history: TrainingHistory
    do throws(TrainingError) {
      history = try trainer.train(&layers, loss: loss, data: trainData) { report($0) }
    } catch {
      if case .diverged(_, _, _, _, let partial) = error { try writeCurves(partial) }
      output.error(error.description)
      return LayerKitCommand.checkFailed
    }
    try writeCurves(history)
    let accuracy = (try? trainer.accuracy(of: layers, on: testData, loss: loss)) ?? .nan
    output.standardOutput("test accuracy \(Self.percent(accuracy)) on \(testData.count) examples\n")
    if !history.failedChecks.isEmpty {
      output.standardOutput("\(history.failedChecks.count) gradient check(s) failed\n")
    }
    return LayerKitCommand.success
  }

  /// Writes `--curves` for one run, if asked.
  func writeCurves(_ history: TrainingHistory) throws(UsageError) {
    guard let path = command.curves else { return }
    try Curves.write(
      [
        Curves.Series(
          name: command.initializer.name, costs: history.epochCosts,
          accuracies: history.trainAccuracies)
      ], to: path)
    output.standardError("wrote \(path)\n")
  }

  /// Prints a training event: a live progress line on a terminal, a line per epoch and check.
  func report(_ event: TrainingEvent) {
    switch event {
    case .step(let epoch, _, let stepInEpoch, let stepsPerEpoch, let cost):
      guard output.isTerminal, stepInEpoch % 16 == 0 || stepInEpoch == stepsPerEpoch else {
        return
      }
      output.standardOutput(
        "\r\u{1B}[Kepoch \(epoch) step \(stepInEpoch)/\(stepsPerEpoch) cost \(Self.number(cost))")
    case .check(let check):
      clearProgress()
      var line = "check epoch \(check.epoch) step \(check.step): "
      if check.passed {
        line += "passed, difference \(Self.number(check.report.difference))"
      } else {
        let failing = check.failingTensors.map {
          "layer \($0.layerIndex) (\($0.layerName)) \($0.parameter)"
        }
        line += "FAILED, difference \(Self.number(check.report.difference)): "
        line += failing.joined(separator: ", ")
      }
      output.standardOutput(line + "\n")
    case .epoch(let record):
      clearProgress()
      output.standardOutput(
        "epoch \(record.epoch)  cost \(Self.number(record.cost))  "
          + "train accuracy \(Self.percent(record.trainAccuracy))  "
          + "\(String(format: "%.3f", record.seconds)) s\n")
    }
  }

  /// Erases the live progress line on a terminal.
  func clearProgress() {
    if output.isTerminal { output.standardOutput("\r\u{1B}[K") }
  }

  /// The train and test sets: synthetic ones with different seeds, or an MNIST folder
  /// standardized per pixel with the training set's statistics.
  func loadData() throws(UsageError) -> (LabeledSet<T>, LabeledSet<T>) {
    let seed = command.seed
    switch command.data.lowercased() {
    case "xor":
      return (
        Synthetic.xor(T.self, pointsPerCorner: 25, noise: 0.1, seed: seed, shuffle: true),
        Synthetic.xor(T.self, pointsPerCorner: 25, noise: 0.1, seed: seed &+ 1, shuffle: true)
      )
    case "circles":
      return (
        Synthetic.circles(T.self, count: 400, factor: 0.5, noise: 0.08, seed: seed),
        Synthetic.circles(T.self, count: 400, factor: 0.5, noise: 0.08, seed: seed &+ 1)
      )
    case "spirals":
      return (
        Synthetic.spirals(T.self, count: 400, seed: seed),
        Synthetic.spirals(T.self, count: 400, seed: seed &+ 1)
      )
    default:
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: command.data, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw UsageError(
          "--data: no folder '\(command.data)' (and not one of "
            + "\(TrainCommand.syntheticNames.joined(separator: ", "))); for Fashion-MNIST run "
            + "`\(DataError.installCommand)` and pass \(MNIST.fashionDirectory)",
          showsUsage: false)
      }
      do throws(DataError) {
        let split = try MNIST.load(T.self, from: command.data).standardized()
        return (split.train, split.test)
      } catch {
        throw UsageError("--data: \(error.description)", showsUsage: false)
      }
    }
  }

  /// One layer per activation name (`nil` where the activation is folded into the loss), and
  /// the loss the last name selects.
  func resolveActivations() throws(UsageError) -> ([(any Layer<T>)?], Head) {
    let known = registry.activations
    let names = known.map(\.name) + ["Softmax", "none"]
    var layers: [(any Layer<T>)?] = []
    var head = Head.meanSquaredError
    for (index, name) in command.activations.enumerated() {
      let isLast = index == command.activations.count - 1
      let lowered = name.lowercased()
      if lowered == "softmax" || lowered == "none" {
        guard isLast else {
          throw UsageError(
            "--activations: '\(name)' is only allowed for the last layer", showsUsage: false)
        }
        layers.append(nil)
        head = .softmaxCrossEntropy
        continue
      }
      guard let activation = known.first(where: { $0.name.lowercased() == lowered }) else {
        var message = "--activations: unknown activation '\(name)'"
        if let guess = RegistryError.suggestion(for: name, among: names) {
          message += "; did you mean '\(guess)'?"
        }
        message += " (known: \(names.joined(separator: ", ")))"
        throw UsageError(message, showsUsage: false)
      }
      if isLast && lowered == "sigmoid" {
        layers.append(nil)
        head = .binaryCrossEntropy
      } else {
        layers.append(Self.layer(activation))
      }
    }
    return (layers, head)
  }

  /// `activation` as a layer in `T` (opens the existential).
  static func layer<A: Activation>(_ activation: A) -> any Layer<T> {
    ActivationLayer(activation, of: T.self)
  }

  /// Checks the first size against the features and the last against the classes.
  func validateSizes(features: Int, classes: Int) throws(UsageError) {
    let sizes = command.sizes
    guard sizes[0] == features else {
      throw UsageError(
        "--layers: the first size is \(sizes[0]) but the data has \(features) features",
        showsUsage: false)
    }
    let last = sizes[sizes.count - 1]
    guard last == classes || (last == 1 && classes == 2) else {
      throw UsageError(
        "--layers: the last size is \(last) but the data has \(classes) classes "
          + "(use \(classes)\(classes == 2 ? ", or 1 for 0/1 labels" : ""))",
        showsUsage: false)
    }
  }

  /// Inputs with one-hot targets, or a 0/1 column for a single output.
  func trainingData(_ set: LabeledSet<T>) throws(UsageError) -> TrainingData<T> {
    do {
      let targets =
        command.sizes.last == 1
        ? try Tensor<T>(shape: [set.count, 1], scalars: set.labels.map { T($0) })
        : set.oneHotLabels
      return try TrainingData(inputs: set.inputs, targets: targets)
    } catch {
      throw UsageError("--data: \(error)", showsUsage: false)
    }
  }

  /// Dense(n_i → n_i+1) followed by its activation layer (if any), initialized by `rule`.
  func network(
    initializer rule: Initializer, activations: [(any Layer<T>)?]
  ) throws(UsageError) -> [any Layer<T>] {
    var random = RandomSource(seed: command.seed)
    var layers: [any Layer<T>] = []
    for (index, activation) in activations.enumerated() {
      do throws(LayerError) {
        layers.append(
          try rule.dense(
            inputSize: command.sizes[index], outputSize: command.sizes[index + 1], of: T.self,
            random: &random))
      } catch {
        throw UsageError("--layers: \(error)", showsUsage: false)
      }
      if let activation { layers.append(activation) }
    }
    return layers
  }

  /// A cost or difference with six significant digits.
  static func number(_ value: Double) -> String { String(format: "%.6g", value) }

  /// A fraction as a percentage with two decimals.
  static func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
}
