import MLCore
import MLMetrics
import MLTraining
import MLValidation

/// The metrics `mlctl train` records per part: MLValidation's evaluation keys for classifiers
/// (`roc_auc`, `log_loss`, `accuracy`, …), MLMetrics' regression errors for regressors, and for
/// anomaly scores their mean and share above 0.5, plus `roc_auc` (label 1 = anomaly) when the
/// data has labels.
enum TrainingMetrics {
    static func evaluate(_ labels: [Double], _ predictions: [Double], _ model: TrainedModel) throws -> [String: Double] {
        switch model.task {
        case .anomaly:
            let n = Double(Swift.max(predictions.count, 1))
            var out: [String: Double] = [
                "n": Double(predictions.count), "mean_score": predictions.reduce(0, +) / n,
                "share_above_0.5": Double(predictions.filter { $0 > 0.5 }.count) / n,
            ]
            let ints = labels.map { Int($0) }
            if !labels.isEmpty, Set(ints) == [0, 1], labels.allSatisfy({ $0 == 0 || $0 == 1 }) {
                out["roc_auc"] = try RankedBinaryScores(scores: predictions, labels: ints).rocAUC()
            }
            return out
        case .regression:
            return [
                "rmse": try RegressionMetrics.rootMeanSquaredError(targets: labels, predictions: predictions),
                "mae": try RegressionMetrics.meanAbsoluteError(targets: labels, predictions: predictions),
                "r2": try RegressionMetrics.r2(targets: labels, predictions: predictions),
            ]
        case .binary:
            let ints = labels.map { Int($0) }
            guard Set(ints).count == 2 else { return ["n": Double(labels.count)] }  // one class: no AUC
            return try EvaluationReport(LabeledScores(labels: ints, scores: .binary(predictions))).metrics
        case .multiclass(let k):
            let scores = try Matrix<Double>(rows: labels.count, columns: k, elements: predictions)
            return try EvaluationReport(LabeledScores(labels: labels.map { Int($0) }, scores: .multiclass(scores))).metrics
        }
    }

    /// The config's gates on the test metrics (else validation), as MLValidation gate rules.
    static func gate(_ rules: [String: String], metrics: [String: [String: Double]]) throws -> GateReport? {
        guard !rules.isEmpty else { return nil }
        let gate = GateRules(rules: try rules.keys.sorted().map { try GateRule("\($0) \(rules[$0] ?? "")") })
        return gate.evaluate(MetricValues(metrics["test"] ?? metrics["validation"] ?? metrics["train"] ?? [:]))
    }
}
