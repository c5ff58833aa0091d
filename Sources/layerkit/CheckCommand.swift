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
    var registry = try BuiltIn.registry
    if !components.isEmpty {
      var selected = Registry()
      for name in components {
        switch try registry.component(named: name) {
        case .activation(let activation): try selected.register(activation)
        case .layer(let blueprint): try selected.register(blueprint)
        }
      }
      registry = selected
    }
    var report = GradientChecker().check(registry, scalars: scalars)
    let layerRows = checkLayers(in: registry, adjusting: &report)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      let data = try encoder.encode(jsonRows(report, layerRows))
      print(String(decoding: data, as: UTF8.self))
    case .table:
      print(tables(report, layerRows))
    }
    for problem in report.problems {
      FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
    }
    if let plotFolder {
      let written = try writePlots(of: registry, report: report, to: plotFolder)
      FileHandle.standardError.write(Data("wrote \(written.count) plot(s) to \(plotFolder)\n".utf8))
    }
    return allPassed(report, layerRows) ? 0 : 1
  }

  func table(_ report: RegistryReport) -> String {
    let header = [
      "component", "scalar", "variants", "points", "confirmed", "worst rel. error", "kinks",
      "time (ms)",
      "verdict",
    ]
    var rows = [header]
    for component in report.components {
      rows.append([
        component.component, component.scalar, "\(component.runs.count)", "\(component.points)",
        "\(component.confirmedPoints)",
        String(format: "%.3e", component.maxRelativeError),
        "\(component.kinksConfirmed)/\(component.kinksDeclared)",
        String(format: "%.0f", component.seconds * 1000),
        component.passed ? "pass" : "FAIL",
      ])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
    lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
    let failed = report.components.filter { !$0.passed }
    lines.append("")
    lines.append(
      "\(report.components.count - failed.count) passed, \(failed.count) failed "
        + "(confirmed: points where the two finite differences agreed with the dual numbers; "
        + "kinks: confirmed/declared; tolerance: Float 1e-4, Double 1e-8 relative)")
    for component in failed {
      lines.append("")
      lines.append(component.description)
    }
    return lines.joined(separator: "\n")
  }
}

/// A mistake in the command line; printed with the usage, exit status 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
