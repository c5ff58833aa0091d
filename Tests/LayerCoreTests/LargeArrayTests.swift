import LayerCore
import Testing

/// `largeArray` holds what its closure wrote, below and above the 4 MiB from which it asks
/// for huge pages.
struct LargeArrayTests {
  @Test(arguments: [0, 10, (1 << 20) + 7])
  func holdsWhatWasWritten(count: Int) {
    let array: [Float] = largeArray(count: count) { buffer in
      for k in buffer.indices { buffer[k] = Float(k % 1000) }
    }
    #expect(array.count == count)
    #expect(array.indices.allSatisfy { array[$0] == Float($0 % 1000) })
  }
}
