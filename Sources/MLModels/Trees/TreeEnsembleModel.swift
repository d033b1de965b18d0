/// A gradient-boosted or random-forest tree ensemble loaded from XGBoost (JSON, UBJSON) or
/// LightGBM (text), scored natively with each framework's own arithmetic.
///
/// - XGBoost: features, thresholds and sums in `Float`; a node goes left iff `x < cond`;
///   NaN follows `default_left`; categorical splits send the listed categories right.
///   Margins start at the base score in margin space and add leaves in tree order, which
///   reproduces XGBoost bit for bit.
/// - LightGBM: comparisons `x <= threshold` and sums in `Double`; missing types None (NaN
///   compares as 0), Zero (|x| ≤ 1e-35 and NaN take the default side) and NaN; categorical
///   bitsets send the listed codes left (NaN, negative, unseen codes right); linear leaves.
///
/// Immutable and `Sendable`: share one instance across tasks.
///
/// ```swift
/// let model = try TreeEnsembleModel(contentsOf: "model.json")
/// let p = try model.predict(x)                                   // rows × 1 probabilities
/// let leaves = try model.predict(x, options: .init(output: .leafIndex))
/// ```
public struct TreeEnsembleModel: PredictiveModel {
    let forest: _Forest
    public let schema: InputSchema
    public let outputKind: OutputKind
    public let hasLinkFunction: Bool
    public internal(set) var modelDescription: ModelDescription
    /// The best iteration recorded in the file (XGBoost `best_iteration` attribute), 0-based.
    public let bestIteration: Int?

    /// Loads a tree ensemble from a file.
    /// - Parameter format: `.auto` detects XGBoost JSON / UBJSON or LightGBM text from the content.
    /// - Throws: ``ModelLoadingError`` (with `file` set) when the file cannot be read or is not
    ///   a valid, supported tree ensemble; the error names the tree, node and key at fault.
    public init(contentsOf path: String, format: ModelFormat = .auto) throws {
        do {
            try self.init(bytes: try _FileBytes.contents(of: path), format: format)
        } catch let error as ModelLoadingError {
            throw error.at(path: path)
        }
    }

    /// Loads a tree ensemble from the bytes of a model file.
    /// - Throws: ``ModelLoadingError``; `.unsupported` for ONNX (not a tree ensemble file).
    public init(bytes: [UInt8], format: ModelFormat = .auto) throws {
        let resolved = format == .auto ? try ModelLoader.detectFormat(of: bytes) : format
        let loaded = try Self.load(bytes: bytes, format: resolved, keepRawTrees: false)
        self.init(loaded: loaded)
    }

    /// Wraps what a loader produced.
    init(loaded: _LoadedTrees) {
        forest = loaded.forest
        schema = loaded.schema
        outputKind = loaded.outputKind
        hasLinkFunction = loaded.hasLinkFunction
        modelDescription = loaded.description
        bestIteration = loaded.bestIteration
    }

    /// Runs the loader of `format` (already resolved).
    static func load(bytes: [UInt8], format: ModelFormat, keepRawTrees: Bool) throws -> _LoadedTrees {
        switch format {
        case .xgboostJSON:
            let doc = try _JSONParser.parse(bytes)
            if _NativeModelReader.isNative(doc) {
                return try _NativeModelReader.loadTrees(doc, keepRawTrees: keepRawTrees)
            }
            return try _XGBoostLoader.load(doc, format: .xgboostJSON, keepRawTrees: keepRawTrees)
        case .xgboostUBJSON:
            return try _XGBoostLoader.load(try _UBJSONParser.parse(bytes), format: .xgboostUBJSON, keepRawTrees: keepRawTrees)
        case .lightGBMText:
            return try _LightGBMLoader.load(bytes, keepRawTrees: keepRawTrees)
        case .swiftMLOpsJSON:
            return try _NativeModelReader.loadTrees(try _JSONParser.parse(bytes), keepRawTrees: keepRawTrees)
        case .onnx, .auto:
            throw ModelLoadingError(.unsupported, "\(format.rawValue) is not a tree-ensemble format")
        }
    }

    /// Number of trees.
    public var treeCount: Int { forest.trees.count }
    /// Number of boosting iterations (each holds `groups × parallel trees` trees).
    public var iterationCount: Int { forest.iterationCount }
    /// Margins per row (1, or K for K-class models).
    public var outputGroupCount: Int { forest.groupCount }

    public func outputWidth(for options: PredictionOptions) throws -> Int {
        let (range, _) = try forest.trees(for: options.iterations, bestIteration: bestIteration)
        return forest.width(for: options.output, treeCount: range.count)
    }

    /// Scores `rowCount` rows (row-major `Float`, NaN = missing) into `output`.
    /// - Throws: ``ScoringError`` `.invalidShape` when `features.count < rowCount × featureCount`,
    ///   `.outputBufferTooSmall`, `.invalidIterationRange`.
    public func predict(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions = .default
    ) throws {
        let (range, iterations) = try forest.trees(for: options.iterations, bestIteration: bestIteration)
        let width = forest.width(for: options.output, treeCount: range.count)
        let f = schema.featureCount
        guard rowCount >= 0 else { throw ScoringError(.invalidShape, "negative row count \(rowCount)") }
        let (need, o1) = rowCount.multipliedReportingOverflow(by: f)
        guard !o1, features.count >= need else {
            throw ScoringError(.invalidShape, "\(rowCount) rows × \(f) features need \(need) values, the input has \(features.count)")
        }
        let (needOut, o2) = rowCount.multipliedReportingOverflow(by: width)
        guard !o2, output.count >= needOut else {
            throw ScoringError(.outputBufferTooSmall, "\(rowCount) rows × \(width) outputs need \(needOut) values, the buffer has \(output.count)")
        }
        guard rowCount > 0, width > 0, let out = output.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 1) { dummy in
            // A model without features reads nothing; it still needs a valid pointer.
            guard let x = features.baseAddress ?? dummy.baseAddress.map({ UnsafePointer($0) }) else { return }
            forest.score(
                x, rowCount: rowCount, into: out, width: width, trees: range, iterations: iterations,
                output: options.output, threads: max(1, options.threads))
        }
    }

    public func makeSingleRowScorer(options: PredictionOptions = .default) throws -> SingleRowScorer {
        let (range, iterations) = try forest.trees(for: options.iterations, bestIteration: bestIteration)
        let width = forest.width(for: options.output, treeCount: range.count)
        let forest = self.forest
        let output = options.output
        return SingleRowScorer(featureCount: schema.featureCount, outputWidth: width) { x, out in
            forest.scoreOne(x, out, trees: range, iterations: iterations, output: output)
        }
    }
}

/// What a format loader hands to ``TreeEnsembleModel``.
struct _LoadedTrees {
    var forest: _Forest
    var schema: InputSchema
    var outputKind: OutputKind
    var hasLinkFunction: Bool
    var description: ModelDescription
    var bestIteration: Int?
    /// The trees as read, in the file's numbering; filled only when a loader is asked to keep
    /// them (conversion to the native format), empty otherwise.
    var rawTrees: [_RawTree] = []
    /// A native file with a threshold-quantization section (its bin edges checked).
    var quantized = false
}
