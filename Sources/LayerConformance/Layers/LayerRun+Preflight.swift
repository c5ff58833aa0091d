import LayerCore

extension LayerRun {
  /// What must hold before any gradient is compared; each failure is reported and ends the
  /// check, since every comparison after it would be noise.
  ///
  /// - The output of the layer in `T` at the check's finite input and parameters is finite.
  ///   A forward pass that overflows (a recurrence that explodes along a long sequence in
  ///   `Float`) is reported as ``Problem/Kind/nonFiniteValue``, not as NaN-filled mismatches.
  /// - The objective `⟨R, reference(x)⟩` in the wide type is a function of what the check fixes
  ///   (``FunctionProbe``): the same on every call, with the random source re-seeded each time
  ///   whatever ``reseeds`` says. Otherwise ``Problem/Kind/notAFunction``.
  /// - That objective is finite.
  mutating func objectiveIsUsable(
    _ output: Tensor<T>, _ weights: Tensor<T>
  ) throws(LayerError) -> Bool {
    if let entry = output.scalars.firstIndex(where: { !$0.isFinite }) {
      let count = output.scalars.count { !$0.isFinite }
      problems.append(
        Problem(
          .nonFiniteValue, tensor: "output", entry: entry,
          "\(label): the output is not finite at the check's finite input and parameters: "
            + "\(count) of \(output.count) entries are infinite or NaN (first output[\(entry)] "
            + "= \(output.scalars[entry])). The forward pass overflows in \(T.scalarName) (a "
            + "state that grows along the sequence, as in a recurrence with spectral radius "
            + "above 1, explodes), so no gradient was compared; check in a wider type, or with "
            + "a shorter sequence or smaller weights"))
      return false
    }
    let x = converted(input, to: W.self)
    let wideWeights = converted(weights, to: W.self)
    var value: W = 0
    let probe = try FunctionProbe.problem(
      label: label, objective: "the objective <R, layer(x)>"
    ) { () throws(LayerError) -> W in
      var random = fresh
      value = try objective(x, wideWeights, &random)
      return value
    }
    if let probe {
      problems.append(probe)
      return false
    }
    guard value.isFinite else {
      problems.append(
        Problem(
          .nonFiniteValue, tensor: "output",
          "\(label): the objective <R, layer(x)> is \(value) in \(W.scalarName), where the "
            + "numeric references are computed: the forward pass overflows there, so no "
            + "gradient was compared"))
      return false
    }
    return true
  }
}
