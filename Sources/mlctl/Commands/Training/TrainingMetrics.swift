import MLCore
import MLMetrics
import MLTraining
import MLValidation

/// The metrics `mlctl train` records per part: MLValidation's evaluation keys for classifiers
/// (`roc_auc`, `log_loss`, `accuracy`, …), MLMetrics' regression errors otherwise.
enum TrainingMetrics {
    static func evaluate(_ labels: [Double], _ predictions: [Double], _ model: GBDTModel) throws -> [String: Double] {
        switch model.objective {
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
        case .multiclass:
            let k = model.classCount
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
