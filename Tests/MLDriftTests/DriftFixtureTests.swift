import Foundation
import MLCore
import MLTesting
import Testing

@testable import MLDrift

/// Every statistic of `Tests/Fixtures/drift/*/expected.json` (SciPy 1.17.1, NumPy 2.4.6), within
/// the case's `tolerance_abs` (p-values: max(tol, 1e-6 relative), as the acceptance check).
@Suite struct DriftFixtureTests {
    static let keys = ["psi", "ks_statistic", "ks_pvalue", "js_distance_base2", "wasserstein", "chi2_statistic", "chi2_pvalue"]

    static func value(_ column: ColumnDrift, _ key: String) -> Double? {
        switch key {
        case "psi": column.psi
        case "ks_statistic": column.ks?.statistic
        case "ks_pvalue": column.ks?.pValue
        case "js_distance_base2": column.jsDistance
        case "wasserstein": column.wasserstein
        case "chi2_statistic": column.chiSquare?.statistic
        case "chi2_pvalue": column.chiSquare?.pValue
        default: nil
        }
    }

    static func check(_ report: DriftReport, _ caseName: String, keys: [String] = keys) throws {
        let expected = try DriftFixtures.expectedColumns(caseName)
        let tol = try DriftFixtures.tolerance(caseName)
        #expect(report.columns.map(\.name).sorted() == expected.keys.sorted())
        for (name, e) in expected {
            let column = try #require(report.column(named: name), "\(caseName)/\(name)")
            for key in keys {
                guard let want = e[key] as? Double else { continue }
                let got = try #require(value(column, key), "\(caseName)/\(name)/\(key) missing")
                let t = key.hasSuffix("pvalue") ? max(tol, 1e-6 * abs(want)) : tol
                expectClose(got, want, .absolute(t), "\(caseName)/\(name)/\(key)")
            }
        }
    }

    @Test(arguments: DriftFixtures.cases)
    func statisticsAgainstCSVBaseline(caseName: String) throws {
        let report = try DriftDetector().compare(
            baseline: DriftFixtures.table(caseName, "baseline.csv"), current: DriftFixtures.table(caseName, "current.csv"))
        try Self.check(report, caseName)
    }

    @Test(arguments: DriftFixtures.cases)
    func statisticsAgainstProfile(caseName: String) throws {
        // 1,000 baseline rows fit in the 10,000-value sample: every statistic is the same as on the CSV.
        let profile = try BaselineProfiler().profile(DriftFixtures.table(caseName, "baseline.csv"))
        let reread = try BaselineProfile(jsonData: profile.jsonData())
        #expect(reread == profile)
        let report = try DriftDetector().compare(baseline: reread, current: DriftFixtures.table(caseName, "current.csv"))
        try Self.check(report, caseName)
    }

    @Test(arguments: DriftFixtures.cases)
    func edgesCountsAndExtraKSForms(caseName: String) throws {
        let base = try DriftFixtures.table(caseName, "baseline.csv")
        let cur = try DriftFixtures.table(caseName, "current.csv")
        let tol = try DriftFixtures.tolerance(caseName)
        for (name, e) in try DriftFixtures.expectedColumns(caseName) where (e["type"] as? String) == "numeric" {
            let b = try #require(base[name]?.doubleValues), c = try #require(cur[name]?.doubleValues)
            let edges = try DriftStatistics.decileEdges(b)
            let wantEdges = try #require(e["psi_inner_edges"] as? [Double])
            expectClose(edges, wantEdges, .absolute(tol), "\(name) edges")
            #expect(try DriftStatistics.binCounts(b, innerEdges: edges) == (e["psi_baseline_counts"] as? [Int]))
            #expect(try DriftStatistics.binCounts(c, innerEdges: edges) == (e["psi_current_counts"] as? [Int]))
            let asymp = try KolmogorovSmirnovTest(baseline: b, current: c, method: .asymptotic)
            let wantAsymp = try #require(e["ks_pvalue_asymp"] as? Double)
            expectClose(asymp.pValue, wantAsymp, .absolute(max(tol, 1e-6 * wantAsymp)), "\(name) asymp")
            let exact = try KolmogorovSmirnovTest(baseline: b, current: c)
            #expect(exact.method == .exact)
            let divergence = try #require(e["js_divergence_base2"] as? Double)
            let js = try DriftStatistics.jensenShannonDistance(
                DriftStatistics.proportions(try DriftStatistics.binCounts(b, innerEdges: edges)),
                DriftStatistics.proportions(try DriftStatistics.binCounts(c, innerEdges: edges)))
            expectClose(js * js, divergence, .absolute(tol), "\(name) JS divergence")
        }
    }

    @Test func verdictsMatchTheIntent() throws {
        for (caseName, wantDrift) in [("drift_clear", true), ("drift_none", false)] {
            let report = try DriftDetector().compare(
                baseline: DriftFixtures.table(caseName, "baseline.csv"), current: DriftFixtures.table(caseName, "current.csv"))
            #expect(report.verdict.driftDetected == wantDrift, "\(caseName)")
            #expect(report.verdict.columnCount == 4)
        }
    }
}
