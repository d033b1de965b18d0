/// What a model's (transformed) prediction means, and so how many values it gives per row.
public enum OutputKind: Sendable, Equatable, Hashable {
    /// One probability of the positive class per row, in [0, 1].
    case binaryProbability
    /// `classCount` probabilities per row that sum to 1 (softmax), or one-vs-rest
    /// probabilities (each in [0, 1]) for LightGBM `multiclassova`.
    case multiclassProbabilities(classCount: Int)
    /// One predicted class index per row, `0 ..< classCount` (XGBoost `multi:softmax`).
    case classIndex(classCount: Int)
    /// One or more real values per row (regression, counts via an exp link, ranking scores).
    case regressionValue
    /// One anomaly score per row (isolation forests; larger means more anomalous unless the
    /// model documents otherwise).
    case anomalyScore
    /// `width` raw scores per row with no link function (XGBoost `binary:logitraw`,
    /// LightGBM models saved without an objective).
    case rawScore(width: Int)

    /// Short stable name: `binary_probability`, `multiclass_probabilities`, `class_index`,
    /// `regression_value`, `anomaly_score`, `raw_score`.
    public var name: String {
        switch self {
        case .binaryProbability: return "binary_probability"
        case .multiclassProbabilities: return "multiclass_probabilities"
        case .classIndex: return "class_index"
        case .regressionValue: return "regression_value"
        case .anomalyScore: return "anomaly_score"
        case .rawScore: return "raw_score"
        }
    }
}
