import MLCalibration
import MLTesting
import Testing

@Suite struct IsotonicTests {
    static let x = [0.1, 0.2, 0.2, 0.3, 0.5, 0.5, 0.5, 0.7, 0.9, 0.95, 0.3, 0.4]
    static let y = [0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0]
    static let w = [1, 2, 1, 0.5, 1, 1, 3, 1, 0, 1, 2, 1.5]
    static let probes = [0.0, 0.15, 0.25, 0.45, 0.6, 0.93, 1.0]
    static let small = IsotonicCalibration(allowSmallSample: true)

    @Test func weightedFitMatchesScikitLearn() throws {
        // sklearn IsotonicRegression(out_of_bounds="clip").fit(x, y, sample_weight=w)
        let c = try Self.small.fit(scores: Self.x, labels: Self.y, weights: Self.w)
        #expect(c.thresholdsX == [0.1, 0.2, 0.7, 0.95])
        expectClose(c.thresholdsY, [0.0, 0.46153846153846156, 0.46153846153846156, 1.0], .absolute(1e-15))
        expectClose(
            c.calibrated(Self.probes),
            [0.0, 0.2307692307692307, 0.46153846153846156, 0.46153846153846156, 0.46153846153846156, 0.9569230769230771, 1.0],
            .absolute(1e-15))
    }

    @Test func decreasingWithBoundsMatchesScikitLearn() throws {
        // sklearn IsotonicRegression(increasing=False, out_of_bounds="clip", y_min=0.1, y_max=0.9).fit(x, 1 - y)
        let config = IsotonicCalibration(increasing: false, yMin: 0.1, yMax: 0.9, allowSmallSample: true)
        let c = try config.fit(scores: Self.x, labels: Self.y.map { 1 - $0 })
        #expect(c.thresholdsX == [0.1, 0.2, 0.4, 0.5, 0.7, 0.9, 0.95])
        expectClose(c.thresholdsY, [0.9, 0.6, 0.6, 0.5, 0.5, 0.1, 0.1], .absolute(1e-15))
        expectClose(c.calibrated(Self.probes), [0.9, 0.75, 0.6, 0.55, 0.5, 0.1, 0.1], .absolute(1e-15))
    }

    @Test func scoresWithin1e15AreMergedAsScikitLearn() throws {
        // sklearn merges 0.5 and 0.5+4e-16 and also 0.5+2e-15? No: only gaps < 1e-15 from the
        // group's first score merge. Its knots here are [0.5, 0.7] with values [0.5, 0.5].
        let c = try Self.small.fit(scores: [0.5, 0.5 + 4e-16, 0.5 + 2e-15, 0.7], labels: [0, 1, 1, 0])
        #expect(c.thresholdsX == [0.5, 0.7])
        #expect(c.thresholdsY == [0.5, 0.5])
    }

    @Test func outOfBoundsAndNaN() throws {
        let clip = try Self.small.fit(scores: [0.2, 0.4, 0.6, 0.8], labels: [0, 0, 1, 1])
        #expect(clip.calibrated(-5) == 0 && clip.calibrated(5) == 1)
        #expect(clip.calibrated(Double.nan).isNaN)
        var config = Self.small
        config.outOfBounds = .nan
        let nanOutside = try config.fit(scores: [0.2, 0.4, 0.6, 0.8], labels: [0, 0, 1, 1])
        #expect(nanOutside.calibrated(0.1).isNaN && nanOutside.calibrated(0.9).isNaN)
        #expect(nanOutside.calibrated(0.2) == 0 && nanOutside.calibrated(0.8) == 1)
        let constant = try Self.small.fit(scores: [0.3, 0.3, 0.3], labels: [0, 1, 1])
        #expect(constant.thresholdsX == [0.3])
        expectClose(constant.calibrated(0.9), 2.0 / 3.0, .absolute(1e-16))
    }

    @Test func isMonotoneOnRandomData() throws {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let scores = (0..<5000).map { _ in next() }
        let labels = scores.map { next() < $0 * 0.8 + 0.1 ? 1 : 0 }
        let c = try IsotonicCalibration().fit(scores: scores + scores, labels: labels + labels.map { 1 - $0 })
        let grid = (0...2000).map { Double($0) / 1000 - 0.5 }
        let out = c.calibrated(grid)
        for i in 1..<out.count { #expect(out[i] >= out[i - 1]) }
        #expect(out.allSatisfy { $0 >= 0 && $0 <= 1 })
        let fitted = try IsotonicCalibration().fit(scores: scores + scores, labels: labels + labels)
        let outFitted = fitted.calibrated(scores.sorted())
        for i in 1..<outFitted.count { #expect(outFitted[i] >= outFitted[i - 1]) }
    }

    @Test func smallSampleIsRefusedUnlessAllowed() throws {
        let scores = (0..<1500).map { Double($0) / 1500 }
        let labels = scores.map { $0 > 0.6 ? 1 : 0 }  // 599 positives
        #expect {
            try IsotonicCalibration().fit(scores: scores, labels: labels)
        } throws: { ($0 as? CalibrationError)?.code == .smallSample }
        _ = try IsotonicCalibration(allowSmallSample: true).fit(scores: scores, labels: labels)
        _ = try IsotonicCalibration(minimumSamplesPerClass: 500).fit(scores: scores, labels: labels)
    }

    @Test func invalidInputIsTyped() {
        func code(_ body: () throws -> Any) -> CalibrationError.Code? {
            do { _ = try body(); return nil } catch { return (error as? CalibrationError)?.code }
        }
        let c = Self.small
        #expect(code { try c.fit(scores: [], labels: []) } == .invalidInput)
        #expect(code { try c.fit(scores: [0.1, .nan], labels: [0, 1]) } == .invalidInput)
        #expect(code { try c.fit(scores: [0.1, 0.2], labels: [0, 2]) } == .invalidInput)
        #expect(code { try c.fit(scores: [0.1, 0.2], labels: [0]) } == .invalidInput)
        #expect(code { try c.fit(scores: [0.1, 0.2], labels: [0, 1], weights: [0, 0]) } == .invalidInput)
        #expect(code { try c.fit(scores: [0.1, 0.2], labels: [0, 1], weights: [1, -1]) } == .invalidInput)
        #expect(code { try IsotonicCalibration(yMin: 0.8, yMax: 0.2, allowSmallSample: true).fit(scores: [0.1, 0.2], labels: [0, 1]) } == .invalidConfiguration)
        #expect(code { try IsotonicCalibrator(thresholdsX: [0.1, 0.2], thresholdsY: [0.6, 0.4]) } == .verificationFailed)
        #expect(code { try IsotonicCalibrator(thresholdsX: [0.2, 0.1], thresholdsY: [0.4, 0.6]) } == .verificationFailed)
        #expect(code { try IsotonicCalibrator(thresholdsX: [0.1, 0.2], thresholdsY: [0.4, 1.2]) } == .verificationFailed)
        #expect(code { try IsotonicCalibrator(thresholdsX: [], thresholdsY: []) } == .verificationFailed)
        #expect(code { try IsotonicCalibrator(thresholdsX: [0.1, .infinity], thresholdsY: [0.4, 0.5]) } == .verificationFailed)
    }
}

@Suite struct IsotonicBatchTests {
    @Test func batchEqualsSingleEverywhere() throws {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let scores = (0..<3000).map { _ in (next() * 100).rounded() / 100 }
        let labels = scores.map { next() < $0 ? 1 : 0 }
        for outOfBounds in [IsotonicCalibration.OutOfBounds.clip, .nan] {
            let c = try IsotonicCalibration(outOfBounds: outOfBounds, allowSmallSample: true).fit(scores: scores, labels: labels)
            let probes = scores + c.thresholdsX + [-1, 2, .nan, -0.0, 0, 1, 0.005, 0.995] + (0..<500).map { _ in next() * 1.2 - 0.1 }
            let batch = c.calibrated(probes)
            let single = probes.map { c.calibrated($0) }
            #expect(batch.count == single.count)
            for (b, s) in zip(batch, single) { #expect(b.bitPattern == s.bitPattern || (b.isNaN && s.isNaN)) }
            // Exactly at a knot the value is the knot's (interp1d may differ by an ulp: tolerance).
            expectClose(c.calibrated(c.thresholdsX), c.thresholdsY, .absolute(1e-15))
        }
    }
}

/// The shared conformance checks (MLTesting) over every calibrator kind.
@Suite struct CalibratorConformanceTests {
    @Test func everyCalibratorIsMonotoneIntoUnitInterval() throws {
        let scores = (0..<400).map { Double(($0 * 37) % 400) / 400 }
        let labels = scores.indices.map { (($0 * 7919) % 100) < Int(scores[$0] * 100) ? 1 : 0 }
        let grid = (0...1200).map { Double($0) / 1000 - 0.1 } + [-1e300, 1e300]
        let isotonic = try IsotonicCalibration(allowSmallSample: true).fit(scores: scores, labels: labels)
        let platt = try SigmoidCalibration().fit(scores: scores, labels: labels)
        expectMonotoneCalibration({ isotonic.calibrated($0) }, over: grid, "isotonic")
        expectMonotoneCalibration({ platt.calibrated($0) }, over: grid, "sigmoid")
        expectMonotoneCalibration({ BinaryCalibrator.isotonic(isotonic).calibrated($0) }, over: grid, "wrapped")
        let decreasing = try IsotonicCalibration(increasing: false, allowSmallSample: true).fit(scores: scores, labels: labels.map { 1 - $0 })
        expectMonotoneCalibration({ decreasing.calibrated($0) }, over: grid, increasing: false, "decreasing isotonic")
    }

    @Test func fitsArePermutationInvariant() throws {
        let scores = (0..<300).map { Double(($0 * 53) % 97) / 97 }
        let labels = scores.indices.map { scores[$0] + Double(($0 * 31) % 7) / 10 - 0.3 > 0.5 ? 1 : 0 }
        try expectPermutationInvariant(rows: scores.count) { order in
            let c = try IsotonicCalibration(allowSmallSample: true).fit(scores: order.map { scores[$0] }, labels: order.map { labels[$0] })
            return c.calibrated(0.37) + 10 * Double(c.thresholdsX.count)
        }
        try expectPermutationInvariant(rows: scores.count, tolerance: .absolute(1e-12)) { order in
            try SigmoidCalibration().fit(scores: order.map { scores[$0] }, labels: order.map { labels[$0] }).calibrated(0.37)
        }
    }
}
