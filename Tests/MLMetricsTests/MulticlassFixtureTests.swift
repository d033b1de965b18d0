import MLCore
import MLMetrics
import MLTesting
import Testing

@Suite struct MulticlassFixtureTests {
    @Test func matchesScikitLearn() throws {
        let name = "metrics_multiclass"
        let folder = "metrics/\(name)"
        let meta = try fixtures.json("\(folder)/meta.json")
        let tolerance = Tolerance.absolute(try FixtureLocator.double(meta, "tolerance_abs"))
        let labels = try NumericCSV(path: fixtures.path("\(folder)/y_true.csv")).intColumn("y")
        let csv = try NumericCSV(path: fixtures.path("\(folder)/y_score.csv"))
        let k = csv.header.count
        #expect(csv.header == (0..<k).map { "p\($0)" })
        let rows = (0..<labels.count).map { i in csv.columns.map { $0[i] } }
        let matrix = try Matrix<Double>(rows)
        let expected = ExpectedValues(name: name, object: try fixtures.json("\(folder)/expected.json"), tolerance: tolerance)

        let report = try MulticlassMetrics.report(probabilities: matrix, labels: labels)
        let cm = report.confusion
        expected.check("n", Double(cm.count))
        expected.check("n_classes", Double(cm.classCount))
        expected.check("class_counts", cm.support.map(Double.init))
        expected.check("accuracy", report.accuracy)
        expected.check("macro_f1", report.macroF1)
        expected.check("weighted_f1", report.weightedF1)
        expected.check("micro_f1", report.microF1)
        expected.check("per_class_f1", cm.f1Scores)
        expected.check("per_class_precision", cm.precisions)
        expected.check("per_class_recall", cm.recalls)
        expected.check("confusion_matrix", cm.counts.flatMap { $0.map(Double.init) })
        expected.check("log_loss", report.logLoss)
        expected.check("roc_auc_ovr_macro", report.rocAUCOneVsRestMacro ?? .nan)
        expected.check("roc_auc_ovr_weighted", report.rocAUCOneVsRestWeighted ?? .nan)
        expected.check("per_class_roc_auc_ovr", report.perClassRocAUC ?? [])
        expected.check("brier_score_multiclass", report.brierScore)
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
