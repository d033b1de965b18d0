/// Average true range, TA-Lib's `ATR` (Wilder smoothing, unstable period 0).
///
/// True range TRₜ = max(highₜ − lowₜ, |highₜ − closeₜ₋₁|, |lowₜ − closeₜ₋₁|) from the second bar
/// on. The first ATR, at index `period`, is the mean of TR₁…TRₙ (running sum, then divided); then
/// `atr = (atr·(period − 1) + TR) / period`. With `period` 1 the output is the true range itself.
///
/// Lookback `period`. Streaming and batch forms are bit-identical. ``NATR`` is ATR / close · 100.
public struct ATR: Sendable, Hashable, Codable {
    /// Smoothing period, ≥ 1.
    public var period: Int { _period.value }
    private let _period: _Period
    private var seen = 0  // bars seen, saturating at period + 1
    private var previousClose = 0.0
    private var value = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 1)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) { _period = _Period(period) }

    /// Outputs undefined before the first: `period`.
    public var lookback: Int { period }

    /// Takes the next bar; returns the ATR (price units), or nil during the lookback. O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        defer { previousClose = close }
        if seen == 0 {
            seen = 1
            return nil
        }
        let range = _trueRange(high: high, low: low, previousClose: previousClose)
        if period == 1 { return range }
        if seen <= period {
            value += range  // the seed's running sum
            seen += 1
            guard seen > period else { return nil }
            value /= Double(period)
            return value
        }
        value *= Double(period - 1)
        value += range
        value /= Double(period)
        return value
    }

    /// The ATR of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming
    ///   `low` or `close` when the lengths differ from `high`'s.
    public static func compute(high: [Double], low: [Double], close: [Double], period: Int = 14) throws -> [Double] {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try ATR(period: period)
        return _Batch.run(&state, high: high, low: low, close: close) {
            $0.update(high: $1, low: $2, close: $3)
        }
    }
}

/// Normalized average true range, TA-Lib's `NATR`: `(ATR / close)·100`, and 0 when
/// |close| < 1e-8. Lookback `period`. Streaming and batch forms are bit-identical.
///
/// TA-Lib quirk kept: with `period` 1, TA-Lib's NATR returns the true range itself, not
/// normalized (checked against TA-Lib 0.8.1); so does this.
public struct NATR: Sendable, Hashable, Codable {
    private var atr: ATR

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws { atr = try ATR(period: period) }

    /// Smoothing period, ≥ 1.
    public var period: Int { atr.period }
    /// Outputs undefined before the first: `period`.
    public var lookback: Int { atr.lookback }

    /// Takes the next bar; returns the NATR in percent of the close, or nil during the lookback.
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        guard let value = atr.update(high: high, low: low, close: close) else { return nil }
        if atr.period == 1 { return value }
        return _isZero(close) ? 0 : (value / close) * 100.0
    }

    /// The NATR of a series of bars.
    /// - Throws: as ``ATR/compute(high:low:close:period:)``.
    public static func compute(high: [Double], low: [Double], close: [Double], period: Int = 14) throws -> [Double] {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try NATR(period: period)
        return _Batch.run(&state, high: high, low: low, close: close) {
            $0.update(high: $1, low: $2, close: $3)
        }
    }
}
