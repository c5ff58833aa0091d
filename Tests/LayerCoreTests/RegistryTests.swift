import Foundation
import LayerCore
import LayerKit
import Testing

struct RegistryTests {
  @Test func keepsRegistrationOrder() throws {
    let registry = try Registry(activations: [Tanh(), ReLU(), Sigmoid()])
    #expect(registry.names == ["Tanh", "ReLU", "Sigmoid"])
  }

  @Test func aDuplicateNameThrowsAnErrorNamingBoth() throws {
    var registry = Registry()
    try registry.register(ReLU())
    let error = #expect(throws: RegistryError.self) { try registry.register(ImpostorReLU()) }
    let message = "\(error!)"
    #expect(message.contains("'ReLU'"))
    #expect(message.contains("ReLUActivation.ReLU"))
    #expect(message.contains("ImpostorReLU"))
    #expect(registry.names == ["ReLU"])
  }

  @Test func anUnknownNameThrowsAnErrorListingTheKnownNames() throws {
    let registry = try BuiltIn.registry
    let error = try #require(
      throws: RegistryError.self, performing: { try registry.component(named: "NoSuchComponent") })
    let known = registry.names.joined(separator: ", ")
    #expect(known.hasPrefix("Sigmoid, Tanh, ReLU, LeakyReLU"))
    #expect("\(error)" == "no component named 'NoSuchComponent' (known: \(known))")
  }

  @Test(
    "A near miss gets one suggestion: same letters in another case, else the single closest name",
    arguments: [
      ("dense", "Dense"), ("RELU", "ReLU"), ("leakyrelu", "LeakyReLU"), ("Sigmiod", "Sigmoid"),
      ("Tahn", "Tanh"), ("Dropot", "Dropout"),
    ])
  func suggestion(typed: String, meant: String) throws {
    let registry = try BuiltIn.registry
    let error = try #require(
      throws: RegistryError.self, performing: { try registry.component(named: typed) })
    #expect(RegistryError.suggestion(for: typed, among: registry.names) == meant)
    #expect("\(error)".hasPrefix("no component named '\(typed)'; did you mean \(meant)? (known: "))
  }

  @Test func noGuessForAFarOrAmbiguousName() {
    #expect(RegistryError.suggestion(for: "Convolution", among: ["Dense", "Dropout"]) == nil)
    #expect(RegistryError.suggestion(for: "Dxnse", among: ["Dense", "Danse"]) == nil)
    #expect(RegistryError.suggestion(for: "", among: ["Dense"]) == nil)
    #expect(RegistryError.suggestion(for: "Dense", among: []) == nil)
  }

  @Test func anEmptyNameIsRejected() {
    var registry = Registry()
    #expect(throws: RegistryError.self) { try registry.register(Nameless()) }
  }

  @Test func builtInNamesAreUnique() throws {
    let names = try BuiltIn.registry.names
    #expect(Set(names).count == names.count)
  }

  /// Every component folder under Sources/Activations, Sources/Layers and Sources/Losses is
  /// registered, and registers a component named like the folder.
  ///
  /// Package.swift's `activations`, `layers` and `losses` lists are the one place a component is
  /// registered; the GenerateRegistry build-tool plugin derives `BuiltIn` from them. A folder
  /// copied by hand and not added there fails here, with the exact line to add.
  @Test func everyComponentFolderIsRegistered() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let kinds = [
      (folder: "Sources/Activations", list: "activations", verb: "new-activation"),
      (folder: "Sources/Layers", list: "layers", verb: "new-layer" as String?),
      (folder: "Sources/Losses", list: "losses", verb: nil),
    ]
    var onDisk: [String] = []
    for kind in kinds {
      let path = root.appendingPathComponent(kind.folder).path
      guard FileManager.default.fileExists(atPath: path) else { continue }
      let names = try FileManager.default.contentsOfDirectory(atPath: path)
        .filter { !$0.hasPrefix(".") }.sorted()
      for name in names {
        let folder = "\(kind.folder)/\(name)"
        onDisk.append(folder)
        if !BuiltIn.folders.contains(folder) {
          let scaffold =
            kind.verb.map {
              " Next time, `swift package --allow-writing-to-package-directory \($0) \(name)` "
                + "does all of this."
            } ?? ""
          Issue.record(
            """
            \(folder) is not registered. Add this line to the `\(kind.list)` list in \
            Package.swift:
                "\(name)",
            Nothing else: BuiltIn, `swift test` and `layerkit check` are generated from that list. \
            The folder must declare `public struct \(name)` (if you copied the template by hand, \
            replace `Template` with `\(name)` in its file and file name).\(scaffold)
            """)
        }
      }
    }
    for folder in BuiltIn.folders where !onDisk.contains(folder) {
      Issue.record("\(folder) is registered in Package.swift but the folder does not exist")
    }
    #expect(!onDisk.isEmpty, "no component folder found under \(root.path)")
  }

  /// Each registered component's name is its folder's name, so reports, `layerkit check
  /// --component` and the folders agree.
  @Test func everyRegisteredNameIsItsFolderName() throws {
    let registry = try BuiltIn.registry
    let folderNames = BuiltIn.folders.map { String($0.split(separator: "/").last ?? "") }
    #expect(registry.names.count == folderNames.count)
    for (name, folderName) in zip(registry.names, folderNames) where name != folderName {
      Issue.record(
        """
        the component in Sources/.../\(folderName) is named '\(name)'; its `name` must be \
        "\(folderName)", the folder and type name
        """)
    }
  }
}

struct ImpostorReLU: Activation {
  var name: String { "ReLU" }
  func value<T: LayerScalar>(at x: T) -> T { x }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 }
}

struct Nameless: Activation {
  var name: String { " " }
  func value<T: LayerScalar>(at x: T) -> T { x }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 }
}
