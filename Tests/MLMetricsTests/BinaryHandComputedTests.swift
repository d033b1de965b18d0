import MLMetrics
import MLTesting
import Testing

/// Small cases computed by hand or with scikit-learn 1.9.1 (values pasted here, no Python needed).
@Suite struct BinaryHandComputedTests {
    // Ties across classes at 0.35, 0.4, 0.7 and 0.1.
    static let labels = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1]
    static let scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.35, 0.7, 0.7, 0.1]

    @Test func rankingMetricsWithTiesMatchScikitLearn() throws {
        let ranked = try RankedBinaryScores(scores: Self.scores, labels: Self.labels)
        expectClose(try ranked.rocAUC(), 0.6285714285714286, .absolute(1e-15))
        expectClose(try ranked.averagePrecision(), 0.7482993197278911, .absolute(1e-15))
        let both = try ranked.rocAUCAndAveragePrecision()
        #expect(both.rocAUC == (try ranked.rocAUC()))
        #expect(both.averagePrecision == (try ranked.averagePrecision()))
        expectClose(try BinaryMetrics.logLoss(probabilities: Self.scores, labels: Self.labels), 0.7131522669671898, .absolute(1e-15))
        expectClose(try BinaryMetrics.brierScore(probabilities: Self.scores, labels: Self.labels), 0.25125000000000003, .absolute(1e-15))
        #expect(ranked.distinctScoreCount == 7)
    }

    @Test func textbookExample() throws {
        // scikit-learn's docstring example: roc_auc 0.75, average precision 0.8333…
        let s = [0.1, 0.4, 0.35, 0.8]
        let y = [0, 0, 1, 1]
        #expect(try BinaryMetrics.rocAUC(scores: s, labels: y) == 0.75)
        expectClose(try BinaryMetrics.averagePrecision(scores: s, labels: y), 0.8333333333333333, .absolute(1e-15))
        #expect(try BinaryMetrics.rocAUC(scores: s, labels: y.map { $0 == 1 }) == 0.75)
    }

    @Test func allScoresTiedGiveHalfAndPrevalence() throws {
        let y = [0, 1, 1, 0, 1]
        let s = [Double](repeating: 0.3, count: 5)
        #expect(try BinaryMetrics.rocAUC(scores: s, labels: y) == 0.5)
        #expect(try BinaryMetrics.averagePrecision(scores: s, labels: y) == 0.6)
        // -0.0 and +0.0 are one score.
        #expect(try BinaryMetrics.rocAUC(scores: [-0.0, 0.0], labels: [0, 1]) == 0.5)
    }

    @Test func perfectAndReversedRanking() throws {
        #expect(try BinaryMetrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]) == 1)
        #expect(try BinaryMetrics.rocAUC(scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1]) == 0)
        #expect(try BinaryMetrics.averagePrecision(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]) == 1)
        // Negative and large scores (margins, not probabilities) are fine for ranking metrics.
        #expect(try BinaryMetrics.rocAUC(scores: [-1e300, -3, 2, 1e300], labels: [0, 0, 1, 1]) == 1)
        #expect(try BinaryMetrics.averagePrecision(scores: [1, 1, 1], labels: [1, 1, 1]) == 1)
    }

    @Test func curvesMatchScikitLearnWithAndWithoutDropIntermediate() throws {
        let y = [1, 1, 1, 0, 0, 0, 1, 0]
        let s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]
        let ranked = try RankedBinaryScores(scores: s, labels: y)
        let dropped = try ranked.rocCurve()
        #expect(dropped.falsePositiveRates == [0.0, 0.0, 0.0, 0.75, 0.75, 1.0])
        #expect(dropped.truePositiveRates == [0.0, 0.25, 0.75, 0.75, 1.0, 1.0])
        #expect(dropped.thresholds == [.infinity, 0.9, 0.7, 0.4, 0.3, 0.2])
        let full = try ranked.rocCurve(dropIntermediate: false)
        #expect(full.falsePositiveRates == [0.0, 0.0, 0.0, 0.0, 0.25, 0.5, 0.75, 0.75, 1.0])
        #expect(full.truePositiveRates == [0.0, 0.25, 0.5, 0.75, 0.75, 0.75, 0.75, 1.0, 1.0])
        #expect(full.thresholds == [.infinity, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
        #expect(dropped.area == full.area)
        #expect(full.area == (try ranked.rocAUC()))

        let pr = try ranked.precisionRecallCurve()
        expectClose(pr.precisions, [0.5, 0.5714285714285714, 0.5, 0.6, 0.75, 1.0, 1.0, 1.0, 1.0], .absolute(1e-16))
        #expect(pr.recalls == [1.0, 1.0, 0.75, 0.75, 0.75, 0.75, 0.5, 0.25, 0.0])
        #expect(pr.thresholds == [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        let prDropped = try ranked.precisionRecallCurve(dropIntermediate: true)
        expectClose(prDropped.precisions, [0.5, 0.5714285714285714, 0.5, 1.0, 1.0, 1.0, 1.0], .absolute(1e-16))
        #expect(prDropped.recalls == [1.0, 1.0, 0.75, 0.75, 0.5, 0.25, 0.0])
        #expect(prDropped.thresholds == [0.2, 0.3, 0.4, 0.7, 0.8, 0.9])
    }

    @Test func tiedCurvesMatchScikitLearn() throws {
        let ranked = try RankedBinaryScores(scores: Self.scores, labels: Self.labels)
        let roc = try ranked.rocCurve()
        expectClose(roc.falsePositiveRates, [0.0, 0.0, 0.0, 0.2, 0.6, 0.6, 0.8, 1.0], .absolute(1e-16))
        expectClose(
            roc.truePositiveRates,
            [0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714,
             0.8571428571428571, 0.8571428571428571, 1.0], .absolute(1e-16))
        #expect(roc.thresholds == [.infinity, 0.9, 0.8, 0.7, 0.4, 0.35, 0.2, 0.1])
    }

    @Test func zeroDivisionGivesZero() throws {
        // Nothing predicted positive: precision, recall and F1 are 0 (sklearn zero_division=0).
        let m = try BinaryConfusionMatrix(scores: [0.1, 0.2, 0.3], labels: [0, 1, 1], threshold: 0.9)
        #expect(m == BinaryConfusionMatrix(trueNegatives: 1, falsePositives: 0, falseNegatives: 2, truePositives: 0))
        #expect(m.precision == 0 && m.recall == 0 && m.f1 == 0)
        #expect(m.specificity == 1 && m.falsePositiveRate == 0 && m.falseNegativeRate == 1)
        // No positives at all: recall and FNR are 0, not NaN.
        let negativesOnly = try BinaryConfusionMatrix(scores: [0.1, 0.7], labels: [0, 0], threshold: 0.5)
        #expect(negativesOnly.recall == 0 && negativesOnly.falseNegativeRate == 0 && negativesOnly.f1 == 0)
        #expect(negativesOnly.precision == 0 && negativesOnly.accuracy == 0.5)
        #expect(BinaryConfusionMatrix(trueNegatives: 0, falsePositives: 0, falseNegatives: 0, truePositives: 0).accuracy == 0)
    }

    @Test func thresholdIsInclusive() throws {
        let m = try BinaryMetrics.confusionMatrix(scores: [0.5, 0.49999999999999994, 0.7], labels: [1, 1, 0], threshold: 0.5)
        #expect(m.truePositives == 1 && m.falseNegatives == 1 && m.falsePositives == 1)
        let ranked = try RankedBinaryScores(scores: [0.5, 0.49999999999999994, 0.7], labels: [1, 1, 0])
        #expect(try ranked.confusionMatrix(threshold: 0.5) == m)
        #expect(try ranked.confusionMatrix(threshold: -.infinity).predictedPositiveCount == 3)
        #expect(try ranked.confusionMatrix(threshold: .infinity).predictedPositiveCount == 0)
    }

    @Test func thresholdSweepAgreesWithBruteForce() throws {
        let ranked = try RankedBinaryScores(scores: Self.scores, labels: Self.labels)
        let sweep = ranked.thresholdSweep()
        let thresholds = Array(Set(Self.scores)).sorted(by: >)
        #expect(sweep.points.map(\.threshold) == thresholds)
        let matrices = try thresholds.map {
            try BinaryConfusionMatrix(scores: Self.scores, labels: Self.labels, threshold: $0)
        }
        #expect(sweep.points.map(\.confusion) == matrices)
        let bestF1 = matrices.map(\.f1).max() ?? 0
        #expect(sweep.bestF1?.confusion.f1 == bestF1)
        #expect(sweep.bestF1?.threshold == thresholds[matrices.firstIndex { $0.f1 == bestF1 } ?? 0])
        let bestJ = matrices.map(\.youdenJ).max() ?? 0
        #expect(sweep.bestYoudenJ?.confusion.youdenJ == bestJ)
        #expect(sweep.count == thresholds.count && sweep.point(at: sweep.count) == nil)
        let p = sweep.bestPrecision(atRecallAtLeast: 0.8)
        #expect(p?.confusion.precision == matrices.filter { $0.recall >= 0.8 }.map(\.precision).max())
        let r = sweep.bestRecall(atPrecisionAtLeast: 0.75)
        #expect(r?.confusion.recall == matrices.filter { $0.precision >= 0.75 }.map(\.recall).max())
        #expect(sweep.bestRecall(atPrecisionAtLeast: 1.01) == nil)
        #expect(sweep.bestPrecision(atRecallAtLeast: .nan) == nil)
    }

    @Test func reportCombinesEverything() throws {
        let report = try BinaryMetrics.report(scores: Self.scores, labels: Self.labels, threshold: 0.4)
        #expect(report.rocAUC == (try BinaryMetrics.rocAUC(scores: Self.scores, labels: Self.labels)))
        #expect(report.confusion == (try BinaryMetrics.confusionMatrix(scores: Self.scores, labels: Self.labels, threshold: 0.4)))
        #expect(report.logLoss != nil)
        let margins = try BinaryMetrics.report(scores: Self.scores.map { $0 * 10 - 5 }, labels: Self.labels)
        #expect(margins.logLoss == nil && margins.brierScore == nil)
        #expect(margins.rocAUC == report.rocAUC)
    }

    @Test func logLossClipsAtMachineEpsilon() throws {
        // A confidently wrong prediction costs -log(eps) = 36.04365338911715 (sklearn: same).
        expectClose(try BinaryMetrics.logLoss(probabilities: [0.0, 1.0], labels: [1, 0]), 36.04365338911715, .absolute(1e-12))
        expectClose(try BinaryMetrics.logLoss(probabilities: [0.0, 1.0], labels: [0, 1]), 2.220446049250313e-16, .absolute(1e-30))
        // One class is fine for log loss and Brier.
        #expect(try BinaryMetrics.brierScore(probabilities: [1, 0.5], labels: [true, true]) == 0.125)
    }
}
