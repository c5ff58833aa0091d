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
  "Identity",
  "ReLU6",
  "HardTanh",
  "HardSigmoid",
  "HardSwish",
  "Softsign",
  "Softshrink",
  "Hardshrink",
  "ELU",
  "CELU",
  "SELU",
  "Softplus",
  "LogSigmoid",
  "SiLU",
  "Mish",
  "GELU",
  "GELUTanh",
  "Tanhshrink",
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

// MARK: - Layers
//
// Every built-in layer is one line here. The line `"Name"` means: the folder
// `Sources/Layers/Name/`, the module `NameLayer`, the library product `NameLayer`, the public
// type `Name` and its registry entry `NameBlueprint()`.
let layers: [String] = [
  "Dense",
  "Dropout",
  "Sequential",
  "Softmax",
  "LogSoftmax",
  "PReLU",
  "RNN",
  "GRU",
  "LSTM",
]

/// Modules a layer needs beyond LayerCore: `SequentialBlueprint()`, the composition the
/// registry checks, is built from Dense, Tanh and Dropout; `RNN` applies tanh through the `Tanh`
/// activation's batched lanes.
let layerDependencies: [String: [Target.Dependency]] = [
  "Sequential": ["DenseLayer", "DropoutLayer", "TanhActivation"],
  "RNN": ["TanhActivation"],
]

let layerTargets: [Target] = layers.map { name in
  .target(
    name: "\(name)Layer",
    dependencies: ["LayerCore"] + (layerDependencies[name] ?? []),
    path: "Sources/Layers/\(name)",
    swiftSettings: swiftSettings
  )
}

let layerProducts: [Product] = layers.map { name in
  .library(name: "\(name)Layer", targets: ["\(name)Layer"])
}

// MARK: - Losses and penalties
//
// Every built-in loss or penalty is one line here. The line `"Name"` means: the folder
// `Sources/Losses/Name/`, the module `NameLoss`, the library product `NameLoss`, and the public
// type `Name`, a `Loss` or a `Penalty`, registered as `blueprint(of: Name())` with no wrapper.
let losses: [String] = [
  "BinaryCrossEntropy",
  "SoftmaxCrossEntropy",
  "MeanSquaredError",
  "L1Penalty",
  "L2Penalty",
]

let lossTargets: [Target] = losses.map { name in
  .target(
    name: "\(name)Loss",
    dependencies: ["LayerCore"],
    path: "Sources/Losses/\(name)",
    swiftSettings: swiftSettings
  )
}

let lossProducts: [Product] = losses.map { name in
  .library(name: "\(name)Loss", targets: ["\(name)Loss"])
}

let builtInModules: [Target.Dependency] =
  activations.map { .target(name: "\($0)Activation") } + layers.map { .target(name: "\($0)Layer") }
  + losses.map { .target(name: "\($0)Loss") }

/// The gradient-check tests of the layers, and the benchmark of the whole-network check
/// (`swift run -c release layerkit-benchmark`).
let layerCheckTargets: [Target] = [
  .testTarget(
    name: "LayerCheckTests",
    dependencies: ["LayerConformance", "LayerKit", "CharRNN"],
    swiftSettings: swiftSettings
  ),
  // The seed slides' character-level RNN (Examples/CharRNN): its setup, shared by the example
  // `swift run char-rnn-check`, the tests and layerkit-benchmark.
  .target(
    name: "CharRNN",
    dependencies: ["LayerConformance", "LayerKit"],
    path: "Examples/CharRNN/Sources/CharRNN",
    swiftSettings: swiftSettings
  ),
  .executableTarget(
    name: "char-rnn-check",
    dependencies: ["CharRNN", "LayerConformance", "LayerKit"],
    path: "Examples/CharRNN/Sources/char-rnn-check",
    swiftSettings: swiftSettings
  ),
  // Timing, the machine's clock and load, and the training step's matrix products, for the
  // benchmarks.
  .target(
    name: "BenchmarkSupport",
    dependencies: ["LayerCore"],
    path: "Sources/Benchmarks/BenchmarkSupport",
    swiftSettings: swiftSettings
  ),
  .executableTarget(
    name: "layerkit-gemm-benchmark",
    dependencies: ["LayerCore", "BenchmarkSupport"],
    path: "Sources/Benchmarks/layerkit-gemm-benchmark",
    swiftSettings: swiftSettings
  ),
  // Seconds per epoch of the seeds' Fashion-MNIST network beside numpy:
  // `swift run -c release layerkit-train-benchmark`.
  .executableTarget(
    name: "layerkit-train-benchmark",
    dependencies: [
      "LayerKit", "LayerConformance", "LayerData", "Initializers", "Training", "BenchmarkSupport",
    ],
    path: "Sources/Benchmarks/layerkit-train-benchmark",
    swiftSettings: swiftSettings
  ),
  .executableTarget(
    name: "layerkit-benchmark",
    dependencies: ["LayerConformance", "LayerKit", "CharRNN", "BenchmarkSupport"],
    path: "Sources/Benchmarks/layerkit-benchmark",
    swiftSettings: swiftSettings
  ),
]

// MARK: - Scaffolding and registry generation
//
// `swift package --allow-writing-to-package-directory new-activation <Name>` (and `new-layer`)
// copy a template and add the name to the list above. The GenerateRegistry build-tool plugin
// turns LayerKit's dependencies, i.e. those lists, into `BuiltIn.activations` and
// `BuiltIn.layers`, so a component is registered in exactly one place.

let scaffoldingTargets: [Target] = [
  .executableTarget(
    name: "LayerKitRegistryGenerator",
    path: "Plugins/Tools/RegistryGenerator",
    swiftSettings: swiftSettings
  ),
  .plugin(
    name: "GenerateRegistry",
    capability: .buildTool(),
    dependencies: ["LayerKitRegistryGenerator"]
  ),
  .executableTarget(
    name: "LayerKitScaffold",
    path: "Plugins/Tools/Scaffold",
    swiftSettings: swiftSettings
  ),
  .plugin(
    name: "NewActivation",
    capability: .command(
      intent: .custom(
        verb: "new-activation",
        description: "Create Sources/Activations/<Name>/ from Templates/Activation and register it"
      ),
      permissions: [
        .writeToPackageDirectory(reason: "creates Sources/Activations/<Name>/, edits Package.swift")
      ]
    ),
    dependencies: ["LayerKitScaffold"]
  ),
  .plugin(
    name: "NewLayer",
    capability: .command(
      intent: .custom(
        verb: "new-layer",
        description: "Create Sources/Layers/<Name>/ from Templates/Layer and register it"
      ),
      permissions: [
        .writeToPackageDirectory(reason: "creates Sources/Layers/<Name>/, edits Package.swift")
      ]
    ),
    dependencies: ["LayerKitScaffold"]
  ),
  .testTarget(
    name: "ScaffoldingTests",
    dependencies: ["LayerKitScaffold", "LayerConformance", "LayerKit", "_TemplateLayer"],
    swiftSettings: swiftSettings
  ),
]

// MARK: - Data
//
// LayerData: the IDX reader (MNIST, Fashion-MNIST; plain or gzip), the MNIST-layout loader and
// the synthetic sets. Gzip goes through the system zlib, a `.systemLibrary` target (zlib's
// headers come with the Swift toolchain's Linux requirements and with the macOS SDK).
let dataTargets: [Target] = [
  .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
  .target(name: "LayerData", dependencies: ["LayerCore", "CZlib"], swiftSettings: swiftSettings),
  .testTarget(
    name: "LayerDataTests",
    dependencies: ["LayerData", "LayerCore", "CZlib"],
    swiftSettings: swiftSettings
  ),
]

let dataProducts: [Product] = [.library(name: "LayerData", targets: ["LayerData"])]

let package = Package(
  name: "LayerKit",
  // Float16, which the conformance kit checks in, needs these on Apple platforms (on arm64;
  // x86_64 macOS has no Float16, and the kit compiles it out there).
  platforms: [.macOS(.v11), .iOS(.v14), .tvOS(.v14), .watchOS(.v7)],
  products: [
    .library(name: "LayerCore", targets: ["LayerCore"]),
    .library(name: "LayerConformance", targets: ["LayerConformance"]),
    .library(name: "LayerKit", targets: ["LayerKit"]),
    .executable(name: "layerkit", targets: ["layerkit"]),
    .library(name: "Initializers", targets: ["Initializers"]),
    .library(name: "Training", targets: ["Training"]),
    .executable(name: "layerkit-gemm-benchmark", targets: ["layerkit-gemm-benchmark"]),
  ] + activationProducts + layerProducts + lossProducts + dataProducts,
  targets: [
    .target(name: "LayerCore", swiftSettings: swiftSettings),
    .target(name: "LayerConformance", dependencies: ["LayerCore"], swiftSettings: swiftSettings),
    .target(
      name: "LayerKit",
      dependencies: ["LayerCore"] + builtInModules,
      swiftSettings: swiftSettings,
      plugins: ["GenerateRegistry"]
    ),
    // The command line: parsing and running in a library target so that tests can drive every
    // path; `layerkit` itself only forwards its arguments and exits with the status.
    .target(
      name: "LayerKitCommandLine",
      dependencies: ["LayerKit", "LayerConformance", "Training", "Initializers", "LayerData"],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "layerkit",
      dependencies: ["LayerKitCommandLine"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "CommandLineTests",
      dependencies: [
        "LayerKitCommandLine", "LayerKit", "LayerConformance", "Training", "Initializers",
        "LayerData",
      ],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "_TemplateActivation",
      dependencies: ["LayerCore"],
      path: "Templates/Activation",
      swiftSettings: swiftSettings
    ),
    .target(
      name: "_TemplateLayer",
      dependencies: ["LayerCore"],
      path: "Templates/Layer",
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
    // The speed of the batched activations beside numpy:
    // `swift run -c release layerkit-activations-benchmark`.
    .executableTarget(
      name: "layerkit-activations-benchmark",
      dependencies: ["LayerKit", "LayerConformance", "BenchmarkSupport"],
      path: "Sources/Benchmarks/layerkit-activations-benchmark",
      swiftSettings: swiftSettings
    ),
    // Seeded weight initializers, and the minibatch SGD trainer with its mid-training
    // gradient checks.
    .target(
      name: "Initializers",
      dependencies: ["LayerCore", "DenseLayer", "SequentialLayer"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "Training",
      dependencies: ["LayerCore", "LayerConformance", "SequentialLayer"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "TrainingTests",
      dependencies: ["Training", "Initializers", "LayerKit", "LayerConformance"],
      swiftSettings: swiftSettings
    ),
    // The accuracy benchmark: `swift run -c release layerkit-accuracy`.
    .executableTarget(
      name: "layerkit-accuracy",
      dependencies: ["LayerKit", "LayerConformance"],
      path: "Sources/Benchmarks/layerkit-accuracy",
      swiftSettings: swiftSettings
    ),
  ] + activationTargets + scaffoldingTargets + layerTargets + lossTargets + layerCheckTargets
    + dataTargets
)
