#if canImport(Dispatch)
  import Dispatch
#endif

/// The results of `transform` on every element of `elements`, in order, computed on all cores
/// (one element per iteration of `DispatchQueue.concurrentPerform`), or one after the other
/// where there is no Dispatch.
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
