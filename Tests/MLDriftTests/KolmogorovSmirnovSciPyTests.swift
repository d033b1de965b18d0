import MLTesting
import Testing

@testable import MLDrift

/// KS p-values against SciPy 1.17.1 beyond the drift fixtures (`Tests/Fixtures/ks_scipy`, see its
/// `meta`): exact two-sample p-values for equal and unequal sizes with and without ties, the
/// asymptotic form, Wasserstein-1, and `kstwo.sf` across every region of SciPy's `_kolmogn`.
@Suite struct KolmogorovSmirnovSciPyTests {
    /// The array of objects under `key` in the fixture file: `cases` (two samples with SciPy's
    /// statistic, exact and asymptotic p-values and Wasserstein-1) or `kstwo` (`n`, `x`, `sf`).
    static func load(_ key: String) throws -> [[String: Any]] {
        let file = try FixtureLocator(testFile: #filePath).json("ks_scipy/cases.json")
        return try #require(file[key] as? [[String: Any]], "ks_scipy/cases.json: \(key)")
    }

    /// Relative 1e-9, or 1e-15 absolute for p-values near 0.
    static let tolerance = Tolerance(absolute: 1e-15, relative: 1e-9)

    @Test func twoSampleExactAndAsymptotic() throws {
        let cases = try Self.load("cases")
        #expect(cases.count == 39)
        for c in cases {
            let baseline = try FixtureLocator.doubles(c, "baseline"), current = try FixtureLocator.doubles(c, "current")
            let label = "n1=\(baseline.count) n2=\(current.count)"
            let scipy = (
                statistic: try FixtureLocator.double(c, "statistic"), pValue: try FixtureLocator.double(c, "pvalue"),
                asymptoticPValue: try FixtureLocator.double(c, "pvalue_asymp"),
                wasserstein: try FixtureLocator.double(c, "wasserstein"))
            let exact = try KolmogorovSmirnovTest(baseline: baseline, current: current)
            #expect(exact.method == .exact, "\(label)")
            expectClose(exact.statistic, scipy.statistic, .absolute(1e-15), "\(label) statistic")
            expectClose(exact.pValue, scipy.pValue, Self.tolerance, "\(label) exact p")
            let asymp = try KolmogorovSmirnovTest(baseline: baseline, current: current, method: .asymptotic)
            expectClose(asymp.pValue, scipy.asymptoticPValue, Self.tolerance, "\(label) asymptotic p")
            expectClose(
                try DriftStatistics.wassersteinDistance(baseline, current), scipy.wasserstein,
                Tolerance(absolute: 1e-12, relative: 1e-12), "\(label) W1")
        }
    }

    @Test func kolmogorovDistributionSurvival() throws {
        let kstwo = try Self.load("kstwo")
        #expect(kstwo.count > 100)
        for k in kstwo {
            let n = Int(try FixtureLocator.double(k, "n")), x = try FixtureLocator.double(k, "x")
            let sf = try FixtureLocator.double(k, "sf")
            expectClose(_KolmogorovDistribution.survival(x, n: n), sf, Self.tolerance, "kstwo.sf(\(x), \(n))")
        }
    }
}
