import MLCore
import MLMetrics

/// The verdict of `mlctl calibrate verify`: does a calibrator file pass its integrity checks
/// (content hash, monotone knots, outputs in [0, 1]) and, given held-out data, the
/// calibration gate (ECE improves, Brier score and log loss do not get worse; see
/// ``CalibrationGate``)?
///
/// A file that cannot be read at all is an error (``EvaluationError``), not a failed
/// verification; a file that parses but whose calibrator fails a check is `passed == false`.
///
/// JSON keys: `calibrator`, `kind`, `content_hash`, `integrity` (`passed`, `message`),
/// `gate` (`accepted`, `checks`: `name`, `before`, `after`, `passed`, `reason`), `passed`.
public struct CalibratorVerification: Sendable, Equatable, Encodable {
    /// The outcome of the integrity checks.
    public struct Integrity: Sendable, Equatable, Encodable {
        /// Whether the calibrator loaded and passed every check.
        public let passed: Bool
        /// What failed (or `ok`).
        public let message: String
    }

    /// The calibrator file.
    public let calibrator: String
    /// The calibrator's kind (`isotonic`, `sigmoid`, `per-class`, `temperature`), nil when it
    /// failed to load.
    public let kind: String?
    /// The calibrator's content hash, nil when it failed to load.
    public let contentHash: String?
    /// The integrity checks.
    public let integrity: Integrity
    /// The calibration gate on held-out data, when data was given and the calibrator loaded.
    public let gate: CalibrationGateReport?

    /// True when the integrity checks (and the gate, if run) passed.
    public var passed: Bool { integrity.passed && (gate?.accepted ?? true) }

    /// Verifies the calibrator at `path`, and gates it on `heldOut` when given.
    /// - Throws: ``EvaluationError`` when the file is missing, unreadable or not a calibrator
    ///   file, or the held-out scores do not fit the calibrator; ``CalibrationError``
    ///   `.invalidInput` for held-out data the gate cannot use (scores outside [0, 1]).
    public init(calibrator path: String, heldOut: LabeledScores? = nil, gate: CalibrationGate = CalibrationGate()) throws {
        calibrator = path
        let stored: StoredCalibrator
        do {
            stored = try CalibratorFile.read(contentsOf: path)
        } catch let error as CalibrationError where error.code == .hashMismatch || error.code == .verificationFailed {
            kind = nil
            contentHash = nil
            integrity = Integrity(passed: false, message: error.description)
            self.gate = nil
            return
        }
        kind = stored.kind
        contentHash = stored.contentHash
        integrity = Integrity(passed: true, message: "ok")
        guard let heldOut else {
            self.gate = nil
            return
        }
        let (_, after) = try CalibratorFile.apply(stored, to: heldOut.scores)
        switch heldOut.scores {
        case .binary(let before):
            let calibrated = (0..<after.rows).map { after.elements[$0 * 2 + 1] }
            self.gate = try gate.evaluate(before: before, after: calibrated, labels: heldOut.labels)
        case .multiclass(let before):
            self.gate = try gate.evaluate(before: before, after: after, labels: heldOut.labels)
        }
    }

    enum CodingKeys: String, CodingKey { case calibrator, kind, contentHash = "content_hash", integrity, gate, passed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(calibrator, forKey: .calibrator)
        try c.encode(kind, forKey: .kind)
        try c.encode(contentHash, forKey: .contentHash)
        try c.encode(integrity, forKey: .integrity)
        try c.encodeIfPresent(gate.map(GateJSON.init), forKey: .gate)
        try c.encode(passed, forKey: .passed)
    }

    private struct GateJSON: Encodable {
        let accepted: Bool
        let checks: [CalibrationGateReport.Check]
        init(_ report: CalibrationGateReport) {
            accepted = report.accepted
            checks = report.checks
        }
    }

    /// Plain-text lines for terminals.
    public var text: String {
        var lines = ["calibrator: \(calibrator)"]
        if let kind, let contentHash { lines.append("kind: \(kind), content hash \(contentHash)") }
        lines.append("integrity: " + (integrity.passed ? "ok" : "FAILED: \(integrity.message)"))
        if let gate {
            lines.append("gate on held-out data: " + (gate.accepted ? "accepted" : "REFUSED"))
            for check in gate.checks { lines.append("  " + check.reason) }
        }
        lines.append(passed ? "verification passed" : "verification failed")
        return lines.joined(separator: "\n")
    }
}
