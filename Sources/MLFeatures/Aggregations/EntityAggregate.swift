/// One statistic of an entity's earlier events in a window, computed by ``EntityAggregation``.
///
/// Over the events of the same entity with times in `[t − w, t)` (strictly before the event;
/// events at the same instant do not see each other). Values that are NaN (missing) are skipped
/// by the numeric statistics, as pandas skips them.
///
/// | case | value | empty window |
/// |---|---|---|
/// | `count` | number of non-missing values | 0 |
/// | `sum` | their sum (compensated running sum, as pandas) | 0 |
/// | `mean` | their mean | missing |
/// | `std` | sample standard deviation (ddof 1); needs two values | missing |
/// | `min`, `max` | smallest, largest value | missing |
/// | `distinct` | number of distinct non-missing categories among the window's events | 0 |
/// | `ratio` | the event's own value ÷ the window's `mean` | missing (also when the mean is 0) |
public enum EntityAggregate: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The number of non-missing values in the window.
    case count
    /// The sum of the window's values.
    case sum
    /// The mean of the window's values.
    case mean
    /// The sample standard deviation (ddof 1) of the window's values.
    case std
    /// The smallest value in the window.
    case min
    /// The largest value in the window.
    case max
    /// The number of distinct categories among the window's events (needs a category).
    case distinct
    /// The event's value divided by the window's mean (missing when the mean is missing or 0).
    case ratio

    public var description: String { rawValue }

    /// Parses a comma-separated list (`count,sum,mean`), in order.
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `aggregation`) for an empty list or an
    ///   unknown name (the message lists the known ones).
    public static func list(parsing text: String) throws -> [EntityAggregate] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard !text.isEmpty else {
            throw FeatureError(.invalidParameter, "no aggregations given", field: "aggregation")
        }
        return try parts.map { name in
            guard let aggregate = EntityAggregate(rawValue: name) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw FeatureError(.invalidParameter, "unknown aggregation '\(name)' (known: \(known))", field: "aggregation")
            }
            return aggregate
        }
    }
}
