import MLCore

extension DataFiles {
    /// Writes a prediction table whose first column holds labels (ONNX classifiers and anomaly
    /// detectors: `label,p0..` / `label,score`). CSV writes the labels as text (through MLCore's
    /// `CSVWriter`, quoted only where RFC 4180 needs it); `.npy` (float64) needs numeric labels.
    /// - Throws: `InputError` for string labels into `.npy`; `DataFormatError` when writing fails.
    static func writeLabeledTable(path: String, header: [String], labels: [String], scores: Matrix<Double>) throws {
        let width = scores.columns
        if path.lowercased().hasSuffix(".npy") {
            var values: [Double] = []
            values.reserveCapacity(scores.rows * (width + 1))
            for r in 0..<scores.rows {
                guard let label = Double(labels[r]) else {
                    throw InputError("label '\(labels[r])' is not numeric: write string labels to a .csv file")
                }
                values.append(label)
                values.append(contentsOf: scores.row(r))
            }
            try Matrix<Double>(rows: scores.rows, columns: width + 1, elements: values).writeNPY(toFile: path)
            return
        }
        // Integer class labels are written as numbers (`1`), other labels as text.
        let integers = labels.map { Int($0) }
        var columns: [Column] = [integers.allSatisfy { $0 != nil } ? .int(integers) : .string(labels)]
        for j in 0..<width { columns.append(.double(scores.column(j))) }
        try CSVWriter().write(try Table(names: header, columns: columns), to: path)
    }
}
