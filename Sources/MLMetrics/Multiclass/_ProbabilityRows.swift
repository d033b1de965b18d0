import MLCore

/// A validated n × K matrix of class scores (row-major) with its labels.
struct _ProbabilityRows {
    let rows: Int
    let classCount: Int
    let values: [Double]
    let labels: [Int]

    /// Checks shape, labels in `0..<K`, finite values, and (when `probabilities`) values in [0, 1].
    init(_ matrix: Matrix<Double>, labels: [Int], requireProbabilities: Bool) throws {
        try _Validation.nonEmpty(matrix.rows, "probabilities")
        try _Validation.sameLength(matrix.rows, "probabilities (rows)", labels.count, "labels")
        guard matrix.columns >= 2 else {
            throw MetricError(
                .shapeMismatch, "multiclass scores need at least 2 columns, got \(matrix.columns)",
                argument: "probabilities")
        }
        rows = matrix.rows
        classCount = matrix.columns
        values = matrix.elements
        self.labels = labels
        try _Validation.classLabels(labels, classCount: classCount)
        for (i, v) in values.enumerated() {
            if !v.isFinite {
                throw MetricError(
                    .nonFiniteValue, "value in column \(i % classCount) is \(v)", argument: "probabilities",
                    index: i / classCount)
            }
            if requireProbabilities && (v < 0 || v > 1) {
                throw MetricError(
                    .outOfRange, "probability in column \(i % classCount) is \(v), outside [0, 1]",
                    argument: "probabilities", index: i / classCount)
            }
        }
    }

    init(_ rowArrays: [[Double]], labels: [Int], requireProbabilities: Bool) throws {
        let width = rowArrays.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == width else {
                throw MetricError(
                    .shapeMismatch, "row has \(row.count) columns, row 0 has \(width)", argument: "probabilities",
                    index: i)
            }
            flat += row
        }
        let matrix: Matrix<Double>
        do {
            matrix = try Matrix(rows: rowArrays.count, columns: width, elements: flat)
        } catch {
            throw MetricError(.shapeMismatch, "\(error)", argument: "probabilities")
        }
        try self.init(matrix, labels: labels, requireProbabilities: requireProbabilities)
    }

    /// Predicted class per row: the arg-max, the FIRST index winning ties (as `numpy.argmax`).
    func argmax() -> [Int] {
        var out = [Int](repeating: 0, count: rows)
        for i in 0..<rows {
            var best = 0
            var bestValue = values[i * classCount]
            for k in 1..<classCount where values[i * classCount + k] > bestValue {
                best = k
                bestValue = values[i * classCount + k]
            }
            out[i] = best
        }
        return out
    }

    func column(_ k: Int) -> [Double] {
        (0..<rows).map { values[$0 * classCount + k] }
    }

    /// Refuses rows that do not sum to 1 as `numpy.allclose(1, sum)` (|1 − s| ≤ 1e-8 + 1e-5·|s|).
    func requireRowsSumToOne(for metric: String) throws {
        for i in 0..<rows {
            var s = 0.0
            for k in 0..<classCount { s += values[i * classCount + k] }
            guard abs(1 - s) <= 1e-8 + 1e-5 * abs(s) else {
                throw MetricError(
                    .outOfRange, "\(metric) needs probabilities that sum to 1 per row; this row sums to \(s)",
                    argument: "probabilities", index: i)
            }
        }
    }
}
