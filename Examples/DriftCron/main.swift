// DriftCron — the nightly drift job of a card-payments fraud model, as a script.
//
// Story: the model was trained on last quarter's transactions. Every night a cron job compares
// the day's transactions with the training baseline, writes an HTML report for people and a
// Prometheus file for alerting, tracks live performance from chargeback feedback, and decides
// whether to retrain — and says why.
//
// Run: swift run DriftCron        (everything happens in a fresh temporary directory)

import Foundation
import MLCore
import MLDrift

// MARK: - Cell 1: a working directory of our own

let workDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("drift-cron-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
func file(_ name: String) -> String { workDirectory.appendingPathComponent(name).path }
print("working in \(workDirectory.path)")

// MARK: - Cell 2: synthetic transactions (seeded, so every run prints the same numbers)
//
// amount: log-normal euros; hour: time of day; merchant: category text.
// `shift` moves the world: bigger amounts, more night-time, a new merchant category.

func transactions(rows: Int, seed: UInt64, shift: Double) throws -> Table {
    var random = SeededRandom(seed: seed)
    var amount: [Double] = [], hour: [Double] = [], merchant: [String?] = []
    let categories = ["grocery", "fuel", "travel", "online"]
    for _ in 0..<rows {
        amount.append(exp(random.nextNormal(mean: 3.5 + 0.6 * shift, standardDeviation: 0.9)))
        hour.append((random.nextNormal(mean: 14 - 5 * shift, standardDeviation: 4)).truncatingRemainder(dividingBy: 24))
        let roll = random.nextDouble()
        if shift > 0 && roll < 0.15 * shift {
            merchant.append("crypto")                      // a category the baseline never saw
        } else if roll < 0.02 {
            merchant.append(nil)                           // missing values happen
        } else {
            merchant.append(categories[random.nextInt(in: 0..<categories.count)])
        }
    }
    return try Table([("amount", .double(amount)), ("hour", .double(hour)), ("merchant", .string(merchant))])
}

// MARK: - Cell 3: the baseline profile, made once at training time
//
// Profiles are small (a 10,000-value sample per numeric column) and mergeable: here the
// training data comes in two shards, profiled where they live and merged.

let shardA = try transactions(rows: 60_000, seed: 1, shift: 0)
let shardB = try transactions(rows: 40_000, seed: 2, shift: 0)
let profiler = BaselineProfiler(seed: 42)
let baseline = try BaselineProfile.merged([profiler.profile(shardA), profiler.profile(shardB)])
try baseline.write(to: file("baseline.profile.json"))
print("baseline: \(baseline.rowCount) rows, \(baseline.columns.count) columns, data sha256 \(baseline.dataSHA256.prefix(12))…")

// MARK: - Cell 4: the rule
//
// The default rule is sample-size aware: a column drifts only if its test is significant after
// Bonferroni (p < 0.05/m) AND an effect size crosses its threshold. Here we loosen PSI for the
// naturally noisy `hour` column.

let configuration = try DriftConfiguration(yaml: """
    correction: bonferroni
    drift_share: 0.5
    columns:
      hour: { psi_drift: 0.3 }
    """)
let detector = DriftDetector(configuration: configuration)

// MARK: - Cell 5: five nights
//
// Night 1–2: business as usual. Nights 3–5: a new merchant category and larger, later payments.
// Each night: compare, write report + metrics, feed the retraining trigger.

var trigger = RetrainingTrigger(policy: RetrainingPolicy(maximumDaysSinceTraining: 30, driftPersistenceWindows: 3))
var monitor = try PerformanceMonitor(
    task: .classification(threshold: 0.5), window: .count(2_000),
    limits: PerformanceLimits(minimumAUC: 0.8, minimumSamples: 500))
var feedbackRandom = SeededRandom(seed: 7)

for night in 1...5 {
    let shift = night <= 2 ? 0.0 : 0.2 * Double(night - 2)
    let today = try transactions(rows: 20_000, seed: UInt64(100 + night), shift: shift)
    let report = try detector.compare(baseline: baseline, current: today)
    try report.writeHTML(to: file("drift-night\(night).html"), title: "Night \(night)")
    try report.writePrometheus(to: file("drift.prom"), timestamp: Double(night) * 86_400)
    trigger.record(report)

    // Chargeback feedback for yesterday's scores: the model gets worse as the world shifts.
    for _ in 0..<1_000 {
        let fraud = feedbackRandom.nextDouble() < 0.1
        let signal = fraud ? 0.7 - 0.7 * shift : 0.3
        let score = min(max(signal + feedbackRandom.nextNormal(mean: 0, standardDeviation: 0.15), 0), 1)
        try monitor.record(prediction: score, outcome: fraud ? 1 : 0, time: Double(night))
    }
    let performance = monitor.snapshot()

    let decision = trigger.evaluate(daysSinceTraining: Double(night + 10), performance: performance, newSamples: night * 1_000)
    let drifted = report.columns.filter(\.verdict.drifted).map(\.name)
    print("night \(night): drift \(report.verdict.driftDetected ? "YES" : "no ") share \(report.verdict.share) "
        + "drifted \(drifted) auc \(performance.auc.map { String(format: "%.3f", $0) } ?? "-") "
        + "→ retrain: \(decision.shouldRetrain)")
    for reason in decision.reasons { print("    because \(reason)") }
}

// MARK: - Cell 6: what cron would run instead
//
// The same check from the command line, exit 1 on drift (see Docs/Drift.md for the crontab):
//   mlctl drift --baseline baseline.profile.json --current today.csv \
//       --report drift.html --prometheus /var/lib/node_exporter/textfile/drift.prom

print(try String(contentsOfFile: file("drift.prom"), encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("mlctl_drift_detected") || $0.hasPrefix("mlctl_drift_share") }.joined(separator: "\n"))
try FileManager.default.removeItem(at: workDirectory)
print("done; removed \(workDirectory.path)")
