import MLMetrics

/// Validation of calibration training data; every failure is a ``CalibrationError`` naming the
/// input and the first offending index.
enum _Inputs {
    static func binary(scores: [Double], labels: [Int], weights: [Double]?) throws -> [UInt8] {
        guard !scores.isEmpty else { throw CalibrationError(.invalidInput, "scores are empty", field: "scores") }
        guard scores.count == labels.count else {
            throw CalibrationError(
                .invalidInput, "scores has \(scores.count) elements but labels has \(labels.count)", field: "labels")
        }
        if let weights {
            guard weights.count == scores.count else {
                throw CalibrationError(
                    .invalidInput, "scores has \(scores.count) elements but weights has \(weights.count)", field: "weights")
            }
            for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
                throw CalibrationError(.invalidInput, "weight at index \(i) is \(w); weights must be finite and ≥ 0", field: "weights")
            }
        }
        for (i, s) in scores.enumerated() where !s.isFinite {
            throw CalibrationError(.invalidInput, "score at index \(i) is \(s); scores must be finite", field: "scores")
        }
        do {
            return try _Validation.binaryLabels(labels)
        } catch let error as MetricError {
            throw CalibrationError(.invalidInput, error.message, field: "labels", index: error.index)
        }
    }
}
