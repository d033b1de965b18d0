// CalibrateAndGate: score → evaluate → per-class isotonic calibration → acceptance gate →
// per-class decision thresholds, the way a release pipeline for a transaction classifier does it.
//
// Run: swift run CalibrateAndGate
// Everything is in memory and seeded: the same numbers on every run. The commands that do the
// same from files are `mlctl evaluate`, `mlctl calibrate fit|apply|verify` and `mlctl gate`
// (see Docs/MetricsAndCalibration.md).

import Foundation
import MLCalibration
import MLCore
import MLMetrics
import MLValidation

// MARK: Cell 1 — score. A classifier sorts card transactions into three categories. Its
// scores are stood in for by a seeded simulation of a typical boosted model: it ranks well but
// is over-confident (its softmax is too sharp), which is what calibration is for. In a real
// pipeline these rows come from `model.predict(features)` on data the model never saw.
let classes = ["Groceries", "Dining", "Travel"]
var random = SeededRandom(seed: 2024)

@MainActor
func scoredRows(_ count: Int) throws -> (labels: [Int], probabilities: Matrix<Double>) {
    var labels: [Int] = []
    var probabilities: [Double] = []
    for _ in 0..<count {
        let label = random.nextInt(in: 0..<classes.count)
        // Evidence for each class: the true one gets a head start, plus noise.
        let evidence = (0..<classes.count).map { k in (k == label ? 1.2 : 0) + random.nextNormal() }
        // An over-confident model: softmax at temperature 0.4 instead of 1.
        let exps = evidence.map { exp($0 / 0.4) }
        let total = exps.reduce(0, +)
        labels.append(label)
        probabilities += exps.map { $0 / total }
    }
    return (labels, try Matrix(rows: count, columns: classes.count, elements: probabilities))
}

// Two disjoint sets: one to fit the calibrators on, one held out to judge everything.
let calibrationSet = try scoredRows(6_000)
let heldOut = try scoredRows(3_000)
print("scored \(calibrationSet.labels.count) calibration rows and \(heldOut.labels.count) held-out rows, \(classes.count) classes")

// MARK: Cell 2 — evaluate the raw scores on the held-out rows. The keys are scikit-learn's
// (`macro_f1`, `min_class_f1`, `log_loss`, `ece`…): what `mlctl evaluate --json` prints.
let before = try EvaluationReport(LabeledScores(labels: heldOut.labels, scores: .multiclass(heldOut.probabilities)))
func show(_ name: String, _ report: EvaluationReport) {
    let m = report.metrics
    let keys = ["macro_f1", "min_class_f1", "roc_auc_ovr_macro", "log_loss", "brier_score", "ece"]
    print(name + ": " + keys.map { "\($0) \(((m[$0] ?? .nan) * 10_000).rounded() / 10_000)" }.joined(separator: ", "))
}
show("raw scores", before)

// MARK: Cell 3 — per-class isotonic calibration. One isotonic map per class, fitted on the
// calibration rows (one-vs-rest), then each row renormalised to sum to 1. Isotonic
// calibration is refused below 1,000 rows per class (it over-fits); 6,000 rows over three
// classes clear that bar. The fitted calibrator is an immutable, hashed, Codable value.
let calibrator = try PerClassCalibration(method: .isotonic(IsotonicCalibration()))
    .fit(probabilities: calibrationSet.probabilities, labels: calibrationSet.labels)
let rawHeldOut = heldOut.probabilities
let calibratedHeldOut = try calibrator.probabilities(rawHeldOut)
let calibrated = try LabeledScores(labels: heldOut.labels, scores: .multiclass(calibratedHeldOut))
let after = try EvaluationReport(calibrated)
show("calibrated", after)
print("calibrator content hash \(calibrator.contentHash.prefix(16))…")

// MARK: Cell 4 — the calibration gate. Keep the calibrator only if, on the held-out rows, ECE
// improves and neither the Brier score nor the log loss gets worse.
let calibrationVerdict = try CalibrationGate().evaluate(before: rawHeldOut, after: calibratedHeldOut, labels: heldOut.labels)
for check in calibrationVerdict.checks { print("  " + check.reason) }
print("calibration gate: " + (calibrationVerdict.accepted ? "accepted" : "refused"))

// MARK: Cell 5 — the release gate. The rules a team keeps next to its model (the same YAML
// `mlctl gate --rules` reads). Calibration must not cost accuracy, and the weakest class
// must stay usable.
let rules = try GateRules.parse("""
    - macro_f1 >= 0.65
    - min_class_f1 >= 0.60
    - roc_auc_ovr_macro >= 0.85
    - ece <= 0.03
    """)
let release = rules.evaluate(MetricValues(after.metrics))
print(release.text)

// MARK: Cell 6 — decision thresholds. The app acts on a category only when the calibrated
// probability clears that category's bar — a stricter one where a wrong guess costs more —
// and routes everything else to a person. Calibration is what makes these bars mean what they
// say: "0.75" now means "right three times in four".
let thresholds = try ClassThresholds(["Groceries": 0.70, "Dining": 0.75, "Travel": 0.60])
let policy = try ThresholdPolicy(thresholds: thresholds, classNames: classes, fallbackLabel: "needs review")
var decided = 0
var correct = 0
for row in 0..<calibratedHeldOut.rows {
    let p = Array(calibratedHeldOut.elements[(row * 3)..<(row * 3 + 3)])
    let decision = try policy.decide(p)
    if let k = decision.classIndex {
        decided += 1
        if k == heldOut.labels[row] { correct += 1 }
    }
}
let precision = decided > 0 ? Double(correct) / Double(decided) : 0
print("thresholds decide \(decided) of \(calibratedHeldOut.rows) rows automatically, \(((precision * 1000).rounded() / 10))% of them correctly; the rest need review")
print("example: \(try policy.decide([0.72, 0.20, 0.08]).label), \(try policy.decide([0.40, 0.35, 0.25]).label)")
print(release.passed && calibrationVerdict.accepted ? "ready to release" : "not ready to release")
