import MLCore
import Synchronization

/// The graph's labels with its scores (`mlctl predict`'s columns for ONNX models).
extension ONNXModel {
    /// Scores the rows of `features` and returns the graph's label per row with its scores:
    /// the columns `mlctl predict` writes for ONNX models (`label, p0 … pK-1`; `label, score`;
    /// `value` or `value0 …`).
    /// - Throws: ``ScoringError`` `.featureCountMismatch` when `features.columns` differs from
    ///   the schema; as ``predict(_:rowCount:into:options:)`` otherwise.
    public func predictWithLabels(_ features: Matrix<Float>, options: PredictionOptions = .default) throws -> ONNXPrediction {
        try check(options)
        guard features.columns == schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch,
                "the model expects \(schema.featureCount) features, the input has \(features.columns) columns")
        }
        let rows = features.rows
        return try features.withUnsafeBufferPointer { xb in
            guard rows > 0, let x = xb.baseAddress else { return try labeledPrediction(rows: 0, threads: 1) { _, _ in } }
            let input = _UnsafeSendableReadPointer(pointer: x)
            let f = schema.featureCount
            let model = self
            return try labeledPrediction(rows: rows, threads: options.threads) { chunk, context in
                try model.feedFeatures(input.pointer + chunk.lowerBound * f, rows: chunk.count, &context)
            }
        }
    }

    /// Runs the graph on `rows` rows fed by `feed` and collects labels and scores.
    func labeledPrediction(
        rows: Int, threads: Int, feed: @Sendable (Range<Int>, inout _ONNXRunContext) throws -> Void
    ) throws -> ONNXPrediction {
        var values = [Double](repeating: 0, count: rows * scoreWidth)
        var labels: [ONNXLabel] = []
        labels.reserveCapacity(labelSlot == nil ? 0 : rows)
        let lock = Mutex<[Int: [ONNXLabel]]>([:])
        let width = scoreWidth
        if rows > 0 {
            try values.withUnsafeMutableBufferPointer { vb in
                guard let out = vb.baseAddress else { return }
                let target = _UnsafeSendablePointer(pointer: out)
                let (labelSlot, scoreSlot) = (self.labelSlot, self.scoreSlot)
                try evaluate(rows: rows, threads: threads, feed: feed) { chunk, context in
                    Self.copyScores(
                        context.values[scoreSlot], rows: chunk.count, width: width, binary: false,
                        into: target.pointer + chunk.lowerBound * width)
                    if let labelSlot {
                        let chunkLabels: [ONNXLabel]
                        switch context.values[labelSlot].storage {
                        case .string(let v): chunkLabels = v.prefix(chunk.count).map { .string($0) }
                        case .int64(let v): chunkLabels = v.prefix(chunk.count).map { .integer($0) }
                        default: chunkLabels = []
                        }
                        lock.withLock { $0[chunk.lowerBound] = chunkLabels }
                    }
                }
            }
        }
        if labelSlot != nil {
            let byChunk = lock.withLock { $0 }
            for start in byChunk.keys.sorted() { labels.append(contentsOf: byChunk[start] ?? []) }
        }
        let names: [String]
        switch outputKind {
        case .anomalyScore: names = ["label", "score"]
        case .regressionValue: names = width == 1 ? ["value"] : (0..<width).map { "value\($0)" }
        default: names = ["label"] + (0..<width).map { "p\($0)" }
        }
        let matrix: Matrix<Double>
        do {
            matrix = try Matrix(rows: rows, columns: width, elements: values)
        } catch {
            throw ScoringError(.invalidShape, "output \(rows)×\(width) is too large")
        }
        return ONNXPrediction(columnNames: names, labels: labels, scores: matrix)
    }
}

/// A graph label: `int64` or `string`, as the model's label output holds them.
public enum ONNXLabel: Sendable, Hashable, CustomStringConvertible {
    /// An `int64` label (class label, or IsolationForest's 1 / −1).
    case integer(Int64)
    /// A `string` label.
    case string(String)

    /// The label as written in CSV output (`1`, `-1`, `setosa`).
    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .string(let s): return s
        }
    }
}

/// Labels and scores of an ONNX model for a batch of rows, as ``ONNXModel/predictWithLabels(_:options:)``
/// returns them.
public struct ONNXPrediction: Sendable {
    /// Column names as `mlctl predict` writes them: `label, p0 … pK-1` (classifiers),
    /// `label, score` (anomaly detectors), `value` / `value0 …` (regressors).
    public let columnNames: [String]
    /// One label per row (empty for regressors).
    public let labels: [ONNXLabel]
    /// Scores, `rows × ONNXModel.scoreWidth`: class probabilities, the anomaly score, or the
    /// regression values.
    public let scores: Matrix<Double>
}
