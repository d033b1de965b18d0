import MLCore

/// The scores of one scored data set: one score per row (binary), or K class probabilities
/// per row (multiclass).
///
/// Read from a CSV with ``read(contentsOf:)``: a column `score` (or `prob`, as `mlctl predict`
/// writes for binary models) is binary; columns `p0 … pK-1` are class probabilities, and a
/// two-class `p0,p1` file is binary, scored on `p1`. A file with a single numeric column is
/// binary whatever its name. Other columns (e.g. an ONNX classifier's `label`) are ignored.
public enum ScoreColumns: Sendable, Equatable {
    /// One score per row, higher meaning more likely positive (class 1).
    case binary([Double])
    /// An n × K matrix of class probabilities (K ≥ 3), row i = row i of the data.
    case multiclass(Matrix<Double>)

    /// Number of rows.
    public var rowCount: Int {
        switch self {
        case .binary(let s): s.count
        case .multiclass(let m): m.rows
        }
    }

    /// 2 for binary scores, K for multiclass probabilities.
    public var classCount: Int {
        switch self {
        case .binary: 2
        case .multiclass(let m): m.columns
        }
    }

    /// Every value, row-major (one per row for binary scores, K per row for multiclass).
    public var values: [Double] {
        switch self {
        case .binary(let s): s
        case .multiclass(let m): m.elements
        }
    }

    /// Reads a scores CSV (see the type's documentation for the columns).
    /// - Throws: ``EvaluationError`` (with `path` and the 1-based `line`): `.unreadableFile`
    ///   (cannot read, malformed CSV), `.emptyInput` (no rows), `.missingColumn` (no `score`,
    ///   `prob` or `p0..` column), `.invalidScore` (an empty, NaN, infinite or non-numeric score).
    public static func read(contentsOf path: String) throws -> ScoreColumns {
        let table = try _CSVInput.table(path, numericType: .double)
        do {
            return try scores(from: table)
        } catch let error as EvaluationError {
            throw error.at(path: path)
        }
    }

    /// The scores in `table` (see the type's documentation for the columns).
    /// - Throws: as ``read(contentsOf:)``, without a path.
    public static func scores(from table: Table) throws -> ScoreColumns {
        guard table.rowCount > 0 else { throw EvaluationError(.emptyInput, "the scores file has no rows") }
        var k = 0
        while table.index(of: "p\(k)") != nil { k += 1 }
        if k >= 3 {
            var elements = [Double](repeating: 0, count: table.rowCount * k)
            for c in 0..<k {
                let column = try finiteColumn(table, "p\(c)")
                for i in column.indices { elements[i * k + c] = column[i] }
            }
            return .multiclass(try Matrix(rows: table.rowCount, columns: k, elements: elements))
        }
        if k == 2 { return .binary(try finiteColumn(table, "p1")) }
        for name in ["score", "prob"] where table.index(of: name) != nil {
            return .binary(try finiteColumn(table, name))
        }
        if table.columnCount == 1, let name = table.names.first { return .binary(try finiteColumn(table, name)) }
        throw EvaluationError(
            .missingColumn,
            "no scores column: expected 'score' (binary) or 'p0','p1',… (class probabilities), found "
                + table.names.map { "'\($0)'" }.joined(separator: ", "))
    }

    /// The named column as finite doubles, naming the first bad line.
    static func finiteColumn(_ table: Table, _ name: String) throws -> [Double] {
        guard let column = table[name] else { throw EvaluationError(.missingColumn, "no column '\(name)'", field: name) }
        guard let values = column.doubleValues else {
            let first = _CSVInput.firstNonNumeric(column)
            throw EvaluationError(
                .invalidScore, "scores must be numbers, got '\(first.text)'", line: first.row + 2, field: name)
        }
        for (i, v) in values.enumerated() where !v.isFinite {
            let what = v.isNaN ? "missing (empty or NaN)" : "\(v)"
            throw EvaluationError(.invalidScore, "score is \(what); scores must be finite numbers", line: i + 2, field: name)
        }
        return values
    }
}
