import MLMetrics
import MLTesting
import Testing

@Suite struct BinaryFixtureTests {
    static let cases = ["metrics_binary_basic", "metrics_binary_imbalanced", "metrics_binary_ties"]

    @Test(arguments: cases)
    func matchesScikitLearn(_ name: String) throws {
        let folder = "metrics/\(name)"
        let meta = try fixtures.json("\(folder)/meta.json")
        let tolerance = Tolerance.absolute(try FixtureLocator.double(meta, "tolerance_abs"))
        let labels = try NumericCSV(path: fixtures.path("\(folder)/y_true.csv")).intColumn("y")
        let scores = try NumericCSV(path: fixtures.path("\(folder)/y_score.csv")).column("score")
        let expected = ExpectedValues(name: name, object: try fixtures.json("\(folder)/expected.json"), tolerance: tolerance)

        let ranked = try RankedBinaryScores(scores: scores, labels: labels)
        expected.check("n", Double(ranked.count))
        expected.check("n_positive", Double(ranked.positiveCount))
        expected.check("n_distinct_scores", Double(ranked.distinctScoreCount))
        expected.check("roc_auc", try ranked.rocAUC())
        expected.check("average_precision", try ranked.averagePrecision())
        expected.check("pr_auc_trapezoid", try ranked.precisionRecallCurve().trapezoidalArea)
        expected.check("log_loss", try BinaryMetrics.logLoss(probabilities: scores, labels: labels))
        expected.check("brier_score", try BinaryMetrics.brierScore(probabilities: scores, labels: labels))

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
            expected.check("\(key)/threshold", threshold)
            expected.check("\(key)/accuracy", m.accuracy)
            expected.check("\(key)/precision", m.precision)
            expected.check("\(key)/recall", m.recall)
            expected.check("\(key)/f1", m.f1)
            expected.check("\(key)/specificity", m.specificity)
            expected.check("\(key)/confusion_matrix", m.rows.flatMap { $0.map(Double.init) })
            expected.check("\(key)/tn", Double(m.trueNegatives))
            expected.check("\(key)/fp", Double(m.falsePositives))
            expected.check("\(key)/fn", Double(m.falseNegatives))
            expected.check("\(key)/tp", Double(m.truePositives))
            expected.check("\(key)/n_predicted_positive", Double(m.predictedPositiveCount))
        }
        expected.expectAllChecked()
    }
}
