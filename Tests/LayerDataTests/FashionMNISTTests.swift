import LayerData
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real Fashion-MNIST, where Debian's package has installed it; skipped otherwise.
struct FashionMNISTTests {
  static let installed = access(MNIST.fashionDirectory + "/train-labels-idx1-ubyte.gz", F_OK) == 0

  @Test(
    .enabled(
      if: installed,
      "Fashion-MNIST is not installed (optional: \(DataError.installCommand))")
  )
  func loadsSixtyThousandAndTenThousandImagesOfTenClasses() throws {
    let data = try MNIST.load(Float.self, from: MNIST.fashionDirectory)
    #expect(data.train.inputs.shape == [60_000, 784])
    #expect(data.test.inputs.shape == [10_000, 784])
    #expect(data.train.classes == 10 && data.test.classes == 10)
    #expect(data.train.classCounts == Array(repeating: 6000, count: 10))
    #expect(data.test.classCounts == Array(repeating: 1000, count: 10))
    #expect(data.train.inputs.scalars.prefix(78_400).allSatisfy { $0 >= 0 && $0 <= 1 })
  }
}
