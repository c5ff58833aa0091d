import Foundation
import LayerConformance
import LayerKit

/// `layerkit check`: verifies every registered component and prints a table or JSON.
struct CheckCommand {
  enum Format: String {
    case table, json
  }

  var components: [String] = []
  var scalars: [ScalarKind] = ScalarKind.allCases
  var format: Format = .table
  var plotFolder: String?

  /// The scalar types `--scalar` accepts, e.g. `Float|Double`.
  static let scalarNames = ScalarKind.allCases.map(\.rawValue)

  static let usage = """
    USAGE: layerkit check [--component NAME]... [--scalar \(scalarNames.joined(separator: "|"))]...
                          [--format table|json] [--plots DIR]

    Checks the derivative of every registered component against numeric references.

    OPTIONS:
      --component NAME   Check only this component (repeatable).
      --scalar TYPE      Check only this scalar type (repeatable); by default all of
                         \(scalarNames.joined(separator: ", ")).
      --format FORMAT    table (default) or json.
      --plots DIR        Write one SVG per activation into DIR: function, analytic and
                         numeric derivative, kinks, failing points.
      -h, --help         Show this help.

    EXIT STATUS: 0 all passed, 1 a check failed, 2 bad usage, an unknown component or a
                 plot folder that cannot be written.
    """

  /// Parses the arguments after `check`.
  init(arguments: [String]) throws(UsageError) {
    var requestedScalars: [ScalarKind] = []
    var remaining = arguments[...]
    func value(for flag: String) throws(UsageError) -> String {
      guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
        throw UsageError("\(flag) needs a value")
      }
      return next
    }
    while let argument = remaining.popFirst() {
      switch argument {
      case "--component":
        components.append(try value(for: argument))
      case "--scalar":
        let name = try value(for: argument)
        guard let scalar = ScalarKind(named: name) else {
          throw UsageError(
            "unknown scalar type '\(name)' (known: \(Self.scalarNames.joined(separator: ", ")))")
        }
        requestedScalars.append(scalar)
      case "--format":
        let name = try value(for: argument)
        guard let format = Format(rawValue: name) else {
          throw UsageError("unknown format '\(name)' (known: table, json)")
        }
        self.format = format
      case "--plots":
        plotFolder = try value(for: argument)
      default:
        throw UsageError("unexpected argument '\(argument)'")
      }
    }
    if !requestedScalars.isEmpty { scalars = requestedScalars }
  }

  /// Runs the check against `registry` and returns the exit status.
  ///
  /// Everything that can be validated before checking is: the component names and the plot
  /// folder. A problem with either throws ``UsageError`` before any check runs.
  func run(
    registry: () throws(RegistryError) -> Registry, output: CommandOutput
  ) throws(UsageError) -> Int32 {
    let selected: Registry
    do throws(RegistryError) {
      selected = try selectedRegistry(from: registry())
    } catch {
      throw UsageError(error.description, showsUsage: false)
    }
    let plots = try plotFolder.map { (path: String) throws(UsageError) in
      try PlotFolder(preparing: path)
    }
    let report = RegistryChecker().check(selected, scalars: scalars)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      do {
        output.standardOutput(String(decoding: try encoder.encode(report.rows), as: UTF8.self))
        output.standardOutput("\n")
      } catch {
        output.error("could not encode the report as JSON: \(error)")
        return LayerKitCommand.checkFailed
      }
    case .table:
      output.standardOutput("\(report)\n")
    }
    for problem in report.problems { output.error("\(problem)") }
    if let plots {
      let written = try plots.write(of: selected, report: report)
      output.standardError("wrote \(written.count) plot(s) to \(plots.path)\n")
    }
    return report.passed ? LayerKitCommand.success : LayerKitCommand.checkFailed
  }

  /// `registry`, or the components of it named with `--component`.
  ///
  /// - Throws: ``RegistryError/unknownName(_:known:)`` for a name that is not registered.
  func selectedRegistry(from registry: Registry) throws(RegistryError) -> Registry {
    guard !components.isEmpty else { return registry }
    var selected = Registry()
    for name in components where !selected.names.contains(name) {
      switch try registry.component(named: name) {
      case .activation(let activation): try selected.register(activation)
      case .layer(let blueprint): try selected.register(blueprint)
      }
    }
    return selected
  }
}
