import MLCore
import MLMetrics

/// Reads a strategy's per-period returns from a CSV file (header required).
public enum ReturnSeries {
    /// The column names tried, in order, when none is given and the file has several columns.
    public static let conventionalColumns = ["ret", "return", "returns", "strategy_return"]

    /// The returns in `column`; without one, the file's only column, else the first of
    /// ``conventionalColumns`` present.
    /// - Throws: ``DataFormatError`` for unreadable CSV; ``EvaluationError`` `.missingColumn`
    ///   (listing the columns) when the column cannot be chosen or is not numeric,
    ///   `.invalidScore` naming the file line of a missing or non-finite return.
    public static func read(contentsOf path: String, column: String? = nil) throws -> [Double] {
        let table = try CSVReader(numericType: .double).read(contentsOf: path)
        let name: String
        if let column {
            name = column
        } else if table.names.count == 1, let only = table.names.first {
            name = only
        } else if let found = conventionalColumns.first(where: { table.index(of: $0) != nil }) {
            name = found
        } else {
            throw EvaluationError(
                .missingColumn,
                "no returns column: give --column (the file has \(table.names.joined(separator: ", ")); tried \(conventionalColumns.joined(separator: ", ")))",
                path: path)
        }
        guard let values = table[name]?.doubleValues else {
            let why = table[name] == nil ? "no column '\(name)'" : "column '\(name)' is not numeric"
            throw EvaluationError(
                .missingColumn, "\(why) (the file has \(table.names.joined(separator: ", ")))", path: path, field: name)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError(
                .invalidScore, "return is missing or not finite", path: path, line: bad + 2, field: name)
        }
        return values
    }
}
