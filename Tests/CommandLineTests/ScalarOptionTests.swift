import Foundation
import LayerConformance
import LayerKit
import LayerKitCommandLine
import Testing

/// `--scalar`: every kind of ``ScalarKind`` is listed, accepted and checked by default.
struct ScalarOptionTests {
  @Test func theUsageListsEveryScalarKind() {
    let run = layerkit("check", "--help")
    let names = ScalarKind.allCases.map(\.rawValue)
    #expect(run.output.contains("[--scalar \(names.joined(separator: "|"))]..."))
    #expect(run.output.contains(names.joined(separator: ", ")))
  }

  @Test func everyScalarKindIsFoundByItsNameInAnyCase() {
    for kind in ScalarKind.allCases {
      #expect(ScalarKind(named: kind.rawValue) == kind)
      #expect(ScalarKind(named: kind.rawValue.uppercased()) == kind)
      #expect(kind.type.scalarName == kind.rawValue)
    }
    #expect(ScalarKind(named: "Quad") == nil)
  }

  @Test func byDefaultEveryScalarKindHasARow() throws {
    let run = layerkit("check", "--component", "Tanh", "--format", "json")
    #expect(run.status == LayerKitCommand.success, "\(run.errors)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
    #expect(rows.map { $0["scalar"] as? String } == ScalarKind.allCases.map(\.rawValue))
  }

  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    @Test func float16AloneChecksEveryComponentInHalfPrecision() throws {
      let run = layerkit("check", "--scalar", "Float16", "--format", "json")
      #expect(run.status == LayerKitCommand.success, "\(run.errors)")
      let rows = try #require(
        try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]])
      let components = try BuiltIn.registry.components.count
      #expect(rows.count == components)
      #expect(
        rows.allSatisfy { $0["scalar"] as? String == "Float16" && $0["passed"] as? Bool == true })
      let table = layerkit("check", "--component", "Sigmoid", "--scalar", "float16")
      #expect(table.status == LayerKitCommand.success)
      #expect(table.output.contains("Sigmoid     Float16"))
      #expect(table.output.contains("tolerance: Float16 7.8e-3 relative"))
    }
  #else
    @Test func float16IsRefusedWhereItIsCompiledOut() {
      let run = layerkit("check", "--scalar", "Float16")
      #expect(run.status == LayerKitCommand.usageError)
      #expect(run.errorLines.first?.contains("unknown scalar type 'Float16'") == true)
    }
  #endif

  @Test func theTableNamesTheToleranceOfEveryScalarTypeChecked() {
    let run = layerkit("check", "--component", "ReLU", "--scalar", "Float", "--scalar", "Double")
    #expect(run.output.contains("tolerance: Float 1e-4, Double 1e-8 relative"), "\(run.output)")
  }
}
