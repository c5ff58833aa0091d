import LayerCore
import LayerData
import Testing

/// Standardization and one-hot labels.
struct TransformTests {
  @Test func standardizationUsesTheTrainingStatistics() throws {
    // Column 0: 1, 3 (mean 2, std 1); column 1 constant 5 (std 1); column 2: 0, 4 (mean 2, std 2).
    let train = try Tensor<Double>(shape: [2, 3], scalars: [1, 5, 0, 3, 5, 4])
    let test = try Tensor<Double>(shape: [1, 3], scalars: [4, 7, 2])
    let standardization = Standardization(fitting: train)
    #expect(standardization.mean == [2, 5, 2])
    #expect(standardization.std == [1, 1, 2])
    #expect(standardization.apply(to: train).scalars == [-1, 0, -1, 1, 0, 1])
    #expect(standardization.apply(to: test).scalars == [2, 2, 0])
  }

  @Test func splitStandardizedHasZeroMeanUnitStdOnTrain() throws {
    let set = Synthetic.circles(Float.self, count: 200, noise: 0.1, seed: 3)
    let other = Synthetic.circles(Float.self, count: 50, noise: 0.1, seed: 4)
    let split = TrainTestSplit(train: set, test: other).standardized()
    let refit = Standardization(fitting: split.train.inputs)
    for (mean, std) in zip(refit.mean, refit.std) {
      #expect(abs(mean) < 1e-5 && abs(std - 1) < 1e-5)
    }
    #expect(split.test.labels == other.labels)
    #expect(split.test.inputs != other.inputs)
  }

  #if !(os(Windows) || os(Android)) && (arch(x86_64) || arch(i386)) && !LAYERKIT_NO_FLOAT80
    @Test func float80StandardizesThroughDouble() throws {
      // Column 0: 1 + 2⁻⁴⁰ and 3 + 2⁻⁴⁰ (exact in Double): mean 2 + 2⁻⁴⁰, std 1.
      let train = try Tensor<Float80>(
        shape: [2, 2], scalars: [Float80(1 + 0x1p-40), 5, Float80(3 + 0x1p-40), 7])
      let standardization = Standardization(fitting: train)
      #expect(standardization.mean == [Float80(2 + 0x1p-40), 6])
      #expect(standardization.std == [1, 1])
    }
  #endif

  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    @Test func float16StandardizesThroughDouble() throws {
      let train = try Tensor<Float16>(shape: [2, 3], scalars: [1, 5, 0, 3, 5, 4])
      let standardization = Standardization(fitting: train)
      #expect(standardization.mean == [2, 5, 2])
      #expect(standardization.std == [1, 1, 2])
      #expect(standardization.apply(to: train).scalars == [-1, 0, -1, 1, 0, 1])
    }
  #endif

  @Test func constantPixelsOfUnroundableValuesStayFinite() throws {
    let train = Tensor<Float>(shape: [1000, 2], repeating: 0.3)
    let result = Standardization(fitting: train).apply(to: train)
    #expect(result.scalars.allSatisfy { $0 == 0 })
  }

  @Test func oneHotEncodes() {
    let encoded = oneHot([2, 0, 1], classes: 3, as: Double.self)
    #expect(encoded.shape == [3, 3])
    #expect(encoded.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0])
    #expect(oneHot([], classes: 4, as: Float.self).shape == [0, 4])
  }

  @Test func labeledSetValidates() throws {
    let inputs = try Tensor<Double>(shape: [2, 1], scalars: [0, 1])
    #expect(throws: DataError.self) { try LabeledSet(inputs: inputs, labels: [0], classes: 2) }
    #expect(throws: DataError.self) { try LabeledSet(inputs: inputs, labels: [0, 2], classes: 2) }
    let set = try LabeledSet(inputs: inputs, labels: [0, 1], classes: 2)
    #expect(set.oneHotLabels.scalars == [1, 0, 0, 1])
  }
}
