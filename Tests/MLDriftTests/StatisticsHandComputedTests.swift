import Foundation
import MLTesting
import Testing

@testable import MLDrift

/// Small cases whose values are worked out by hand (or are classic closed forms).
@Suite struct StatisticsHandComputedTests {
    @Test func exactKSOnTinySamples() throws {
        // a = {1,2,3}, b = {4,5,6}: D = 1; every one of the C(6,3) = 20 splits that separates
        // the two groups completely gives D = 1, and there are 2 of them: p = 2/20.
        let t = try KolmogorovSmirnovTest(baseline: [1, 2, 3], current: [4, 5, 6])
        #expect(t.statistic == 1)
        #expect(t.method == .exact)
        expectClose(t.pValue, 0.1, .absolute(1e-15))
    }

    @Test func exactKSUnequalSizes() throws {
        // a = {1,2}, b = {3,4,5}: D = 1; 2 of the C(5,2) = 10 splits give D = 1 → p = 0.2.
        let t = try KolmogorovSmirnovTest(baseline: [1, 2], current: [3, 4, 5])
        #expect(t.statistic == 1)
        expectClose(t.pValue, 0.2, .absolute(1e-15))
    }

    @Test func ksTiesAreEvaluatedAfterAllEqualValues() throws {
        // Identical samples with ties: the ECDFs agree after every distinct value, D = 0, p = 1.
        let t = try KolmogorovSmirnovTest(baseline: [1, 1, 2, 2, 3], current: [1, 2, 1, 3, 2])
        #expect(t.statistic == 0)
        #expect(t.pValue == 1)
        // a = {0,0,1}, b = {0,1,1}: after 0: 2/3 − 1/3 = 1/3; after 1: 0 → D = 1/3.
        let u = try KolmogorovSmirnovTest(baseline: [0, 0, 1], current: [0, 1, 1])
        expectClose(u.statistic, 1.0 / 3.0, .absolute(1e-15))
    }

    @Test func ksRejectsNaNAndEmpty() {
        #expect(throws: DriftError.self) { try KolmogorovSmirnovTest(baseline: [1, .nan], current: [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnovTest(baseline: [], current: [1]) }
    }

    @Test func psiOnDiscreteDataWithDuplicateEdges() throws {
        // Baseline 0,0,0,0,0,1,1,1,1,1 (n = 10): h = 9·i/10, edges q1…q4 = 0, q5 = 0.5, q6…q9 = 1.
        let base: [Double] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        let edges = try DriftStatistics.decileEdges(base)
        #expect(edges == [0, 0, 0, 0, 0.5, 1, 1, 1, 1])
        // x goes to bin (#edges ≤ x): 0 → bin 4, 1 → bin 9 (left-closed, duplicates empty).
        #expect(try DriftStatistics.binCounts(base, innerEdges: edges) == [0, 0, 0, 0, 5, 0, 0, 0, 0, 5])
        // Same data: PSI 0. All current in one bin: 0.5·ln(1/0.5)·… computed from the definition.
        #expect(try DriftStatistics.populationStabilityIndex(baseline: base, current: base) == 0)
        let psi = try DriftStatistics.populationStabilityIndex(baseline: base, current: [1, 1, 1, 1])
        let low: Double = (1e-4 - 0.5) * log(1e-4 / 0.5)
        let high: Double = (1 - 0.5) * log(1 / 0.5)
        let expected = low + high
        expectClose(psi, expected, .absolute(1e-15))
    }

    @Test func jensenShannonBounds() throws {
        #expect(try DriftStatistics.jensenShannonDistance([1, 0], [0, 1]) == 1)
        #expect(try DriftStatistics.jensenShannonDistance([0.3, 0.7], [3, 7]) == 0)
        #expect(throws: DriftError.self) { try DriftStatistics.jensenShannonDistance([1, 0], [0, 0]) }
    }

    @Test func wassersteinClassicCases() throws {
        // SciPy's docstring: wasserstein_distance([0, 1, 3], [5, 6, 8]) == 5.0
        #expect(try DriftStatistics.wassersteinDistance([0, 1, 3], [5, 6, 8]) == 5)
        expectClose(try DriftStatistics.wassersteinDistance([0, 0, 1], [0, 1, 1]), 1.0 / 3.0, .absolute(1e-15))
    }

    @Test func chiSquareWithUnseenCategory() throws {
        // Table [[10, 10, 0], [10, 10, 20]]: totals 20 / 40, columns 20, 20, 20 (N = 60).
        // Expected row 1: 20/3 each; row 2: 40/3 each.
        let t = try ChiSquareTest(baselineCounts: ["a": 10, "b": 10], currentCounts: ["a": 10, "b": 10, "c": 20])
        #expect(t.categories == ["a", "b", "c"])
        #expect(t.unseenCategories == ["c"])
        let e1 = 20.0 / 3, e2 = 40.0 / 3
        let pair: Double = (10 - e1) * (10 - e1) / e1 + (10 - e2) * (10 - e2) / e2
        let third: Double = e1 + (20 - e2) * (20 - e2) / e2
        let stat = 2 * pair + third
        expectClose(t.statistic, stat, .absolute(1e-12))
        #expect(t.degreesOfFreedom == 2)
        // With 2 dof the tail is exp(−x/2).
        expectClose(t.pValue, exp(-stat / 2), .relative(1e-12))
    }
}
