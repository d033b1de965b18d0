import MLCore
import MLMetrics
import MLModels

/// Export validation: does an exported model (the candidate) behave like its source (the
/// reference) on the same data?
///
/// Checks, each with its limit:
/// - **ROC-AUC** and **PR-AUC** (average precision) of both against the labels; the
///   candidate's relative change (cand − ref) / ref fails below −``maximumMetricDrop``
///   (default 2%). Multiclass: one-vs-rest macro ROC-AUC and the macro mean of per-class
///   average precision;
/// - **p95 single-row latency** of both, measured side by side (``LatencyComparison``); the
///   overhead cand / ref − 1 fails above ``maximumLatencyOverhead`` (default 5%). Skipped when
///   either side is a predictions file (nothing to time) or ``latency`` is nil;
/// - **max absolute difference** of the scores (every probability of every row), failing above
///   ``maximumAbsoluteDifference`` when one is set; the mean absolute difference and the
///   **decision flips** (binary: score ≥ ``threshold`` on one side only; multiclass: a different
///   arg-max) are reported.
///
/// ```swift
/// let report = try ExportValidation().validate(
///     reference: .load("model.json"), candidate: .load("model.onnx"), features: x, labels: y)
/// print(report.markdown)      // a table for the PR comment
/// ```
public struct ExportValidation: Sendable, Equatable {
    /// The largest allowed relative drop of ROC-AUC and PR-AUC (default 0.02 = 2%).
    public var maximumMetricDrop: Double
    /// The largest allowed p95 latency overhead of the candidate (default 0.05 = 5%).
    public var maximumLatencyOverhead: Double
    /// The largest allowed absolute score difference; nil (default) only reports it.
    public var maximumAbsoluteDifference: Double?
    /// The binary decision threshold for flips (default 0.5).
    public var threshold: Double
    /// How latency is measured; nil skips it.
    public var latency: LatencyComparison?

    /// Creates a configuration with the defaults of `mlctl validate-export`.
    public init(
        maximumMetricDrop: Double = 0.02, maximumLatencyOverhead: Double = 0.05, maximumAbsoluteDifference: Double? = nil,
        threshold: Double = 0.5, latency: LatencyComparison? = LatencyComparison()
    ) {
        self.maximumMetricDrop = maximumMetricDrop
        self.maximumLatencyOverhead = maximumLatencyOverhead
        self.maximumAbsoluteDifference = maximumAbsoluteDifference
        self.threshold = threshold
        self.latency = latency
    }

    /// Checks the limits.
    /// - Throws: ``EvaluationError`` `.invalidArgument` naming the option.
    public func validateConfiguration() throws {
        for (name, v) in [("max-metric-drop", maximumMetricDrop), ("max-latency-overhead", maximumLatencyOverhead)]
        where !(v.isFinite && v >= 0) {
            throw EvaluationError(.invalidArgument, "--\(name) must be a finite number ≥ 0, got \(v)", field: name)
        }
        if let d = maximumAbsoluteDifference, !(d.isFinite && d >= 0) {
            throw EvaluationError(.invalidArgument, "--max-abs-diff must be a finite number ≥ 0, got \(d)", field: "max-abs-diff")
        }
        guard threshold.isFinite else {
            throw EvaluationError(.invalidArgument, "--threshold must be finite, got \(threshold)", field: "threshold")
        }
    }

    /// Scores `features` with both sides and compares them.
    /// - Parameters:
    ///   - features: rows × features, the data both sides score (row-major, NaN = missing).
    ///   - labels: one label per row: 0/1 for binary scores, class indices for K classes.
    /// - Throws: ``EvaluationError`` (bad limits, labels that do not fit, sides that cannot
    ///   be compared: binary vs. multiclass, different class counts, different row counts),
    ///   ``ScoringError`` (a model that does not take these features).
    public func validate(
        reference: ExportSubject, candidate: ExportSubject, features: Matrix<Float>, labels: [Int]
    ) throws -> ExportValidationReport {
        try validateConfiguration()
        let ref = try reference.scores(on: features)
        let cand = try candidate.scores(on: features)
        guard ref.classCount == cand.classCount else {
            throw EvaluationError(
                .incompatibleModels,
                "the reference gives \(Self.describe(ref)) but the candidate gives \(Self.describe(cand))")
        }
        let refData = try LabeledScores(labels: labels, scores: ref)
        let candData = try LabeledScores(labels: labels, scores: cand)
        let refMetrics = try Self.rankingMetrics(refData)
        let candMetrics = try Self.rankingMetrics(candData)

        // Parity.
        let a = ref.values
        let b = cand.values
        var maxDiff = 0.0
        var sumDiff = 0.0
        for i in a.indices {
            let d = abs(a[i] - b[i])
            if d.isNaN {
                maxDiff = .infinity
            } else {
                maxDiff = max(maxDiff, d)
                sumDiff += d
            }
        }
        let meanDiff = a.isEmpty ? 0 : sumDiff / Double(a.count)
        let flips = Self.decisionFlips(ref, cand, threshold: threshold)

        // Latency.
        var latencyResult: LatencyResult?
        var latencySkipped: String?
        if case .model(let refModel, _) = reference, case .model(let candModel, _) = candidate {
            if let latency {
                latencyResult = try latency.measure(reference: refModel, candidate: candModel, features: features)
            } else {
                latencySkipped = "not measured (disabled)"
            }
        } else {
            latencySkipped = "not measured: the \(reference.kind == "predictions" ? "reference" : "candidate") is a predictions file"
        }

        var checks: [ExportValidationReport.Check] = []
        for (name, r, c) in [("roc_auc", refMetrics.0, candMetrics.0), ("pr_auc", refMetrics.1, candMetrics.1)] {
            let delta = r != 0 ? (c - r) / abs(r) : (c == r ? 0 : .infinity)
            // A relative change within 1e-12 of the limit passes (float noise in a sum over rows).
            let passed = delta >= -maximumMetricDrop - 1e-12
            checks.append(
                .init(name: name, reference: r, candidate: c, value: delta, limit: maximumMetricDrop, passed: passed))
        }
        if let l = latencyResult {
            checks.append(
                .init(
                    name: "p95_latency_us", reference: l.referenceP95Microseconds, candidate: l.candidateP95Microseconds,
                    value: l.overhead, limit: maximumLatencyOverhead, passed: l.overhead <= maximumLatencyOverhead))
        } else {
            checks.append(.init(name: "p95_latency_us", reference: nil, candidate: nil, value: nil, limit: maximumLatencyOverhead, passed: nil))
        }
        checks.append(
            .init(
                name: "max_abs_diff", reference: nil, candidate: nil, value: maxDiff, limit: maximumAbsoluteDifference,
                passed: maximumAbsoluteDifference.map { maxDiff <= $0 }))
        checks.append(.init(name: "mean_abs_diff", reference: nil, candidate: nil, value: meanDiff, limit: nil, passed: nil))
        checks.append(
            .init(name: "decision_flips", reference: nil, candidate: nil, value: Double(flips), limit: nil, passed: nil))

        return ExportValidationReport(
            reference: .init(reference), candidate: .init(candidate), rows: features.rows,
            task: ref.classCount == 2 ? "binary" : "multiclass", classCount: ref.classCount, threshold: threshold,
            maxAbsDiff: maxDiff, meanAbsDiff: meanDiff, decisionFlips: flips, latency: latencyResult,
            latencySkipped: latencySkipped, checks: checks)
    }

    static func describe(_ s: ScoreColumns) -> String {
        s.classCount == 2 ? "one score per row" : "\(s.classCount) class probabilities per row"
    }

    /// (ROC-AUC, PR-AUC): binary, or one-vs-rest macro for class probabilities.
    static func rankingMetrics(_ data: LabeledScores) throws -> (Double, Double) {
        try _MetricInput.wrapping {
            switch data.scores {
            case .binary(let s):
                let ranked = try RankedBinaryScores(scores: s, labels: data.labels)
                let (auc, ap) = try ranked.rocAUCAndAveragePrecision()
                return (auc, ap)
            case .multiclass(let p):
                let k = p.columns
                var aucSum = 0.0
                var apSum = 0.0
                for c in 0..<k {
                    let column = (0..<p.rows).map { p.elements[$0 * k + c] }
                    let ranked = try RankedBinaryScores(scores: column, labels: data.labels.map { $0 == c ? 1 : 0 })
                    let (auc, ap) = try ranked.rocAUCAndAveragePrecision()
                    aucSum += auc
                    apSum += ap
                }
                return (aucSum / Double(k), apSum / Double(k))
            }
        }
    }

    static func decisionFlips(_ a: ScoreColumns, _ b: ScoreColumns, threshold: Double) -> Int {
        switch (a, b) {
        case (.binary(let x), .binary(let y)):
            return zip(x, y).reduce(0) { $0 + (($1.0 >= threshold) != ($1.1 >= threshold) ? 1 : 0) }
        case (.multiclass(let x), .multiclass(let y)):
            let k = x.columns
            var flips = 0
            for r in 0..<x.rows {
                var ax = 0
                var ay = 0
                for c in 1..<k {
                    if x.elements[r * k + c] > x.elements[r * k + ax] { ax = c }
                    if y.elements[r * k + c] > y.elements[r * k + ay] { ay = c }
                }
                if ax != ay { flips += 1 }
            }
            return flips
        default:
            return a.rowCount
        }
    }
}
