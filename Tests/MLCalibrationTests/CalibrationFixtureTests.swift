import MLCalibration
import MLMetrics
import MLTesting
import Testing

@Suite struct CalibrationFixtureTests {
    static let cases = ["calib_overconfident", "calib_tied_scores"]

    @Test(arguments: cases)
    func matchesScikitLearn(_ name: String) throws {
        let folder = "calibration/\(name)"
        let meta = try fixtures.json("\(folder)/meta.json")
        let tolerance = Tolerance.absolute(try FixtureLocator.double(meta, "tolerance_abs"))
        let fitTolerance = Tolerance.absolute(try FixtureLocator.double(meta, "tolerance_abs_sigmoid_fit"))
        let train = try NumericCSV(path: fixtures.path("\(folder)/train.csv"))
        let test = try NumericCSV(path: fixtures.path("\(folder)/test.csv"))
        let rows = try NumericCSV(path: fixtures.path("\(folder)/expected.csv"))
        let json = try fixtures.json("\(folder)/expected.json")
        let expected = ExpectedValues(name: name, object: json, tolerance: tolerance)
        let trainScores = try train.column("score"), trainLabels = try train.intColumn("y")
        let testScores = try test.column("score"), testLabels = try test.intColumn("y")
        #expect(try rows.column("score") == testScores)

        // Isotonic: knots and test predictions (the fixtures have < 1,000 rows per class).
        let isotonic = try IsotonicCalibration(allowSmallSample: true).fit(scores: trainScores, labels: trainLabels)
        expected.check("isotonic_X_thresholds", isotonic.thresholdsX)
        expected.check("isotonic_y_thresholds", isotonic.thresholdsY)
        expected.check("isotonic_X_min", isotonic.xMin)
        expected.check("isotonic_X_max", isotonic.xMax)
        let isotonicTest = isotonic.calibrated(testScores)
        let isotonicExpected = try rows.column("isotonic")
        expectClose(isotonicTest, isotonicExpected, tolerance, "\(name): expected.csv isotonic")

        // Sigmoid: our exact Newton optimum vs the fixture's Newton solve, and vs scikit-learn's
        // L-BFGS-B result within the fit tolerance; plugging scikit-learn's a/b in reproduces its
        // predictions within tolerance_abs.
        let platt = try SigmoidCalibration().fit(scores: trainScores, labels: trainLabels)
        expectClose(platt.a, try FixtureLocator.double(json, "sigmoid_newton_a"), .absolute(1e-9), "\(name): Newton a")
        expectClose(platt.b, try FixtureLocator.double(json, "sigmoid_newton_b"), .absolute(1e-9), "\(name): Newton b")
        expected.covered("sigmoid_newton_a")
        expected.covered("sigmoid_newton_b")
        expectClose(platt.a, try FixtureLocator.double(json, "sigmoid_a"), fitTolerance, "\(name): sklearn a")
        expectClose(platt.b, try FixtureLocator.double(json, "sigmoid_b"), fitTolerance, "\(name): sklearn b")
        expected.covered("sigmoid_a")
        expected.covered("sigmoid_b")
        let sklearnPlatt = try SigmoidCalibrator(a: try FixtureLocator.double(json, "sigmoid_a"), b: try FixtureLocator.double(json, "sigmoid_b"))
        let sigmoidExpected = try rows.column("sigmoid")
        let sigmoidTest = sklearnPlatt.calibrated(testScores)
        expectClose(sigmoidTest, sigmoidExpected, tolerance, "\(name): expected.csv sigmoid (sklearn a, b)")
        expectClose(platt.calibrated(testScores), sigmoidExpected, fitTolerance, "\(name): expected.csv sigmoid (own fit)")

        // ECE, reliability bins and Brier on the test set, before and after calibration.
        for (suffix, probabilities) in [("before", testScores), ("isotonic", isotonicTest), ("sigmoid", sigmoidTest)] {
            let diagram = try ReliabilityDiagram(probabilities: probabilities, labels: testLabels)
            expected.check("ece_\(suffix)", diagram.expectedCalibrationError)
            expected.check("brier_\(suffix)", try BinaryMetrics.brierScore(probabilities: probabilities, labels: testLabels))
            guard let bins = json["ece_bins_\(suffix)"] as? [[String: Any]] else {
                Issue.record("\(name): no ece_bins_\(suffix)")
                continue
            }
            #expect(bins.count == diagram.bins.count)
            for (stored, bin) in zip(bins, diagram.bins) {
                #expect((stored["bin"] as? Int) == bin.index)
                #expect((stored["count"] as? Int) == bin.count)
                for (key, value) in [("mean_pred", bin.meanPredicted), ("frac_pos", bin.observedFrequency)] {
                    if let number = stored[key] as? Double {
                        expectClose(value ?? .nan, number, tolerance, "\(name): ece_bins_\(suffix)[\(bin.index)].\(key)")
                    } else {
                        #expect(value == nil, "\(name): bin \(bin.index) \(key) should be null")
                    }
                }
            }
            expected.covered("ece_bins_\(suffix)")
        }
        expected.check("train_ece_before", try CalibrationMetrics.expectedCalibrationError(probabilities: trainScores, labels: trainLabels))
        expected.check("train_brier_before", try BinaryMetrics.brierScore(probabilities: trainScores, labels: trainLabels))
        expected.expectAllChecked()
        let csvDelta = zip(isotonicTest + sigmoidTest, isotonicExpected + sigmoidExpected).map { abs($0 - $1) }.max() ?? 0
        let ownFitDelta = zip(platt.calibrated(testScores), sigmoidExpected).map { abs($0 - $1) }.max() ?? 0
        print("fixture \(name): expected.csv max |Δ| = \(csvDelta); own Platt fit max |Δ| = \(ownFitDelta); Newton a/b |Δ| = \(abs(platt.a - (try FixtureLocator.double(json, "sigmoid_newton_a")))), \(abs(platt.b - (try FixtureLocator.double(json, "sigmoid_newton_b"))))")
    }
}
