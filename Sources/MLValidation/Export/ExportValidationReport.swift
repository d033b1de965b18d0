/// The result of an ``ExportValidation``: every check with its values and limit, the JSON
/// artefact (`mlctl validate-export --json`) and a Markdown table for a pull-request comment.
///
/// JSON keys: `passed`, `reference` and `candidate` (`name`, `kind`, `format`), `rows`,
/// `task`, `n_classes`, `threshold`, `parity` (`max_abs_diff`, `mean_abs_diff`,
/// `decision_flips`), `metrics` (`roc_auc` and `pr_auc`, each `reference`, `candidate`,
/// `relative_delta`), `latency` (``LatencyResult``) or `latency_skipped`, `checks` (each
/// `name`, `reference`, `candidate`, `value`, `limit`, `passed`: null when the check only
/// reports), `failed` (names of failed checks).
public struct ExportValidationReport: Sendable, Equatable, Encodable {
    /// One side's description.
    public struct Subject: Sendable, Equatable, Encodable {
        /// File name.
        public let name: String
        /// `model` or `predictions`.
        public let kind: String
        /// The model format, nil for predictions.
        public let format: String?

        init(_ subject: ExportSubject) {
            name = subject.name
            kind = subject.kind
            format = subject.format
        }
    }

    /// One check of the validation.
    public struct Check: Sendable, Equatable, Encodable {
        /// `roc_auc`, `pr_auc`, `p95_latency_us`, `max_abs_diff`, `mean_abs_diff`, `decision_flips`.
        public let name: String
        /// The reference's value, for metrics and latency.
        public let reference: Double?
        /// The candidate's value, for metrics and latency.
        public let candidate: Double?
        /// The compared quantity: the relative delta (metrics), the overhead (latency), the
        /// difference or count (parity); nil when skipped.
        public let value: Double?
        /// The limit, nil when none.
        public let limit: Double?
        /// true / false when the check has a limit and ran, nil when it only reports or was skipped.
        public let passed: Bool?

        public func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey { case name, reference, candidate, value, limit, passed }
            var c = encoder.container(keyedBy: Keys.self)
            // JSON has no NaN or infinity: such values are written as null.
            func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
            try c.encode(name, forKey: .name)
            try c.encode(finite(reference), forKey: .reference)
            try c.encode(finite(candidate), forKey: .candidate)
            try c.encode(finite(value), forKey: .value)
            try c.encode(finite(limit), forKey: .limit)
            try c.encode(passed, forKey: .passed)
        }
    }

    /// The reference side.
    public let reference: Subject
    /// The candidate side.
    public let candidate: Subject
    /// Rows compared.
    public let rows: Int
    /// `binary` or `multiclass`.
    public let task: String
    /// 2 for binary scores, K for class probabilities.
    public let classCount: Int
    /// The binary decision threshold of the flips.
    public let threshold: Double
    /// Largest absolute score difference.
    public let maxAbsDiff: Double
    /// Mean absolute score difference.
    public let meanAbsDiff: Double
    /// Rows whose decision differs.
    public let decisionFlips: Int
    /// The latency comparison, when measured.
    public let latency: LatencyResult?
    /// Why latency was not measured.
    public let latencySkipped: String?
    /// Every check.
    public let checks: [Check]

    /// True when no check failed.
    public var passed: Bool { !checks.contains { $0.passed == false } }

    /// The names of the failed checks.
    public var failed: [String] { checks.filter { $0.passed == false }.map(\.name) }

    /// The check named `name`.
    public func check(_ name: String) -> Check? { checks.first { $0.name == name } }

    enum CodingKeys: String, CodingKey {
        case passed, reference, candidate, rows, task, classCount = "n_classes", threshold, parity, metrics, latency
        case latencySkipped = "latency_skipped", checks, failed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(reference, forKey: .reference)
        try c.encode(candidate, forKey: .candidate)
        try c.encode(rows, forKey: .rows)
        try c.encode(task, forKey: .task)
        try c.encode(classCount, forKey: .classCount)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(
            ["max_abs_diff": maxAbsDiff.isFinite ? maxAbsDiff : nil, "mean_abs_diff": meanAbsDiff.isFinite ? meanAbsDiff : nil,
             "decision_flips": Double(decisionFlips)],
            forKey: .parity)
        var metrics: [String: [String: Double?]] = [:]
        for name in ["roc_auc", "pr_auc"] {
            if let check = check(name) {
                metrics[name] = [
                    "reference": check.reference, "candidate": check.candidate,
                    "relative_delta": check.value.flatMap { $0.isFinite ? $0 : nil },
                ]
            }
        }
        try c.encode(metrics, forKey: .metrics)
        try c.encodeIfPresent(latency, forKey: .latency)
        try c.encodeIfPresent(latencySkipped, forKey: .latencySkipped)
        try c.encode(checks, forKey: .checks)
        try c.encode(failed, forKey: .failed)
    }

    /// A Markdown table for a pull-request comment: one row per check with both sides' values,
    /// the change, the limit and the verdict.
    public var markdown: String {
        func md(_ s: String) -> String { s.replacing("|", with: "\\|").replacing("`", with: "'") }
        func verdict(_ passed: Bool?) -> String {
            switch passed {
            case true?: "✅ pass"
            case false?: "❌ **FAIL**"
            case nil: "info"
            }
        }
        var lines = [
            "### Export validation: " + (passed ? "✅ passed" : "❌ failed"),
            "",
            "Candidate `\(md(candidate.name))`" + (candidate.format.map { " (\($0))" } ?? "") + " vs reference `\(md(reference.name))`"
                + (reference.format.map { " (\($0))" } ?? " (predictions)") + " on \(rows) rows, \(task)"
                + (task == "binary" ? ", threshold \(EvaluationReport.show(threshold))" : ", \(classCount) classes") + ".",
            "",
            "| check | reference | candidate | change | limit | result |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for check in checks {
            switch check.name {
            case "roc_auc", "pr_auc":
                let title = check.name == "roc_auc" ? "ROC-AUC" : "PR-AUC (average precision)"
                lines.append(
                    "| \(title) | \(_Format.fixed(check.reference ?? .nan, 6)) | \(_Format.fixed(check.candidate ?? .nan, 6)) | "
                        + "\(_Format.percent(check.value ?? .nan)) | ≥ -\(_Format.fixed((check.limit ?? 0) * 100, 2))% | \(verdict(check.passed)) |")
            case "p95_latency_us":
                if let l = latency {
                    lines.append(
                        "| p95 single-row latency | \(_Format.general(l.referenceP95Microseconds, 3)) µs | \(_Format.general(l.candidateP95Microseconds, 3)) µs | "
                            + "\(_Format.percent(l.overhead, 1)) | ≤ +\(_Format.fixed((check.limit ?? 0) * 100, 1))% | \(verdict(check.passed)) |")
                } else {
                    lines.append("| p95 single-row latency | — | — | — | ≤ +\(_Format.fixed((check.limit ?? 0) * 100, 1))% | skipped: \(md(latencySkipped ?? "not measured")) |")
                }
            case "max_abs_diff":
                lines.append(
                    "| max abs difference | | | \(_Format.general(maxAbsDiff, 3)) | \(check.limit.map { "≤ " + _Format.general($0, 3) } ?? "—") | \(verdict(check.passed)) |")
            case "mean_abs_diff":
                lines.append("| mean abs difference | | | \(_Format.general(meanAbsDiff, 3)) | — | info |")
            case "decision_flips":
                let at = task == "binary" ? " at \(EvaluationReport.show(threshold))" : " (arg-max)"
                lines.append("| decision flips\(at) | | | \(decisionFlips) of \(rows) | — | info |")
            default:
                lines.append("| \(md(check.name)) | | | \(check.value.map { _Format.general($0, 4) } ?? "—") | | \(verdict(check.passed)) |")
            }
        }
        if let l = latency {
            lines.append("")
            lines.append(
                "Latency: median p95 of \(l.rounds) interleaved rounds of \(l.callsPerRound) single-row calls per model"
                    + (l.callsPerSample > 1 ? ", timed in bursts of \(l.callsPerSample) " : " ")
                    + "(p50 \(_Format.general(l.referenceP50Microseconds, 3)) µs vs \(_Format.general(l.candidateP50Microseconds, 3)) µs).")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
