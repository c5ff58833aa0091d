import Foundation

extension Scaffolder {
  /// Test files that declare a type with one of `names`, as `file: struct Name` lines.
  ///
  /// A test target that imports `LayerKit` and declares its own `struct ELU` compiles, but its
  /// own type silently shadows the new built-in `ELU` there, so a test meant for the built-in
  /// checks the copy. The scaffold still creates the component (the test copy may be
  /// intended) and prints these as notes, so the clash is renamed on purpose or not at all.
  func shadowingTestTypes(_ names: [String]) -> [String] {
    let tests = root.appending(path: "Tests")
    guard let walker = fileManager.enumerator(at: tests, includingPropertiesForKeys: nil) else {
      return []
    }
    let kinds = ["struct", "enum", "class", "actor", "typealias"]
    var found: [String] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
      for line in text.split(separator: "\n") {
        let words = line.split(whereSeparator: { " \t:<{=(".contains($0) })
        for (index, word) in words.enumerated().dropLast()
        where kinds.contains(String(word)) && names.contains(String(words[index + 1])) {
          found.append("\(relative): \(word) \(words[index + 1])")
        }
      }
    }
    return found.sorted()
  }

  /// The notes printed after a run for ``shadowingTestTypes(_:)``, or "" if there are none.
  func shadowingNotes(_ names: [String]) -> String {
    let found = shadowingTestTypes(names)
    guard !found.isEmpty else { return "" }
    return """

      note: these test files declare a type with a new component's name; in their test target
      it shadows the new component (rename the test type unless that is intended):
      \(found.map { "  " + $0 }.joined(separator: "\n"))
      """
  }
}
