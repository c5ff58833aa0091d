#if canImport(Dispatch)
  import Dispatch
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The number of cores the parallel product uses: the online processors, read once.
let gemmCoreCount: Int = {
  #if canImport(Glibc) || canImport(Darwin)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}()

/// Runs `body` on the whole product, or, when it has at least
/// ``matrixMultiplyParallelThreshold`` multiply-adds and there are several cores, on one block
/// of rows (or of columns, when `C` is wider than tall) of `C` per core, concurrently. The
/// blocks are disjoint and aligned to 8 rows or columns, so threads share no output tile.
/// The parts run on ``SpinningWorkers`` (or, while another thread's product holds those, on
/// Dispatch's threads).
func parallelMultiply<Scalar>(
  _ o: GEMMOperands<Scalar>, _ body: @escaping @Sendable (GEMMOperands<Scalar>) -> Void
) {
  let work = o.m * o.n * o.k
  #if canImport(Dispatch)
    let cores = gemmCoreCount
    let splitRows = o.m >= o.n
    let extent = splitRows ? o.m : o.n
    let parts = min(cores, extent / 8)
    if work >= matrixMultiplyParallelThreshold, parts > 1 {
      let step = (extent / parts + 7) / 8 * 8
      let count = (extent + step - 1) / step
      let part: @Sendable (Int) -> Void = { index in
        let start = index * step
        let size = min(step, extent - start)
        body(splitRows ? o.rows(start, size) : o.columns(start, size))
      }
      #if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
        if #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *),
          SpinningWorkers.shared.run(parts: count, part)
        {
          return
        }
      #endif
      DispatchQueue.concurrentPerform(iterations: count, execute: part)
      return
    }
  #endif
  body(o)
}
