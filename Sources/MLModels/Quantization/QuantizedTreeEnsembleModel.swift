/// A tree ensemble with threshold quantization: each row's features are mapped once to
/// per-feature 16-bit bin indices (the rank of the value among that feature's split
/// thresholds), and numeric nodes compare two small integers instead of floats (the float
/// engine's branch-free step, on bin codes).
///
/// The mapping is exact: every node takes the same branch as in the float model for every
/// input (proof in `Docs/Models.md`), so predictions, raw margins and leaf indices equal the
/// float model's bit for bit; ``ModelQuantizer`` checks it on data and counts node decisions.
/// Categorical and LightGBM zero-as-missing nodes are set lookups and stay on the float value.
///
/// Immutable and `Sendable`.
///
/// ```swift
/// let result = try ModelQuantizer.quantizeTrees(contentsOf: "model.json", data: x)
/// precondition(result.report.passed)
/// let p = try result.model.predict(x)
/// ```
public struct QuantizedTreeEnsembleModel: PredictiveModel {
    let binned: _BinnedForest
    /// The bin-comparing forest behind the float engine's scoring code.
    let inner: TreeEnsembleModel
    /// The float model it was quantized from.
    public let floatModel: TreeEnsembleModel
    public var schema: InputSchema { floatModel.schema }
    public var outputKind: OutputKind { floatModel.outputKind }
    public var hasLinkFunction: Bool { floatModel.hasLinkFunction }
    /// The float model's description with `quantization` = `threshold_bins` and the bin counts
    /// in `details`.
    public let modelDescription: ModelDescription

    /// Quantizes `model`'s thresholds.
    /// - Throws: ``ModelLoadingError/Code/limitExceeded`` when a feature has more than 65,533
    ///   distinct thresholds (they would not fit 16-bit bins).
    public init(quantizing model: TreeEnsembleModel) throws {
        let binned = try _BinnedForest(model.forest)
        self.binned = binned
        floatModel = model
        inner = TreeEnsembleModel(
            loaded: _LoadedTrees(
                forest: binned.quantized, schema: model.schema, outputKind: model.outputKind,
                hasLinkFunction: model.hasLinkFunction, description: model.modelDescription,
                bestIteration: model.bestIteration))
        var d = model.modelDescription
        d.details["quantization"] = "threshold_bins"
        let counts = (0..<model.schema.featureCount).map { binned.edgeStarts[$0 + 1] - binned.edgeStarts[$0] }
        d.details["bin_edges_max"] = String(counts.max() ?? 0)
        d.details["bin_edges_total"] = String(counts.reduce(0, +))
        modelDescription = d
    }

    /// The bin edges of feature `j`, ascending: a numeric node on `j` with edge `t` sends `x`
    /// left iff `x <= t`; a row's bin is the number of edges below its value (NaN has a code of its own).
    public func binEdges(feature j: Int) -> [Float] {
        guard j >= 0, j < schema.featureCount else { return [] }
        return binned.edgeValues(feature: j)
    }

    public func outputWidth(for options: PredictionOptions) throws -> Int {
        try floatModel.outputWidth(for: options)
    }

    /// Scores `rowCount` rows (row-major `Float`, NaN = missing) into `output`, with the float
    /// engine's blocks, lockstep descent and threads over bin codes.
    /// - Throws: ``ScoringError`` as ``TreeEnsembleModel/predict(_:rowCount:into:options:)``.
    public func predict(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions = .default
    ) throws {
        try inner.predict(features, rowCount: rowCount, into: output, options: options)
    }

    public func makeSingleRowScorer(options: PredictionOptions = .default) throws -> SingleRowScorer {
        try inner.makeSingleRowScorer(options: options)
    }
}
