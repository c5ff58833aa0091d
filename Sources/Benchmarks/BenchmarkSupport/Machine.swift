import Foundation

/// Seconds on the monotonic clock.
public func monotonicNow() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Seconds `body` takes, once, on the monotonic clock.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = monotonicNow()
  try body()
  return monotonicNow() - start
}

/// Seconds per call of `body`: the best of `rounds` rounds, each repeating it for at least
/// `minimum` seconds.
public func bestSeconds(rounds: Int = 5, minimum: Double = 0.05, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<rounds {
    var count = 0
    let start = monotonicNow()
    var elapsed = 0.0
    repeat {
      body()
      count += 1
      elapsed = monotonicNow() - start
    } while elapsed < minimum
    best = min(best, elapsed / Double(count))
  }
  return best
}

/// The load average (1, 5, 15 minutes) from /proc/loadavg, or `n/a`.
public func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ")
    .prefix(3).joined(separator: " ") ?? "n/a"
}

/// The first "cpu MHz" of /proc/cpuinfo: the nominal clock a virtual machine reports, not the
/// one the core runs at.
public func nominalClockGHz() -> Double? {
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
  for line in info.split(separator: "\n") where line.hasPrefix("cpu MHz") {
    return line.split(separator: ":").last.flatMap {
      Double($0.trimmingCharacters(in: .whitespaces)).map { $0 / 1000 }
    }
  }
  return nil
}

/// The clock the core runs at, measured: a chain of dependent `Double` additions takes 3
/// cycles per addition on AMD Zen 2–4 (4 on most Intel cores, where this reads 4/3 low). The
/// best of 5 chains of 20 million additions.
public func measuredClockGHz() -> Double {
  let seconds = bestSeconds(rounds: 5, minimum: 0) {
    chainSink = additionChain(5_000_000, chainSink * 1e-12)
  }
  return 3 * 20e6 / seconds / 1e9
}

/// Where ``measuredClockGHz()`` stores each chain's result, so that it cannot be dropped.
nonisolated(unsafe) var chainSink = 1.0

/// `x + y + y + …`, `4 · rounds` dependent additions (not reassociated: floating point).
@inline(never)
func additionChain(_ rounds: Int, _ y: Double) -> Double {
  var x = 1.0
  for _ in 0..<rounds {
    x = x + y
    x = x + y
    x = x + y
    x = x + y
  }
  return x
}

/// The SSE2 peak (default flags: no FMA) of this machine: 2 cores × lanes × 4 flops per cycle
/// (two 128-bit multiply and two add pipes per Zen 3/4 core) × `clock`, as one line.
public func sse2PeakLine(clock: Double, nominal: Double?) -> String {
  String(
    format:
      "SSE2 peak (default flags, no FMA) = 2 cores × lanes × 4 flops per cycle (two 128-bit "
      + "multiply and two add pipes per Zen 3/4 core) × %.2f GHz (measured; nominal %@): "
      + "Double %.1f GFLOP/s, Float %.1f GFLOP/s", clock,
    nominal.map { String(format: "%.2f GHz", $0) } ?? "n/a", 2 * 2 * 4 * clock,
    2 * 4 * 4 * clock)
}
