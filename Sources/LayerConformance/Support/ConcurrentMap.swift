import LayerCore

/// The results of `transform` on every element of `elements`, in order, computed on all cores:
/// one element per part of LayerCore's `performConcurrently(parts:_:)`, the mechanism
/// `matrixMultiply` uses, so a product inside `transform` runs on its own core instead of
/// oversubscribing the others.
///
/// Every element's result lands in its own slot of one buffer, so the order of the results is
/// that of `elements` whatever the order in which the parts finish.
func concurrentMap<Element: Sendable, Result: Sendable>(
  _ elements: [Element], _ transform: @escaping @Sendable (Element) -> Result
) -> [Result] {
  let slots = ResultSlots<Result>(count: elements.count)
  performConcurrently(parts: elements.count) { index in
    slots.store(transform(elements[index]), at: index)
  }
  return slots.results()
}

/// One slot per part of ``concurrentMap(_:_:)``: each part writes only its own slot, and the
/// slots are read after `performConcurrently` has returned, so no two threads touch the same
/// memory.
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
