import Foundation
import LayerConformance
import Testing

/// Which branches this build took: `Float80` references for `Double` or not
/// (`-Xswiftc -DLAYERKIT_NO_FLOAT80` takes arm64's branch on x86), and `Float16` or not
/// (`-Xswiftc -DLAYERKIT_NO_FLOAT16`). CI runs the whole suite both ways.
struct PortabilityTests {
  @Test func theDoubleReferencesAreComputedInTheWidestTypeThisBuildHas() {
    #if (arch(i386) || arch(x86_64)) && !(os(Windows) || os(Android)) && !LAYERKIT_NO_FLOAT80
      #expect(Double.Wide.self == Float80.self)
      #expect(Double.layerTolerance.floor == 32 * pow(Double(Float80.ulpOfOne), 2.0 / 3) / 1e-8)
    #else
      #expect(Double.Wide.self == Double.self)
      // 32 · ε^(2/3) / 1e-8 ≈ 0.117: the central differences of the objective in Double carry
      // about ε^(2/3) ≈ 3.7e-11 of noise, so tiny gradients are judged absolutely below it.
      #expect(abs(Double.layerTolerance.floor - 0.117) < 1e-3)
    #endif
    #expect(Double.tolerance == Tolerance(relative: 1e-8, floor: 1e-5, minimumScale: 1e-2))
    #expect(Float.layerTolerance == Float.tolerance, "Double's noise is far below Float's floor")
    print("Double references in \(Double.Wide.scalarName); scalar types: \(ScalarKind.allCases)")
  }

  @Test func float16IsCheckedWhereverItIsCompiled() {
    #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
      #expect(ScalarKind.allCases == [.float, .double, .float16])
      #expect(Float16.Wide.self == Double.self)
      #expect(Float16.tolerance.relative == 0x1p-7, "8ε with ε = 2⁻¹⁰")
      #expect(Float16.layerTolerance == Float16.tolerance)
    #else
      #expect(ScalarKind.allCases == [.float, .double])
    #endif
  }
}
