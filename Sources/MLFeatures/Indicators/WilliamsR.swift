/// Williams' %R, TA-Lib's `WILLR`: (HH − close) / ((HH − LL) / −100) over the last `period` bars
/// (HH the highest high, LL the lowest low), in TA-Lib's order of operations; 0 when HH = LL.
/// Values in [−100, 0].
///
/// Lookback `period − 1`. Streaming and batch forms are bit-identical.
public struct WilliamsR: Sendable, Hashable, Codable {
    /// Bars in the window, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    private var highest: _RollingExtreme
    private var lowest: _RollingExtreme
    private var warmup = 0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 2 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        _period = _Period(period)
        highest = _RollingExtreme(capacity: period, tracksMaximum: true)
        lowest = _RollingExtreme(capacity: period, tracksMaximum: false)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next bar; returns %R (−100…0), or nil during the lookback. Amortized O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        let hh = highest.push(high)
        let ll = lowest.push(low)
        if warmup < period - 1 {
            warmup += 1
            return nil
        }
        let diff = (hh - ll) / (-100.0)
        return diff != 0.0 ? (hh - close) / diff : 0.0
    }

    /// Williams' %R of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming `low`
    ///   or `close` when the lengths differ from `high`'s.
    public static func compute(high: [Double], low: [Double], close: [Double], period: Int = 14) throws -> [Double] {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try WilliamsR(period: period)
        return _Batch.run(&state, high: high, low: low, close: close) {
            $0.update(high: $1, low: $2, close: $3)
        }
    }
}
