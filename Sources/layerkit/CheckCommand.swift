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

  static let usage = """
    USAGE: layerkit check [--component NAME]... [--scalar Float|Double]... [--format table|json]
                          [--plots DIR]

    Checks the derivative of every registered component against numeric references.

    OPTIONS:
      --component NAME   Check only this component (repeatable).
      --scalar TYPE      Check only this scalar type, Float or Double (repeatable).
      --format FORMAT    table (default) or json.
      --plots DIR        Write one SVG per activation into DIR: function, analytic and
                         numeric derivative, kinks, failing points.
      -h, --help         Show this help.

    EXIT STATUS: 0 all passed, 1 a check failed, 2 bad usage or unknown component.
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
        guard
          let scalar = ScalarKind.allCases.first(where: {
            $0.rawValue.lowercased() == name.lowercased()
          })
        else {
          throw UsageError("unknown scalar type '\(name)' (known: Float, Double)")
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

  /// Runs the check and returns the exit status.
  func run() throws -> Int32 {
    let registry = try selectedRegistry()
    let report = RegistryChecker().check(registry, scalars: scalars)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(report.rows), as: UTF8.self))
    case .table:
      print(report)
    }
    for problem in report.problems {
      FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
    }
    if let plotFolder {
      let written = try writePlots(of: registry, report: report, to: plotFolder)
      FileHandle.standardError.write(Data("wrote \(written.count) plot(s) to \(plotFolder)\n".utf8))
    }
    return report.passed ? 0 : 1
  }

  /// The built-in registry, or the components named with `--component`.
  ///
  /// - Throws: ``RegistryError/unknownName(_:known:)`` for a name that is not registered.
  func selectedRegistry() throws -> Registry {
    let registry = try BuiltIn.registry
    guard !components.isEmpty else { return registry }
    var selected = Registry()
    for name in components {
      switch try registry.component(named: name) {
      case .activation(let activation): try selected.register(activation)
      case .layer(let blueprint): try selected.register(blueprint)
      }
    }
    return selected
  }
}

/// A mistake in the command line; printed with the usage, exit status 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
