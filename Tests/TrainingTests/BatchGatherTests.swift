import LayerKit
import Testing
import Training

/// `TrainingData.rows(_:)`: the rows asked for, in that order, for widths that fill 64-byte
/// lines exactly, partly or not at all, groups of eight rows and a partial group, and batches
/// large enough to be split over the cores, by rows (narrow rows) or by columns (rows of 512
/// scalars or more: 21 rows of 784).
struct BatchGatherTests {
  func check<T: LayerScalar & BinaryFloatingPoint>(
    _: T.Type, width: Int, count: Int, picks: [Int]
  ) throws {
    let inputs = try Tensor<T>(
      shape: [count, width], scalars: (0..<(count * width)).map { T($0 % 4093) })
    let targets = try Tensor<T>(shape: [count, 1], scalars: (0..<count).map { T($0) })
    let data = try TrainingData(inputs: inputs, targets: targets)
    let batch = data.rows(picks)
    #expect(batch.inputs.shape == [picks.count, width])
    let expected = picks.flatMap { r in (0..<width).map { T((r * width + $0) % 4093) } }
    let first = batch.inputs.scalars.indices.first { batch.inputs.scalars[$0] != expected[$0] }
    #expect(first == nil, "\(T.self) width \(width): entry \(first ?? 0) differs")
    #expect(batch.targets.scalars == picks.map { T($0) })
  }

  @Test(arguments: [1, 3, 16, 17, 33, 784])
  func floatRowsInOrder(width: Int) throws {
    let picks = (0..<21).map { ($0 * 37 + 5) % 50 }
    try check(Float.self, width: width, count: 50, picks: picks)
  }

  @Test(arguments: [1, 8, 9, 100, 600])
  func doubleRowsInOrder(width: Int) throws {
    let picks = (0..<13).map { ($0 * 11 + 3) % 29 }.reversed().map { $0 }
    try check(Double.self, width: width, count: 29, picks: picks)
  }

  /// 700 rows of 33 (23,100 scalars): split over the cores.
  @Test func largeBatchSplitOverTheCores() throws {
    let picks = (0..<700).map { ($0 * 389 + 17) % 1000 }
    try check(Float.self, width: 33, count: 1000, picks: picks)
  }
}
