import Foundation
import Initializers
import LayerConformance
import LayerKit
import Training

extension TrainRun {
  /// Trains the same network on the same data under every initializer and prints one table:
  /// initializer, final cost, train and test accuracy, and whether training diverged.
  func compare(
    build: (Initializer) throws(UsageError) -> [any Layer<T>], trainer: SGDTrainer,
    loss: any Loss, data: TrainingData<T>, test: TrainingData<T>
  ) throws(UsageError) -> Int32 {
    var series: [Curves.Series] = []
    var rows: [[String]] = [["initializer", "final cost", "train acc", "test acc", "diverged"]]
    for rule in Initializer.allCases {
      var layers = try build(rule)
      do throws(TrainingError) {
        let history = try trainer.train(&layers, loss: loss, data: data)
        series.append(
          Curves.Series(
            name: rule.name, costs: history.epochCosts, accuracies: history.trainAccuracies))
        let last = history.epochs.last
        let accuracy = (try? trainer.accuracy(of: layers, on: test, loss: loss)) ?? .nan
        rows.append([
          rule.name, last.map { Self.number($0.cost) } ?? "-",
          last.map { Self.percent($0.trainAccuracy) } ?? "-", Self.percent(accuracy), "no",
        ])
      } catch {
        if case .diverged(let epoch, let step, _, _, let partial) = error {
          series.append(
            Curves.Series(
              name: rule.name, costs: partial.epochCosts, accuracies: partial.trainAccuracies))
          rows.append([rule.name, "nan", "-", "-", "yes (epoch \(epoch), step \(step))"])
        } else {
          output.error("\(rule.name): \(error.description)")
          return LayerKitCommand.checkFailed
        }
      }
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      let cells = row.enumerated().map { column, cell in
        cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      output.standardOutput(
        cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n")
    }
    if let path = command.curves {
      try Curves.write(series, to: path)
      output.standardError("wrote \(path)\n")
    }
    return LayerKitCommand.success
  }
}
