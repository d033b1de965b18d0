/// One kind of problem ``OHLCVValidator`` found, with every row that has it.
public struct OHLCVFinding: Sendable, Hashable, Codable {
    /// What is wrong.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A price, the volume or the timestamp is missing (empty, `NaN`) or unreadable.
        case missingValue = "missing_value"
        /// A price (open, high, low or close) ≤ 0.
        case nonPositivePrice = "non_positive_price"
        /// Not `low ≤ min(open, close)` and `max(open, close) ≤ high`.
        case inconsistentOHLC = "inconsistent_ohlc"
        /// Volume ≤ 0.
        case nonPositiveVolume = "non_positive_volume"
        /// A timestamp not later than the previous readable one (a duplicate or out of order).
        case nonIncreasingTimestamp = "non_increasing_timestamp"
        /// A one-bar return whose robust z-score exceeds ``OHLCVValidator/outlierLimit``.
        case returnOutlier = "return_outlier"
    }

    /// What is wrong.
    public let kind: Kind
    /// The columns involved (`close`, `volume`, `timestamp`; for OHLC consistency all four prices).
    public let columns: [String]
    /// The data rows that have the problem, 1-based (row 1 is the first line after the
    /// header), ascending.
    public let rowNumbers: [Int]
    /// What the rule is, in words (e.g. "low <= min(open, close) and max(open, close) <= high").
    public let rule: String

    /// How many rows have the problem.
    public var count: Int { rowNumbers.count }
}
