// RegistryLifecycle: one model's life in the registry, from a training run to a rollback.
//
//     swift run RegistryLifecycle
//
// Everything happens in a temporary folder that is removed at the end. Each cell is a step a
// team takes; the CLI equivalent (`mlctl registry …`) is noted where there is one.

import Foundation
import MLRegistry

// MARK: Cell 1 — a scratch folder and a "model file".
// Any file can be an artifact: the registry stores bytes by their SHA-256.
let scratch = FileManager.default.temporaryDirectory.path + "/registry-lifecycle-\(UUID().uuidString)"
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

func writeFile(_ name: String, _ text: String) -> String {
    let path = scratch + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
}
let modelV1 = writeFile("model-v1.json", #"{"learner": "gbtree", "trees": 100}"#)
let modelV2 = writeFile("model-v2.json", #"{"learner": "gbtree", "trees": 300}"#)

func run() throws {
    // MARK: Cell 2 — create the registry (`mlctl registry init --db …`).
    // One SQLite file (WAL) plus `artifacts/` beside it. The gate policy is fixed here: moving
    // `champion` or promoting to production needs passing gates, export validation and calibration.
    let registry = try ModelRegistry.create(at: scratch + "/mlregistry.sqlite", options: .init(defaultActor: "example"))
    print("registry:", registry.path)

    // MARK: Cell 3 — record the training run (`mlctl registry log-run`).
    // Params, metrics per step, the dataset's SHA-256: the start of lineage.
    let trainSHA = String(repeating: "ab", count: 32)  // normally FileDigest.sha256Hex(ofFileAt:)
    let run = try registry.logRun(
        RunRequest(
            experiment: "fraud-gbt", name: "depth 6", params: ["max_depth": "6", "eta": "0.1"],
            metrics: [MetricPoint(key: "logloss", value: 0.31, step: 100), MetricPoint(key: "logloss", value: 0.27, step: 300)],
            datasets: [TrainingDataset(name: "train.parquet", sha256: trainSHA, rows: 120_000)]))
    print("run \(run.id); trials in experiment: \(try registry.runCount(experiment: "fraud-gbt"))")

    // MARK: Cell 4 — register two versions (`mlctl registry register --metrics --evidence`).
    // Evidence is what CI measured: gates, export parity, calibration. Version 2 fails calibration.
    let passing = Evidence(items: [
        "gates": .init(passed: true), "export_validation": .init(passed: true), "calibration": .init(passed: true),
    ])
    var failing = passing
    failing.items["calibration"] = .init(passed: false, document: .object(["passed": .bool(false), "ece": .number(0.09)]))
    let v1 = try registry.register(
        Registration(name: "fraud", artifactPath: modelV1, metrics: ["auc": 0.912], evidence: passing, runID: run.id))
    let v2 = try registry.register(
        Registration(name: "fraud", artifactPath: modelV2, metrics: ["auc": 0.925], evidence: failing, runID: run.id))
    print("registered v\(v1.version) and v\(v2.version)")

    // MARK: Cell 5 — aliases are pointers; `champion` is gated (`mlctl registry alias`).
    try registry.setAlias("champion", model: "fraud", version: v1.version, reason: "first release")
    try registry.setAlias("challenger", model: "fraud", version: v2.version)  // not gated
    do {
        try registry.setAlias("champion", model: "fraud", version: v2.version)
    } catch let error as RegistryError where error.code == .gateFailed {
        print("refused:", error.message)
    }

    // MARK: Cell 6 — an audited override (`--force --reason`).
    let forced = try registry.setAlias(
        "champion", model: "fraud", version: v2.version, override: GateOverride(reason: "incident 7: v1 drifted"))
    print("champion v\(forced.fromVersion ?? 0) -> v\(forced.toVersion ?? 0), forced: \(forced.forced)")

    // MARK: Cell 7 — the alias's history and an as-of question (`mlctl registry history --as-of`).
    for move in try registry.aliasHistory(model: "fraud", alias: "champion") {
        print("  \(move.movedAt) \(move.actor): \(move.fromVersion.map(String.init) ?? "-") -> \(move.toVersion ?? 0)")
    }
    let firstMove = try registry.aliasHistory(model: "fraud", alias: "champion")[0].movedAt
    print("champion as of the first move:", try registry.aliasHolder("champion", model: "fraud", asOf: firstMove) ?? 0)

    // MARK: Cell 8 — deployments and the prediction log, joined to feedback by request id.
    try registry.recordDeployment(model: "fraud", version: v2.version, environment: "production", trafficShare: 1)
    try registry.logPredictions([
        PredictionRecord(requestID: "req-1", name: "fraud", version: v2.version, output: .number(0.83), route: "champion")
    ])
    try registry.recordFeedback(requestID: "req-1", outcome: .number(1))

    // MARK: Cell 9 — lineage: dataset hash → run → version → deployments → predictions.
    let lineage = try registry.lineage("fraud", .alias("champion"))
    print(
        "lineage: data \(lineage.datasets.map { $0.sha256.prefix(8) }) -> run \(lineage.run?.id ?? 0) -> "
            + "v\(lineage.version.version) -> \(lineage.deployments.count) deployment(s) -> "
            + "\(lineage.predictionCount) prediction(s), \(lineage.feedbackCount) with feedback")

    // MARK: Cell 10 — roll back in one audited step (`mlctl registry rollback`).
    let back = try registry.rollback(model: "fraud", reason: "calibration really was off")
    print("rollback: champion v\(back.fromVersion ?? 0) -> v\(back.toVersion ?? 0)")

    // MARK: Cell 11 — load the champion's artifact: verified against its SHA-256 on every load.
    let bytes = try registry.loadArtifact("fraud", .alias("champion"))
    print("champion artifact: \(bytes.count) bytes, verified")

    // MARK: Cell 12 — the audit log is hash-chained (`mlctl registry audit verify`).
    let audit = try registry.verifyAuditLog()
    print("audit log: \(audit.rowCount) rows, intact: \(audit.intact)")
    guard audit.intact, back.toVersion == v1.version else {
        throw RegistryError(.database, "the lifecycle example ended in an unexpected state")
    }
}

// MARK: Cell 13 — clean up, whatever happened.
do {
    try run()
    try? FileManager.default.removeItem(atPath: scratch)
    print("done")
} catch {
    try? FileManager.default.removeItem(atPath: scratch)
    print("error: \(error)")
    exit(1)
}
