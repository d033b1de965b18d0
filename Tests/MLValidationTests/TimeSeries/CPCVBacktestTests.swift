import MLMetrics
import MLCore
import MLTesting
import MLValidation
import Testing

@Suite struct CPCVBacktestTests {
    /// Each path is assembled from the splits `paths` names, covers every sample once, and holds exactly the
    /// prediction that split made for it.
    @Test func pathsAreReconstructedFromTheRightSplits() throws {
        let cv = try CombinatorialPurgedCV(samples: 60, groups: 6, testGroups: 2, purge: .observations(purge: 1, embargo: 1))
        // The prediction encodes (split, sample): exact in a Double.
        let result = try CPCVBacktest.run(cv) { split, _ in
            split.testIndices.map { Double(split.index * 1000 + $0) / 1e6 }
        }
        #expect(result.pathStatistics[0].count == cv.pathCount)
        for (p, bySplit) in cv.paths.enumerated() {
            for (g, s) in bySplit.enumerated() {
                for i in cv.groupBounds[g] { #expect(result.predictions[0][p][i] == Double(s * 1000 + i) / 1e6) }
            }
        }
        #expect(result.overfitting == nil)
        // Deterministic.
        let again = try CPCVBacktest.run(cv) { split, _ in split.testIndices.map { Double(split.index * 1000 + $0) / 1e6 } }
        #expect(again == result)
    }

    @Test func pathSharpeDistributionAndStrategyReturns() throws {
        let n = 200
        var rng = SplitMix64(seed: 7)
        let market = (0..<n).map { _ in (Double(rng.next() % 2001) - 1000) / 50_000 }
        let cv = try CombinatorialPurgedCV(samples: n, groups: 5, testGroups: 2)
        // A model that "predicts" the sign of the next return perfectly on even samples and wrongly on odd ones.
        let result = try CPCVBacktest.run(cv, periodsPerYear: 252) { split, _ in
            split.testIndices.map { $0 % 2 == 0 ? (market[$0] >= 0 ? 1 : -1) : (market[$0] >= 0 ? -1 : 1) }
        } strategyReturn: { i, position in position * market[i] }
        // Every path is the same series here (the model has no state), so all path Sharpe ratios agree.
        let sharpes = result.sharpeDistribution()
        #expect(sharpes.count == cv.pathCount)
        let expected = try BacktestStatistics(
            returns: (0..<n).map { i in abs(market[i]) * (i % 2 == 0 ? 1 : -1) }, periodsPerYear: 252)
        for s in sharpes { #expect(abs(s - (expected.sharpeAnnualized ?? .nan)) < 1e-12) }
    }

    @Test func wrongPredictionCountIsAnError() throws {
        let cv = try CombinatorialPurgedCV(samples: 20, groups: 4, testGroups: 1)
        #expect(throws: EvaluationError.self) { try CPCVBacktest.run(cv) { _, _ in [0.1] } }
        #expect(throws: EvaluationError.self) { try CPCVBacktest.run(cv, candidates: 0) { s, _ in s.testIndices.map { _ in 0 } } }
        #expect(throws: EvaluationError.self) { try CPCVBacktest.run(cv) { s, _ in s.testIndices.map { _ in -2 } } }
    }

    /// Candidates whose in-sample ranking carries over (a constant edge) give PBO 0; pure noise gives a PBO
    /// near 1/2; a candidate that wins exactly where the others lose and vice versa gives PBO 1.
    @Test func probabilityOfBacktestOverfitting() throws {
        var rng = SplitMix64(seed: 11)
        func noise() -> Double { (Double(rng.next() % 20001) - 10000) / 1_000_000 }
        let t = 320
        let skilled = (0..<5).map { c in (0..<t).map { _ in noise() + Double(c) * 0.002 } }
        let good = try BacktestOverfitting(returns: skilled, partitions: 8)
        #expect(good.probability == 0)
        #expect(good.logits.count == 70)  // C(8, 4)
        #expect(good.probabilityOfLoss == 0)

        let random = (0..<20).map { _ in (0..<t).map { _ in noise() } }
        let pbo = try BacktestOverfitting(returns: random, partitions: 10).probability
        #expect(pbo > 0.2 && pbo < 0.8)

        // Two candidates mirror each other: a gains in the first half and loses in the second, b the opposite.
        // IS = first half picks a, which ranks last (1 of 2) out of sample: ω = 1/3, λ = ln(1/2); the other
        // split is symmetric. PBO = 1.
        let a = (0..<80).map { i in (i < 40 ? 0.01 : -0.01) + Double(i % 3) * 1e-4 }
        let b = a.map { -$0 }
        let mirrored = try BacktestOverfitting(returns: [a, b], partitions: 2)
        #expect(mirrored.probability == 1)
        #expect(mirrored.logits.count == 2)
        for l in mirrored.logits { #expect(abs(l - (-0.6931471805599453)) < 1e-12) }
        #expect(mirrored.probabilityOfLoss == 1)

        #expect(throws: EvaluationError.self) { try BacktestOverfitting(returns: [a], partitions: 2) }
        #expect(throws: EvaluationError.self) { try BacktestOverfitting(returns: [a, b], partitions: 3) }
        #expect(throws: EvaluationError.self) { try BacktestOverfitting(returns: [a, Array(b.dropLast())], partitions: 2) }
        #expect(throws: EvaluationError.self) { try BacktestOverfitting(returns: [a, b], partitions: 100) }
        #expect(throws: EvaluationError.self) { try BacktestOverfitting(returns: [a, b], partitions: 40) }
    }

    /// CPCV with several candidates: PBO over their path-averaged returns.
    @Test func cpcvWithCandidatesReportsPBO() throws {
        let n = 400
        var rng = SplitMix64(seed: 3)
        let market = (0..<n).map { _ in (Double(rng.next() % 2001) - 1000) / 100_000 }
        let cv = try CombinatorialPurgedCV(samples: n, groups: 8, testGroups: 2, purge: .observations(purge: 2, embargo: 2))
        let result = try CPCVBacktest.run(cv, candidates: 3, pboPartitions: 8) { split, c in
            split.testIndices.map { i in c == 2 ? (market[i] >= 0 ? 1 : -1) : (i % (c + 2) == 0 ? 1 : -1) }
        } strategyReturn: { i, position in position * market[i] }
        let pbo = try #require(result.overfitting)
        #expect(pbo.probability == 0)  // candidate 2 sees the future: best in and out of sample
        #expect(result.pathStatistics.count == 3 && result.pathStatistics[2].count == cv.pathCount)
    }
}
