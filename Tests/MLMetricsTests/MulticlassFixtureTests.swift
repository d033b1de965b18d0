import MLCore
import MLMetrics
import MLTesting
import Testing

@Suite struct MulticlassFixtureTests {
    @Test func matchesScikitLearn() throws {
        let name = "metrics_multiclass"
        let fixture = try MetricsFixture(name)
        let labels = fixture.labels, csv = fixture.scores, expected = fixture.expected
        let k = csv.header.count
        #expect(csv.header == (0..<k).map { "p\($0)" })
        let rows = (0..<labels.count).map { i in csv.columns.map { $0[i] } }
        let matrix = try Matrix<Double>(rows)

        let report = try MulticlassMetrics.report(probabilities: matrix, labels: labels)
        let cm = report.confusion
        expected.check([
            "n": Double(cm.count),
            "n_classes": Double(cm.classCount),
            "accuracy": report.accuracy,
            "macro_f1": report.macroF1,
            "weighted_f1": report.weightedF1,
            "micro_f1": report.microF1,
            "log_loss": report.logLoss,
            "roc_auc_ovr_macro": report.rocAUCOneVsRestMacro ?? .nan,
            "roc_auc_ovr_weighted": report.rocAUCOneVsRestWeighted ?? .nan,
            "brier_score_multiclass": report.brierScore,
        ])
        expected.check("class_counts", cm.support.map(Double.init))
        expected.check("per_class_f1", cm.f1Scores)
        expected.check("per_class_precision", cm.precisions)
        expected.check("per_class_recall", cm.recalls)
        expected.check("confusion_matrix", cm.counts.flatMap { $0.map(Double.init) })
        expected.check("per_class_roc_auc_ovr", report.perClassRocAUC ?? [])
        expected.expectAllChecked()

        // The standalone functions agree with the report, for both input forms.
        #expect(try MulticlassMetrics.logLoss(probabilities: matrix, labels: labels) == report.logLoss)
        #expect(try MulticlassMetrics.logLoss(probabilities: rows, labels: labels) == report.logLoss)
        #expect(try MulticlassMetrics.brierScore(probabilities: rows, labels: labels) == report.brierScore)
        #expect(try MulticlassMetrics.rocAUCOneVsRest(probabilities: rows, labels: labels) == report.rocAUCOneVsRestMacro)
        #expect(
            try MulticlassMetrics.rocAUCOneVsRest(probabilities: matrix, labels: labels, average: .weighted)
                == report.rocAUCOneVsRestWeighted)
        #expect(try MulticlassMetrics.accuracy(scores: matrix, labels: labels) == report.accuracy)
        #expect(report.minimumClassF1 == cm.f1Scores.min())
    }
}
