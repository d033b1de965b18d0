import MLCore

/// Features and labels read from a CSV (header) or NPY file for training.
public struct TrainingTable: Sendable, Equatable {
    /// The features, `rows × features.count`, NaN for missing.
    public let x: Matrix<Float>
    /// The labels (all 0 when the table was read without a label column).
    public let y: [Double]
    /// Whether a label column was read.
    public let hasLabel: Bool
    /// The feature names, in column order.
    public let features: [String]

    /// Reads `path`: CSV by default, NPY (2-D, columns named `c0`, `c1`, …) by extension.
    /// - Parameters:
    ///   - label: the label column (numeric, no missing value); nil for none (unsupervised).
    ///   - features: the feature columns (default every column but the label).
    /// - Throws: ``TrainingError`` `.invalidData` naming the file and the column: unreadable,
    ///   a missing column, a non-numeric feature or label, a missing label.
    public init(contentsOf path: String, label: String?, features: [String]? = nil) throws {
        let table: Table
        do {
            if path.lowercased().hasSuffix(".npy") {
                let m = try Matrix<Double>(contentsOfNPYFile: path)
                table = try Table((0..<m.columns).map { j in ("c\(j)", Column.double(m.column(j))) })
            } else {
                table = try CSVReader().read(contentsOf: path)
            }
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError(.invalidData, "cannot read the data: \(error)", path: path)
        }
        do {
            try self.init(table: table, label: label, features: features)
        } catch let error as TrainingError {
            throw error.at(path: path)
        }
    }

    /// Features and labels from a table in memory.
    /// - Throws: ``TrainingError`` `.invalidData` naming the column (`field`) and, for a missing
    ///   label, the row (`line`, counting the header as line 1).
    public init(table: Table, label: String?, features: [String]? = nil) throws {
        guard let label else {
            let names = features ?? table.names
            try self.init(table: table, features: names, label: nil, labels: [Double](repeating: 0, count: table.rowCount))
            return
        }
        guard let labelColumn = table[label] else {
            throw TrainingError(
                .invalidData, "no label column '\(label)' (columns: \(table.names.prefix(20).joined(separator: ", ")))",
                field: label)
        }
        guard let labels = labelColumn.doubleValues else {
            throw TrainingError(.invalidData, "the label column '\(label)' is not numeric", field: label)
        }
        if let bad = labels.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError(.invalidData, "label missing or not finite", line: bad + 2, field: label)
        }
        try self.init(table: table, features: features ?? table.names.filter { $0 != label }, label: label, labels: labels)
    }

    private init(table: Table, features names: [String], label: String?, labels: [Double]) throws {
        guard !names.isEmpty else { throw TrainingError(.invalidData, "no feature column") }
        for name in names {
            guard let column = table[name] else {
                throw TrainingError(.invalidData, "no feature column '\(name)'", field: name)
            }
            guard column.type.isNumeric else {
                throw TrainingError(
                    .invalidData, "feature column '\(name)' is not numeric (\(column.type)); encode it first", field: name)
            }
            if let label, name == label {
                throw TrainingError(.invalidData, "the label '\(label)' is also listed as a feature", field: name)
            }
        }
        self.x = try table.matrix(Float.self, columns: names)
        self.y = labels
        self.hasLabel = label != nil
        self.features = names
    }

    /// The rows `rows` of another table.
    public init(rows: [Int], of other: TrainingTable) throws {
        let width = other.x.columns
        var values = [Float]()
        values.reserveCapacity(rows.count * width)
        other.x.withUnsafeBufferPointer { data in
            for r in rows { values.append(contentsOf: data[r * width..<(r + 1) * width]) }
        }
        self.x = try Matrix(rows: rows.count, columns: width, elements: values)
        self.y = rows.map { other.y[$0] }
        self.hasLabel = other.hasLabel
        self.features = other.features
    }
}
