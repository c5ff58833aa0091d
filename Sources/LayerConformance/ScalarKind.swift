import LayerCore

/// The scalar types the kit checks, as a value (for command-line flags and test arguments).
///
/// `allCases` is the default set of every check: `Float` and `Double`, then `Float16` where the
/// platform has it (arm64, and x86_64 Linux) unless it is compiled out with
/// `-Xswiftc -DLAYERKIT_NO_FLOAT16`.
public enum ScalarKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// `Float`.
  case float = "Float"
  /// `Double`.
  case double = "Double"
  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    /// `Float16`, half precision, with references in `Double`.
    case float16 = "Float16"
  #endif

  /// The type itself, e.g. `Float.self`: pass it to a generic check.
  public var type: any CheckableScalar.Type {
    switch self {
    #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
      case .float16: Float16.self
    #endif
    case .float: Float.self
    case .double: Double.self
    }
  }

  /// The kind whose name is `name`, compared case-insensitively (`"float16"` gives
  /// ``float16``), or `nil` for a type the kit does not check here.
  public init?(named name: String) {
    guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() })
    else { return nil }
    self = kind
  }

  /// `"Float16"`, `"Float"` or `"Double"`.
  public var description: String { rawValue }
}
