// swift-tools-version: 6.1
import PackageDescription

// MARK: - Components
//
// Every built-in activation is one line here. The line `"Name"` means: the folder
// `Sources/Activations/Name/`, the module `NameActivation`, the library product
// `NameActivation`, and the public type `Name` inside it.
let activations: [String] = [
  "Sigmoid",
  "Tanh",
  "ReLU",
  "LeakyReLU",
]

// MARK: - Derived targets and products

let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6)
]

let activationTargets: [Target] = activations.map { name in
  .target(
    name: "\(name)Activation",
    dependencies: ["LayerCore"],
    path: "Sources/Activations/\(name)",
    swiftSettings: swiftSettings
  )
}

let activationProducts: [Product] = activations.map { name in
  .library(name: "\(name)Activation", targets: ["\(name)Activation"])
}

let builtInModules: [Target.Dependency] = activations.map { .target(name: "\($0)Activation") }

let package = Package(
  name: "LayerKit",
  products: [
    .library(name: "LayerCore", targets: ["LayerCore"]),
    .library(name: "LayerConformance", targets: ["LayerConformance"]),
    .library(name: "LayerKit", targets: ["LayerKit"]),
    .executable(name: "layerkit", targets: ["layerkit"]),
  ] + activationProducts,
  targets: [
    .target(name: "LayerCore", swiftSettings: swiftSettings),
    .target(name: "LayerConformance", dependencies: ["LayerCore"], swiftSettings: swiftSettings),
    .target(
      name: "LayerKit",
      dependencies: ["LayerCore"] + builtInModules,
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "layerkit",
      dependencies: ["LayerKit", "LayerConformance"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "_TemplateActivation",
      dependencies: ["LayerCore"],
      path: "Templates/Activation",
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LayerCoreTests",
      dependencies: ["LayerCore", "LayerKit"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "LayerConformanceTests",
      dependencies: ["LayerConformance", "LayerKit", "_TemplateActivation"],
      swiftSettings: swiftSettings
    ),
  ] + activationTargets
)
