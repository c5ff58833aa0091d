import LayerConformance
import LayerCore

extension SGDTrainer {
  /// The cost of `layers` and `loss` on `batch` (training mode), the network's output, and the
  /// gradient of the cost with respect to each layer's parameters.
  ///
  /// - Parameter alongside: Work for the spare core (LayerCore's `performInBackground(_:)`)
  ///   while the layers after the first and the loss run, which leave it mostly idle: it
  ///   starts after the first layer's forward pass and is done before that layer's backward
  ///   pass, which wants both cores again, and before this method returns or throws. The
  ///   trainer gathers the next batch this way.
  /// - Throws: The first `LayerError` a layer or the loss throws.
  @inlinable
  public static func costAndGradients<T: LayerScalar>(
    _ layers: [any Layer<T>], loss: any Loss,
    batch: (inputs: Tensor<T>, targets: Tensor<T>), random: inout RandomSource,
    alongside: (@Sendable () -> Void)? = nil
  ) throws(LayerError) -> (cost: T, output: Tensor<T>, gradients: [ParameterSet<T>]) {
    var x = batch.inputs
    var caches: [any Sendable] = []
    caches.reserveCapacity(layers.count)
    var background: BackgroundWork?
    defer { background?.wait() }
    for layer in layers {
      let (y, cache) = try layer.forward(x, mode: .training, random: &random)
      caches.append(cache)
      x = y
      if let alongside, background == nil { background = performInBackground(alongside) }
    }
    let cost = try loss.value(x, target: batch.targets)
    var gradient = try loss.gradient(x, target: batch.targets)
    var gradients = [ParameterSet<T>](repeating: ParameterSet(), count: layers.count)
    for index in layers.indices.reversed() {
      guard index > 0 else {
        background?.wait()
        // Nothing uses the gradient of the data: the first layer skips its input gradient.
        gradients[0] = try layers[0].parameterGradients(gradient, erasedCache: caches[0])
        break
      }
      let result = try layers[index].backward(gradient, erasedCache: caches[index])
      gradient = result.input
      gradients[index] = result.parameters
    }
    return (cost, x, gradients)
  }

  /// `θ ← θ − rate · g` for every parameter tensor of every layer, in place
  /// (``Layer/descend(along:rate:)``).
  ///
  /// - Throws: `LayerError` when a gradient's names or shapes differ from the parameters'.
  @inlinable
  public static func update<T: LayerScalar>(
    _ layers: inout [any Layer<T>], gradients: [ParameterSet<T>], rate: T
  ) throws(LayerError) {
    for index in layers.indices where gradients[index].count > 0 {
      try layers[index].descend(along: gradients[index], rate: rate)
    }
  }

  /// The fraction of `data` that `layers` classify correctly in inference mode, by
  /// ``accuracy``, evaluated in chunks of 1024 rows.
  ///
  /// - Throws: The first `LayerError` a layer throws.
  @inlinable
  public func accuracy<T: NetworkCheckScalar>(
    of layers: [any Layer<T>], on data: TrainingData<T>, loss: any Loss
  ) throws(LayerError) -> Double {
    var correct = 0
    var random = RandomSource(seed: 0)  // unused in inference mode
    var lower = 0
    while lower < data.count {
      let batch = data.rows(lower..<min(lower + 1024, data.count))
      var x = batch.inputs
      for layer in layers { x = try layer.forward(x, mode: .inference, random: &random).output }
      correct += accuracy.correct(x, batch.targets, loss: loss)
      lower += 1024
    }
    return Double(correct) / Double(data.count)
  }
}
