// The timing both rows share: the network check in full (best of 3) and in directional mode with
// 2 directions (best of 5), each with the report of its last run.
import BenchmarkSupport
import LayerConformance
import LayerKit

/// The fastest of `runs` runs of `check`, and its report.
func bestOf(_ runs: Int, _ check: () -> NetworkReport) -> (report: NetworkReport, seconds: Double) {
  var report: NetworkReport?
  var best = Double.infinity
  for _ in 0..<runs {
    best = min(best, seconds { report = check() })
  }
  return (report!, best)
}

/// The full check (best of 3) and the directional check with 2 directions (best of 5) of
/// `layers` and `loss` at `input` and `target`.
func timedChecks(
  layers: [any Layer<Double>], loss: any Loss, input: Tensor<Double>, target: Tensor<Double>
) -> (
  full: (report: NetworkReport, seconds: Double),
  directional: (report: NetworkReport, seconds: Double)
) {
  let full = bestOf(3) {
    NetworkChecker().check(layers: layers, loss: loss, input: input, target: target)
  }
  let directional = bestOf(5) {
    NetworkChecker(strategy: .directional(count: 2)).check(
      layers: layers, loss: loss, input: input, target: target)
  }
  return (full, directional)
}
