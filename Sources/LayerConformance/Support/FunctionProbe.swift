import LayerCore

/// The layer and network checkers' test that what they differentiate is a function: the same
/// parameters, input, targets and seed must give the same objective on every call.
///
/// A forward pass that reads something that changes between calls (a data feeder that hands
/// out the next sequence, a global random generator, a call counter) makes every finite
/// difference compare two different functions: the numeric gradient is noise, and a gradient
/// mismatch would blame a backward pass that may be right. So the checkers evaluate the
/// objective several times at the unperturbed point first (the layer checker three times, the
/// network checker twice, the first from the forward pass it traces anyway), and compare
/// nothing if the values are not bit for bit the same.
enum FunctionProbe {
  /// How many times the objective is evaluated by default.
  static let defaultCalls = 3

  /// A ``Problem/Kind/notAFunction`` problem naming the two values that differ, or `nil` when
  /// `evaluate` gave the same bits on every call.
  ///
  /// - Parameters:
  ///   - label: The prefix of the message, e.g. `Dense [Double]`.
  ///   - objective: What `evaluate` computes, e.g. `the objective <R, layer(x)>`.
  ///   - calls: How many times to call `evaluate` (at least 2).
  static func problem<S: BinaryFloatingPoint>(
    label: String, objective: String, calls: Int = defaultCalls,
    _ evaluate: () throws(LayerError) -> S
  ) throws(LayerError) -> Problem? {
    let first = try evaluate()
    for _ in 1..<Swift.max(calls, 2) {
      let again = try evaluate()
      guard bitIdentical(first, again) else {
        return Problem(
          .notAFunction, tensor: nil,
          "\(label): not a function of its parameters: the same parameters, input and seed "
            + "gave \(objective) = \(format(Double(first))) and \(format(Double(again))) "
            + "across calls, so the forward pass reads something that changes between calls "
            + "(fresh data drawn per call, a global random generator, a counter). Every "
            + "finite difference would compare two different functions and the numeric "
            + "gradient would be noise, so no gradient was compared and no gradient mismatch "
            + "is reported. Fix everything the forward pass reads: take the data as the "
            + "input (the check owns its input sequence, targets and initial state) and "
            + "draw randomness only from the random source, which the kit already fixes")
      }
    }
    return nil
  }
}
