import LayerCore

extension LayerChecker {
  /// The largest Jacobian, in output entries × input entries, that `checkJacobian(_:as:)`
  /// builds; a larger one is reported as an invalid argument rather than built.
  public static let jacobianEntryLimit = 65_536

  /// Checks the full input Jacobian of the layer `blueprint` builds, in the scalar type named
  /// by `scalar`. See `checkJacobian(_:reference:input:name:)`.
  public func checkJacobian(_ blueprint: any LayerBlueprint, as scalar: ScalarKind) -> LayerReport {
    checkJacobian(blueprint, as: scalar.type)
  }

  /// Checks the full input Jacobian of the layer `blueprint` builds, in `T`, at the same
  /// seeded sample input (entries placed at declared kinks included) as `check(_:as:)`.
  public func checkJacobian<T: CheckableScalar>(
    _ blueprint: any LayerBlueprint, as _: T.Type
  ) -> LayerReport {
    withSample(blueprint, T.self) { layer, reference, input in
      checkJacobian(layer, reference: reference, input: input, name: blueprint.name)
    }
  }

  /// Checks the full Jacobian `J[i, j] = ∂output[i] / ∂input[j]` of `layer` at `input`, entry
  /// by entry.
  ///
  /// The analytic Jacobian is built row by row: row `i` is the input gradient of one backward
  /// pass with the unit cotangent `eᵢ`. The numeric one is built column by column in `T.Wide`
  /// through `reference`: column `j` is the difference quotient of the whole output as input
  /// entry `j` moves, by the kit's one finite-difference engine (the central difference, or,
  /// for a ``/LayerCore/PiecewiseSmoothLayer`` with a declared kink of entry `j` within reach,
  /// a one-sided difference or, on the kink, the slope its convention names). The report has
  /// one tensor, `jacobian`, whose row-major entry `i · input.count + j` is `J[i, j]`; each
  /// problem names the layer, the scalar type, the entry as (row, column), both values, the
  /// error and the tolerance. Parameters are not perturbed (`check(_:reference:input:name:)`
  /// checks their gradients).
  public func checkJacobian<T: CheckableScalar>(
    _ layer: any Layer<T>, reference: any Layer<T.Wide>, input: Tensor<T>, name: String
  ) -> LayerReport {
    var run = JacobianRun(
      layer: layer, reference: reference, input: input, name: name, seed: options.seed)
    run.execute()
    return run.report(strategy: "jacobian")
  }
}

/// The state of one Jacobian check: the layer in `T`, the references in `T.Wide`.
struct JacobianRun<T: CheckableScalar> {
  typealias W = T.Wide
  let layer: any Layer<T>
  let reference: any Layer<W>
  let input: Tensor<T>
  let name: String
  let seed: UInt64
  let label: String
  let tolerance = T.tolerance
  var results: [EntryResult] = []
  var problems: [Problem] = []
  var kinkEntries: [KinkEntry] = []
  var outputCount = 0

  init(
    layer: any Layer<T>, reference: any Layer<W>, input: Tensor<T>, name: String, seed: UInt64
  ) {
    self.layer = layer
    self.reference = reference
    self.input = input
    self.name = name
    self.seed = seed
    self.label = "\(name) [\(T.scalarName)]"
  }

  /// The random source every forward pass starts from, as in the gradient check; the Jacobian
  /// check always re-seeds (``LayerChecker/reseeds`` is for the gradient check only).
  var fresh: RandomSource { RandomSource(seed: seed &+ 2) }

  mutating func execute() {
    do throws(LayerError) {
      try compareJacobians()
    } catch {
      problems.append(Problem(.threw, tensor: nil, "\(label): the layer threw \(error)"))
    }
  }

  mutating func compareJacobians() throws(LayerError) {
    var random = fresh
    let (output, cache) = try layer.forward(input, mode: .training, random: &random)
    let (m, n) = (output.count, input.count)
    outputCount = m
    guard m * n <= LayerChecker.jacobianEntryLimit else {
      problems.append(
        Problem(
          .invalidArgument, tensor: "jacobian",
          "\(label): the Jacobian has \(m) × \(n) entries, more than the limit "
            + "\(LayerChecker.jacobianEntryLimit); check a smaller sample input"))
      return
    }
    guard let analytic = try analyticJacobian(output.shape, cache, m, n) else { return }
    let kinked = layer as? any PiecewiseSmoothLayer<T>
    var x = converted(input, to: W.self)
    for j in 0..<n {
      let v = x.scalars[j]
      let kinks = kinked?.kinks(ofInputEntry: j, in: input) ?? []
      let (plan, kink, h) = KinkGuard.plan(kinks: kinks, step: FiniteDifference.step(at: v)) {
        (d: W) -> [W] in kinks.map { _ in v + d }
      }
      var outputs: [W: [W]] = [:]
      func column(_ moved: W) throws(LayerError) -> [W] {
        if let known = outputs[moved] { return known }
        x.scalars[j] = moved
        var random = fresh
        let y = try reference.forward(x, mode: .training, random: &random).output
        guard y.count == m else {
          throw .shapeMismatch(
            layer: "\(name) (reference output)", expected: output.shape, actual: y.shape)
        }
        outputs[moved] = y.scalars
        return y.scalars
      }
      for i in 0..<m {
        let a = analytic[i * n + j]
        let numeric = try KinkGuard.derivative(plan, at: v, step: h, analytic: W(a)) {
          (moved: W) throws(LayerError) -> W in try column(moved)[i]
        }
        guard let numeric else { continue }  // kinks on both sides: recorded, not compared
        results.append(
          EntryResult("jacobian", i * n + j, analytic: a, numeric: numeric, tolerance: tolerance))
      }
      x.scalars[j] = v
      if let entry = KinkGuard.record(plan, kink: kink, tensor: "input", index: j) {
        kinkEntries.append(entry)
      }
    }
  }

  /// Row `i` of the result is the input gradient of the backward pass with cotangent `eᵢ`;
  /// `nil` (and a problem) when an input gradient has the wrong shape.
  mutating func analyticJacobian(
    _ shape: [Int], _ cache: any Sendable, _ m: Int, _ n: Int
  ) throws(LayerError) -> [T]? {
    var jacobian = [T](repeating: 0, count: m * n)
    var unit = Tensor<T>(zeros: shape)
    for i in 0..<m {
      unit.scalars[i] = 1
      let row = try layer.backward(unit, erasedCache: cache).input
      unit.scalars[i] = 0
      guard row.shape == input.shape else {
        problems.append(
          Problem(
            .shapeMismatch, tensor: "input",
            "\(label): the input gradient has shape \(row.shape), the input \(input.shape)"))
        return nil
      }
      for j in 0..<n { jacobian[i * n + j] = row.scalars[j] }
    }
    return jacobian
  }

  func report(strategy: String) -> LayerReport {
    var problems = problems
    let n = input.count
    let failing = results.filter { !($0.error <= tolerance.relative) }
    if let worst = failing.max(by: { $0.error < $1.error }) {
      let (i, j) = worst.index.quotientAndRemainder(dividingBy: Swift.max(n, 1))
      problems.append(
        Problem(
          .gradientMismatch, tensor: "jacobian", entry: worst.index,
          "\(label): Jacobian wrong at entry (row \(i), column \(j)), ∂output[\(i)]/∂input[\(j)]: "
            + "analytic \(format(worst.analytic)), numeric \(format(worst.numeric)), relative "
            + "error \(format(worst.error)) > tolerance \(format(tolerance.relative)) "
            + "(\(failing.count) of \(results.count) entries fail)"))
    }
    if results.isEmpty && problems.isEmpty {
      problems.append(
        Problem(
          .nothingChecked, tensor: nil,
          "\(label): no Jacobian entry could be checked; the check proves nothing"))
    }
    let nonFinite = results.filter { !$0.analytic.isFinite || !$0.numeric.isFinite }
    if let first = nonFinite.first {
      problems.append(
        Problem(
          .nonFiniteGradient, tensor: "jacobian", entry: first.index,
          "\(label): non-finite Jacobian entry \(first.index): analytic \(first.analytic), "
            + "numeric \(first.numeric) (\(nonFinite.count) entries)"))
    }
    let summary = TensorSummary(name: "jacobian", count: outputCount * n, entries: results)
    return LayerReport(
      component: name, scalar: T.scalarName, strategy: "\(strategy)(\(outputCount)×\(n))",
      points: results.count, maxRelativeError: results.map(\.error).max() ?? 0,
      tolerance: tolerance, tensors: [summary],
      worst: Array(results.sorted { $0.error > $1.error }.prefix(5)), problems: problems,
      kinkEntries: kinkEntries)
  }
}
