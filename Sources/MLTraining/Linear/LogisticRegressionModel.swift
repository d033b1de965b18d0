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

    init(
        classCount: Int, featureNames: [String], means: [Double], scales: [Double], coefficients: [Double], intercepts: [Double],
        objectiveValue: Double, iterations: Int, converged: Bool, solver: String, standardized: Bool
    ) {
        self.classCount = classCount
        self.featureNames = featureNames
        self.means = means
        self.scales = scales
        self.coefficients = coefficients
        self.intercepts = intercepts
        self.objectiveValue = objectiveValue
        self.iterations = iterations
        self.converged = converged
        self.solver = solver
        self.standardized = standardized
    }

    enum CodingKeys: String, CodingKey {
        case classCount, featureNames, means, scales, coefficients, intercepts, objectiveValue, iterations, converged, solver, standardized
    }

    /// Decodes and checks that the arrays fit the feature and class counts (so `predict` cannot
    /// index outside them).
    /// - Throws: `DecodingError.dataCorrupted` naming the mismatch.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let classes = try c.decode(Int.self, forKey: .classCount)
        let names = try c.decode([String].self, forKey: .featureNames)
        let means = try c.decode([Double].self, forKey: .means)
        let scales = try c.decode([Double].self, forKey: .scales)
        let coefficients = try c.decode([Double].self, forKey: .coefficients)
        let intercepts = try c.decode([Double].self, forKey: .intercepts)
        let rows = classes == 2 ? 1 : classes
        let (product, overflow) = rows.multipliedReportingOverflow(by: names.count)
        guard (2...GBDTTrainer.maxClasses).contains(classes), !overflow, means.count == names.count, scales.count == names.count,
            coefficients.count == product, intercepts.count == rows
        else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "logistic regression arrays do not fit \(names.count) features and \(classes) classes"))
        }
        self.init(
            classCount: classes, featureNames: names, means: means, scales: scales, coefficients: coefficients, intercepts: intercepts,
            objectiveValue: try c.decode(Double.self, forKey: .objectiveValue), iterations: try c.decode(Int.self, forKey: .iterations),
            converged: try c.decode(Bool.self, forKey: .converged), solver: try c.decode(String.self, forKey: .solver),
            standardized: try c.decode(Bool.self, forKey: .standardized))
    }

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
