// swift-tools-version: 6.1
import PackageDescription

// A consumer of LayerKit that depends on one activation product and on the test kit, and
// nothing else: its build compiles LayerCore, TanhActivation and LayerConformance only.
let package = Package(
  name: "SoftsignModel",
  // As LayerKit: Float16 needs macOS 11, iOS 14, tvOS 14 or watchOS 7 on Apple platforms.
  platforms: [.macOS(.v11), .iOS(.v14), .tvOS(.v14), .watchOS(.v7)],
  dependencies: [
    // In your project: .package(url: "https://example.com/LayerKit.git", from: "0.1.0")
    .package(name: "LayerKit", path: "../..")
  ],
  targets: [
    .target(
      name: "SoftsignModel",
      dependencies: [.product(name: "TanhActivation", package: "LayerKit")],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .testTarget(
      name: "SoftsignModelTests",
      dependencies: ["SoftsignModel", .product(name: "LayerConformance", package: "LayerKit")],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
  ]
)
