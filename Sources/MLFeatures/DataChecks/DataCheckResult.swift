/// A row that failed a data check: its 1-based data row number (the header is not counted, so
/// data row 1 is the file's second line when no field spans lines) and the offending value(s).
public struct DataCheckExample: Sendable, Hashable, Codable {
    /// The 1-based data row.
    public var row: Int
    /// The value as text (`column=value` pairs for checks of several columns).
    public var value: String

    /// An example row.
    public init(row: Int, value: String) {
        self.row = row
        self.value = value
    }
}

/// The outcome of one data check.
///
/// JSON (stable keys): `name`, `column` (`null` for `row_count`), `severity`, `status` (`pass`,
/// `warn`, `error`), `failing_rows`, `examples` (`[{"row", "value"}]`), `message`.
public struct DataCheckResult: Sendable, Hashable, Codable {
    /// The check's name: `row_count`, `not_null`, `unique`, `accepted_values`, `range`,
    /// `relationships`, `freshness`, `label_after_period`, `future`.
    public var name: String
    /// The column checked (for `label_after_period` the label-time column); `nil` for `row_count`.
    public var column: String?
    /// The level the check fails at (for `freshness`: the level reached, or when it passed the
    /// highest level configured).
    public var severity: DataCheckSeverity
    /// Whether the check passed, or the level it failed at.
    public var status: DataCheckStatus
    /// How many rows failed; 0 for the table-level checks (`row_count`, `freshness`), whose
    /// message says what was measured.
    public var failingRows: Int
    /// Up to ``DataCheckSuite/exampleLimit`` failing rows, lowest row first (for `freshness`: the
    /// row holding the latest timestamp).
    public var examples: [DataCheckExample]
    /// What was found, with counts: `3 of 1000 rows are missing`.
    public var message: String

    /// A result.
    public init(
        name: String, column: String?, severity: DataCheckSeverity, status: DataCheckStatus, failingRows: Int,
        examples: [DataCheckExample], message: String
    ) {
        self.name = name
        self.column = column
        self.severity = severity
        self.status = status
        self.failingRows = failingRows
        self.examples = examples
        self.message = message
    }

    /// Whether the check held.
    public var passed: Bool { status == .pass }

    /// The examples on one line: `row 3: -5; row 9: abc` (`row 4` alone for an empty value, as
    /// `not_null` gives; empty when there are none).
    public var examplesText: String {
        examples.map { $0.value.isEmpty ? "row \($0.row)" : "row \($0.row): \($0.value)" }.joined(separator: "; ")
    }

    enum CodingKeys: String, CodingKey {
        case name, column, severity, status, examples, message
        case failingRows = "failing_rows"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(column, forKey: .column)  // null, not absent, for table-level checks
        try c.encode(severity, forKey: .severity)
        try c.encode(status, forKey: .status)
        try c.encode(failingRows, forKey: .failingRows)
        try c.encode(examples, forKey: .examples)
        try c.encode(message, forKey: .message)
    }
}
