import Foundation
import MLMetrics
import MLTesting
import Testing

@testable import MLDrift

@Suite struct MonitoringTests {
    @Test func classificationWindowByCount() throws {
        var m = try PerformanceMonitor(
            task: .classification(threshold: 0.5), window: .count(4),
            limits: PerformanceLimits(minimumAUC: 0.9, maximumBrier: 0.2, minimumSamples: 4))
        // Old observations that the window drops.
        for _ in 0..<10 { try m.record(prediction: 0.9, outcome: 0) }
        for (p, y) in [(0.9, 1.0), (0.8, 1.0), (0.3, 0.0), (0.6, 0.0)] { try m.record(prediction: p, outcome: y) }
        let s = m.snapshot()
        #expect(s.count == 4)
        #expect(s.auc == 1)
        #expect(s.precision == 2.0 / 3.0 && s.recall == 1)
        expectClose(try #require(s.brier), (0.01 + 0.04 + 0.09 + 0.36) / 4, .absolute(1e-15))
        #expect(!s.degraded)  // AUC 1 ≥ 0.9 and Brier 0.125 ≤ 0.2
        #expect(s.reasons.isEmpty)
    }

    @Test func degradationNamesEveryBreach() throws {
        var m = try PerformanceMonitor(
            task: .classification(threshold: 0.5), window: .count(100),
            limits: PerformanceLimits(minimumAUC: 0.8, minimumRecall: 0.9, minimumSamples: 4))
        for (p, y) in [(0.2, 1.0), (0.7, 0.0), (0.6, 1.0), (0.4, 0.0)] { try m.record(prediction: p, outcome: y) }
        let s = m.snapshot()
        #expect(s.degraded)
        #expect(s.reasons.count == 2)
        #expect(s.reasons[0].hasPrefix("auc 0.25 < minimum 0.8"))
        #expect(s.reasons[1].hasPrefix("recall 0.5 < minimum 0.9"))
    }

    @Test func tooFewSamplesAreNotJudged() throws {
        var m = try PerformanceMonitor(task: .classification(threshold: 0.5), window: .count(100), limits: PerformanceLimits(minimumAUC: 0.99))
        try m.record(prediction: 0.2, outcome: 1)
        try m.record(prediction: 0.8, outcome: 0)
        let s = m.snapshot()
        #expect(!s.degraded && s.auc == 0)
    }

    @Test func returnsWindowByTime() throws {
        var m = try PerformanceMonitor(
            task: .returns(periodsPerYear: 252), window: .duration(seconds: 10),
            limits: PerformanceLimits(minimumSharpe: 0, maximumDrawdown: 0.05, minimumSamples: 3))
        try m.record(prediction: 1, outcome: 0.5, time: 0)   // dropped: older than 14 − 10
        // Strategy returns: +0.02, −0.10 (wrong direction), +0.03, −0.01.
        try m.record(prediction: 0.3, outcome: 0.02, time: 5)
        try m.record(prediction: -0.2, outcome: 0.10, time: 8)
        try m.record(prediction: 0.1, outcome: 0.03, time: 12)
        try m.record(prediction: -0.5, outcome: 0.01, time: 14)
        let s = m.snapshot()
        #expect(s.count == 4)
        #expect(s.winRate == 0.5)
        #expect(s.directionAccuracy == 0.5)
        // Equity 1.02 → 0.918 → 0.94554 → 0.9360846; peak 1.02: drawdown (1.02 − 0.918)/1.02 = 0.1.
        expectClose(try #require(s.maximumDrawdown), 0.1, .absolute(1e-12))
        let r = [0.02, -0.10, 0.03, -0.01]
        let mean = r.reduce(0, +) / 4
        let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        expectClose(try #require(s.sharpe), mean / sd * 252.0.squareRoot(), .absolute(1e-12))
        #expect(s.degraded)
        #expect(s.reasons.contains { $0.hasPrefix("sharpe") } && s.reasons.contains { $0.hasPrefix("max_drawdown") })
    }

    @Test func retrainingTriggerGivesEveryReason() throws {
        var t = RetrainingTrigger()
        #expect(t.policy.driftPersistenceWindows == 3)
        t.recordDriftWindow(true)
        t.recordDriftWindow(true)
        #expect(!t.evaluate(daysSinceTraining: 3).shouldRetrain)
        t.recordDriftWindow(false)   // a break resets the streak
        t.recordDriftWindow(true)
        t.recordDriftWindow(true)
        t.recordDriftWindow(true)
        #expect(t.consecutiveDriftWindows == 3)
        let degraded = PerformanceSnapshot(
            count: 100, auc: 0.6, precision: nil, recall: nil, brier: nil, sharpe: nil, maximumDrawdown: nil, winRate: nil,
            directionAccuracy: nil, correlation: nil, degraded: true, reasons: ["auc 0.6 < minimum 0.7"])
        var policy = RetrainingPolicy(newSampleTrigger: 1000)
        t.policy = policy
        let d = t.evaluate(daysSinceTraining: 45, performance: degraded, newSamples: 5000)
        #expect(d.shouldRetrain)
        #expect(d.reasons.map(\.kind) == [.schedule, .persistentDrift, .performanceDegraded, .newSamples])
        policy.minimumNewSamples = 10_000
        t.policy = policy
        let blocked = t.evaluate(daysSinceTraining: 45, performance: degraded, newSamples: 5000)
        #expect(!blocked.shouldRetrain)
        #expect(blocked.blockedBy.map(\.kind) == [.insufficientSamples])
        t.resetAfterRetraining()
        #expect(!t.evaluate(daysSinceTraining: 0).shouldRetrain)
    }
}
