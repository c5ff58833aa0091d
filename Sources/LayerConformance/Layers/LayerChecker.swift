import Foundation
import LayerCore

/// Checks a layer's backward pass against central differences of `L = ⟨R, layer(x)⟩`, with a
/// fixed random `R` so that every output element matters.
///
/// ```swift
/// let report = LayerChecker().check(DenseBlueprint(), as: Double.self)
/// print(report)   // verdict, problems, one line per tensor, worst entries
/// ```
///
/// The layer is built twice from its blueprint: in the scalar type under test, whose backward
/// pass is judged, and in that type's ``CheckableScalar/Wide`` type with the same parameters,
/// in which the numeric references are computed. The random source is re-seeded before every
/// forward pass, so a dropout mask is the same in the analytic pass, f(θ+h) and f(θ−h). A
/// stochastic layer's statistics are checked too. See <doc:HowTheCheckWorks>.
public struct LayerChecker: Sendable {
  /// The strategy (``Strategy/standard`` by default) and the seed.
  public var options: CheckOptions
  /// Whether the random source is re-seeded before each forward pass. Only a test of the kit
  /// itself turns this off, to show that dropout then fails the check.
  public var reseeds: Bool
  /// Whether a blueprint check moves the first entries of the input and parameters that have a
  /// declared kink onto and just beside it (see ``/LayerCore/PiecewiseSmoothLayer``), so that
  /// the kink handling and the backward pass's convention are exercised. On by default.
  public var placesEntriesAtKinks: Bool

  /// A checker with the given options.
  public init(
    options: CheckOptions = CheckOptions(), reseeds: Bool = true,
    placesEntriesAtKinks: Bool = true
  ) {
    self.options = options
    self.reseeds = reseeds
    self.placesEntriesAtKinks = placesEntriesAtKinks
  }

  /// A checker with the given strategy and seed.
  public init(strategy: Strategy, seed: UInt64 = CheckOptions.defaultSeed) {
    self.init(options: CheckOptions(strategy: strategy, seed: seed))
  }

  /// Checks the layer `blueprint` builds, in the scalar type named by `scalar`.
  public func check(_ blueprint: any LayerBlueprint, as scalar: ScalarKind) -> LayerReport {
    check(blueprint, as: scalar.type)
  }

  /// Checks the layer `blueprint` builds, in `T`, against references computed in `T.Wide`.
  public func check<T: CheckableScalar>(
    _ blueprint: any LayerBlueprint, as _: T.Type
  ) -> LayerReport {
    withSample(blueprint, T.self) { layer, reference, input in
      check(layer, reference: reference, input: input, name: blueprint.name)
    }
  }

  /// Builds the layer, its wide reference and the seeded sample input from `blueprint`, runs
  /// `body` on them and times it; an unusable sample shape or a blueprint that throws gives a
  /// failing report instead. The one entry path of `check(_:as:)` and `checkJacobian(_:as:)`.
  func withSample<T: CheckableScalar>(
    _ blueprint: any LayerBlueprint, _: T.Type,
    _ body: (any Layer<T>, any Layer<T.Wide>, Tensor<T>) -> LayerReport
  ) -> LayerReport {
    let clock = ContinuousClock()
    let start = clock.now
    let label = "\(blueprint.name) [\(T.scalarName)]"
    var report: LayerReport
    let shape = blueprint.sampleInputShape
    if shape.isEmpty || !shape.allSatisfy({ $0 > 0 }) {
      report = failure(
        blueprint.name, T.self,
        Problem(
          .invalidArgument, tensor: "input",
          "\(label): the sample input shape \(shape) is unusable: it needs at least one "
            + "dimension and every extent at least 1"))
    } else {
      do throws(LayerError) {
        let (layer, reference, input) = try sample(blueprint, T.self)
        report = body(layer, reference, input)
      } catch {
        report = failure(
          blueprint.name, T.self,
          Problem(.threw, tensor: nil, "\(label): building the layer threw: \(error)"))
      }
    }
    report.seconds = (clock.now - start).seconds
    return report
  }

  /// The layer `blueprint` builds in `T`, the same layer in `T.Wide` with the same parameters,
  /// and the seeded sample input (with entries placed at declared kinks unless told not to).
  func sample<T: CheckableScalar>(
    _ blueprint: any LayerBlueprint, _: T.Type
  ) throws(LayerError) -> (any Layer<T>, any Layer<T.Wide>, Tensor<T>) {
    var random = RandomSource(seed: options.seed)
    var wideRandom = RandomSource(seed: options.seed)
    var layer = try blueprint.makeLayer(of: T.self, random: &random)
    var reference = try blueprint.makeLayer(of: T.Wide.self, random: &wideRandom)
    var inputRandom = RandomSource(seed: options.seed &+ 1)
    var input: Tensor<T> = randomTensor(blueprint.sampleInputShape, &inputRandom)
    if placesEntriesAtKinks { Self.placingEntriesAtKinks(&layer, &input) }
    var wideParameters = ParameterSet<T.Wide>()
    let parameters = layer.parameters
    for (name, tensor) in zip(parameters.names, parameters.tensors) {
      wideParameters[name] = converted(tensor, to: T.Wide.self)
    }
    reference.parameters = wideParameters
    return (layer, reference, input)
  }

  /// A report of `component` that checked nothing because of `problem`.
  func failure<T: CheckableScalar>(_ component: String, _: T.Type, _ problem: Problem)
    -> LayerReport
  {
    LayerReport(
      component: component, scalar: T.scalarName, strategy: "\(options.strategy)", points: 0,
      maxRelativeError: 0, tolerance: T.layerTolerance, tensors: [], worst: [], problems: [problem])
  }

  /// Checks `layer` at `input`, computing numeric references with `reference`, the same layer
  /// built in `T.Wide` with the same parameters.
  ///
  /// A ``/LayerCore/RecurrentLayer`` runs from a random non-zero initial state drawn from the
  /// seed, the same in every evaluation, and the gradient of its
  /// ``/LayerCore/RecurrentLayer/backwardThroughTime(_:cache:)`` with respect to that state is
  /// checked like the input's, reported as the tensor `initialState`; checked entry by entry,
  /// its input gradient is also summarized per time step (``LayerReport/timeSteps``).
  public func check<T: CheckableScalar>(
    _ layer: any Layer<T>, reference: any Layer<T.Wide>, input: Tensor<T>, name: String
  ) -> LayerReport {
    let setup = RecurrentCheckSetup(
      layer: layer, reference: reference, input: input, seed: options.seed)
    let (layer, reference) = (setup?.layer ?? layer, setup?.reference ?? reference)
    let entries = input.count + layer.parameters.scalarCount
    var run = LayerRun(
      layer: layer, reference: reference, input: input, name: name,
      strategy: options.strategy.resolved(forEntries: entries), seed: options.seed,
      reseeds: reseeds)
    run.recurrent = setup != nil
    if let reason = options.strategy.unusableReason {
      run.problems.append(Problem(.invalidArgument, tensor: nil, "\(run.label): \(reason)"))
    } else if let refusal = setup?.refusal {
      run.problems.append(
        Problem(
          .invalidArgument, tensor: nil,
          "\(run.label): the recurrent layer cannot be checked with its initial state: "
            + refusal))
    } else {
      run.execute()
    }
    return run.report()
  }
}
