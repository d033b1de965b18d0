import MLCore
import MLMetrics

/// The calibration gate: accept a calibrator only if, on held-out data, ECE improves and the
/// Brier score and log loss do not get worse.
///
/// Rules, each a ``CalibrationGateReport/Check``:
/// - `ece`: after < before − ``minimumECEImprovement`` (strictly better);
/// - `brier_score`: after ≤ before + ``tolerance``;
/// - `log_loss`: after ≤ before + ``tolerance``.
/// ECE uses ``binCount`` equal-width bins (``ReliabilityDiagram``); binary data uses the
/// probability of class 1, multiclass data the top-label confidence, multiclass Brier is not
/// halved. Evaluate on data the calibrator was NOT fitted on.
public struct CalibrationGate: Sendable, Codable, Equatable {
    /// ECE bins (default 10).
    public var binCount: Int
    /// How much ECE must drop, absolute (default 0: any strict improvement).
    public var minimumECEImprovement: Double
    /// How much Brier score and log loss may rise, absolute (default 0: not at all).
    public var tolerance: Double

    /// Creates a gate.
    public init(binCount: Int = 10, minimumECEImprovement: Double = 0, tolerance: Double = 0) {
        self.binCount = binCount
        self.minimumECEImprovement = minimumECEImprovement
        self.tolerance = tolerance
    }

    /// Judges binary probabilities before and after calibration on the same held-out rows.
    /// - Parameters:
    ///   - before: uncalibrated probabilities of class 1, in [0, 1].
    ///   - after: calibrated probabilities of class 1.
    ///   - labels: 0/1 labels.
    /// - Throws: ``CalibrationError`` `.invalidInput` for empty/mismatched input, labels not
    ///   0/1, NaN or out-of-[0, 1] probabilities; `.invalidConfiguration` for a bad bin count or
    ///   negative/non-finite margins.
    public func evaluate(before: [Double], after: [Double], labels: [Int]) throws -> CalibrationGateReport {
        try validate()
        return try Self.wrapping {
            guard before.count == after.count else {
                throw MetricError(.lengthMismatch, "before has \(before.count) values, after has \(after.count)", argument: "after")
            }
            return try judge(
                before, after,
                ece: { try ReliabilityDiagram(probabilities: $0, labels: labels, binCount: binCount).expectedCalibrationError },
                brier: { try BinaryMetrics.brierScore(probabilities: $0, labels: labels) },
                logLoss: { try BinaryMetrics.logLoss(probabilities: $0, labels: labels) })
        }
    }

    /// Judges a binary calibrator: `scores` are the held-out probabilities of class 1 before
    /// calibration; the calibrator's outputs are the "after".
    /// - Throws: as ``evaluate(before:after:labels:)-([Double],[Double],_)``.
    public func evaluate(_ calibrator: some ScoreCalibrator, scores: [Double], labels: [Int]) throws
        -> CalibrationGateReport
    {
        try evaluate(before: scores, after: calibrator.calibrated(scores), labels: labels)
    }

    /// Judges multiclass probabilities (n × K) before and after calibration: top-label ECE,
    /// multiclass Brier (not halved) and log loss.
    /// - Throws: as ``evaluate(before:after:labels:)-([Double],[Double],_)``, plus a shape mismatch.
    public func evaluate(before: Matrix<Double>, after: Matrix<Double>, labels: [Int]) throws -> CalibrationGateReport {
        try validate()
        return try Self.wrapping {
            guard before.rows == after.rows, before.columns == after.columns else {
                throw MetricError(
                    .shapeMismatch, "before is \(before.rows)×\(before.columns), after is \(after.rows)×\(after.columns)",
                    argument: "after")
            }
            return try judge(
                before, after,
                ece: { try ReliabilityDiagram(topLabelOf: $0, labels: labels, binCount: binCount).expectedCalibrationError },
                brier: { try MulticlassMetrics.brierScore(probabilities: $0, labels: labels) },
                logLoss: { try MulticlassMetrics.logLoss(probabilities: $0, labels: labels) })
        }
    }

    func validate() throws {
        guard binCount >= 1, binCount <= 1_000_000 else {
            throw CalibrationError(.invalidConfiguration, "binCount must be in 1...1000000, got \(binCount)", field: "binCount")
        }
        for (name, v) in [("minimumECEImprovement", minimumECEImprovement), ("tolerance", tolerance)] where !(v.isFinite && v >= 0) {
            throw CalibrationError(.invalidConfiguration, "\(name) must be finite and ≥ 0, got \(v)", field: name)
        }
    }

    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MetricError {
            throw CalibrationError(.invalidInput, error.description, field: error.argument)
        }
    }

    /// The report on the probabilities `before` and `after` calibration, each metric computed
    /// on `before` then `after`, in the order ECE, Brier score, log loss.
    func judge<Probabilities>(
        _ before: Probabilities, _ after: Probabilities, ece: (Probabilities) throws -> Double,
        brier: (Probabilities) throws -> Double, logLoss: (Probabilities) throws -> Double
    ) throws -> CalibrationGateReport {
        report(
            ece: (try ece(before), try ece(after)), brier: (try brier(before), try brier(after)),
            logLoss: (try logLoss(before), try logLoss(after)))
    }

    func report(ece: (Double, Double), brier: (Double, Double), logLoss: (Double, Double)) -> CalibrationGateReport {
        typealias Check = CalibrationGateReport.Check
        let eceOK = ece.1 < ece.0 - minimumECEImprovement
        let brierOK = brier.1 <= brier.0 + tolerance
        let logLossOK = logLoss.1 <= logLoss.0 + tolerance
        func describe(_ name: String, _ v: (Double, Double), _ ok: Bool, _ rule: String) -> String {
            "\(name) \(ok ? "passes" : "fails"): \(v.0) → \(v.1) (rule: \(rule))"
        }
        let eceRule = minimumECEImprovement > 0 ? "must drop by more than \(minimumECEImprovement)" : "must drop"
        let otherRule = tolerance > 0 ? "may rise by at most \(tolerance)" : "must not rise"
        return CalibrationGateReport(checks: [
            Check(name: "ece", before: ece.0, after: ece.1, passed: eceOK, reason: describe("ECE", ece, eceOK, eceRule)),
            Check(name: "brier_score", before: brier.0, after: brier.1, passed: brierOK,
                  reason: describe("Brier score", brier, brierOK, otherRule)),
            Check(name: "log_loss", before: logLoss.0, after: logLoss.1, passed: logLossOK,
                  reason: describe("log loss", logLoss, logLossOK, otherRule)),
        ])
    }
}

/// The gate's verdict: every check with its values before and after calibration.
public struct CalibrationGateReport: Sendable, Codable, Equatable {
    /// One rule of the gate.
    public struct Check: Sendable, Codable, Equatable {
        /// `ece`, `brier_score` or `log_loss`.
        public let name: String
        /// The metric before calibration.
        public let before: Double
        /// The metric after calibration.
        public let after: Double
        /// Whether the rule holds.
        public let passed: Bool
        /// A sentence with the values and the rule.
        public let reason: String
    }

    /// The checks, in the order ECE, Brier score, log loss.
    public let checks: [Check]

    /// True when every check passed.
    public var accepted: Bool { checks.allSatisfy(\.passed) }
    /// Why the calibrator was refused (empty when accepted).
    public var reasons: [String] { checks.filter { !$0.passed }.map(\.reason) }
    /// The check with this name, if any.
    public func check(_ name: String) -> Check? { checks.first { $0.name == name } }
}
