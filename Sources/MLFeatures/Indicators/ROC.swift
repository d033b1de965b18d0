/// Rate of change in percent, TA-Lib's `ROC`: `(xₜ / xₜ₋ₙ − 1)·100`, and 0 when xₜ₋ₙ = 0.
///
/// Lookback `period`. Streaming and batch forms are bit-identical.
/// ```swift
/// try ROC.compute([100, 110, 121], period: 1)   // [nan, 10, 10]
/// ```
public struct ROC: Sendable, Hashable, Codable {
    /// Bars back, ≥ 1.
    public var period: Int { lag.period.value }
    private var lag: _Lagged

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        lag = try _Lagged(period, "period")
    }

    init(unchecked period: Int) { lag = _Lagged(unchecked: period) }

    /// Outputs undefined before the first: `period`.
    public var lookback: Int { period }

    /// Takes the next value; returns the rate of change in percent, or nil before `period + 1`
    /// values. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        guard let base = lag.push(x) else { return nil }
        return base != 0 ? ((x / base) - 1.0) * 100.0 : 0
    }

    /// The ROC of `values` in percent: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 1...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try ROC(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
