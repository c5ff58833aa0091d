#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds on a monotonic clock, or 0 where there is none: the spinning workers' spin
/// deadlines and the register tile's first-use timing (which then keeps the narrow tile).
func monotonicSeconds() -> Double {
  #if canImport(Glibc) || canImport(Darwin)
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  #else
    return 0
  #endif
}
