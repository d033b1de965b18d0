extension Table {
    /// The chosen numeric columns as a row-major `rowCount × names.count` matrix.
    ///
    /// Element `(i, j)` is row `i` of column `names[j]`. Missing values become NaN;
    /// `Int` values round to the nearest `Scalar` (exact up to 2⁵³ for `Double`, 2²⁴ for
    /// `Float`); `Double` columns round to nearest when `Scalar` is `Float`.
    ///
    /// ```swift
    /// let x = try table.matrix(Float.self, columns: ["f0", "f1", "f2"])
    /// ```
    /// - Parameters:
    ///   - scalar: `Float.self` or `Double.self`.
    ///   - names: the columns to take, in order; `nil` takes all columns. A name may repeat.
    /// - Throws: ``DataFormatError`` with code `.schema` for an unknown name, `.typeMismatch`
    ///   for a `String` column (`field` names the column in both cases).
    public func matrix<Scalar: MatrixScalar>(
        _ scalar: Scalar.Type = Scalar.self, columns names: [String]? = nil
    ) throws -> Matrix<Scalar> {
        let indices = try checkedIndices(names)
        let width = indices.count
        let rows = rowCount
        var out = [Scalar](repeating: .nan, count: rows * width)
        try out.withUnsafeMutableBufferPointer { dst in
            for (j, c) in indices.enumerated() {
                switch columns[c] {
                case .float(let v):
                    for i in 0..<rows { dst[i * width + j] = Scalar(v[i]) }
                case .double(let v):
                    for i in 0..<rows { dst[i * width + j] = Scalar(v[i]) }
                case .int(let v):
                    for i in 0..<rows { if let x = v[i] { dst[i * width + j] = Scalar(x) } }
                case .string:
                    throw DataFormatError(
                        .typeMismatch, "column '\(self.names[c])' holds text, not numbers",
                        column: c + 1, field: self.names[c])
                }
            }
        }
        return Matrix(uncheckedRows: rows, columns: width, elements: out)
    }
}
