import MLCore
import MLMetrics
import MLTesting
import Testing

@Suite struct RegressionMetricsTests {
    // scikit-learn 1.9.1 on these arrays (the zero target makes MAPE huge, as in sklearn).
    let targets = [3.0, -0.5, 2.0, 7.0, 0.0]
    let predictions = [2.5, 0.0, 2.0, 8.0, 0.1]

    @Test func matchScikitLearn() throws {
        let tol = Tolerance.relative(1e-15)
        expectClose(try RegressionMetrics.meanAbsoluteError(targets: targets, predictions: predictions), 0.42000000000000004, tol)
        expectClose(try RegressionMetrics.rootMeanSquaredError(targets: targets, predictions: predictions), 0.5495452665613635, tol)
        expectClose(try RegressionMetrics.meanAbsolutePercentageError(targets: targets, predictions: predictions), 90071992547410.19, tol)
        expectClose(try RegressionMetrics.r2(targets: targets, predictions: predictions), 0.9578212290502793, tol)
    }

    @Test func constantTargetsFollowForceFinite() throws {
        #expect(try RegressionMetrics.r2(targets: [2, 2], predictions: [2, 2]) == 1)
        #expect(try RegressionMetrics.r2(targets: [2, 2], predictions: [2, 3]) == 0)
    }
}

@Suite struct MetricPropertyTests {
    /// A deterministic shuffle (SplitMix64-driven Fisher–Yates) for permutation checks.
    static func permutation(_ n: Int, seed: UInt64) -> [Int] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var p = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(next() % UInt64(i + 1))) }
        return p
    }

    static func data(_ n: Int, seed: UInt64, distinct: Int) -> ([Double], [Int]) {
        let p = permutation(n, seed: seed)
        let scores = p.map { Double($0 % distinct) / Double(distinct) }
        let labels = p.map { ($0 * 7 + 3) % 5 < 2 ? 1 : 0 }
        return (scores, labels)
    }

    @Test(arguments: [5, 97, 5000])
    func binaryMetricsArePermutationInvariant(distinct: Int) throws {
        let (scores, labels) = Self.data(3000, seed: 11, distinct: distinct)
        let perm = Self.permutation(scores.count, seed: 99)
        let s2 = perm.map { scores[$0] }
        let y2 = perm.map { labels[$0] }
        let r1 = try BinaryMetrics.report(scores: scores, labels: labels, threshold: 0.5)
        let r2 = try BinaryMetrics.report(scores: s2, labels: y2, threshold: 0.5)
        #expect(r1.rocAUC == r2.rocAUC)
        #expect(r1.averagePrecision == r2.averagePrecision)
        #expect(r1.confusion == r2.confusion)
        expectClose(r1.logLoss ?? .nan, r2.logLoss ?? .nan, .relative(1e-13))
        expectClose(r1.brierScore ?? .nan, r2.brierScore ?? .nan, .relative(1e-13))
        #expect(try BinaryMetrics.rocCurve(scores: scores, labels: labels) == BinaryMetrics.rocCurve(scores: s2, labels: y2))
        let e1 = try CalibrationMetrics.expectedCalibrationError(probabilities: scores, labels: labels)
        let e2 = try CalibrationMetrics.expectedCalibrationError(probabilities: s2, labels: y2)
        expectClose(e1, e2, .absolute(1e-14))
    }

    @Test func rocAUCMatchesPairCounting() throws {
        // AUC = P(score⁺ > score⁻) + ½ P(tie), by brute force over all pairs.
        let (scores, labels) = Self.data(400, seed: 5, distinct: 13)
        var wins = 0.0
        var pairs = 0.0
        for i in scores.indices where labels[i] == 1 {
            for j in scores.indices where labels[j] == 0 {
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
                pairs += 1
            }
        }
        expectClose(try BinaryMetrics.rocAUC(scores: scores, labels: labels), wins / pairs, .absolute(1e-15))
    }

    @Test func radixSortedRankingMatchesLargeInput() throws {
        // Above the radix-sort cut-over, negative/positive zero and infinities-free extremes.
        var scores = (0..<20_000).map { Double($0 % 1013) - 500.5 }
        scores[0] = -0.0
        scores[1] = 0.0
        scores[2] = -Double.greatestFiniteMagnitude
        scores[3] = Double.leastNonzeroMagnitude
        let labels = scores.indices.map { ($0 * 31) % 7 < 3 ? 1 : 0 }
        let sweep = try RankedBinaryScores(scores: scores, labels: labels).thresholdSweep()
        let distinct = Set(scores.map { $0 + 0.0 }).sorted(by: >)
        #expect(sweep.points.map(\.threshold) == distinct)
        let last = sweep.points.last?.confusion
        #expect(last?.predictedPositiveCount == scores.count)
    }

    @Test func multiclassMetricsArePermutationInvariant() throws {
        let n = 300
        let labels = (0..<n).map { ($0 * 13) % 3 }
        let rows: [[Double]] = (0..<n).map { i in
            let a = Double((i * 37) % 11) + 1, b = Double((i * 17) % 7) + 1, c = Double(labels[i] * 4 + 1)
            let s = a + b + c
            return [a / s, b / s, c / s]
        }
        let perm = Self.permutation(n, seed: 3)
        let r1 = try MulticlassMetrics.report(probabilities: rows, labels: labels)
        let r2 = try MulticlassMetrics.report(probabilities: perm.map { rows[$0] }, labels: perm.map { labels[$0] })
        #expect(r1.confusion == r2.confusion)
        #expect(r1.rocAUCOneVsRestMacro == r2.rocAUCOneVsRestMacro)
        expectClose(r1.logLoss, r2.logLoss, .relative(1e-13))
    }

    @Test func macroAveragesSkipClassesNeitherPresentNorPredicted() throws {
        // sklearn: f1_score([0,1,0,1], [0,1,1,1], average="macro") = 0.7333…; a third, unused
        // class does not change it.
        let m = try MulticlassConfusionMatrix(predicted: [0, 1, 1, 1], labels: [0, 1, 0, 1], classCount: 3)
        expectClose(m.macroF1, 0.7333333333333334, .absolute(1e-15))
        #expect(m.f1Scores[2] == 0 && m.presentClasses == [0, 1])
        expectClose(m.minimumClassF1, 0.6666666666666666, .absolute(1e-15))
    }
}

@Suite struct SharedConformanceTests {
    @Test func metricsPassTheSharedPermutationCheck() throws {
        let (s, y) = MetricPropertyTests.data(2000, seed: 21, distinct: 50)
        try expectPermutationInvariant(rows: y.count) { o in try BinaryMetrics.rocAUC(scores: o.map { s[$0] }, labels: o.map { y[$0] }) }
        try expectPermutationInvariant(rows: y.count) { o in try BinaryMetrics.averagePrecision(scores: o.map { s[$0] }, labels: o.map { y[$0] }) }
        try expectPermutationInvariant(rows: y.count, tolerance: .absolute(1e-14)) { o in
            try CalibrationMetrics.maximumCalibrationError(probabilities: o.map { s[$0] }, labels: o.map { y[$0] })
        }
        try expectPermutationInvariant(rows: y.count, tolerance: .absolute(1e-14)) { o in
            try RegressionMetrics.r2(targets: o.map { Double(y[$0]) }, predictions: o.map { s[$0] })
        }
    }
}
