import Foundation

/// Why a component could not be scaffolded. Nothing has been written when one is thrown.
struct ScaffoldError: Error, Equatable, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}

/// Everything a scaffold writes, computed before anything is written.
struct ScaffoldPlan: Equatable {
  /// The new component's folder, relative to the package root.
  var folder: String
  /// The files to create in ``folder``: file name and contents.
  var files: [File]
  /// The new contents of Package.swift.
  var manifest: String

  struct File: Equatable {
    var name: String
    var contents: String
  }
}

/// Plans and applies the scaffolding of one component in a package.
struct Scaffolder {
  /// The package root.
  var root: URL
  /// `--no-parameters`: the copy drops the template's example parameter (see ``substitute(_:name:)``).
  var withoutParameters = false
  var fileManager: FileManager = .default

  /// Computes every file the scaffold would write, reading but never writing.
  ///
  /// - Throws: ``ScaffoldError`` for an invalid or existing name, a missing template or a
  ///   Package.swift without the list to register in.
  func plan(_ kind: ComponentKind, named name: String) throws(ScaffoldError) -> ScaffoldPlan {
    try validateTypeName(name)
    let manifestURL = root.appending(path: "Package.swift")
    guard let manifest = try? String(contentsOf: manifestURL, encoding: .utf8) else {
      throw ScaffoldError("no Package.swift at \(root.path); run this inside the LayerKit package")
    }
    try checkNameIsFree(name, kind: kind, manifest: manifest)
    let files = try instantiateTemplate(kind, as: name)
    let updated = try register(name, in: manifest, list: kind.packageList)
    return ScaffoldPlan(
      folder: "\(kind.sourcesFolder)/\(name)", files: files, manifest: updated)
  }

  /// Plans and applies one component per name, in order. Every name is checked first (valid,
  /// free, and not given twice, ignoring case), so an unusable name anywhere in the list means
  /// nothing is written at all.
  ///
  /// - Returns: The plans applied, one per name.
  /// - Throws: ``ScaffoldError`` naming the first unusable name.
  func scaffold(_ kind: ComponentKind, named names: [String]) throws(ScaffoldError)
    -> [ScaffoldPlan]
  {
    var seen: [String: String] = [:]
    for name in names {
      if let earlier = seen[name.lowercased()] {
        throw ScaffoldError("\(name): the list names \(earlier) already.\nNothing was written.")
      }
      seen[name.lowercased()] = name
      do throws(ScaffoldError) {
        _ = try plan(kind, named: name)
      } catch {
        throw ScaffoldError("\(name): \(error.description)\nNothing was written.")
      }
    }
    var applied: [ScaffoldPlan] = []
    for name in names {
      do throws(ScaffoldError) {
        let plan = try plan(kind, named: name)
        try apply(plan)
        applied.append(plan)
      } catch {
        let created = applied.map(\.folder)
        throw ScaffoldError(
          "\(name): \(error.description)\n"
            + (created.isEmpty
              ? "Nothing was written."
              : "Created before it: \(created.joined(separator: ", ")); \(name) was not written."))
      }
    }
    return applied
  }

  /// Writes `plan`: the folder appears complete or not at all, and if Package.swift cannot be
  /// updated the folder is removed again.
  func apply(_ plan: ScaffoldPlan) throws(ScaffoldError) {
    let folder = root.appending(path: plan.folder)
    let parent = folder.deletingLastPathComponent()
    let staging = parent.appending(path: ".\(folder.lastPathComponent).scaffold-\(getpid())")
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
      for file in plan.files {
        try file.contents.write(
          to: staging.appending(path: file.name), atomically: true, encoding: .utf8)
      }
      try fileManager.moveItem(at: staging, to: folder)
    } catch {
      try? fileManager.removeItem(at: staging)
      throw ScaffoldError("could not create \(plan.folder): \(error.localizedDescription)")
    }
    do {
      try plan.manifest.write(
        to: root.appending(path: "Package.swift"), atomically: true, encoding: .utf8)
    } catch {
      try? fileManager.removeItem(at: folder)
      throw ScaffoldError(
        "could not update Package.swift (\(error.localizedDescription)); removed \(plan.folder) "
          + "again, nothing was changed")
    }
  }

  /// The message printed after a successful scaffold.
  func nextSteps(_ kind: ComponentKind, named name: String, plan: ScaffoldPlan) -> String {
    let file = "\(plan.folder)/\(plan.files.first?.name ?? "\(name).swift")"
    switch kind {
    case .activation:
      return """
        \(created(kind, named: name, plan: plan))
        Next steps:
          1. Edit the places marked ✏️ in \(file):
             the parameters, the kinks, the formula and the derivative.
             As created, it is a renamed copy of the template's example and already passes.
          2. swift test
             checks \(name) in Float, Double and Float16 and names every point where the
             hand-written derivative disagrees with the formula.
          3. swift run layerkit check --component \(name)
             prints the same check as a table.
        """
    case .layer:
      return """
        \(created(kind, named: name, plan: plan))
        Next steps:
          1. Edit the places marked ✏️ in \(file):
             the parameters, the forward pass and the backward pass.
             As created, it is a renamed copy of the template's example and already passes.
          2. swift test
             checks \(name) in Float, Double and Float16 and names every input or parameter
             entry where the backward pass disagrees with the forward pass.
          3. swift run layerkit check --component \(name)
             prints the same check as a table.
        """
    }
  }

  private func created(_ kind: ComponentKind, named name: String, plan: ScaffoldPlan) -> String {
    let files = plan.files.map(\.name).joined(separator: ", ")
    return """
      Created \(plan.folder)/ from \(kind.templateFolder)/ (\(files)).
      Registered "\(name)" in the `\(kind.packageList)` list of Package.swift (module and product \
      \(kind.module(for: name))). Nothing else needs registering.

      """
  }

  // MARK: - Steps

  private func checkNameIsFree(
    _ name: String, kind: ComponentKind, manifest: String
  ) throws(ScaffoldError) {
    let lowered = name.lowercased()
    for other in ComponentKind.registeredPlaces {
      let folder = root.appending(path: other.folder)
      let existing = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
      if let clash = existing.first(where: { $0.lowercased() == lowered }) {
        throw ScaffoldError(
          "'\(name)' already exists: \(other.folder)/\(clash) (names are compared "
            + "case-insensitively, because they become folders and registry names); choose "
            + "another name")
      }
      let registered = (try? entries(ofList: other.list, in: manifest)) ?? []
      if let clash = registered.first(where: { $0.lowercased() == lowered }) {
        throw ScaffoldError(
          "'\(name)' already exists: \"\(clash)\" is in the `\(other.list)` list of "
            + "Package.swift (names are compared case-insensitively); choose another name")
      }
    }
  }

  private func instantiateTemplate(
    _ kind: ComponentKind, as name: String
  ) throws(ScaffoldError) -> [ScaffoldPlan.File] {
    let folder = root.appending(path: kind.templateFolder)
    let restore = "restore it with `git checkout -- \(kind.templateFolder)`"
    guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else {
      throw ScaffoldError("the template \(kind.templateFolder)/ is missing; \(restore)")
    }
    let sources = names.filter { $0.hasSuffix(".swift") }.sorted()
    guard !sources.isEmpty else {
      throw ScaffoldError("the template \(kind.templateFolder)/ has no .swift file; \(restore)")
    }
    var files: [ScaffoldPlan.File] = []
    for source in sources {
      guard
        let text = try? String(contentsOf: folder.appending(path: source), encoding: .utf8)
      else {
        throw ScaffoldError("cannot read \(kind.templateFolder)/\(source) as UTF-8; \(restore)")
      }
      files.append(
        ScaffoldPlan.File(
          name: source.replacingOccurrences(of: "Template", with: name),
          contents: substitute(text, name: name)))
    }
    guard files.contains(where: { $0.contents.contains("struct \(name)") }) else {
      throw ScaffoldError(
        "the template \(kind.templateFolder)/ declares no `struct Template`; \(restore)")
    }
    return files
  }

  /// Drops the template's `// TEMPLATE:` instruction lines and renames `Template` to `name`.
  /// With ``withoutParameters``, also drops the lines between `// TEMPLATE: parameters begin`
  /// and `// TEMPLATE: parameters end`, and keeps each `// TEMPLATE: without parameters: text`
  /// line as `text` (indented as the marker is).
  func substitute(_ text: String, name: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let marker = "// TEMPLATE:"
    let replacement = "\(marker) without parameters: "
    var kept: [Substring] = []
    var inParameters = false
    for line in lines {
      let indent = line.prefix { $0 == " " }
      let body = line.dropFirst(indent.count)
      if body.hasPrefix("\(marker) parameters begin") {
        inParameters = withoutParameters
      } else if body.hasPrefix("\(marker) parameters end") {
        inParameters = false
      } else if body.hasPrefix(replacement) {
        if withoutParameters {
          kept.append(indent + body.dropFirst(replacement.count).drop { $0 == " " })
        }
      } else if !body.hasPrefix(marker), !inParameters {
        kept.append(line)
      }
    }
    while kept.first?.isEmpty == true, kept.count > 1, kept[1].isEmpty { kept.removeFirst() }
    return kept.joined(separator: "\n").replacingOccurrences(of: "Template", with: name)
  }
}
