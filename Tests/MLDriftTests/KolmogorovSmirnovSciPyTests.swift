import Foundation
import MLTesting
import Testing

@testable import MLDrift

/// KS p-values against SciPy 1.17.1 beyond the drift fixtures (`Tests/Fixtures/ks_scipy`, see its
/// `meta`): exact two-sample p-values for equal and unequal sizes with and without ties, the
/// asymptotic form, Wasserstein-1, and `kstwo.sf` across every region of SciPy's `_kolmogn`.
@Suite struct KolmogorovSmirnovSciPyTests {
    struct Case: Decodable {
        let baseline: [Double]
        let current: [Double]
        let statistic: Double
        let pvalue: Double
        let pvalue_asymp: Double
        let wasserstein: Double
    }

    struct KSTwo: Decodable {
        let n: Int
        let x: Double
        let sf: Double
    }

    struct File: Decodable {
        let cases: [Case]
        let kstwo: [KSTwo]
    }

    static func load() throws -> File {
        let path = FixtureLocator(testFile: #filePath).path("ks_scipy/cases.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Relative 1e-9, or 1e-15 absolute for p-values near 0.
    static let tolerance = Tolerance(absolute: 1e-15, relative: 1e-9)

    @Test func twoSampleExactAndAsymptotic() throws {
        let file = try Self.load()
        #expect(file.cases.count == 39)
        for c in file.cases {
            let label = "n1=\(c.baseline.count) n2=\(c.current.count)"
            let exact = try KolmogorovSmirnovTest(baseline: c.baseline, current: c.current)
            #expect(exact.method == .exact, "\(label)")
            expectClose(exact.statistic, c.statistic, .absolute(1e-15), "\(label) statistic")
            expectClose(exact.pValue, c.pvalue, Self.tolerance, "\(label) exact p")
            let asymp = try KolmogorovSmirnovTest(baseline: c.baseline, current: c.current, method: .asymptotic)
            expectClose(asymp.pValue, c.pvalue_asymp, Self.tolerance, "\(label) asymptotic p")
            expectClose(try DriftStatistics.wassersteinDistance(c.baseline, c.current), c.wasserstein, Tolerance(absolute: 1e-12, relative: 1e-12), "\(label) W1")
        }
    }

    @Test func kolmogorovDistributionSurvival() throws {
        let file = try Self.load()
        #expect(file.kstwo.count > 100)
        for k in file.kstwo {
            expectClose(_KolmogorovDistribution.survival(k.x, n: k.n), k.sf, Self.tolerance, "kstwo.sf(\(k.x), \(k.n))")
        }
    }
}
