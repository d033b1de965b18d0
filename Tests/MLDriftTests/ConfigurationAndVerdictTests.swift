import Foundation
import MLCore
import MLTesting
import Testing

@testable import MLDrift

@Suite struct ConfigurationAndVerdictTests {
    @Test func yamlReference() throws {
        let c = try DriftConfiguration(yaml: """
            alpha: 0.01
            correction: benjamini_hochberg
            drift_share: 0.3
            defaults:
              psi_drift: 0.2
              js_distance: 0.15
            columns:
              amount: { psi_drift: 0.3, wasserstein_normed: 0.5 }
              code: { kind: categorical }
              request_id: { ignore: true }
            """)
        #expect(c.alpha == 0.01 && c.correction == .benjaminiHochberg && c.driftShare == 0.3)
        #expect(c.thresholds(for: "other") == DriftThresholds(psiWarning: 0.1, psiDrift: 0.2, jsDistance: 0.15, wassersteinNormed: 0.1))
        #expect(c.thresholds(for: "amount") == DriftThresholds(psiWarning: 0.1, psiDrift: 0.3, jsDistance: 0.15, wassersteinNormed: 0.5))
        #expect(c.isIgnored("request_id") && !c.isIgnored("amount"))
        #expect(c.columns["code"]?.kind == .categorical)
        #expect(try DriftConfiguration(yaml: "") == DriftConfiguration())
    }

    @Test func ignoredColumnsLeaveM() throws {
        let c = try DriftConfiguration(yaml: "columns: {segment: {ignore: true}}")
        let report = try DriftDetector(configuration: c).compare(
            baseline: DriftFixtures.table("drift_clear", "baseline.csv"), current: DriftFixtures.table("drift_clear", "current.csv"))
        #expect(report.verdict.columnCount == 3)
        #expect(report.column(named: "segment") == nil)
        #expect(report.columns.allSatisfy { $0.verdict.significanceThreshold == 0.05 / 3 })
    }

    @Test func integerCodesAsCategories() throws {
        let base = try Table([("code", .int((0..<300).map { $0 % 3 }))])
        let cur = try Table([("code", .int((0..<300).map { $0 % 4 }))])
        let c = DriftConfiguration(columns: ["code": ColumnSettings(kind: .categorical)])
        let report = try DriftDetector(configuration: c).compare(baseline: base, current: cur)
        let col = try #require(report.column(named: "code"))
        #expect(col.kind == .categorical)
        #expect(col.chiSquare?.unseenCategories == ["3"])
        #expect(col.verdict.drifted)
    }

    /// p-values flag tiny shifts on large samples; the effect-size gate keeps them stable.
    @Test func largeSampleTinyShiftIsNotDrift() throws {
        var r = SeededRandom(seed: 11)
        let base = (0..<200_000).map { _ in r.nextNormal() }
        let cur = (0..<200_000).map { _ in r.nextNormal() + 0.03 }
        let report = try DriftDetector().compare(baseline: Table([("x", .double(base))]), current: Table([("x", .double(cur))]))
        let col = try #require(report.column(named: "x"))
        #expect(col.ks?.method == .asymptotic)
        #expect(col.verdict.significant)          // p ≪ 0.05
        #expect(col.verdict.exceededEffects.isEmpty)
        #expect(!col.verdict.drifted)
    }

    /// Distances are noisy on small samples; the significance gate keeps noise stable.
    @Test func smallSampleNoiseIsNotDrift() throws {
        let base: [Double] = [0.1, 0.5, 0.9, 1.3, 1.7, 2.1, 2.5, 2.9]
        let cur: [Double] = [0.4, 1.0, 2.0, 2.6]
        let report = try DriftDetector().compare(baseline: Table([("x", .double(base))]), current: Table([("x", .double(cur))]))
        let col = try #require(report.column(named: "x"))
        #expect(!col.verdict.exceededEffects.isEmpty)  // PSI on 12 values is large
        #expect(!col.verdict.significant)
        #expect(!col.verdict.drifted)
    }

    @Test func benjaminiHochbergFlagsMoreThanBonferroni() throws {
        // p-values 0.001, 0.008, 0.039, 0.041 (m = 4, α = 0.05): Bonferroni cut 0.0125 → 2;
        // BH: 0.041 ≤ 4·0.05/4 = 0.05 → all 4.
        let stats = [0.001, 0.008, 0.039, 0.041].enumerated().map { i, p in
            DriftDetector._Statistics(
                name: "c\(i)", kind: .categorical, baselineCount: 10, currentCount: 10, baselineMissingRate: 0,
                currentMissingRate: 0, psi: 1, js: 0.5, chi: nil,
                histogram: DriftHistogram(labels: [], innerEdges: [], baseline: [], current: [], currentCounts: []),
                pOverride: p)
        }
        let (bon, vb) = DriftDetector.decide(stats, configuration: DriftConfiguration())
        #expect(bon.filter(\.verdict.drifted).count == 2)
        #expect(vb.driftDetected)  // 2/4 ≥ 0.5
        let (bh, _) = DriftDetector.decide(stats, configuration: DriftConfiguration(correction: .benjaminiHochberg))
        #expect(bh.filter(\.verdict.drifted).count == 4)
        #expect(bh.allSatisfy { $0.verdict.significanceThreshold == 0.05 })
        let (none, vn) = DriftDetector.decide(stats, configuration: DriftConfiguration(correction: .none, driftShare: 1))
        #expect(none.filter(\.verdict.drifted).count == 4)
        #expect(vn.driftDetected)
    }

    @Test func resultsDoNotDependOnThreadCount() throws {
        let base = try DriftFixtures.table("drift_clear", "baseline.csv")
        let cur = try DriftFixtures.table("drift_clear", "current.csv")
        let one = try DriftDetector(maximumThreads: 1).compare(baseline: base, current: cur)
        let four = try DriftDetector(maximumThreads: 4).compare(baseline: base, current: cur)
        #expect(one == four)
        #expect(try one.jsonData() == four.jsonData())
    }
}
