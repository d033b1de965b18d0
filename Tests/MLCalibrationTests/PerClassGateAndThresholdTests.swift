import Foundation
import MLCalibration
import MLCore
import MLMetrics
import MLTesting
import Testing

@Suite struct PerClassCalibrationTests {
    /// Deterministic 3-class probabilities, over-confident on purpose.
    static func data(_ n: Int) throws -> (Matrix<Double>, [Int]) {
        var state: UInt64 = 99
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rows: [[Double]] = []
        var labels: [Int] = []
        for _ in 0..<n {
            let label = Int(next() * 3) % 3
            var logits = (0..<3).map { _ in next() * 4 }
            logits[label] += next() * 3
            let m = logits.max() ?? 0
            let e = logits.map { Foundation.exp(3 * ($0 - m)) }
            rows.append(e.map { $0 / e.reduce(0, +) })
            labels.append(label)
        }
        return (try Matrix(rows), labels)
    }

    @Test func rowsSumToOneAndUniformWhenAllZero() throws {
        let (p, y) = try Self.data(600)
        let calibrator = try PerClassCalibration(method: .isotonic(IsotonicCalibration(allowSmallSample: true))).fit(probabilities: p, labels: y)
        let out = try calibrator.probabilities(p)
        for i in 0..<out.rows {
            expectClose(out.elements[(i * 3)..<(i * 3 + 3)].reduce(0, +), 1, .absolute(1e-12))
        }
        // A calibrator that maps everything to 0 gives the uniform distribution.
        let zero = try IsotonicCalibrator(thresholdsX: [0, 1], thresholdsY: [0, 0])
        let allZero = try PerClassCalibrator(calibrators: [.isotonic(zero), .isotonic(zero), .isotonic(zero)])
        #expect(try allZero.probabilities([0.2, 0.3, 0.5]) == [1.0 / 3, 1.0 / 3, 1.0 / 3])
        // Sigmoid per class.
        let platt = try PerClassCalibration(method: .sigmoid(SigmoidCalibration())).fit(probabilities: p, labels: y)
        let row = try platt.probabilities([0.7, 0.2, 0.1])
        expectClose(row.reduce(0, +), 1, .absolute(1e-15))
        #expect(row[0] > row[1] && row[1] > row[2])
    }

    @Test func isotonicRefusesSmallClasses() throws {
        let (p, y) = try Self.data(600)
        #expect { try PerClassCalibration().fit(probabilities: p, labels: y) } throws: {
            ($0 as? CalibrationError)?.code == .smallSample
        }
        #expect { try PerClassCalibration().fit(probabilities: p, labels: y.map { $0 == 2 ? 0 : $0 }) } throws: {
            ($0 as? CalibrationError)?.code == .invalidInput  // class 2 absent
        }
        let c = try PerClassCalibration(method: .sigmoid(SigmoidCalibration())).fit(probabilities: p, labels: y)
        #expect { try c.probabilities([0.5, 0.5]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
        #expect { try c.probabilities([0.5, .nan, 0.5]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
    }
}

@Suite struct CalibrationGateTests {
    static func fixture(_ name: String) throws -> (train: ([Double], [Int]), test: ([Double], [Int])) {
        let train = try NumericCSV(path: fixtures.path("calibration/\(name)/train.csv"))
        let test = try NumericCSV(path: fixtures.path("calibration/\(name)/test.csv"))
        return ((try train.column("score"), try train.intColumn("y")), (try test.column("score"), try test.intColumn("y")))
    }

    @Test func acceptsAnImprovingCalibratorWithValues() throws {
        let data = try Self.fixture("calib_overconfident")
        let platt = try SigmoidCalibration().fit(scores: data.train.0, labels: data.train.1)
        let report = try CalibrationGate().evaluate(platt, scores: data.test.0, labels: data.test.1)
        #expect(report.accepted, "\(report.reasons)")
        #expect(report.reasons.isEmpty)
        let ece = try #require(report.check("ece"))
        expectClose(ece.before, 0.1474239888355655, .absolute(1e-12))
        expectClose(ece.after, 0.08714099384062692, .absolute(1e-6))
        let brier = try #require(report.check("brier_score"))
        expectClose(brier.before, 0.2285242606172891, .absolute(1e-12))
        #expect(report.check("log_loss").map { $0.after < $0.before } == true)
    }

    @Test func refusesACalibratorThatHurtsAndSaysWhy() throws {
        let data = try Self.fixture("calib_overconfident")
        // Isotonic with knots at exactly 0 and 1: confident mistakes blow up log loss.
        let isotonic = try IsotonicCalibration(allowSmallSample: true).fit(scores: data.train.0, labels: data.train.1)
        let report = try CalibrationGate().evaluate(isotonic, scores: data.test.0, labels: data.test.1)
        let logLoss = try #require(report.check("log_loss"))
        if !logLoss.passed {
            #expect(!report.accepted && report.reasons.contains { $0.hasPrefix("log loss fails") })
        }
        // A flattening calibrator makes everything ~0.5: ECE may improve, Brier/log loss not.
        let flat = try SigmoidCalibrator(a: -1e-3, b: 0)
        let flatReport = try CalibrationGate().evaluate(flat, scores: data.test.0, labels: data.test.1)
        #expect(!flatReport.accepted)
        #expect(!flatReport.reasons.isEmpty)
        // Strict ECE rule: identical before/after is not an improvement.
        let same = try CalibrationGate().evaluate(before: data.test.0, after: data.test.0, labels: data.test.1)
        #expect(!same.accepted && same.reasons.count == 1 && same.check("ece")?.passed == false)
    }

    @Test func multiclassGateAndInvalidInput() throws {
        let (p, y) = try PerClassCalibrationTests.data(900)
        let t = try TemperatureScaling().fit(probabilities: p, labels: y)
        let report = try CalibrationGate().evaluate(before: p, after: t.probabilities(probabilities: p), labels: y)
        #expect(report.checks.count == 3)
        #expect(report.check("log_loss").map { $0.after <= $0.before } == true)  // T minimises NLL
        #expect { try CalibrationGate().evaluate(before: [0.1], after: [0.2, 0.3], labels: [0]) } throws: {
            ($0 as? CalibrationError)?.code == .invalidInput
        }
        #expect { try CalibrationGate(binCount: 0).evaluate(before: [0.1], after: [0.2], labels: [0]) } throws: {
            ($0 as? CalibrationError)?.code == .invalidConfiguration
        }
        #expect { try CalibrationGate().evaluate(before: [0.1], after: [.nan], labels: [0]) } throws: {
            ($0 as? CalibrationError)?.code == .invalidInput
        }
    }
}

@Suite struct ThresholdPolicyTests {
    static let json = #"{"Groceries":0.70,"Dining":0.75}"#

    @Test func decodesAndDecides() throws {
        let thresholds = try JSONDecoder().decode(ClassThresholds.self, from: Data(Self.json.utf8))
        #expect(thresholds.values == ["Groceries": 0.70, "Dining": 0.75])
        let policy = try ThresholdPolicy(
            thresholds: thresholds, classNames: ["Groceries", "Dining", "Travel"], fallbackLabel: "Other", defaultThreshold: 0.9)
        #expect(try policy.decide([0.72, 0.20, 0.08]).label == "Groceries")
        #expect(try policy.decide([0.70, 0.25, 0.05]).label == "Groceries")  // ≥ threshold counts
        #expect(try policy.decide([0.20, 0.74, 0.06]) == ThresholdDecision(label: "Other", classIndex: nil, probability: nil))
        #expect(try policy.decide([0.20, 0.74, 0.06]).isFallback)
        #expect(try policy.decide([0.05, 0.05, 0.90]).label == "Travel")
        // Both clear: the higher probability wins; an exact tie goes to the first class.
        let lenient = try ThresholdPolicy(thresholds: ClassThresholds(["A": 0.1, "B": 0.1]), classNames: ["A", "B"], fallbackLabel: "none")
        #expect(try lenient.decide([0.4, 0.6]).label == "B")
        #expect(try lenient.decide([0.5, 0.5]).label == "A")
        // Round trip as the same plain object.
        let encoded = try JSONEncoder().encode(thresholds)
        #expect(try JSONDecoder().decode(ClassThresholds.self, from: encoded) == thresholds)
    }

    @Test func refusesBadThresholds() throws {
        #expect { try JSONDecoder().decode(ClassThresholds.self, from: Data(#"{"A":1.5}"#.utf8)) } throws: {
            ($0 as? CalibrationError)?.code == .invalidConfiguration
        }
        let thresholds = try ClassThresholds(["Groceries": 0.7, "Dining": 0.75])
        #expect { try ThresholdPolicy(thresholds: thresholds, classNames: ["Groceries", "Travel"], fallbackLabel: "Other") } throws: {
            ($0 as? CalibrationError)?.code == .unknownClass
        }
        #expect { try ThresholdPolicy(thresholds: thresholds, classNames: ["Groceries", "Dining", "Travel"], fallbackLabel: "Other") } throws: {
            ($0 as? CalibrationError)?.code == .unknownClass  // Travel has no threshold, no default
        }
        let policy = try ThresholdPolicy(thresholds: thresholds, classNames: ["Groceries", "Dining"], fallbackLabel: "Other")
        #expect { try policy.decide([0.5]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
        #expect { try policy.decide([.nan, 0.5]) } throws: { ($0 as? CalibrationError)?.code == .invalidInput }
    }
}
