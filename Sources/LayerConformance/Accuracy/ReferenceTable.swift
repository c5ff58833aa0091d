import Foundation

/// High-precision values of f and f' at exact points, read from a CSV file with the header
/// `x,f,fprime` (lines starting with `#` are comments).
///
/// `Scripts/make-reference-tables.py` writes such tables with mpmath at 40 significant digits.
public struct ReferenceTable: Sendable {
  /// One row: the point and the true values, as decimal strings (parse them in the type you
  /// need, so nothing is lost to an intermediate `Double`).
  public struct Row: Sendable, Hashable {
    /// The point, exactly representable in binary.
    public var x: Double
    /// f(x) as a decimal string.
    public var value: String
    /// f'(x) as a decimal string.
    public var derivative: String
  }

  /// The rows in file order.
  public var rows: [Row]

  /// An error reading a table.
  public struct FormatError: Error, CustomStringConvertible {
    /// What is wrong, with the line number.
    public var description: String
  }

  /// Parses the CSV text of a table.
  ///
  /// - Throws: ``FormatError`` naming the line for a missing header or a malformed row.
  public init(csv: String) throws(FormatError) {
    var rows: [Row] = []
    var sawHeader = false
    for (number, line) in csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") { continue }
      if !sawHeader {
        guard text == "x,f,fprime" else {
          throw FormatError(description: "line \(number + 1): expected the header x,f,fprime")
        }
        sawHeader = true
        continue
      }
      let fields = text.split(separator: ",").map(String.init)
      guard fields.count == 3, let x = Double(fields[0]), Double(fields[1]) != nil,
        Double(fields[2]) != nil
      else {
        throw FormatError(description: "line \(number + 1): expected three numbers, got '\(text)'")
      }
      rows.append(Row(x: x, value: fields[1], derivative: fields[2]))
    }
    guard sawHeader, !rows.isEmpty else {
      throw FormatError(description: "the table has no rows")
    }
    self.rows = rows
  }

  /// Reads a table from a file.
  ///
  /// - Throws: ``FormatError`` if the file is missing or malformed.
  public init(contentsOf url: URL) throws(FormatError) {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FormatError(description: "cannot read \(url.path)")
    }
    try self.init(csv: String(decoding: data, as: UTF8.self))
  }
}
