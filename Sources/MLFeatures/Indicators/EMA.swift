/// Exponential moving average, TA-Lib's `EMA` (default, non-Metastock seeding).
///
/// k = 2 / (period + 1). The first output, at index `period − 1`, is the simple mean of the first
/// `period` values (summed in order, then divided); after it `ema = (x − ema)·k + ema`, TA-Lib's
/// operation order. TA-Lib's unstable period for EMA is 0 (its default).
///
/// Lookback `period − 1`. Streaming and batch forms are bit-identical.
/// ```swift
/// try EMA.compute([1, 2, 3, 4, 5], period: 3)   // [nan, nan, 2, 3, 4]
/// ```
public struct EMA: Sendable, Hashable, Codable {
    /// Smoothing period, ≥ 1 (1 copies the input, as TA-Lib 0.8).
    public var period: Int { _period.value }
    private let _period: _Period
    /// The smoothing factor 2 / (period + 1).
    public let k: Double
    private var seen = 0
    private var value = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 1)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) {
        _period = _Period(period)
        k = 2.0 / Double(period + 1)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next value; returns the EMA, or nil during the first `period − 1` values. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        if period == 1 { return x }  // TA-Lib copies the input (no seed rounding)
        if seen >= period {
            value = (x - value) * k + value
            return value
        }
        value += x  // the seed's running sum
        seen += 1
        guard seen == period else { return nil }
        value /= Double(period)
        return value
    }

    /// The EMA of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 1...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try EMA(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
