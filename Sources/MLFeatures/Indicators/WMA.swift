/// Weighted moving average, TA-Lib's `WMA`: weights 1, 2, …, `period` (newest heaviest),
/// divided by period·(period + 1)/2.
///
/// Arithmetic as TA-Lib: a running weighted sum and a running plain sum; each bar adds
/// `x·period`, outputs `sum / divider`, then subtracts the plain sum of the window.
///
/// Lookback `period − 1`. Streaming and batch forms are bit-identical.
/// ```swift
/// try WMA.compute([1, 2, 3, 4], period: 3)   // [nan, nan, 14/6, 20/6]
/// ```
public struct WMA: Sendable, Hashable, Codable {
    /// Values weighted, ≥ 1 (1 copies the input, as TA-Lib 0.8).
    public var period: Int { _period.value }
    private let _period: _Period
    private var window: _Ring
    private var seen = 0
    private var weightedSum = 0.0
    private var plainSum = 0.0
    private var trailing = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 1)
        _period = _Period(period)
        window = _Ring(capacity: period)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next value; returns the WMA of the last `period` values, or nil before. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        if period == 1 { return x }  // TA-Lib copies the input
        window.push(x)
        guard window.isFull else {
            seen += 1
            plainSum += x
            weightedSum += x * Double(seen)
            return nil
        }
        let n = window.capacity
        plainSum += x
        plainSum -= trailing
        weightedSum += x * Double(n)
        trailing = window.oldest
        let result = weightedSum / Double((n * (n + 1)) >> 1)
        weightedSum -= plainSum
        return result
    }

    /// The WMA of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 1...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try WMA(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
