import MLCore

/// The row-by-row application of a multiclass calibrator to an n × K matrix.
enum _ClassRows {
    /// `transform` applied to each row of `matrix`, which must have `classCount` columns.
    /// - Throws: ``CalibrationError`` `.invalidInput` naming `field` for another column count;
    ///   whatever `transform` throws.
    static func map(
        _ matrix: Matrix<Double>, classCount: Int, field: String, _ transform: ([Double]) throws -> [Double]
    ) throws -> Matrix<Double> {
        guard matrix.columns == classCount else {
            throw CalibrationError(.invalidInput, "\(matrix.columns) columns, calibrator has \(classCount) classes", field: field)
        }
        var out: [Double] = []
        out.reserveCapacity(matrix.elements.count)
        for i in 0..<matrix.rows {
            out += try transform(Array(matrix.elements[(i * classCount)..<((i + 1) * classCount)]))
        }
        return try Matrix(rows: matrix.rows, columns: classCount, elements: out)
    }
}
