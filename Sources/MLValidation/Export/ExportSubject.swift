import MLCore
import MLMetrics
import MLModels

/// One side of an export validation: a loaded model, or a file of predictions made elsewhere
/// (the training framework's own scores on the same rows).
public enum ExportSubject: Sendable {
    /// A model scored in this process (latency can be measured).
    case model(any PredictiveModel, name: String)
    /// Precomputed scores, one row per data row (no latency).
    case predictions(ScoreColumns, name: String)

    /// The file name or label shown in reports.
    public var name: String {
        switch self {
        case .model(_, let name), .predictions(_, let name): name
        }
    }

    /// `model` or `predictions`.
    public var kind: String {
        switch self {
        case .model: "model"
        case .predictions: "predictions"
        }
    }

    /// The model's format (`xgboost-json`, `onnx`…), nil for predictions.
    public var format: String? {
        switch self {
        case .model(let m, _): m.modelDescription.format.rawValue
        case .predictions: nil
        }
    }

    /// Loads `path`: a `.csv` file is a predictions file (``ScoreColumns/read(contentsOf:)``:
    /// `prob`, `score`, or `p0..pK-1`), anything else a model (``ModelLoader``, format detected
    /// from the content).
    /// - Throws: ``EvaluationError`` for an unreadable predictions file, ``ModelLoadingError``
    ///   for a model that cannot be loaded.
    public static func load(_ path: String) throws -> ExportSubject {
        if path.lowercased().hasSuffix(".csv") {
            return .predictions(try ScoreColumns.read(contentsOf: path), name: path)
        }
        return .model(try ModelLoader.load(contentsOf: path), name: path)
    }

    /// The subject's scores on `features` in the shape of ``ScoreColumns``: one score per row for
    /// binary classifiers and single-output models, K probabilities for K ≥ 3 classes (a
    /// two-class probability output is scored on class 1).
    /// - Throws: ``ScoringError`` (feature count), ``EvaluationError`` `.incompatibleModels`
    ///   for a model that predicts class indices or several regression targets,
    ///   `.lengthMismatch` for a predictions file with another row count.
    public func scores(on features: Matrix<Float>) throws -> ScoreColumns {
        switch self {
        case .predictions(let scores, let name):
            guard scores.rowCount == features.rows else {
                throw EvaluationError(
                    .lengthMismatch, "the predictions have \(scores.rowCount) rows but the data has \(features.rows)",
                    path: name)
            }
            return scores
        case .model(let model, let name):
            let output = try model.predict(features)
            switch model.outputKind {
            case .multiclassProbabilities(let k) where k >= 3:
                return .multiclass(output)
            case .multiclassProbabilities:
                return .binary((0..<output.rows).map { output.elements[$0 * output.columns + output.columns - 1] })
            case .classIndex:
                throw EvaluationError(
                    .incompatibleModels, "the model predicts class indices, not scores: export it with probabilities",
                    path: name)
            case .binaryProbability, .regressionValue, .anomalyScore, .rawScore:
                guard output.columns == 1 else {
                    throw EvaluationError(
                        .incompatibleModels, "the model writes \(output.columns) values per row; export validation compares one score or class probabilities",
                        path: name)
                }
                return .binary(output.elements)
            }
        }
    }
}
