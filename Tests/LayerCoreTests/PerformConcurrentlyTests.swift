import Dispatch
import Testing

@testable import LayerCore

/// `performConcurrently` runs every part exactly once, whatever the number of parts and cores,
/// and the large parameter update it carries gives the serial result.
struct PerformConcurrentlyTests {
  /// How many times each part (or index) ran, counted by the parts themselves.
  final class Counts: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Int>
    init(_ count: Int) {
      slots = .allocate(capacity: count)
      slots.initialize(repeating: 0)
    }
    deinit { slots.deallocate() }
    var array: [Int] { Array(slots) }
  }

  @Test(arguments: [0, 1, 2, 3, 7])
  func everyPartRunsOnce(parts: Int) {
    let counts = Counts(max(parts, 1))
    performConcurrently(parts: parts) { part in counts.slots[part] += 1 }
    #expect(counts.array == Array(repeating: parts == 0 ? 0 : 1, count: max(parts, 1)))
  }

  @Test(arguments: [0, 1, 100, 1 << 15, (1 << 15) + 3, 3 * (1 << 14) + 17])
  func splittingCoversEveryIndexOnce(count: Int) {
    let counts = Counts(max(count, 1))
    let starts = Counts(max(count, 1))  // 1 at each range's lower bound: ranges are disjoint
    performConcurrently(splitting: count, minimumPartSize: 1 << 14) { range in
      for k in range { counts.slots[k] += 1 }
      if range.lowerBound > 0 { #expect(range.lowerBound % 16 == 0) }
      starts.slots[range.lowerBound] = 1
    }
    #expect(counts.array == Array(repeating: count == 0 ? 0 : 1, count: max(count, 1)))
    let used = starts.array.reduce(0, +)
    #expect(used == (count == 0 ? 0 : max(1, min(concurrentCoreCount, count / (1 << 14)))))
  }

  /// Work started with `performInBackground` has run, once, when `wait()` returns; meanwhile
  /// `performConcurrently` still runs every part once (on the calling thread while the worker
  /// is taken), and afterwards it has the workers again. Nested in a part, the work runs at
  /// once. Repeated, to give a race a chance to show.
  @Test func backgroundWorkRunsOnceAndAlongsideParts() {
    for round in 0..<200 {
      let background = Counts(1)
      let work = performInBackground {
        for _ in 0..<(round % 7) * 100 { background.slots[0] += 0 }
        background.slots[0] += 1
      }
      let counts = Counts(3)
      performConcurrently(parts: 3) { part in counts.slots[part] += 1 }
      work.wait()
      #expect(background.array == [1])
      #expect(counts.array == [1, 1, 1])
    }
    let nested = Counts(2)
    performConcurrently(parts: 2) { part in
      let work = performInBackground { nested.slots[part] += 1 }
      #expect(nested.slots[part] == 1, "not run in place")
      work.wait()
    }
    #expect(nested.array == [1, 1])
  }

  /// Background jobs started right after split jobs each run, also when a worker lingers
  /// after its part of the split job counts as finished (it must not take the new job for
  /// the end of its own). A job that never runs leaves `wait()` spinning, so the loop runs on
  /// another thread and the test fails after a minute instead of hanging.
  @Test func backgroundJobsRightAfterSplitJobsAllRun() {
    let ran = Counts(1)
    let finished = DispatchSemaphore(value: 0)
    let rounds = 2_000
    DispatchQueue.global().async {
      #if DEBUG
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
          SpinningWorkers.delayAfterPart = 0.000_02
        }
      #endif
      for _ in 0..<rounds {
        performConcurrently(parts: 2) { _ in }
        performInBackground { ran.slots[0] += 1 }.wait()
      }
      #if DEBUG
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
          SpinningWorkers.delayAfterPart = 0
        }
      #endif
      finished.signal()
    }
    #expect(finished.wait(timeout: .now() + 60) == .success, "a background job never ran")
    #expect(ran.array == [rounds])
  }

  /// `descendInPlace` on a tensor large enough to be split gives `p − rate · g` exactly.
  @Test func largeDescentMatchesTheFormula() {
    let count = 39_200 + 5
    var p = (0..<count).map { Float($0 % 97) * 0.25 }
    let g = (0..<count).map { Float($0 % 13) - 6 }
    let expected = zip(p, g).map { $0 - 0.5 * $1 }
    descendInPlace(&p, along: g, rate: 0.5)
    #expect(p == expected)
  }
}
