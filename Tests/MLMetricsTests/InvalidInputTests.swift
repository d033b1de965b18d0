import Foundation
import MLCore
import MLMetrics
import Testing

/// Bad input throws a typed ``MetricError`` naming the argument and first offending index.
@Suite struct InvalidInputTests {
    func expectError(_ code: MetricError.Code, index: Int? = nil, _ body: () throws -> Any,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try body()
            Issue.record("expected \(code), nothing thrown", sourceLocation: sourceLocation)
        } catch let error as MetricError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let index { #expect(error.index == index, "\(error)", sourceLocation: sourceLocation) }
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func binary() {
        expectError(.emptyInput) { try BinaryMetrics.rocAUC(scores: [], labels: [Int]()) }
        expectError(.lengthMismatch) { try BinaryMetrics.rocAUC(scores: [0.1], labels: [0, 1]) }
        expectError(.invalidLabel, index: 2) { try BinaryMetrics.rocAUC(scores: [0.1, 0.2, 0.3], labels: [0, 1, 2]) }
        expectError(.invalidLabel, index: 0) { try BinaryMetrics.averagePrecision(scores: [0.1], labels: [-1]) }
        expectError(.nonFiniteValue, index: 1) { try BinaryMetrics.rocAUC(scores: [0.1, .nan, 0.3], labels: [0, 1, 1]) }
        expectError(.nonFiniteValue, index: 0) { try BinaryMetrics.rocAUC(scores: [.infinity, 0.3], labels: [0, 1]) }
        expectError(.undefinedMetric) { try BinaryMetrics.rocAUC(scores: [0.1, 0.2], labels: [1, 1]) }
        expectError(.undefinedMetric) { try BinaryMetrics.rocAUC(scores: [0.1, 0.2], labels: [0, 0]) }
        expectError(.undefinedMetric) { try BinaryMetrics.averagePrecision(scores: [0.1, 0.2], labels: [0, 0]) }
        expectError(.undefinedMetric) { try BinaryMetrics.rocCurve(scores: [0.1], labels: [1]) }
        expectError(.undefinedMetric) { try BinaryMetrics.precisionRecallCurve(scores: [0.1], labels: [0]) }
        expectError(.undefinedMetric) { try BinaryMetrics.report(scores: [0.1], labels: [0]) }
        expectError(.outOfRange, index: 1) { try BinaryMetrics.logLoss(probabilities: [0.5, 1.5], labels: [0, 1]) }
        expectError(.outOfRange, index: 0) { try BinaryMetrics.brierScore(probabilities: [-0.1], labels: [0]) }
        expectError(.nonFiniteValue, index: 0) { try BinaryMetrics.brierScore(probabilities: [.nan], labels: [0]) }
        expectError(.emptyInput) { try BinaryMetrics.logLoss(probabilities: [], labels: [Int]()) }
        expectError(.invalidArgument) { try BinaryMetrics.confusionMatrix(scores: [0.1], labels: [0], threshold: .nan) }
        expectError(.nonFiniteValue, index: 0) { try BinaryMetrics.confusionMatrix(scores: [.nan], labels: [0]) }
    }

    @Test func multiclass() throws {
        let p = try Matrix<Double>([[0.2, 0.8], [0.6, 0.4]])
        expectError(.invalidLabel, index: 1) { try MulticlassMetrics.report(probabilities: p, labels: [0, 2]) }
        expectError(.lengthMismatch) { try MulticlassMetrics.report(probabilities: p, labels: [0]) }
        expectError(.shapeMismatch, index: 1) { try MulticlassMetrics.logLoss(probabilities: [[0.5, 0.5], [1]], labels: [0, 1]) }
        expectError(.shapeMismatch) { try MulticlassMetrics.report(probabilities: Matrix<Double>([[1], [1]]), labels: [0, 0]) }
        expectError(.emptyInput) { try MulticlassMetrics.logLoss(probabilities: [[Double]](), labels: []) }
        expectError(.nonFiniteValue, index: 1) {
            try MulticlassMetrics.brierScore(probabilities: [[0.5, 0.5], [.nan, 0.5]], labels: [0, 1])
        }
        expectError(.outOfRange, index: 0) {
            try MulticlassMetrics.rocAUCOneVsRest(probabilities: [[0.5, 0.6], [0.5, 0.5]], labels: [0, 1])
        }
        expectError(.undefinedMetric) {
            try MulticlassMetrics.rocAUCOneVsRest(probabilities: [[0.5, 0.5, 0], [0.2, 0.8, 0]], labels: [0, 1])
        }
        expectError(.invalidArgument) { try MulticlassConfusionMatrix(predicted: [0], labels: [0], classCount: 1) }
        // The report leaves AUC out (nil) instead of throwing when a class is absent.
        let report = try MulticlassMetrics.report(probabilities: [[0.5, 0.5, 0], [0.2, 0.8, 0]], labels: [0, 1])
        #expect(report.rocAUCOneVsRestMacro == nil)
    }

    @Test func regressionCalibrationAndSignificance() {
        expectError(.emptyInput) { try RegressionMetrics.meanAbsoluteError(targets: [], predictions: []) }
        expectError(.lengthMismatch) { try RegressionMetrics.r2(targets: [1, 2], predictions: [1]) }
        expectError(.nonFiniteValue, index: 1) { try RegressionMetrics.meanSquaredError(targets: [1, .nan], predictions: [1, 2]) }
        expectError(.undefinedMetric) { try RegressionMetrics.r2(targets: [1], predictions: [1]) }
        expectError(.invalidArgument) { try CalibrationMetrics.expectedCalibrationError(probabilities: [0.5], labels: [1], binCount: 0) }
        expectError(.outOfRange, index: 0) { try CalibrationMetrics.expectedCalibrationError(probabilities: [1.01], labels: [1]) }
        expectError(.undefinedMetric) { try DeLongTest(scores1: [0.1, 0.2, 0.3], scores2: [0.1, 0.2, 0.3], labels: [0, 1, 1]) }
        expectError(.lengthMismatch) { try DeLongTest(scores1: [0.1, 0.2], scores2: [0.1], labels: [0, 1]) }
        expectError(.invalidArgument) { try TwoProportionZTest(successesA: 5, trialsA: 4, successesB: 1, trialsB: 2) }
        expectError(.invalidArgument) { try TwoProportionZTest(successesA: 0, trialsA: 0, successesB: 1, trialsB: 2) }
        expectError(.invalidArgument) { try PercentileBootstrap(level: 1).confidenceInterval(count: 3) { _ in 0 } }
        expectError(.undefinedMetric) {
            try PercentileBootstrap(replicates: 5).confidenceInterval(count: 3) { rows in
                if rows == [0, 1, 2] { return 1 }
                throw MetricError(.undefinedMetric, "always")
            }
        }
    }
}

/// Stored results decoded from outside (JSON) never trap, however hostile the numbers.
@Suite struct DecodedResultTests {
    @Test func hostileCountsDoNotTrap() throws {
        let json = #"{"trueNegatives":9223372036854775807,"falsePositives":9223372036854775807,"falseNegatives":1,"truePositives":9223372036854775807}"#
        let m = try JSONDecoder().decode(BinaryConfusionMatrix.self, from: Data(json.utf8))
        #expect(m.count == Int.max && m.f1.isFinite && m.accuracy.isFinite)
        let ragged = #"{"classCount":3,"counts":[[1,2,3],[4,5]]}"#
        #expect(throws: MetricError.self) { try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: Data(ragged.utf8)) }
        let negative = #"{"classCount":2,"counts":[[1,-2],[4,5]]}"#
        #expect(throws: MetricError.self) { try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: Data(negative.utf8)) }
        let valid = try MulticlassConfusionMatrix(predicted: [0, 1, 1], labels: [0, 1, 0], classCount: 2)
        #expect(try JSONDecoder().decode(MulticlassConfusionMatrix.self, from: JSONEncoder().encode(valid)) == valid)
        let curve = ROCCurve(falsePositiveRates: [0, 1, 1], truePositiveRates: [0], thresholds: [])
        #expect(curve.area == 0)
    }
}

extension DecodedResultTests {
    @Test func hostileSweepDoesNotTrap() throws {
        let json = #"{"thresholds":[0.9,0.1],"truePositives":[-9223372036854775808,1],"falsePositives":[1],"positiveCount":-9223372036854775808,"negativeCount":9223372036854775807}"#
        let sweep = try JSONDecoder().decode(ThresholdSweep.self, from: Data(json.utf8))
        #expect(sweep.count == 1 && sweep.points.count == 1)
        #expect(sweep.bestF1 != nil && sweep.bestYoudenJ != nil)
    }
}
