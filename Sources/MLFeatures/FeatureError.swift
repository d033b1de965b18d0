import MLCore

/// What went wrong in a ``FeatureError``, matchable.
public enum FeatureErrorCode: String, MLErrorCode {
    /// A parameter is out of the range the indicator accepts (a period below TA-Lib's minimum, a
    /// non-finite band width). `field` names the parameter.
    case invalidParameter
    /// The input series are inconsistent (high, low, close or volume of different lengths).
    /// `argument` names the series.
    case invalidInput
    /// A named input column does not exist (entity aggregations over a table). `field` names it.
    case missingColumn
    /// A streamed event is older than the last event of its entity (``EntityAggregator`` needs
    /// each entity's events in time order). `index` is the entity's event number (0-based).
    case outOfOrder
}

/// An error computing features: a bad indicator parameter or inconsistent input series.
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
