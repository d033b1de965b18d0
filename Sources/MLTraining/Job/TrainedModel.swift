import MLCore

/// A model ``TrainingJob`` trained: one of the three kinds.
public enum TrainedModel: Sendable, Equatable {
    /// Gradient-boosted trees.
    case gbdt(GBDTModel)
    /// A logistic regression.
    case logisticRegression(LogisticRegressionModel)
    /// An isolation forest.
    case isolationForest(IsolationForestModel)

    /// What the predictions mean, so metrics can be chosen.
    public enum Task: Sendable, Equatable {
        /// One P(class 1) per row.
        case binary
        /// `classes` probabilities per row.
        case multiclass(classes: Int)
        /// One value per row.
        case regression
        /// One anomaly score per row (larger is more anomalous).
        case anomaly
    }

    /// The task of the predictions.
    public var task: Task {
        switch self {
        case .gbdt(let m):
            switch m.objective {
            case .binary: return .binary
            case .multiclass: return .multiclass(classes: m.classCount)
            case .regression: return .regression
            }
        case .logisticRegression(let m): return m.classCount == 2 ? .binary : .multiclass(classes: m.classCount)
        case .isolationForest: return .anomaly
        }
    }

    /// The config's name of the kind: `gbdt`, `logistic_regression`, `isolation_forest`.
    public var kind: String {
        switch self {
        case .gbdt: return "gbdt"
        case .logisticRegression: return "logistic_regression"
        case .isolationForest: return "isolation_forest"
        }
    }

    /// Predictions of `x`: probabilities (binary one per row, multiclass `classes` per row),
    /// values, or anomaly scores.
    public func predict(_ x: Matrix<Float>) -> [Double] {
        switch self {
        case .gbdt(let m): return m.predict(x)
        case .logisticRegression(let m): return m.predict(x)
        case .isolationForest(let m): return m.predict(x)
        }
    }
}
