import MLCore

/// True labels and the scores of the same rows, checked to belong together: same row count,
/// at least one row, binary labels 0/1 for binary scores and class indices `0..<K` for K class
/// probabilities.
///
/// ```swift
/// let data = try LabeledScores.read(labels: "y.csv", scores: "s.csv")
/// let report = try EvaluationReport(data, threshold: 0.5)
/// ```
public struct LabeledScores: Sendable, Equatable {
    /// One label per row: 0/1 for binary scores, a class index for multiclass ones.
    public let labels: [Int]
    /// The scores of the same rows.
    public let scores: ScoreColumns

    /// Pairs labels with scores.
    /// - Throws: ``EvaluationError`` `.emptyInput`, `.lengthMismatch`, `.invalidLabel` (with the
    ///   1-based CSV `line` of the first bad label, counting the header as line 1).
    public init(labels: [Int], scores: ScoreColumns) throws {
        guard !labels.isEmpty else { throw EvaluationError(.emptyInput, "there are no labels") }
        guard labels.count == scores.rowCount else {
            throw EvaluationError(
                .lengthMismatch, "the labels have \(labels.count) rows but the scores have \(scores.rowCount)")
        }
        let k = scores.classCount
        for (i, label) in labels.enumerated() where label < 0 || label >= k {
            let expected = k == 2 ? "binary labels must be 0 or 1" : "labels must be class indices in 0..<\(k)"
            throw EvaluationError(.invalidLabel, "\(expected), got \(label)", line: i + 2, field: "y")
        }
        self.labels = labels
        self.scores = scores
    }

    /// Reads a labels CSV and a scores CSV (see ``LabelColumn/read(contentsOf:)`` and
    /// ``ScoreColumns/read(contentsOf:)``) and pairs them.
    /// - Throws: ``EvaluationError`` naming the file (and line) at fault.
    public static func read(labels labelsPath: String, scores scoresPath: String) throws -> LabeledScores {
        let labels = try LabelColumn.read(contentsOf: labelsPath)
        let scores = try ScoreColumns.read(contentsOf: scoresPath)
        do {
            return try LabeledScores(labels: labels, scores: scores)
        } catch var error as EvaluationError {
            switch error.code {
            case .lengthMismatch:
                error = EvaluationError(
                    .lengthMismatch,
                    "\(labelsPath) has \(labels.count) labels but \(scoresPath) has \(scores.rowCount) rows of scores")
            default:
                error = error.at(path: labelsPath)
            }
            throw error
        }
    }
}

/// Reads true labels from a CSV: the column `y` (or the only column of a one-column file),
/// integers (`1.0` reads as 1).
public enum LabelColumn {
    /// Reads the labels.
    /// - Throws: ``EvaluationError`` (with `path` and `line`): `.unreadableFile`, `.emptyInput`,
    ///   `.missingColumn` (no `y`), `.invalidLabel` (a missing or non-integer label).
    public static func read(contentsOf path: String) throws -> [Int] {
        let table = try _CSVInput.table(path, numericType: .inferred)
        do {
            return try labels(from: table)
        } catch let error as EvaluationError {
            throw error.at(path: path)
        }
    }

    /// The labels in `table`'s column `y` (or its only column).
    /// - Throws: as ``read(contentsOf:)``, without a path.
    public static func labels(from table: Table) throws -> [Int] {
        guard table.rowCount > 0 else { throw EvaluationError(.emptyInput, "the labels file has no rows") }
        let name: String
        if table.index(of: "y") != nil {
            name = "y"
        } else if table.columnCount == 1, let only = table.names.first {
            name = only
        } else {
            throw EvaluationError(
                .missingColumn,
                "no labels column 'y', found " + table.names.map { "'\($0)'" }.joined(separator: ", "), field: "y")
        }
        guard let column = table[name] else { throw EvaluationError(.missingColumn, "no column '\(name)'", field: name) }
        switch column {
        case .int(let values):
            return try values.enumerated().map { i, v in
                guard let v else { throw EvaluationError(.invalidLabel, "label is missing", line: i + 2, field: name) }
                return v
            }
        case .double, .float:
            let values = column.doubleValues ?? []
            return try values.enumerated().map { i, v in
                guard v.isFinite, v == v.rounded(), abs(v) < 1e15 else {
                    let what = v.isNaN ? "missing" : "\(v), not an integer"
                    throw EvaluationError(.invalidLabel, "label is \(what)", line: i + 2, field: name)
                }
                return Int(v)
            }
        case .string:
            let first = _CSVInput.firstNonNumeric(column)
            throw EvaluationError(
                .invalidLabel, "labels must be integers (0/1 or class indices), got '\(first.text)'", line: first.row + 2,
                field: name)
        }
    }
}
