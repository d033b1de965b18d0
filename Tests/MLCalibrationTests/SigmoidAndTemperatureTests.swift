import MLCalibration
import MLCore
import MLTesting
import Testing

@Suite struct SigmoidTests {
    static let scores = [0.1, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.2, 0.65]
    static let labels = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]

    @Test func fitIsIncreasingAndScaleInvariant() throws {
        let c = try SigmoidCalibration().fit(scores: Self.scores, labels: Self.labels)
        #expect(c.a < 0)
        let grid = (0...100).map { Double($0) / 100 }
        let out = c.calibrated(grid)
        for i in 1..<out.count { #expect(out[i] > out[i - 1]) }
        // max|f| ≥ 30 triggers scikit-learn's rescaling; the optimum is the same.
        let scaled = try SigmoidCalibration().fit(scores: Self.scores.map { $0 * 100 }, labels: Self.labels)
        expectClose(scaled.a * 100, c.a, .relative(1e-10))
        expectClose(scaled.b, c.b, .relative(1e-10))
        // Weights of 2 are the same as duplicated rows.
        let weighted = try SigmoidCalibration().fit(scores: Self.scores, labels: Self.labels, weights: Array(repeating: 2, count: 12))
        let duplicated = try SigmoidCalibration().fit(scores: Self.scores + Self.scores, labels: Self.labels + Self.labels)
        expectClose(weighted.a, duplicated.a, .relative(1e-12))
        // Extreme scores do not overflow.
        #expect(c.calibrated(-1e308).isFinite && c.calibrated(1e308).isFinite)
    }

    @Test func refusesMapsThatAreNotIncreasing() {
        #expect { try SigmoidCalibration().fit(scores: Self.scores, labels: Self.labels.map { 1 - $0 }) } throws: {
            ($0 as? CalibrationError)?.code == .fitFailed
        }
        #expect { try SigmoidCalibration().fit(scores: [0.5, 0.5, 0.5], labels: [0, 1, 1]) } throws: {
            ($0 as? CalibrationError)?.code == .fitFailed
        }
        #expect { try SigmoidCalibrator(a: 0.5, b: 0) } throws: { ($0 as? CalibrationError)?.code == .verificationFailed }
        #expect { try SigmoidCalibrator(a: -.infinity, b: 0) } throws: { ($0 as? CalibrationError)?.code == .verificationFailed }
        #expect { try SigmoidCalibration().fit(scores: [0.1, .infinity], labels: [0, 1]) } throws: {
            ($0 as? CalibrationError)?.code == .invalidInput
        }
    }
}

@Suite struct TemperatureTests {
    static func logits() throws -> Matrix<Double> {
        try Matrix<Double>([
        [2.0, 0.5, -1.0], [0.1, 1.2, 0.3], [3.0, -2.0, 0.0], [0.5, 0.4, 0.6], [-1.0, 2.5, 0.2],
        [1.0, 1.0, 3.0], [2.2, 2.1, -0.5], [0.0, -1.0, 1.5], [4.0, 0.0, 0.0], [-0.5, 0.5, 0.1],
        ])
    }
    static let labels = [0, 1, 0, 2, 1, 2, 1, 2, 0, 0]

    @Test func matchesTheExactOptimum() throws {
        // Exact Newton optimum β = 1.7123252067465218 (scikit-learn's bounded Brent: 1.71232522…).
        let t = try TemperatureScaling().fit(logits: try Self.logits(), labels: Self.labels)
        expectClose(1 / t.temperature, 1.7123252067465218, .relative(1e-12))
        expectClose(1 / t.temperature, 1.7123252257154213, .absolute(1e-6))
        let p = try t.probabilities(logits: [2.0, 0.5, -1.0])
        expectClose(p, [0.9237646573418615, 0.07080782585270644, 0.005427516805432125], .absolute(1e-12))
        let all = try t.probabilities(logits: try Self.logits())
        for i in 0..<all.rows {
            let row = Array(all.elements[(i * 3)..<(i * 3 + 3)])
            expectClose(row.reduce(0, +), 1, .absolute(1e-15))
            // Arg-max never changes.
            let original = Array(try Self.logits().elements[(i * 3)..<(i * 3 + 3)])
            #expect(row.firstIndex(of: row.max() ?? 0) == original.firstIndex(of: original.max() ?? 0))
        }
    }

    @Test func separableDataHitsTheBound() throws {
        let logits = try Matrix<Double>([[3, 0], [0, 3], [2, 1], [1, 2]])
        let t = try TemperatureScaling().fit(logits: logits, labels: [0, 1, 0, 1])
        expectClose(t.temperature, 4.5399929762484854e-05, .relative(1e-12))  // e^-10
        let probabilities = try Matrix<Double>([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
        let fromP = try TemperatureScaling().fit(probabilities: probabilities, labels: [0, 1, 1, 0])
        #expect(fromP.temperature > 1)  // the model is over-confident on these labels: soften
    }

    @Test func invalidInput() throws {
        #expect { try TemperatureScaling().fit(logits: try Self.logits(), labels: [0]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
        #expect { try TemperatureScaling().fit(logits: Matrix<Double>([[1], [2]]), labels: [0, 0]) } throws: {
            ($0 as? CalibrationError)?.code == .invalidInput
        }
        #expect { try TemperatureCalibrator(temperature: 0, classCount: 3) } throws: { ($0 as? CalibrationError)?.code == .verificationFailed }
        let t = try TemperatureCalibrator(temperature: 2, classCount: 3)
        #expect { try t.probabilities(logits: [1, 2]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
    }
}
