import MLCore

/// Reads a feature matrix from `.npy` or CSV (by extension) and writes prediction tables.
enum DataFiles {
    static func readFeatures(path: String) throws -> Matrix<Float> {
        if path.lowercased().hasSuffix(".npy") { return try NumericNPY.read(path: path) }
        return try NumericCSV.read(path: path).matrix
    }

    static func writeTable(path: String, header: [String], rows: Int, values: [Double]) throws {
        if path.lowercased().hasSuffix(".npy") {
            try NumericNPY.write(path: path, rows: rows, columns: header.count, values: values)
        } else {
            try NumericCSV.write(path: path, header: header, values: values)
        }
    }
}
