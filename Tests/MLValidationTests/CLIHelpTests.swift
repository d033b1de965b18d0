import Foundation
import MLTesting
import Testing

/// Every new command answers --help with its options (exit 0), and its JSON keys are the
/// documented ones.
@Suite struct CLIHelpTests {
    @Test(arguments: [
        (["evaluate"], ["--labels", "--scores", "--threshold", "--json", "--report"]),
        (["calibrate", "fit"], ["--method", "--per-class", "--scores", "--labels", "--output", "--allow-small-sample"]),
        (["calibrate", "apply"], ["--calibrator", "--scores", "--output"]),
        (["calibrate", "verify"], ["--calibrator", "--scores", "--labels"]),
        (["gate"], ["--metrics", "--rules", "--champion", "--min-improvement", "--min-relative-improvement", "--require-significance"]),
        (["validate-export"], [
            "--reference", "--candidate", "--data", "--labels", "--max-metric-drop", "--max-latency-overhead", "--max-abs-diff",
            "--json", "--markdown",
        ]),
    ])
    func helpListsTheOptions(_ command: [String], _ options: [String]) throws {
        let r = try BuiltCommand("mlctl").run(command + ["--help"])
        #expect(r.status == 0)
        for option in options { #expect(r.stdout.contains(option), "\(command): \(option)") }
    }

    @Test func evaluateJSONKeys() throws {
        let mlctl = try BuiltCommand("mlctl")
        func keys(_ name: String) throws -> Set<String> {
            let r = try mlctl.run([
                "evaluate", "--labels", fixtures.path("metrics/\(name)/y_true.csv"), "--scores",
                fixtures.path("metrics/\(name)/y_score.csv"), "--json",
            ])
            return Set(try jsonObject(parsing: r.stdout).keys)
        }
        #expect(
            try keys("metrics_binary_basic") == [
                "task", "n", "n_positive", "roc_auc", "average_precision", "log_loss", "brier_score", "ece", "mce", "threshold",
                "accuracy", "precision", "recall", "f1", "specificity", "false_positive_rate", "false_negative_rate", "tn", "fp",
                "fn", "tp",
            ])
        #expect(
            try keys("metrics_multiclass") == [
                "task", "n", "n_classes", "accuracy", "macro_f1", "weighted_f1", "micro_f1", "min_class_f1", "log_loss",
                "brier_score", "ece", "roc_auc_ovr_macro", "roc_auc_ovr_weighted", "per_class_f1", "per_class_precision",
                "per_class_recall", "confusion_matrix", "per_class_roc_auc_ovr",
            ])
    }
}
