/// Rate of change as a fraction, TA-Lib's `ROCP`: `(xₜ − xₜ₋ₙ) / xₜ₋ₙ`, and 0 when xₜ₋ₙ = 0.
///
/// Lookback `period`. Streaming and batch forms are bit-identical. (``SimpleReturn`` computes the
/// same quantity as `xₜ / xₜ₋ₙ − 1`, NumPy's order, with no zero guard.)
/// ```swift
/// try ROCP.compute([100, 110, 121], period: 1)   // [nan, 0.1, 0.1]
/// ```
public struct ROCP: Sendable, Hashable, Codable {
    /// Bars back, ≥ 1.
    public var period: Int { lag.period.value }
    private var lag: _Lagged

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        lag = try _Lagged(period, "period")
    }

    /// Outputs undefined before the first: `period`.
    public var lookback: Int { period }

    /// Takes the next value; returns the fractional rate of change, or nil before `period + 1`
    /// values. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        guard let base = lag.push(x) else { return nil }
        return base != 0 ? (x - base) / base : 0
    }

    /// The ROCP of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 1...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try ROCP(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
