import Foundation

// The one number formatter and the one table renderer of every report and of `layerkit check`.

/// A number with up to 10 significant digits, compact: `0.5`, `-3`, `1.2345e-09`.
@usableFromInline
func format(_ value: Double) -> String {
  if value == 0 { return value.sign == .minus ? "-0" : "0" }
  if !value.isFinite { return "\(value)" }
  let magnitude = Swift.abs(value)
  if magnitude >= 1e-4 && magnitude < 1e7 {
    var text = String(describing: (value * 1e10).rounded() / 1e10)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text.count <= 16 ? text : String(describing: value)
  }
  return String(format: "%.10g", value)
}

/// A number in scientific notation with `digits` decimals, for table columns: `1.234e-09`.
func format(_ value: Double, digits: Int) -> String {
  String(format: "%.\(digits)e", value)
}

/// `text` padded with spaces to `width` (or followed by one space when it is wider).
func pad(_ text: String, _ width: Int) -> String {
  if width == 0 { return text }
  return text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// A plain-text table: a header, a rule, and rows, each column as wide as its widest cell.
public struct TextTable: Sendable, Hashable {
  /// The column titles.
  public var header: [String]
  /// The rows, each with one cell per column.
  public var rows: [[String]]

  /// A table with the given header and rows.
  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// The table, one line per row, columns separated by two spaces.
  public var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { column in
      all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
    var lines = [
      line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "),
    ]
    lines += rows.map(line)
    return lines.joined(separator: "\n")
  }
}
