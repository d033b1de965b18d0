import MLCore

/// A loaded model that scores rows of `Float` features: the one API every model kind
/// (tree ensembles today, ONNX graphs later) implements.
///
/// Inputs are row-major: row `i`, feature `j` at `features[i * featureCount + j]`. Missing
/// values are `Float.nan`; each model handles them as its framework does (see
/// `Docs/Models.md`). Outputs are `Double`: a model that computes in `Float` (XGBoost) writes
/// its `Float` results exactly, so nothing is rounded twice.
///
/// Implementations are immutable and `Sendable`: one instance can serve any number of
/// concurrent tasks without locks.
///
/// ```swift
/// let model = try ModelLoader.load(contentsOf: "model.json")
/// let probabilities = try model.predict(features)            // Matrix<Double>, rows × width
/// let margins = try model.predict(features, options: .init(output: .rawMargin))
/// ```
public protocol PredictiveModel: Sendable {
    /// The input the model expects.
    var schema: InputSchema { get }
    /// What ``PredictionOutput/value`` predictions mean.
    var outputKind: OutputKind { get }
    /// Whether the model applies a link function, so that ``PredictionOutput/rawMargin``
    /// differs from ``PredictionOutput/value`` (false for plain regression and raw scores).
    var hasLinkFunction: Bool { get }
    /// A summary for `mlctl inspect` and logs.
    var modelDescription: ModelDescription { get }

    /// Values written per row for `options` (e.g. 1 for a binary probability, K for K
    /// classes, the tree count for leaf indices).
    /// - Throws: ``ScoringError`` when `options` asks for an output or range the model lacks.
    func outputWidth(for options: PredictionOptions) throws -> Int

    /// Scores `rowCount` rows from `features` (row-major, `rowCount × schema.featureCount`)
    /// into `output` (row-major, `rowCount × outputWidth(for: options)`; extra space untouched).
    /// - Throws: ``ScoringError`` when a buffer is too small or `options` does not fit the model.
    func predict(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions
    ) throws

    /// A prepared scorer for one row at a time that does not allocate per call.
    /// - Throws: ``ScoringError`` when `options` does not fit the model.
    func makeSingleRowScorer(options: PredictionOptions) throws -> SingleRowScorer
}

extension PredictiveModel {
    /// Scores the rows of `features` (`rows × schema.featureCount`) into `output`
    /// (`rows × outputWidth(for: options)`).
    /// - Throws: ``ScoringError/Code/featureCountMismatch`` when `features.columns` differs
    ///   from the schema; ``ScoringError/Code/outputBufferTooSmall``.
    public func predict(
        _ features: Matrix<Float>, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions = .default
    ) throws {
        try checkColumns(features.columns)
        try features.withUnsafeBufferPointer { x in
            try predict(x, rowCount: features.rows, into: output, options: options)
        }
    }

    /// Scores the rows of `features` and returns a `rows × outputWidth(for: options)` matrix.
    /// - Throws: as ``predict(_:into:options:)``.
    public func predict(_ features: Matrix<Float>, options: PredictionOptions = .default) throws -> Matrix<Double> {
        try checkColumns(features.columns)
        let width = try outputWidth(for: options)
        var result: Matrix<Double>
        do {
            result = try Matrix<Double>(rows: features.rows, columns: width)
        } catch {
            throw ScoringError(.invalidShape, "output \(features.rows)×\(width) is too large")
        }
        try result.withUnsafeMutableBufferPointer { out in
            try features.withUnsafeBufferPointer { x in
                try predict(x, rowCount: features.rows, into: out, options: options)
            }
        }
        return result
    }

    private func checkColumns(_ columns: Int) throws {
        guard columns == schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch,
                "the model expects \(schema.featureCount) features, the input has \(columns) columns")
        }
    }
}
