/// When to retrain a model.
public struct RetrainingPolicy: Sendable, Equatable, Codable {
    /// Retrain when the last training is at least this many days old (`nil`: no schedule).
    public var maximumDaysSinceTraining: Double?
    /// Retrain when drift was detected in this many consecutive windows (K ≥ 1; default 3), so a
    /// one-off spike does not retrain.
    public var driftPersistenceWindows: Int
    /// Retrain when the performance monitor reports degradation.
    public var retrainOnDegradation: Bool
    /// Retrain when at least this many new labelled samples arrived since the last training
    /// (`nil`: volume alone never triggers).
    public var newSampleTrigger: Int?
    /// Never retrain with fewer new labelled samples than this, whatever fired (`nil`: no gate);
    /// the decision then lists the triggers and the gate.
    public var minimumNewSamples: Int?

    /// The defaults: every 30 days, drift in 3 consecutive windows, on degradation, no volume
    /// trigger, no sample gate.
    public init(
        maximumDaysSinceTraining: Double? = 30, driftPersistenceWindows: Int = 3, retrainOnDegradation: Bool = true,
        newSampleTrigger: Int? = nil, minimumNewSamples: Int? = nil
    ) {
        self.maximumDaysSinceTraining = maximumDaysSinceTraining
        self.driftPersistenceWindows = driftPersistenceWindows
        self.retrainOnDegradation = retrainOnDegradation
        self.newSampleTrigger = newSampleTrigger
        self.minimumNewSamples = minimumNewSamples
    }
}

/// One reason for (or against) retraining.
public struct RetrainingReason: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What fired.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The schedule: the model is older than the maximum age.
        case schedule
        /// Drift persisted for K consecutive windows.
        case persistentDrift = "persistent_drift"
        /// The performance monitor reports degradation.
        case performanceDegraded = "performance_degraded"
        /// Enough new labelled samples arrived.
        case newSamples = "new_samples"
        /// Blocks retraining: too few new samples (the gate).
        case insufficientSamples = "insufficient_samples"
    }

    /// What fired.
    public let kind: Kind
    /// Details, e.g. "drift in 3 consecutive windows (K = 3)".
    public let message: String

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// The decision: whether to retrain, and every reason.
public struct RetrainingDecision: Sendable, Equatable, Codable {
    /// True when at least one trigger fired and no gate blocks.
    public let shouldRetrain: Bool
    /// Every trigger that fired (in the order schedule, drift, degradation, samples).
    public let reasons: [RetrainingReason]
    /// Gates that blocked the triggers (empty when none).
    public let blockedBy: [RetrainingReason]
}

/// Decides when to retrain from the schedule, persistent drift, performance and data volume,
/// and says why.
///
/// ```swift
/// var trigger = RetrainingTrigger()                 // 30 days, K = 3
/// trigger.recordDriftWindow(report.verdict.driftDetected)   // once per nightly drift check
/// let d = trigger.evaluate(daysSinceTraining: 12, performance: monitor.snapshot(), newSamples: 40_000)
/// if d.shouldRetrain { print(d.reasons) }
/// ```
public struct RetrainingTrigger: Sendable, Equatable, Codable {
    /// The policy.
    public var policy: RetrainingPolicy
    /// Consecutive windows with drift, most recent last (reset by a window without drift).
    public private(set) var consecutiveDriftWindows: Int

    /// A trigger with no drift history.
    public init(policy: RetrainingPolicy = RetrainingPolicy()) {
        self.policy = policy
        consecutiveDriftWindows = 0
    }

    /// Records the outcome of one drift window (e.g. one nightly `mlctl drift` run).
    public mutating func recordDriftWindow(_ driftDetected: Bool) {
        consecutiveDriftWindows = driftDetected ? consecutiveDriftWindows + 1 : 0
    }

    /// Records a drift report's dataset verdict.
    public mutating func record(_ report: DriftReport) {
        recordDriftWindow(report.verdict.driftDetected)
    }

    /// Call after retraining: the drift history starts again.
    public mutating func resetAfterRetraining() {
        consecutiveDriftWindows = 0
    }

    /// The decision now.
    /// - Parameters:
    ///   - daysSinceTraining: the model's age in days (`nil` if unknown: the schedule does not fire).
    ///   - performance: the latest performance snapshot, if monitored.
    ///   - newSamples: labelled samples gathered since the last training.
    public func evaluate(daysSinceTraining: Double?, performance: PerformanceSnapshot? = nil, newSamples: Int = 0) -> RetrainingDecision {
        var reasons: [RetrainingReason] = []
        if let limit = policy.maximumDaysSinceTraining, let age = daysSinceTraining, age >= limit {
            reasons.append(RetrainingReason(kind: .schedule, message: "last training \(_Format.short(age)) days ago (limit \(_Format.short(limit)))"))
        }
        let k = max(policy.driftPersistenceWindows, 1)
        if consecutiveDriftWindows >= k {
            reasons.append(RetrainingReason(kind: .persistentDrift, message: "drift in \(consecutiveDriftWindows) consecutive windows (K = \(k))"))
        }
        if policy.retrainOnDegradation, let performance, performance.degraded {
            reasons.append(RetrainingReason(kind: .performanceDegraded, message: performance.reasons.joined(separator: "; ")))
        }
        if let trigger = policy.newSampleTrigger, newSamples >= trigger {
            reasons.append(RetrainingReason(kind: .newSamples, message: "\(newSamples) new samples (trigger \(trigger))"))
        }
        var blocked: [RetrainingReason] = []
        if let gate = policy.minimumNewSamples, newSamples < gate, !reasons.isEmpty {
            blocked.append(RetrainingReason(kind: .insufficientSamples, message: "only \(newSamples) new samples, \(gate) needed to retrain"))
        }
        return RetrainingDecision(shouldRetrain: !reasons.isEmpty && blocked.isEmpty, reasons: reasons, blockedBy: blocked)
    }
}
