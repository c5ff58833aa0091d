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
    let error = #expect(throws: RegistryError.self) { try registry.component(named: "Swish") }
    #expect("\(error!)" == "no component named 'Swish' (known: Sigmoid, Tanh, ReLU, LeakyReLU)")
  }

  @Test func anEmptyNameIsRejected() {
    var registry = Registry()
    #expect(throws: RegistryError.self) { try registry.register(Nameless()) }
  }

  @Test func builtInNamesAreUnique() throws {
    let names = try BuiltIn.registry.names
    #expect(Set(names).count == names.count)
  }

  /// Every folder under Sources/Activations is registered, and nothing else is.
  @Test func everyActivationFolderIsRegistered() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Sources/Activations")
    let folders = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    let registered = try BuiltIn.registry.activations.map(\.name).sorted()
    for name in folders where !registered.contains(name) {
      Issue.record(
        """
        Sources/Activations/\(name) is not registered. Add "\(name)" to the `activations` list in \
        Package.swift and `\(name)()` to `BuiltIn.activations` in Sources/LayerKit/LayerKit.swift.
        """)
    }
    #expect(folders == registered)
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
