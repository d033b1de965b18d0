import MLCore
import MLModels

/// A trained logistic regression: what ``LogisticRegressionTrainer`` returns.
///
/// Coefficients are those of the standardized features `(x − mean) / scale` (scikit-learn's
/// `StandardScaler + LogisticRegression`); without standardization `mean` is 0 and `scale` 1.
/// ``onnx()`` writes it as skl2onnx does (`Scaler` then `LinearClassifier`), which is also
/// the graph inside the model file `mlctl train` writes.
public struct LogisticRegressionModel: Sendable, Equatable, Codable {
    /// Classes (2 for binary).
    public let classCount: Int
    /// Feature names, in column order.
    public let featureNames: [String]
    /// Per feature: the mean subtracted (0 without standardization).
    public let means: [Double]
    /// Per feature: the divisor (population standard deviation; 1 for a constant feature or
    /// without standardization).
    public let scales: [Double]
    /// `rows × features`, row-major: one row (the positive class's) for binary, one per class
    /// for multinomial.
    public let coefficients: [Double]
    /// One per coefficient row (multinomial: shifted to sum to 0, as scikit-learn reports them).
    public let intercepts: [Double]
    /// The objective at the optimum (see ``LogisticRegressionParameters``).
    public let objectiveValue: Double
    /// Solver iterations.
    public let iterations: Int
    /// Whether the gradient tolerance was reached.
    public let converged: Bool
    /// `newton`, `proximal_newton` or `lbfgs`.
    public let solver: String
    /// Whether the features are standardized inside the model.
    public let standardized: Bool

    /// Coefficient rows: 1 for binary, else ``classCount``.
    public var coefficientRows: Int { classCount == 2 ? 1 : classCount }

    /// Predictions of `x` (`rows × features`): binary P(class 1) per row; multinomial
    /// ``classCount`` probabilities per row (row-major). Computed in `Double`; the exported
    /// graph computes in `Float`.
    public func predict(_ x: Matrix<Float>) -> [Double] {
        let f = featureNames.count
        let k = coefficientRows
        var raw = [Double](repeating: 0, count: k * (f + 1))
        for r in 0..<k {
            var c = intercepts[r]
            for j in 0..<f {
                let w = coefficients[r * f + j] / scales[j]
                raw[r * (f + 1) + j] = w
                c -= means[j] * w
            }
            raw[r * (f + 1) + f] = c
        }
        var out = [Double](repeating: 0, count: x.rows * (k == 1 ? 1 : k))
        x.withUnsafeBufferPointer { xs in
            guard let xb = xs.baseAddress, x.columns == f else { return }
            var z = [Double](repeating: 0, count: k)
            for i in 0..<x.rows {
                let row = xb + i * f
                for r in 0..<k {
                    var s = raw[r * (f + 1) + f]
                    for j in 0..<f { s += Double(row[j]) * raw[r * (f + 1) + j] }
                    z[r] = s
                }
                if k == 1 {
                    out[i] = 1 / (1 + _Math.exp(-z[0]))
                } else {
                    let top = z.max() ?? 0
                    var total = 0.0
                    for r in 0..<k { total += _Math.exp(z[r] - top) }
                    for r in 0..<k { out[i * k + r] = _Math.exp(z[r] - top) / total }
                }
            }
        }
        return out
    }

    /// The model as an ONNX file (`Scaler` when standardized, then `LinearClassifier` with a
    /// logistic or softmax post-transform; outputs `label` and `probabilities`).
    /// - Throws: ``TrainingError`` `.modelExport` when the graph cannot be built.
    public func onnx() throws -> [UInt8] {
        do {
            return try ONNXExport.linearClassifier(
                ONNXExport.LinearClassifier(
                    featureCount: featureNames.count, classCount: classCount, coefficients: coefficients, intercepts: intercepts,
                    offset: standardized ? means : nil, scale: standardized ? scales.map { 1 / $0 } : nil))
        } catch {
            throw TrainingError(.modelExport, "the logistic regression has no ONNX form: \(error)")
        }
    }
}
