import Foundation
import Testing

@testable import LayerKitScaffold

/// The package root of this checkout.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A throwaway package with the real templates, one activation folder and a manifest.
struct Fixture {
  let root: URL

  init(manifest: String = Fixture.manifest, templates: [ComponentKind] = ComponentKind.allCases)
    throws
  {
    root = FileManager.default.temporaryDirectory
      .appending(path: "ScaffoldingTests-\(UUID().uuidString)")
    let files = FileManager.default
    try files.createDirectory(
      at: root.appending(path: "Sources/Activations/ReLU"), withIntermediateDirectories: true)
    try "// ReLU\n".write(
      to: root.appending(path: "Sources/Activations/ReLU/ReLU.swift"), atomically: true,
      encoding: .utf8)
    try files.createDirectory(
      at: root.appending(path: "Sources/Losses/L2Penalty"), withIntermediateDirectories: true)
    try manifest.write(to: root.appending(path: "Package.swift"), atomically: true, encoding: .utf8)
    for kind in templates {
      try files.createDirectory(
        at: root.appending(path: kind.templateFolder), withIntermediateDirectories: true)
      try files.copyItem(
        at: packageRoot.appending(path: "\(kind.templateFolder)/Template.swift"),
        to: root.appending(path: "\(kind.templateFolder)/Template.swift"))
    }
  }

  static let manifest = """
    // swift-tools-version: 6.1
    let activations: [String] = [
      "ReLU",
      "Tanh",  // smooth
    ]

    let layers: [String] = []

    let losses: [String] = ["MeanSquaredError"]
    """

  /// Every file under the root with its contents, to prove that nothing changed.
  func snapshot() throws -> [String: String] {
    var result: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let url = root.appending(path: path)
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      result[path] = isDirectory.boolValue ? "<dir>" : try String(contentsOf: url, encoding: .utf8)
    }
    return result
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

struct NameValidationTests {
  @Test(arguments: ["Swish", "GELU", "Mish2", "Soft_Plus", "X"])
  func acceptsUpperCamelCaseNames(_ name: String) throws {
    try validateTypeName(name)
  }

  @Test(arguments: [
    ("", "the name is empty"),
    ("swish", "must start with an uppercase letter"),
    ("2Swish", "must start with an uppercase letter"),
    ("_Swish", "must start with an uppercase letter"),
    ("Sw-ish", "only letters A-Z, a-z, digits and _ are allowed"),
    ("Swish Gate", "only letters A-Z, a-z, digits and _ are allowed"),
    ("Swïsh", "only letters A-Z, a-z, digits and _ are allowed"),
    ("Tensor", "is reserved"),
    ("Template", "is reserved"),
    ("Self", "is reserved"),
  ])
  func rejectsInvalidNamesWithAReason(_ name: String, _ reason: String) {
    let error = #expect(throws: ScaffoldError.self) { try validateTypeName(name) }
    #expect(error?.description.contains(reason) == true, "\(error.map(\.description) ?? "")")
  }
}

struct ScaffoldTests {
  @Test func anActivationIsCreatedAndRegistered() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let scaffolder = Scaffolder(root: fixture.root)
    let plan = try scaffolder.plan(.activation, named: "Swish")
    try scaffolder.apply(plan)

    let file = fixture.root.appending(path: "Sources/Activations/Swish/Swish.swift")
    let source = try String(contentsOf: file, encoding: .utf8)
    #expect(source.contains("public struct Swish: Activation"))
    #expect(source.contains("public var name: String { \"Swish\" }"))
    #expect(!source.contains("Template"))
    #expect(!source.contains("// TEMPLATE:"))
    #expect(source.hasPrefix("import LayerCore\n"))
    let manifest = try String(
      contentsOf: fixture.root.appending(path: "Package.swift"), encoding: .utf8)
    #expect(try entries(ofList: "activations", in: manifest) == ["ReLU", "Tanh", "Swish"])
    #expect(manifest.contains("  \"Tanh\",  // smooth\n  \"Swish\",\n]"))
    let next = scaffolder.nextSteps(.activation, named: "Swish", plan: plan)
    #expect(next.contains("Sources/Activations/Swish/Swish.swift"))
    #expect(next.contains("swift test"))
  }

  @Test func severalActivationsAreCreatedInOneRunInTheGivenOrder() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let plans = try Scaffolder(root: fixture.root).scaffold(
      .activation, named: ["Swish", "Mish", "GELU"])
    #expect(plans.map(\.folder) == ["Swish", "Mish", "GELU"].map { "Sources/Activations/\($0)" })
    let manifest = try String(
      contentsOf: fixture.root.appending(path: "Package.swift"), encoding: .utf8)
    #expect(
      try entries(ofList: "activations", in: manifest) == ["ReLU", "Tanh", "Swish", "Mish", "GELU"])
    for name in ["Swish", "Mish", "GELU"] {
      let file = fixture.root.appending(path: "Sources/Activations/\(name)/\(name).swift")
      #expect(try String(contentsOf: file, encoding: .utf8).contains("public struct \(name):"))
    }
    // One line per created file, and the next steps once.
    let summary = Scaffolder(root: fixture.root).summary(
      .activation, named: ["Swish", "Mish", "GELU"], plans: plans)
    #expect(summary.hasPrefix("Created 3 activations from Templates/Activation/"))
    #expect(summary.contains("  Sources/Activations/Mish/Mish.swift\n"))
    #expect(summary.components(separatedBy: "Next steps:").count == 2)
    #expect(summary.contains("checks Swish, Mish, GELU in Float and in Double"))
  }

  @Test func testTypesThatWouldShadowANewComponentAreNoted() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let folder = fixture.root.appending(path: "Tests/SomeTests")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "struct ELU: Activation {}\nenum Other {}\nlet x = HardTanh()\n".write(
      to: folder.appending(path: "Extras.swift"), atomically: true, encoding: .utf8)
    let scaffolder = Scaffolder(root: fixture.root)
    #expect(
      scaffolder.shadowingTestTypes(["ELU", "HardTanh"])
        == ["Tests/SomeTests/Extras.swift: struct ELU"])
    #expect(scaffolder.shadowingNotes(["ELU"]).contains("shadows the new component"))
    #expect(scaffolder.shadowingNotes(["Swish"]).isEmpty)
  }

  @Test(arguments: [
    (["Swish", "Relu"], "Relu: "), (["Swish", "swish"], "swish: the list names Swish already"),
    (["Swish", "bad name"], "bad name: "),
  ])
  func oneUnusableNameInAListWritesNothing(_ names: [String], _ message: String) throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let before = try fixture.snapshot()
    let error = #expect(throws: ScaffoldError.self) {
      try Scaffolder(root: fixture.root).scaffold(.activation, named: names)
    }
    #expect(error?.description.hasPrefix(message) == true, "\(error.map(\.description) ?? "")")
    #expect(error?.description.hasSuffix("Nothing was written.") == true)
    #expect(try fixture.snapshot() == before)
  }

  @Test func aLayerIsCreatedAndRegisteredInAnEmptyList() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let scaffolder = Scaffolder(root: fixture.root)
    try scaffolder.apply(try scaffolder.plan(.layer, named: "Scale"))

    let source = try String(
      contentsOf: fixture.root.appending(path: "Sources/Layers/Scale/Scale.swift"), encoding: .utf8)
    #expect(source.contains("public struct Scale<Scalar: LayerScalar>: Layer"))
    #expect(source.contains("public struct ScaleBlueprint: LayerBlueprint"))
    #expect(!source.contains("Template"))
    let manifest = try String(
      contentsOf: fixture.root.appending(path: "Package.swift"), encoding: .utf8)
    #expect(try entries(ofList: "layers", in: manifest) == ["Scale"])
    #expect(try entries(ofList: "activations", in: manifest) == ["ReLU", "Tanh"])
  }

  @Test(arguments: [
    ("Relu", "Sources/Activations/ReLU"),
    ("RELU", "Sources/Activations/ReLU"),
    ("TANH", "\"Tanh\" is in the `activations` list"),
    ("L2PENALTY", "Sources/Losses/L2Penalty"),
    ("MeanSquaredERROR", "\"MeanSquaredError\" is in the `losses` list"),
  ])
  func anExistingNameIsRefusedCaseInsensitivelyAndNothingIsWritten(
    _ name: String, _ existing: String
  ) throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let before = try fixture.snapshot()
    for kind in ComponentKind.allCases {
      let error = #expect(throws: ScaffoldError.self) {
        try Scaffolder(root: fixture.root).plan(kind, named: name)
      }
      #expect(error?.description.contains("already exists") == true)
      #expect(error?.description.contains(existing) == true, "\(error.map(\.description) ?? "")")
    }
    #expect(try fixture.snapshot() == before)
  }

  @Test func aMissingTemplateIsRefused() throws {
    let fixture = try Fixture(templates: [.activation])
    defer { fixture.remove() }
    let before = try fixture.snapshot()
    let error = #expect(throws: ScaffoldError.self) {
      try Scaffolder(root: fixture.root).plan(.layer, named: "Scale")
    }
    #expect(
      error?.description
        == "the template Templates/Layer/ is missing; restore it with "
        + "`git checkout -- Templates/Layer`")
    #expect(try fixture.snapshot() == before)
  }

  @Test func aManifestWithoutTheListIsRefused() throws {
    let fixture = try Fixture(manifest: "let activations: [String] = [\"ReLU\"]\n")
    defer { fixture.remove() }
    let before = try fixture.snapshot()
    let error = #expect(throws: ScaffoldError.self) {
      try Scaffolder(root: fixture.root).plan(.layer, named: "Scale")
    }
    #expect(error?.description.contains("no `let layers: [String] = [...]` list") == true)
    #expect(try fixture.snapshot() == before)
  }

  @Test func whenPackageSwiftCannotBeWrittenTheNewFolderIsRemoved() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    let scaffolder = Scaffolder(root: fixture.root)
    let plan = try scaffolder.plan(.activation, named: "Swish")
    // Make Package.swift unwritable by turning it into a non-empty directory.
    let manifest = fixture.root.appending(path: "Package.swift")
    try FileManager.default.removeItem(at: manifest)
    try FileManager.default.createDirectory(
      at: manifest.appending(path: "blocker"), withIntermediateDirectories: true)
    let before = try fixture.snapshot()

    let error = #expect(throws: ScaffoldError.self) { try scaffolder.apply(plan) }
    #expect(error?.description.contains("could not update Package.swift") == true)
    #expect(try fixture.snapshot() == before)
  }

  @Test func aSingleLineListGainsTheNameOnItsOwnLine() throws {
    let manifest = "let layers: [String] = [\"Dense\", \"Dropout\"]\nlet x = 1\n"
    let updated = try register("Scale", in: manifest, list: "layers")
    #expect(
      updated == "let layers: [String] = [\n  \"Dense\", \"Dropout\",\n  \"Scale\",\n]\nlet x = 1\n"
    )
    #expect(try entries(ofList: "layers", in: updated) == ["Dense", "Dropout", "Scale"])
  }

  /// The real templates plan cleanly against this very package (without writing anything).
  @Test(arguments: ComponentKind.allCases)
  func theRealTemplatesInstantiate(_ kind: ComponentKind) throws {
    let plan = try Scaffolder(root: packageRoot).plan(kind, named: "ZzProbe")
    #expect(plan.files.map(\.name) == ["ZzProbe.swift"])
    #expect(plan.files.allSatisfy { !$0.contents.contains("Template") })
    #expect(plan.manifest.contains("\"ZzProbe\","))
  }
}

/// `--no-parameters`: the copy has no example parameter, and the formula is at β = 1.
struct ScaffolderWithoutParametersTests {
  @Test func theCopyHasNoParameterAndStillComputesSoftplus() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.root) }
    let plans = try Scaffolder(root: fixture.root, withoutParameters: true)
      .scaffold(.activation, named: ["Mish", "Swish"])
    for plan in plans {
      let text = try #require(plan.files.first?.contents)
      #expect(!text.contains("public var beta"), "\(plan.folder)")
      #expect(!text.contains("func setting"), "\(plan.folder)")
      #expect(!text.contains("var parameters"), "\(plan.folder)")
      #expect(!text.contains("TEMPLATE"), "\(plan.folder)")
      #expect(text.contains("\n  public init() {}\n"), "\(plan.folder)")
      #expect(text.contains("\n    let beta: T = 1\n"), "\(plan.folder)")
    }
  }

  @Test func withoutTheFlagTheCopyKeepsTheParameter() throws {
    let fixture = try Fixture()
    defer { try? FileManager.default.removeItem(at: fixture.root) }
    let plans = try Scaffolder(root: fixture.root).scaffold(.activation, named: ["Mish"])
    let text = try #require(plans.first?.files.first?.contents)
    #expect(text.contains("public var beta: Double"))
    #expect(text.contains("\n    let beta = T(self.beta)\n"))
    #expect(!text.contains("let beta: T = 1"))
    #expect(!text.contains("TEMPLATE"))
  }
}
