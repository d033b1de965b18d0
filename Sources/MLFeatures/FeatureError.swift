import MLCore

/// What went wrong in a ``FeatureError``, matchable.
public enum FeatureErrorCode: String, MLErrorCode {
    /// A parameter is out of the range the indicator accepts (a period below TA-Lib's minimum, a
    /// non-finite band width). `field` names the parameter.
    case invalidParameter
    /// The input series are inconsistent (high, low, close or volume of different lengths).
    /// `argument` names the series.
    case invalidInput
    /// A feature, indicator or feature-set name that does not exist. `field` names it.
    case unknownIndicator
    /// A data-check configuration (``DataCheckSuite``) is malformed: bad YAML, an unknown key, a
    /// value of the wrong type or out of range (a bad severity or age). `key` is the key path
    /// (`columns.amount[1].range.min`), `line` the 1-based YAML line, `path` the file.
    case invalidConfiguration
    /// A named input column does not exist: one a data check names (or, for `relationships`, one
    /// in the referenced file; `key` is the check's key path, `path` the file), or an entity
    /// aggregation's entity, time, value or category column. `field` names the column.
    case missingColumn
    /// A value in the data cannot be read as a check needs it: a non-number under `range`, a
    /// text that is not a timestamp under `freshness` or `leakage`. `field` names the column,
    /// `key` the check's key path, `path` the file; the message names the 1-based data row.
    case invalidValue
    /// A file a data check needs (the tests file, a `relationships` file) cannot be read.
    /// `path` names the file, `key` the check that needs it.
    case unreadableFile
    /// A streamed event is older than the last event of its entity (``EntityAggregator`` needs
    /// each entity's events in time order). `index` is the entity's event number (0-based).
    case outOfOrder
    /// A feature store has no view of that name (``FeatureStore``). `field` names the view.
    case unknownView
    /// A feature store read pinned a view version other than the one its data was written
    /// under, or a view was redefined with different features. `field` names the view.
    case versionMismatch
    /// A feature value does not have its view's type (text in a `float64` feature, a fraction in
    /// an `int64` one). `field` names the feature, `index` the 0-based row.
    case typeMismatch
    /// A feature store's file cannot be opened, read or written, or holds data that does not
    /// decode (a damaged segment). `path` names the store.
    case storage
}

/// An error computing features or checking data: a bad indicator parameter, inconsistent input
/// series, or a data-check configuration or data file that cannot be used.
///
/// Indicators validate their parameters when they are created and throw this error instead of
/// trapping; `field` names the parameter (`"period"`, `"fastPeriod"`), `argument` the series.
///
/// ```swift
/// do { _ = try SMA(period: 1) }
/// catch let error as FeatureError where error.code == .invalidParameter {
///     print(error)   // "field 'period': must be at least 2 (TA-Lib's range), got 1"
/// }
/// ```
public typealias FeatureError = MLError<FeatureErrorCode>

extension MLError where Code == FeatureErrorCode {
    /// Throws `.invalidParameter` naming `name` unless `minimum <= value <= 100_000` (TA-Lib's range).
    static func requirePeriod(_ value: Int, _ name: String, minimum: Int) throws {
        guard value >= minimum, value <= 100_000 else {
            throw FeatureError(
                .invalidParameter, "must be in \(minimum)...100000 (TA-Lib's range), got \(value)", field: name
            )
        }
    }

    /// Throws `.invalidInput` naming the first of `others` whose length differs from `count`.
    static func requireSameLength(_ count: Int, _ others: KeyValuePairs<String, Int>) throws {
        for (name, length) in others where length != count {
            throw FeatureError(.invalidInput, "has \(length) values, expected \(count)", argument: name)
        }
    }
}
