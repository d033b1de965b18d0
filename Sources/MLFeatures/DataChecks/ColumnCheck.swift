/// One test on one column of a table: dbt's generic tests without a warehouse.
///
/// Missing values (an empty field, `nan`, `NaN`, `NA`; see MLCore's `CSVReader`) fail only
/// `notNull`; every other kind skips them, as dbt's tests do. Values are compared as the text
/// of the field when the table is read from a file (`"01"` is not `"1"`); in a ``Table`` given in
/// memory, numbers are compared as their shortest text (`2.5`, `7`).
public struct ColumnCheck: Sendable, Equatable {
    /// What the check asserts.
    public enum Kind: Sendable, Equatable {
        /// No value is missing.
        case notNull
        /// No non-missing value occurs twice. Every row holding a repeated value fails.
        case unique
        /// Every non-missing value is one of `values` (exact, case-sensitive text).
        case acceptedValues([String])
        /// Every non-missing value is a number in `min...max` (inclusive; a `nil` bound is
        /// open). A value that is not a number is an input error, not a failing row.
        case range(min: Double?, max: Double?)
        /// Every non-missing value occurs in column `field` of the CSV file `file` (a foreign
        /// key; `file` is resolved against the tests file's folder when it is relative).
        case relationships(file: String, field: String)
    }

    /// The column tested.
    public var column: String
    /// What is tested.
    public var kind: Kind
    /// The level at which a failure is reported.
    public var severity: DataCheckSeverity
    /// Where the check is written in the tests file (`columns.amount[1]`), for messages.
    public var keyPath: String

    /// A check of `column`; `keyPath` names it in errors (defaults to `columns.<column>`).
    public init(column: String, kind: Kind, severity: DataCheckSeverity = .error, keyPath: String? = nil) {
        self.column = column
        self.kind = kind
        self.severity = severity
        self.keyPath = keyPath ?? "columns.\(column)"
    }

    /// The check's name as written in the tests file (`not_null`, `unique`, `accepted_values`,
    /// `range`, `relationships`).
    public var name: String {
        switch kind {
        case .notNull: "not_null"
        case .unique: "unique"
        case .acceptedValues: "accepted_values"
        case .range: "range"
        case .relationships: "relationships"
        }
    }
}
