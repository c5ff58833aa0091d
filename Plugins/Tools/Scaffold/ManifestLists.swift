import Foundation

// Reading and editing the `let <list>: [String] = [...]` lists of Package.swift, where
// components are registered.

/// The quoted entries of `let <list>: [String] = [ ... ]` in `manifest`.
///
/// - Throws: ``ScaffoldError`` if the list is not there.
func entries(ofList list: String, in manifest: String) throws(ScaffoldError) -> [String] {
  let range = try listRange(list, in: manifest)
  var names: [String] = []
  for line in manifest[range].split(separator: "\n") {
    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let pieces = code.split(separator: "\"", omittingEmptySubsequences: false)
    var index = 1
    while index < pieces.count - 1 {
      names.append(String(pieces[index]))
      index += 2
    }
  }
  return names
}

/// `manifest` with `"name",` appended to the `let <list>: [String] = [...]` list.
func register(_ name: String, in manifest: String, list: String) throws(ScaffoldError) -> String {
  let range = try listRange(list, in: manifest)
  let body = manifest[range]
  var result = manifest
  if body.contains("\n") {
    // A multi-line list: insert a line before the one holding the closing bracket.
    let closing = manifest.index(before: range.upperBound)
    let lineStart =
      manifest[..<closing].lastIndex(of: "\n").map { manifest.index(after: $0) }
      ?? manifest.startIndex
    result.insert(contentsOf: "  \"\(name)\",\n", at: lineStart)
  } else {
    // `[]` or `["A", "B"]` on one line.
    let inner = body.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
    let kept = inner.hasSuffix(",") ? String(inner.dropLast()) : inner
    let items = kept.isEmpty ? "  \"\(name)\",\n" : "  \(kept),\n  \"\(name)\",\n"
    result.replaceSubrange(range, with: "[\n\(items)]")
  }
  return result
}

/// The range from `[` to the matching `]` of `let <list>: [String] = [...]`.
private func listRange(_ list: String, in manifest: String) throws(ScaffoldError) -> Range<
  String.Index
> {
  let missing = ScaffoldError(
    "Package.swift has no `let \(list): [String] = [...]` list to register the component in; "
      + "add one (see CONTRIBUTING.md) and run the command again")
  guard let declaration = manifest.range(of: "let \(list): [String] = [") else { throw missing }
  let open = manifest.index(before: declaration.upperBound)
  var depth = 0
  var index = open
  while index < manifest.endIndex {
    switch manifest[index] {
    case "[": depth += 1
    case "]":
      depth -= 1
      if depth == 0 { return open..<manifest.index(after: index) }
    default: break
    }
    index = manifest.index(after: index)
  }
  throw missing
}
