#if canImport(Dispatch)
  import Dispatch
#endif

/// The results of `transform` on every element of `elements`, in order, computed on all cores
/// (one element per iteration of `DispatchQueue.concurrentPerform`), or one after the other
/// where there is no Dispatch.
///
/// Dispatch, not LayerCore's `performConcurrently`: those workers serve one caller at a time,
/// for short parts of a hot loop (a matrix product's halves). A registry check holds its
/// parts for seconds; on the workers it would make every product elsewhere run on one core
/// meanwhile, and when they were busy it would run every check on one thread (`swift test`
/// took 65 s instead of 55 that way).
///
/// Every element's result lands in its own slot of one buffer, so the order of the results is
/// that of `elements` whatever the order in which the iterations finish.
func concurrentMap<Element: Sendable, Result: Sendable>(
  _ elements: [Element], _ transform: @escaping @Sendable (Element) -> Result
) -> [Result] {
  #if canImport(Dispatch)
    let slots = ResultSlots<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
      slots.store(transform(elements[index]), at: index)
    }
    return slots.results()
  #else
    return elements.map(transform)
  #endif
}

/// One slot per iteration of ``concurrentMap(_:_:)``: each iteration writes only its own slot,
/// and the slots are read after `concurrentPerform` has returned, so no two threads touch the
/// same memory.
private final class ResultSlots<Result>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<Result?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }

  func store(_ result: Result, at index: Int) { buffer[index] = result }

  func results() -> [Result] { buffer.map { $0! } }
}
