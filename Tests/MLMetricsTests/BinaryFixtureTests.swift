import MLMetrics
import MLTesting
import Testing

@Suite struct BinaryFixtureTests {
    static let cases = ["metrics_binary_basic", "metrics_binary_imbalanced", "metrics_binary_ties"]

    @Test(arguments: cases)
    func matchesScikitLearn(_ name: String) throws {
        let fixture = try MetricsFixture(name)
        let labels = fixture.labels, expected = fixture.expected
        let scores = try fixture.scores.column("score")

        let ranked = try RankedBinaryScores(scores: scores, labels: labels)
        try expected.check([
            "n": Double(ranked.count),
            "n_positive": Double(ranked.positiveCount),
            "n_distinct_scores": Double(ranked.distinctScoreCount),
            "roc_auc": ranked.rocAUC(),
            "average_precision": ranked.averagePrecision(),
            "pr_auc_trapezoid": ranked.precisionRecallCurve().trapezoidalArea,
            "log_loss": BinaryMetrics.logLoss(probabilities: scores, labels: labels),
            "brier_score": BinaryMetrics.brierScore(probabilities: scores, labels: labels),
        ])

        let report = try BinaryMetrics.report(scores: scores, labels: labels)
        #expect(report.rocAUC == (try ranked.rocAUC()))
        #expect(report.averagePrecision == (try ranked.averagePrecision()))
        #expect(abs(try ranked.rocCurve().area - (try ranked.rocAUC())) < 1e-12)

        for threshold in [0.5, 0.7] {
            let key = "threshold_\(threshold)"
            let onePass = try BinaryMetrics.confusionMatrix(scores: scores, labels: labels, threshold: threshold)
            let searched = try ranked.confusionMatrix(threshold: threshold)
            #expect(onePass == searched)
            let m = searched
            expected.check(
                [
                    "threshold": threshold,
                    "accuracy": m.accuracy,
                    "precision": m.precision,
                    "recall": m.recall,
                    "f1": m.f1,
                    "specificity": m.specificity,
                    "tn": Double(m.trueNegatives),
                    "fp": Double(m.falsePositives),
                    "fn": Double(m.falseNegatives),
                    "tp": Double(m.truePositives),
                    "n_predicted_positive": Double(m.predictedPositiveCount),
                ], under: key)
            expected.check("\(key)/confusion_matrix", m.rows.flatMap { $0.map(Double.init) })
        }
        expected.expectAllChecked()
    }
}
