import FoundationEssentials
import MLCore

extension DataCheckSuite {
    /// Reads the CSV file at `path` and runs every check on it.
    ///
    /// Columns tested by `unique`, `accepted_values` or `relationships` are read as the fields'
    /// text (so `007` stays `007`); the others are typed as `reader` infers them.
    /// - Parameters:
    ///   - clock: where "now" comes from (freshness, `future`); read once.
    ///   - reader: the CSV options (delimiter, missing values) for the file and referenced files.
    /// - Returns: the report; a failing check is a result, not an error.
    /// - Throws: ``DataFormatError`` when the file cannot be read or parsed (`path` set), else as
    ///   ``run(on:source:clock:reader:)``.
    public func run(onFile path: String, clock: DataCheckClock = .system, reader: CSVReader = CSVReader()) throws
        -> DataCheckReport
    {
        let table = try _DataFile.read(path: path, textColumns: textColumns, reader: reader)
        return try run(on: table, source: path, clock: clock, reader: reader)
    }

    /// Runs every check on `table`, in order: `row_count`, the column tests, `freshness`, then
    /// the leakage rules.
    /// - Parameters:
    ///   - source: the name of the data in errors and in the report (a file path).
    ///   - clock: where "now" comes from (freshness, `future`); read once.
    ///   - reader: the CSV options for the files `relationships` checks read.
    /// - Throws: ``FeatureError`` `.missingColumn` when a check names a column the table (or a
    ///   referenced file) lacks — checked for every check before any runs; `.invalidValue` for a
    ///   value that is not a number under `range` or not a timestamp under `freshness` and
    ///   `leakage` (naming the 1-based data row); `.unreadableFile` for a referenced file that
    ///   cannot be read.
    public func run(
        on table: Table, source: String? = nil, clock: DataCheckClock = .system, reader: CSVReader = CSVReader()
    ) throws -> DataCheckReport {
        let now = clock.now.timeIntervalSince1970
        var run = _CheckRun(table: table, source: source, now: now, reader: reader)
        for (column, keyPath) in referencedColumns where table[column] == nil {
            throw run.missingColumn(column, keyPath: keyPath)
        }
        var results: [DataCheckResult] = []
        if let rowCount { results.append(run.result(of: rowCount)) }
        for check in columnChecks { results.append(try run.result(of: check)) }
        if let freshness { results.append(try run.result(of: freshness)) }
        for check in leakage { results.append(try run.result(of: check)) }
        return DataCheckReport(
            source: source, rowCount: table.rowCount, now: _CheckTimestamp.describe(now), results: results)
    }

    /// Every column the checks name, with the key path of the check that names it, in file order.
    var referencedColumns: [(column: String, keyPath: String)] {
        var columns = columnChecks.map { ($0.column, $0.keyPath) }
        if let freshness { columns.append((freshness.column, "freshness.column")) }
        for check in leakage {
            switch check.rule {
            case .labelAfterPeriod(let label, let end, _):
                columns.append((label, check.keyPath + ".label_after_period.label_time"))
                columns.append((end, check.keyPath + ".label_after_period.period_end"))
            case .future(let column, _):
                columns.append((column, check.keyPath + ".future"))
            }
        }
        return columns
    }

    /// The columns compared as text.
    var textColumns: Set<String> {
        Set(columnChecks.filter { check in
            switch check.kind {
            case .unique, .acceptedValues, .relationships: true
            case .notNull, .range: false
            }
        }.map(\.column))
    }
}
