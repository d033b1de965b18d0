/// `[[Double]]` (array of rows) forms of the multiclass metrics; ragged rows throw
/// ``MetricError`` `.shapeMismatch` naming the first ragged row.
extension MulticlassMetrics {
    /// ``rocAUCOneVsRest(probabilities:labels:average:)-(Matrix<Double>,_,_)`` for an array of rows.
    public static func rocAUCOneVsRest(probabilities: [[Double]], labels: [Int], average: Average = .macro) throws
        -> Double
    {
        let rows = try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true)
        try rows.requireRowsSumToOne(for: "one-vs-rest ROC-AUC")
        return averaged(try perClassRocAUC(rows), labels: labels, classCount: rows.classCount, average: average)
    }

    /// ``logLoss(probabilities:labels:)-(Matrix<Double>,_)`` for an array of rows.
    public static func logLoss(probabilities: [[Double]], labels: [Int]) throws -> Double {
        logLoss(try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }

    /// ``brierScore(probabilities:labels:)-(Matrix<Double>,_)`` for an array of rows.
    public static func brierScore(probabilities: [[Double]], labels: [Int]) throws -> Double {
        brierScore(try _ProbabilityRows(probabilities, labels: labels, requireProbabilities: true))
    }
}
