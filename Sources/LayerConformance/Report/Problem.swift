/// One thing wrong with a component, as found by the kit.
public struct Problem: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The category of a problem.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The analytic derivative differs from the numeric reference beyond the tolerance.
    case derivativeMismatch
    /// The value at a finite input is NaN or infinite.
    case nonFiniteValue
    /// The derivative at a finite input is NaN or infinite.
    case nonFiniteDerivative
    /// A NaN input did not give a NaN output, or an infinite input gave NaN.
    case badSpecialValue
    /// A declared kink shows no change of slope.
    case kinkNotFound
    /// The derivative at a declared kink breaks the declared convention.
    case kinkConvention
    /// The slope changes abruptly at a point that is not declared as a kink.
    case undeclaredKink
    /// The function value itself jumps where no jump is declared.
    case discontinuity
    /// A declared jump is not there: the limits on both sides agree.
    case jumpNotFound
    /// The function's value exactly at a declared jump is not the declared value.
    case jumpValue
    /// The derivative exactly at a declared jump breaks the declared convention.
    case jumpConvention
    /// A parameter, kink, jump or domain declaration is unusable.
    case invalidDeclaration
    /// No point or entry was checked at all.
    case nothingChecked
    /// An argument of the check itself is unusable: a strategy with no entries or directions,
    /// an empty network, a sample plan with a zero step, ...
    case invalidArgument
    /// A back-propagated gradient entry of a layer or network differs from its numeric
    /// reference beyond the tolerance (``Problem/tensor`` and ``Problem/entry`` say where).
    case gradientMismatch
    /// A gradient entry is NaN or infinite.
    case nonFiniteGradient
    /// Two runs with the same seed gave different outputs or gradients.
    case nondeterministic
    /// The same parameters, input and seed gave different objective values across calls: the
    /// forward pass reads something that changes between calls, so no gradient was compared.
    case notAFunction
    /// A parameter was not restored bit for bit after its perturbation.
    case parametersNotRestored
    /// Building the layer, its forward or backward pass, or the loss threw.
    case threw
    /// Gradients whose names or shapes do not match the input and parameters.
    case shapeMismatch
    /// A stochastic layer failed a statistical check (kept fraction, expectation, randomness,
    /// inference mode).
    case statistics
  }

  /// The category.
  public var kind: Kind
  /// The input the problem is located at, for an activation.
  public var x: Double?
  /// The tensor the problem is located in (`input`, `weight`, `0.bias`, `direction`), for a
  /// layer or network.
  public var tensor: String?
  /// The row-major entry of ``tensor`` (or the direction number) the problem is located at.
  public var entry: Int?
  /// A full sentence: what was expected, what was found.
  public var message: String

  /// A problem of an activation, at input `x` if it has a location.
  public init(_ kind: Kind, at x: Double? = nil, _ message: String) {
    self.kind = kind
    self.x = x
    self.message = message
  }

  /// A problem of a layer or network, in `tensor` at `entry`.
  public init(_ kind: Kind, tensor: String?, entry: Int? = nil, _ message: String) {
    self.kind = kind
    self.tensor = tensor
    self.entry = entry
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
