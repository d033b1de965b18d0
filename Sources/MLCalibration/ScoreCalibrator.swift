/// A fitted, immutable map from a binary classifier's score to a calibrated probability of the
/// positive class.
///
/// Conformers (``IsotonicCalibrator``, ``SigmoidCalibrator``, ``BinaryCalibrator``) are
/// `Codable`, carry a content hash over their parameters, and verify both on decoding.
public protocol ScoreCalibrator: Sendable {
    /// The calibrated probability for one score, in `[0, 1]`; NaN for a NaN score.
    func calibrated(_ score: Double) -> Double

    /// Calibrated probabilities for many scores, element by element equal to the single-score
    /// form (a default implementation maps it; conformers may provide a faster one).
    func calibrated(_ scores: [Double]) -> [Double]

    /// Lowercase hexadecimal SHA-256 of the canonical encoding of the parameters.
    var contentHash: String { get }
}

extension ScoreCalibrator {
    /// Calibrated probabilities for many scores (NaN stays NaN).
    public func calibrated(_ scores: [Double]) -> [Double] {
        scores.map { calibrated($0) }
    }
}
