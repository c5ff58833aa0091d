/// Names a new component may not take, with the reason.
enum ReservedNames {
  /// Names of modules or types the template code or the package already uses; a component with
  /// one of these names would shadow it and fail to compile.
  static let taken: Set<String> = [
    "Activation", "Any", "Array", "Bool", "ComponentError", "Dictionary", "Domain", "Double",
    "Error", "Float", "Float80", "Foundation", "Int", "Kink", "Layer", "LayerBlueprint",
    "LayerConformance", "LayerCore", "LayerError", "LayerGradients", "LayerKit", "LayerMode",
    "LayerScalar", "Never", "Optional", "Parameter", "ParameterSet", "Protocol", "RandomSource",
    "Registry", "RegistryError", "Self", "Sendable", "String", "Swift", "Template", "Tensor",
    "Testing", "Type", "XCTest",
  ]
}

/// Checks that `name` can be a component's folder, module prefix and public type.
///
/// - Throws: ``ScaffoldError`` saying what is wrong and what would be accepted.
func validateTypeName(_ name: String) throws(ScaffoldError) {
  let rule = "use UpperCamelCase letters and digits, such as Swish or GELUTanh"
  guard !name.isEmpty else {
    throw ScaffoldError("the name is empty; \(rule)")
  }
  guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else {
    throw ScaffoldError(
      "'\(name)' is not a valid type name: it must start with an uppercase letter A-Z; \(rule)")
  }
  let allowed = name.unicodeScalars.allSatisfy {
    ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
  }
  guard allowed else {
    throw ScaffoldError(
      "'\(name)' is not a valid type name: only letters A-Z, a-z, digits and _ are allowed; "
        + rule)
  }
  guard !ReservedNames.taken.contains(name) else {
    throw ScaffoldError(
      "'\(name)' is reserved: it is already a type or module the component's code uses, and a "
        + "component with this name would shadow it; choose another name")
  }
}
