/// Which values ``PredictiveModel/predict(_:rowCount:into:options:)`` writes per row.
public enum PredictionOutput: String, Sendable, Equatable, Hashable, Codable {
    /// The model's prediction after its link function: probabilities, class index, regression
    /// value (`predict()` in XGBoost and LightGBM). Width: ``OutputKind``'s width.
    case value
    /// The margin the link function is applied to (`output_margin=True` / `raw_score=True`),
    /// one per output group (class). For LightGBM `average_output` (random forest) models this
    /// is the averaged sum of the trees, i.e. exactly what the link receives.
    case rawMargin
    /// For tree ensembles: the leaf reached in every selected tree, as a `Double` holding an
    /// integer (XGBoost: the leaf's node id; LightGBM: the leaf index). Width: tree count.
    case leafIndex
}

/// Which boosting iterations (layers of trees) take part in a prediction.
///
/// One iteration holds `groups × parallel trees` trees (XGBoost) or `num_tree_per_iteration`
/// trees (LightGBM).
public enum IterationSelection: Sendable, Equatable, Hashable {
    /// Every tree in the file (the default, as `Booster.predict` does).
    case all
    /// Iterations `0 ... best_iteration` when the file records a best iteration, else all.
    case best
    /// The iterations in `range` (0-based, half-open); it must lie inside the model's iterations.
    case range(Range<Int>)
}

/// Options of one prediction call; a struct so it can grow without breaking callers.
public struct PredictionOptions: Sendable, Equatable, Hashable {
    /// What to write per row. Default ``PredictionOutput/value``.
    public var output: PredictionOutput
    /// Which iterations to use. Default ``IterationSelection/all``.
    public var iterations: IterationSelection
    /// Worker threads for batch calls (≥ 1; values < 1 mean 1). Results are bit-identical
    /// for every thread count: each row is computed by one thread in a fixed order. The call
    /// blocks until all workers finish (Dispatch threads, 2,048-row chunks); in async code that
    /// already runs one prediction per task, keep the default of 1.
    public var threads: Int

    /// Creates options.
    public init(output: PredictionOutput = .value, iterations: IterationSelection = .all, threads: Int = 1) {
        self.output = output
        self.iterations = iterations
        self.threads = threads
    }

    /// `.value`, all iterations, one thread.
    public static let `default` = PredictionOptions()
}
