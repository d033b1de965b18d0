import FoundationEssentials
import MLCore

extension DataFiles {
    /// Writes a prediction table whose first column holds labels (ONNX classifiers and anomaly
    /// detectors: `label,p0..` / `label,score`). CSV writes the labels as text; `.npy` (float64)
    /// needs numeric labels.
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
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(scores.rows * (width + 1) * 20)
        for r in 0..<scores.rows {
            out += labels[r]
            for v in scores.row(r) {
                out += ","
                if !v.isNaN { out += v.description }
            }
            out += "\n"
        }
        do {
            try Data(out.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataFormatError(.io, "cannot write the file", path: path)
        }
    }
}
