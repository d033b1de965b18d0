import MLCore

/// A set of data checks for one table, in dbt's spirit but without a warehouse: column tests
/// (`not_null`, `unique`, `accepted_values`, `range`, `relationships`), row-count bounds, the
/// freshness of a timestamp column, and label-leakage rules — each with a severity, `warn` or
/// `error`.
///
/// Usually read from a YAML tests file (every key optional; unknown keys are errors):
/// ```yaml
/// row_count: {min: 100, max: 1000000}
/// columns:
///   transaction_id: [not_null, unique]
///   amount:
///     - not_null
///     - range: {min: 0, max: 100000, severity: warn}
///   category:
///     - accepted_values: {values: [food, rent, travel]}
///   merchant_id:
///     - relationships: {to: merchants.csv, field: id}   # relative to the tests file
/// freshness: {column: created_at, warn_after: 2d, error_after: 5d}
/// leakage:
///   - label_after_period: {label_time: label_observed_at, period_end: period_end, max_delay: 0d}
///   - future: created_at
/// ```
/// The full reference, with each check's semantics, is `Docs/DataChecks.md`.
///
/// **Timestamps** (freshness, leakage, `DataCheckClock(parsing:)`) are epoch seconds (an `Int`
/// or `Double` column, or numeric text) or ISO-8601 text: `2024-01-02` (midnight UTC),
/// `2024-01-02T03:04:05[.fff]` followed by `Z`, `±HH:MM`, or nothing (UTC). **Ages** are a
/// whole number and a unit: `s`, `m`, `h`, `d` (86,400 s), `w`.
///
/// **Cost.** Each check makes one pass over its column(s): O(rows), `unique` with a hash set of
/// the column's values, `relationships` with a hash set of the referenced column (each
/// referenced file is read once per run).
public struct DataCheckSuite: Sendable, Equatable {
    /// The most example rows a result lists.
    public static let exampleLimit = 5

    /// Bounds on the number of rows, if checked.
    public var rowCount: RowCountCheck?
    /// The column tests, in file order (columns in file order, each column's tests in order).
    public var columnChecks: [ColumnCheck]
    /// The freshness check, if any.
    public var freshness: FreshnessCheck?
    /// The leakage rules, in file order.
    public var leakage: [LeakageCheck]

    /// A suite from checks built in code.
    public init(
        rowCount: RowCountCheck? = nil, columnChecks: [ColumnCheck] = [], freshness: FreshnessCheck? = nil,
        leakage: [LeakageCheck] = []
    ) {
        self.rowCount = rowCount
        self.columnChecks = columnChecks
        self.freshness = freshness
        self.leakage = leakage
    }

    /// Whether the suite holds no check at all.
    public var isEmpty: Bool { rowCount == nil && columnChecks.isEmpty && freshness == nil && leakage.isEmpty }

    /// Reads a YAML tests file; relative `relationships` paths are resolved against its folder.
    /// - Throws: ``FeatureError`` `.unreadableFile` when the file cannot be read, else as
    ///   ``init(yaml:baseDirectory:)`` with `path` set to the file.
    public static func load(contentsOf path: String) throws -> DataCheckSuite {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw FeatureError(.unreadableFile, error.message, path: path)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FeatureError(.unreadableFile, "not UTF-8 text", path: path)
        }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }
        do {
            return try DataCheckSuite(yaml: text, baseDirectory: folder.map { $0.isEmpty ? "/" : $0 })
        } catch let error as FeatureError {
            throw error.at(path: path)
        }
    }

    /// Parses a YAML tests file (see the type's documentation).
    /// - Parameter baseDirectory: the folder relative `relationships` paths are resolved
    ///   against; `nil` leaves them relative to the working directory.
    /// - Throws: ``FeatureError`` `.invalidConfiguration` for malformed YAML, an unknown key, a
    ///   wrong type, a bad severity or age, inconsistent bounds, or a file with no check — with
    ///   the key path (`columns.amount[1].range.min`) as `key` and the YAML line as `line`.
    public init(yaml: String, baseDirectory: String? = nil) throws {
        self = try _SuiteParser(baseDirectory: baseDirectory).parse(yaml)
    }
}
