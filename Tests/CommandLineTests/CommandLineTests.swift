import Foundation
import LayerConformance
import LayerKit
import LayerKitCommandLine
import Testing

/// What one run of `layerkit` printed and returned.
struct Run {
  var status: Int32
  var output: String
  var errors: String

  /// The lines printed on standard error that start with `error:`.
  var errorLines: [Substring] {
    errors.split(separator: "\n").filter { $0.hasPrefix("error:") }
  }
}

/// A text sink the command writes into.
final class Capture: @unchecked Sendable {
  var text = ""
}

/// Runs `layerkit` in process with `arguments`, against `registry` (the built-ins by default).
func layerkit(_ arguments: String..., registry: Registry? = nil) -> Run {
  layerkit(arguments: arguments, registry: registry)
}

/// Runs `layerkit` in process with `arguments`, against `registry` (the built-ins by default).
func layerkit(arguments: [String], registry: Registry? = nil) -> Run {
  let output = Capture()
  let errors = Capture()
  let status = LayerKitCommand.run(
    arguments,
    registry: { () throws(RegistryError) in
      if let registry { return registry }
      return try BuiltIn.registry
    },
    output: CommandOutput(
      standardOutput: { output.text += $0 }, standardError: { errors.text += $0 }))
  return Run(status: status, output: output.text, errors: errors.text)
}

/// x², with the derivative x instead of 2x.
struct HalfSlopeSquare: Activation {
  var name: String { "HalfSlopeSquare" }
  func value<T: LayerScalar>(at x: T) -> T { x * x }
  func derivative<T: LayerScalar>(at x: T) -> T { x }
}

@Suite("layerkit: every exit path")
struct CommandLineTests {
  @Test func helpPrintsTheUsageAndSucceeds() {
    let run = layerkit("check", "--help")
    #expect(run.status == LayerKitCommand.success)
    #expect(run.output.hasPrefix("USAGE: layerkit check"))
    #expect(run.errors.isEmpty)
  }

  @Test func aPassingCheckExitsZero() {
    let run = layerkit("check", "--component", "ReLU", "--scalar", "Double")
    #expect(run.status == LayerKitCommand.success)
    #expect(run.output.contains("ReLU"))
    #expect(run.errorLines.isEmpty)
  }

  @Test func jsonRowsAreValidJSON() throws {
    let run = layerkit("--component", "Dense", "--scalar", "float", "--format", "json")
    #expect(run.status == LayerKitCommand.success)
    let rows = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]]
    #expect(rows?.count == 1)
    #expect(rows?.first?["component"] as? String == "Dense")
    #expect(rows?.first?["scalar"] as? String == "Float")
  }

  @Test func aFailingCheckExitsOneAndNamesTheComponent() throws {
    let registry = try Registry(activations: [HalfSlopeSquare()])
    let run = layerkit("check", "--scalar", "Double", registry: registry)
    #expect(run.status == LayerKitCommand.checkFailed)
    #expect(run.output.contains("HalfSlopeSquare"))
    #expect(run.output.contains("FAIL"))
  }

  @Test func aRegistryThatCannotBeBuiltExitsTwo() throws {
    var registry = try Registry(activations: [HalfSlopeSquare()])
    let duplicate = #expect(throws: RegistryError.self) {
      try registry.register(HalfSlopeSquare())
    }
    let run = LayerKitCommand.run(
      [], registry: { () throws(RegistryError) in throw duplicate! },
      output: CommandOutput(standardOutput: { _ in }, standardError: { _ in }))
    #expect(run == LayerKitCommand.usageError)
  }

  @Test(
    "Malformed command lines: one error line naming the argument, the usage, status 2",
    arguments: [
      (["frobnicate"], "unknown subcommand 'frobnicate' (known: check, train)"),
      (["check", "--component"], "--component needs a value"),
      (["check", "--scalar", "--format", "json"], "--scalar needs a value"),
      (["check", "--scalar", "Quad"], "unknown scalar type 'Quad'"),
      (["check", "--format", "xml"], "unknown format 'xml' (known: table, json)"),
      (["check", "--verbose"], "unexpected argument '--verbose'"),
      (["check", "--plots"], "--plots needs a value"),
    ])
  func malformedCommandLine(arguments: [String], message: String) {
    let output = Capture()
    let errors = Capture()
    let status = LayerKitCommand.run(
      arguments,
      output: CommandOutput(
        standardOutput: { output.text += $0 }, standardError: { errors.text += $0 }))
    let run = Run(status: status, output: output.text, errors: errors.text)
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.contains(message) == true, "\(run.errors)")
    #expect(run.errors.contains("USAGE: layerkit"))
    #expect(run.output.isEmpty)
  }

  @Test func theScalarErrorListsEveryScalarKind() {
    let run = layerkit("check", "--scalar", "Quad")
    for kind in ScalarKind.allCases {
      #expect(run.errorLines.first?.contains(kind.rawValue) == true)
    }
  }

  @Test func aNameDifferingOnlyInCaseGetsASuggestion() {
    let run = layerkit("check", "--component", "dense")
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.errorLines.count == 1)
    #expect(
      run.errorLines.first?.contains("no component named 'dense'; did you mean Dense?") == true)
    #expect(!run.errors.contains("USAGE"), "a well-formed command needs no usage text")
  }

  @Test func anUnknownNameListsTheKnownOnesWithoutAGuess() {
    let run = layerkit("check", "--component", "NoSuchThing")
    #expect(run.status == LayerKitCommand.usageError)
    #expect(run.errorLines.count == 1)
    #expect(run.errorLines.first?.contains("did you mean") == false)
    #expect(run.errorLines.first?.contains("known: ") == true)
  }

  @Test func aRepeatedComponentIsCheckedOnce() throws {
    let run = layerkit(
      "check", "--component", "ReLU", "--component", "ReLU", "--scalar", "Float", "--format",
      "json")
    #expect(run.status == LayerKitCommand.success)
    let rows = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]]
    #expect(rows?.map { $0["component"] as? String } == ["ReLU"])
  }
}
