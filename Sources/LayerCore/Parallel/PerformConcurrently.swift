#if canImport(Dispatch)
  import Dispatch
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The number of cores LayerKit's concurrent work uses: the online processors, read once.
public let concurrentCoreCount: Int = {
  #if canImport(Glibc) || canImport(Darwin)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}()

/// Runs `body(part)` for every `part` in `0..<parts`, concurrently, and returns when all are
/// done: part 0 on the calling thread, the others on LayerKit's persistent spinning workers
/// (one per extra core, see ``concurrentCoreCount``), which start a part within a fraction of
/// a microsecond; parts beyond one per core are claimed by whichever thread is free. Called
/// from inside a part (nested), or while another thread's work holds the workers, it runs the
/// parts in order on the calling thread: the cores are busy already. Where the workers are not
/// available (before macOS 15, or without pthreads) the parts run on Dispatch's threads.
///
/// Use it for work of tens of microseconds or more split in disjoint parts, e.g. the rows of
/// a batch; `matrixMultiply` splits its large products this way.
///
/// ```swift
/// performConcurrently(parts: min(concurrentCoreCount, rows)) { part in
///   // rows part * rows / parts ..< (part + 1) * rows / parts
/// }
/// ```
public func performConcurrently(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
  guard parts > 1 else {
    if parts == 1 { body(0) }
    return
  }
  #if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
    if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
      // Refused when the workers are taken: by the job this call is a part of (a product
      // inside a concurrent part), or by another thread's. Either way the cores are busy, so
      // the parts run here, in order, instead of oversubscribing them.
      if !SpinningWorkers.shared.run(parts: parts, body) {
        for part in 0..<parts { body(part) }
      }
      return
    }
  #endif
  #if canImport(Dispatch)
    DispatchQueue.concurrentPerform(iterations: parts, execute: body)
  #else
    for part in 0..<parts { body(part) }
  #endif
}

/// Work that ``performInBackground(_:)`` started; ``wait()`` returns once it is done.
public struct BackgroundWork: Sendable {
  /// The workers' job generation, or 0 for work that ran on the calling thread.
  let generation: Int

  /// Returns once the work is done (at once when it ran on the calling thread).
  public func wait() {
    guard generation > 0 else { return }
    #if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
      if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
        SpinningWorkers.shared.waitForBackground(generation)
      }
    #endif
  }
}

/// Starts `body` on one of LayerKit's spinning workers and returns at once, so that the
/// calling thread goes on with other work; or, when no worker is free (one core, another job
/// holding them, a nested call, or no worker support), runs `body` here before returning.
/// Call ``BackgroundWork/wait()`` before using what `body` produces.
///
/// Until `body` returns, ``performConcurrently(parts:_:)`` runs its parts in order on the
/// calling thread, in `body` and everywhere else: start only short work this way, alongside
/// work that would leave the spare core idle anyway. The trainer gathers its next batch so
/// while the small layers of a step run.
///
/// ```swift
/// let next = Box()  // a class the worker writes
/// let work = performInBackground { next.value = data.rows(indices) }
/// // ... work that needs only one core ...
/// work.wait()
/// ```
public func performInBackground(_ body: @escaping @Sendable () -> Void) -> BackgroundWork {
  #if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
    if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) {
      if let generation = SpinningWorkers.shared.start(body) {
        return BackgroundWork(generation: generation)
      }
    }
  #endif
  body()
  return BackgroundWork(generation: 0)
}

/// Splits `0..<count` into at most ``concurrentCoreCount`` contiguous ranges of at least
/// `minimumPartSize` elements (a multiple of `alignment` each, but the last), and runs `body`
/// on each concurrently with ``performConcurrently(parts:_:)``; a `count` below twice the
/// minimum runs as one range on the calling thread.
///
/// ```swift
/// nonisolated(unsafe) let p = buffer.baseAddress!  // each range writes its own elements
/// performConcurrently(splitting: buffer.count, minimumPartSize: 1 << 14) { range in
///   for k in range { p[k] *= 2 }
/// }
/// ```
public func performConcurrently(
  splitting count: Int, minimumPartSize: Int, alignment: Int = 16,
  _ body: @escaping @Sendable (Range<Int>) -> Void
) {
  let parts = min(concurrentCoreCount, count / max(1, minimumPartSize))
  guard parts > 1 else {
    if count > 0 { body(0..<count) }
    return
  }
  let step = (count / parts + alignment - 1) / alignment * alignment
  performConcurrently(parts: (count + step - 1) / step) { part in
    body((part * step)..<min(count, (part + 1) * step))
  }
}
