// FraudQuickstart — a card-fraud model from data to a drift check, in one Swift program.
//
// Story: a payments team replaces its Python side-car. It makes (here: simulates) a labelled
// history of card transactions, trains gradient-boosted trees with a seed and a manifest,
// evaluates them on held-out rows, calibrates the scores, gates the release, registers the
// model with its lineage, serves it in-process, scores requests, and checks a later day's
// traffic for drift. Every step is the library call a service or a CI job would make; the
// `mlctl` equivalent is noted where there is one.
//
// Run: swift run FraudQuickstart        (a fresh temporary directory; finishes in seconds)

import Foundation
import MLCalibration
import MLCore
import MLDrift
import MLMetrics
import MLModels
import MLRegistry
import MLServe
import MLTraining
import MLValidation

let work = FileManager.default.temporaryDirectory.appendingPathComponent("fraud-quickstart-\(ProcessInfo.processInfo.processIdentifier)").path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }
print("working in \(work)")

// MARK: - Cell 1: 40,000 card transactions, about one in eight fraudulent (seeded: every run prints the same)
//
// Fraud is likelier for large amounts, at night, far from home, on new cards and in bursts.

let columns = ["amount", "hour", "distance_km", "card_age_days", "tx_last_24h"]
func transactions(_ n: Int, seed: UInt64, shift: Double = 0) -> (rows: [[Double]], labels: [Int]) {
    var random = SeededRandom(seed: seed)
    var rows: [[Double]] = []
    var labels: [Int] = []
    for _ in 0..<n {
        let amount = exp(random.nextNormal(mean: 3.5 + shift, standardDeviation: 1.0))
        let hour = Double(random.nextInt(in: 0..<24))
        let distance = exp(random.nextNormal(mean: 1.5 + shift, standardDeviation: 1.2))
        let cardAge = Double(random.nextInt(in: 0..<2000))
        let burst = Double(random.nextInt(in: 0..<6)) + (random.nextDouble() < 0.05 ? 8 : 0)
        let night = hour < 5 ? 1.0 : 0.0
        let z = -7.0 + 0.9 * log(amount) + 2.2 * night + 0.7 * log1p(distance) - 0.0025 * cardAge + 0.45 * burst
        labels.append(random.nextDouble() < 1 / (1 + exp(-z)) ? 1 : 0)
        rows.append([amount, hour, distance, cardAge, burst])
    }
    return (rows, labels)
}
let history = transactions(40_000, seed: 7)
var csv = (columns + ["fraud"]).joined(separator: ",") + "\n"
for (row, label) in zip(history.rows, history.labels) { csv += row.map { "\($0)" }.joined(separator: ",") + ",\(label)\n" }
try csv.write(toFile: work + "/transactions.csv", atomically: true, encoding: .utf8)
print("\(history.rows.count) transactions, \(history.labels.filter { $0 == 1 }.count) fraudulent")

// MARK: - Cell 2: train (`mlctl train --config train.yaml`)
//
// 70/15/15 stratified split from the one file, 200 trees with early stopping on validation.

let config = try TrainingConfig.parse("""
    data: {train: transactions.csv, label: fraud}
    model: {kind: gbdt, objective: binary, num_trees: 200, num_leaves: 15, learning_rate: 0.05, early_stopping_rounds: 20}
    split: {train: 0.7, validation: 0.15, test: 0.15, stratify: true}
    seed: 1
    gates: {roc_auc: ">= 0.80"}
    """, baseDirectory: work)
let outcome = try TrainingJob(config: config).run { labels, scores, _ in
    try EvaluationReport(LabeledScores(labels: labels.map { Int($0) }, scores: .binary(scores))).metrics
}
try TrainingJob.write(outcome, to: work + "/model")
let manifest = outcome.manifest
print("trained \(manifest.model.trees ?? 0) trees (best iteration \(manifest.model.bestIteration ?? -1)); model sha256 \(manifest.model.sha256.prefix(16))…")

// MARK: - Cell 3: evaluate on the held-out test rows (`mlctl evaluate`)

func rounded(_ x: Double?) -> String { x.map { String(($0 * 10_000).rounded() / 10_000) } ?? "n/a" }
let test = manifest.metrics["test"] ?? [:]
print("test: roc_auc \(rounded(test["roc_auc"])), average_precision \(rounded(test["average_precision"])), log_loss \(rounded(test["log_loss"])), ece \(rounded(test["ece"]))")

// MARK: - Cell 4: calibrate on the validation rows, keep it only if the test rows agree (`mlctl calibrate`)

guard let validation = outcome.predictions["validation"], let held = outcome.predictions["test"] else { fatalError("parts missing") }
let calibrator = try SigmoidCalibration().fit(scores: validation.predictions, labels: validation.labels.map { Int($0) })
let verdict = try CalibrationGate().evaluate(calibrator, scores: held.predictions, labels: held.labels.map { Int($0) })
print("calibration gate: \(verdict.accepted ? "accepted" : "refused")")
// A refused calibrator is no failure when the raw scores are calibrated already: keep them.
let calibratedEnough = verdict.accepted || (test["ece"] ?? 1) <= 0.02
if !verdict.accepted && calibratedEnough { print("raw scores already calibrated (ECE \(rounded(test["ece"]))): serving them as they are") }

// MARK: - Cell 5: the release gate (`mlctl gate --rules`), from the config's gates

let gate = try GateRules(rules: config.gates.keys.sorted().map { try GateRule("\($0) \(config.gates[$0] ?? "")") })
let release = gate.evaluate(MetricValues(test))
print(release.passed ? "release gate passed" : "release gate FAILED: \(release.failures)")

// MARK: - Cell 6: register with lineage (`mlctl registry log-run`, `register`, `alias`)

let registry = try ModelRegistry.create(at: work + "/mlregistry.sqlite", options: .init(defaultActor: "quickstart"))
let run = try registry.logRun(RunRequest(
    experiment: "fraud", name: "quickstart",
    metrics: test.filter { $0.value.isFinite }.map { MetricPoint(key: "test.\($0.key)", value: $0.value) },
    datasets: manifest.inputs.map { TrainingDataset(name: "transactions.csv", sha256: $0.sha256, path: $0.path, rows: $0.rows, role: $0.role) }))
// Export evidence: the XGBoost JSON and our model.json score the test rows identically.
let exported = try TreeEnsembleModel(contentsOf: work + "/model/model.xgboost.json")
let native = try TreeEnsembleModel(contentsOf: work + "/model/model.json")
let probe = try Matrix<Float>(rows: 100, columns: columns.count, elements: history.rows.prefix(100).flatMap { $0.map { Float($0) } })
let exportParity = try exported.predict(probe) == native.predict(probe)
let version = try registry.register(Registration(
    name: "fraud", artifactPath: work + "/model/model.json", metrics: ["roc_auc": test["roc_auc"] ?? 0],
    evidence: Evidence(items: [
        "gates": .init(passed: release.passed), "calibration": .init(passed: calibratedEnough),
        "export_validation": .init(passed: exportParity),
    ]), runID: run.id))
print("registered fraud v\(version.version) from run \(run.id) (export parity: \(exportParity))")
// The champion alias is gated on that evidence; a model that fails it stays a challenger.
do {
    try registry.setAlias("champion", model: "fraud", version: version.version, reason: "quickstart release")
    print("champion → v\(version.version)")
} catch let error as RegistryError where error.code == .gateFailed {
    try registry.setAlias("challenger", model: "fraud", version: version.version)
    print("not promoted (\(error.message)); challenger → v\(version.version)")
}

// MARK: - Cell 7: serve in-process and score requests (`mlctl serve`)

let engine = try ScoringEngine(configuration: ServeConfiguration.parse(yaml: """
    name: fraud
    variants:
      champion: {path: \(work)/model/model.json}
    post_processing: {threshold: 0.2, labels: [legit, fraud]}
    """))
try engine.start()
let requests = transactions(2_000, seed: 99)
var flagged = 0
var caught = 0
for (row, label) in zip(requests.rows, requests.labels) {
    let result = try engine.score(row.map { Float($0) }, id: nil)
    if result.label == "fraud" {
        flagged += 1
        if label == 1 { caught += 1 }
    }
}
print("scored \(requests.rows.count) requests: flagged \(flagged), of which \(caught) fraudulent (of \(requests.labels.filter { $0 == 1 }.count))")
await engine.shutdown()

// MARK: - Cell 8: a later day's traffic, shifted, against the training baseline (`mlctl drift`)

func table(_ data: (rows: [[Double]], labels: [Int])) throws -> Table {
    try Table(columns.enumerated().map { j, name in (name, Column.double(data.rows.map { $0[j] })) })
}
let baseline = try BaselineProfiler(seed: 42).profile(try table(history))
let laterDay = transactions(5_000, seed: 123, shift: 0.4)
let report = try DriftDetector().compare(baseline: baseline, current: try table(laterDay))
let drifted = report.columns.filter(\.verdict.drifted).map(\.name)
print("drift check: \(drifted.isEmpty ? "no drift" : "drift in " + drifted.joined(separator: ", "))")
