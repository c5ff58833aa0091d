import Foundation

extension Scaffolder {
  /// The message printed after a successful run: for one name, ``nextSteps(_:named:plan:)``;
  /// for several, one line per created file and the next steps once, for all of them (eleven
  /// copies of the same three steps buried the list of what was created).
  func summary(_ kind: ComponentKind, named names: [String], plans: [ScaffoldPlan]) -> String {
    guard names.count > 1, names.count == plans.count else {
      guard let name = names.first, let plan = plans.first else { return "" }
      return nextSteps(kind, named: name, plan: plan)
    }
    let files = zip(names, plans).map { name, plan in
      "  \(plan.folder)/\(plan.files.first?.name ?? "\(name).swift")"
    }
    let list = names.joined(separator: ", ")
    let what = kind == .activation ? "formula and derivative" : "forward and backward pass"
    let plural = "\(kind.rawValue)s"
    return """
      Created \(names.count) \(plural) from \(kind.templateFolder)/ and registered them in the \
      `\(kind.packageList)` list of Package.swift (one module and product each, \
      \(kind.module(for: "<Name>"))). Nothing else needs registering.
      \(files.joined(separator: "\n"))

      Next steps:
        1. Edit the places marked ✏️ in each file above (its \(what)).
           As created, each is a renamed copy of the template's example and already passes.
        2. swift test
           checks \(list) in Float and in Double.
        3. swift run layerkit check --component <Name>
           prints the check of one of them as a table.
      """
  }
}
