extension PenaltyLayer: PiecewiseSmoothLayer {
  /// The penalty's elementwise kinks (``Penalty/kinks``) at every entry of `weight`.
  public func kinks(ofParameter name: String, entry: Int) -> [Kink] {
    name == "weight" && weight.scalars.indices.contains(entry) ? penalty.kinks : []
  }
}
