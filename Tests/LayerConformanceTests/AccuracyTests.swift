import Foundation
import LayerConformance
import LayerKit
import Testing

/// The kit's numeric derivatives against the mpmath tables in Benchmarks/References.
struct AccuracyTests {
  static let references = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Benchmarks/References")

  static func table(_ name: String) throws -> ReferenceTable {
    try ReferenceTable(contentsOf: references.appendingPathComponent("\(name).csv"))
  }

  /// The built-in activations that have a table. A new activation gets one when its formula is
  /// added to Scripts/make-reference-tables.py; until then it is checked by the kit alone.
  static let tabulated: [String] = BuiltIn.activations.map(\.name).filter {
    FileManager.default.fileExists(atPath: references.appendingPathComponent("\($0).csv").path)
  }

  @Test func theFirstFourActivationsHaveTables() {
    #expect(Set(["Sigmoid", "Tanh", "ReLU", "LeakyReLU"]).isSubset(of: Set(Self.tabulated)))
  }

  @Test(arguments: AccuracyTests.tabulated)
  func theBestMethodInDoubleMeetsTheTargets(_ name: String) throws {
    let activation = try #require(BuiltIn.activations.first { $0.name == name })
    let table = try Self.table(name)
    let studies = AccuracyStudy.measureAll(activation, in: Double.self, table: table)
    let dual = try #require(studies.first { $0.method == "dual" })
    #expect(dual.points == table.rows.count)
    #expect(dual.points >= 317, "321 points k/16, less at most four kinks")
    #expect(dual.median <= 1e-12, "\(dual)")
    #expect(dual.maximum <= 1e-9, "\(dual)")
  }

  /// The built-in derivatives are correct to the last few bits in Double.
  @Test(arguments: AccuracyTests.tabulated)
  func handWrittenDerivativesAreAccurateToAFewUlps(_ name: String) throws {
    let activation = try #require(BuiltIn.activations.first { $0.name == name })
    let studies = AccuracyStudy.measureAll(activation, in: Double.self, table: try Self.table(name))
    let own = try #require(studies.first { $0.method == "hand-written derivative" })
    #expect(own.maximum <= 4 * Double.ulpOfOne, "\(own)")
  }

  /// Richardson beats the plain central difference, which beats the textbook h = 1e-7.
  @Test func richardsonBeatsCentralBeatsTextbook() throws {
    let studies = AccuracyStudy.measureAll(
      Sigmoid(), in: Double.self, table: try Self.table("Sigmoid"))
    let median = Dictionary(uniqueKeysWithValues: studies.map { ($0.method, $0.median) })
    let textbook = try #require(median["central, h = 1e-7 (textbook)"])
    let central = try #require(median["central"])
    let richardson = try #require(median["richardson"])
    #expect(richardson < central / 100)
    #expect(central < textbook / 10)
  }

  /// The built-in activations with per-type ULP tables in Benchmarks/References/ULP.
  static let ulpTabulated: [String] = BuiltIn.activations.map(\.name).filter { name in
    ["Double", "Float"].allSatisfy {
      FileManager.default.fileExists(atPath: ulpTable(name, $0).path)
    }
  }

  static func ulpTable(_ name: String, _ scalar: String) -> URL {
    references.appendingPathComponent("ULP/\(name).\(scalar).csv")
  }

  @Test func thePiecewiseActivationsHaveUlpTables() {
    let piecewise = [
      "Identity", "ReLU6", "HardTanh", "HardSigmoid", "HardSwish", "Softsign", "Softshrink",
      "Hardshrink", "ELU", "CELU", "SELU",
    ]
    #expect(Set(piecewise).isSubset(of: Set(Self.ulpTabulated)))
  }

  @Test func theSmoothActivationsHaveBothKindsOfTable() {
    let smooth = ["Softplus", "LogSigmoid", "SiLU", "Mish", "GELU", "GELUTanh", "Tanhshrink"]
    #expect(Set(smooth).isSubset(of: Set(Self.ulpTabulated)))
    #expect(Set(smooth).isSubset(of: Set(Self.tabulated)))
  }

  /// f and f' in Double: median error at most 1 ULP, maximum at most 4, wherever the correctly
  /// rounded result is normal; the tables include the tails and tiny arguments.
  @Test(arguments: AccuracyTests.ulpTabulated)
  func valuesAndDerivativesInDoubleAreWithinFourUlps(_ name: String) throws {
    let activation = try #require(BuiltIn.activations.first { $0.name == name })
    let table = try ReferenceTable(contentsOf: Self.ulpTable(name, "Double"))
    let (value, derivative) = UlpStudy.measure(activation, in: Double.self, table: table)
    for study in [value, derivative] {
      #expect(study.points > 0, "\(study)")
      #expect(study.median <= 1, "\(study)")
      #expect(study.maximum <= 4, "\(study)")
    }
  }

  /// f and f' in Float, computed in Float: maximum error at most 4 ULP.
  @Test(arguments: AccuracyTests.ulpTabulated)
  func valuesAndDerivativesInFloatAreWithinFourUlps(_ name: String) throws {
    let activation = try #require(BuiltIn.activations.first { $0.name == name })
    let table = try ReferenceTable(contentsOf: Self.ulpTable(name, "Float"))
    let (value, derivative) = UlpStudy.measure(activation, in: Float.self, table: table)
    for study in [value, derivative] {
      #expect(study.points > 0, "\(study)")
      #expect(study.maximum <= 4, "\(study)")
    }
  }

  @Test func ulpErrorsAreMeasuredInTheTypeOfTheResult() {
    #expect(UlpStudy.ulpError(1.0, truth: "1") == 0)
    #expect(UlpStudy.ulpError(1.0.nextUp, truth: "1") == 1)
    #expect(UlpStudy.ulpError(Float(1).nextDown, truth: "1") == 0.5)  // ULP of the result 1
    #expect(UlpStudy.ulpError(Double.infinity, truth: "1") == .infinity)
    #expect(UlpStudy.ulpError(0.0, truth: "1e-400") == nil)  // not normal: not measured
  }

  @Test func aMalformedTableIsAnErrorNamingTheLine() {
    #expect(throws: ReferenceTable.FormatError.self) { try ReferenceTable(csv: "x,y\n1,2") }
    let error = #expect(throws: ReferenceTable.FormatError.self) {
      try ReferenceTable(csv: "x,f,fprime\n1,2,3\n1,two,3")
    }
    #expect(error?.description.hasPrefix("line 3:") == true)
  }
}
