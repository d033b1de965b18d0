import MLCore

/// Reads a feature matrix from `.npy` or CSV (by extension) and writes prediction tables,
/// through MLCore's NPY and CSV readers and writers.
enum DataFiles {
    /// Features as `Float`: CSV columns are taken by position after the header (all must be
    /// numeric; empty, `nan`, `NaN`, `NA` are missing); `.npy` must be 2-D (or 1-D: one column).
    static func readFeatures(path: String) throws -> Matrix<Float> {
        if path.lowercased().hasSuffix(".npy") { return try Matrix<Float>(contentsOfNPYFile: path) }
        let table = try CSVReader(numericType: .float).read(contentsOf: path)
        do {
            return try table.matrix(Float.self)
        } catch let error as DataFormatError {
            throw error.at(path: path)  // a text column: name the file as well as the column
        }
    }

    /// Writes `rows × header.count` row-major values as CSV (shortest round-trip text) or `.npy` (float64).
    static func writeTable(path: String, header: [String], rows: Int, values: [Double]) throws {
        let table = try Matrix<Double>(rows: rows, columns: header.count, elements: values)
        if path.lowercased().hasSuffix(".npy") {
            try table.writeNPY(toFile: path)
        } else {
            try CSVWriter().write(table, columnNames: header, to: path)
        }
    }
}
