/// Commodity channel index, TA-Lib's `CCI`.
///
/// Typical price tp = (high + low + close) / 3; over the last `period` typical prices, mean m and
/// mean absolute deviation D (both summed in TA-Lib's circular-buffer slot order, which is part of
/// the rounding); CCI = (tp − m) / (0.015·D), and 0 when either tp − m or D is 0.
///
/// Lookback `period − 1`. The mean deviation needs the whole window, so an update costs
/// O(`period`) (as in TA-Lib), with no allocation. Streaming and batch forms are bit-identical.
public struct CCI: Sendable, Hashable, Codable {
    /// Bars in the window, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    private var window: _Ring

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 2 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        _period = _Period(period)
        window = _Ring(capacity: period)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next bar; returns the CCI, or nil during the lookback. O(`period`).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        let typical = (high + low + close) / 3
        window.push(typical)
        guard window.isFull else { return nil }
        let n = Double(window.capacity)
        return window.storage.withUnsafeBufferPointer { slots in
            var mean = 0.0
            for v in slots { mean += v }
            mean /= n
            var deviation = 0.0
            for v in slots { deviation += (v - mean).magnitude }
            let distance = typical - mean
            return distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / n)) : 0.0
        }
    }

    /// The CCI of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming `low`
    ///   or `close` when the lengths differ from `high`'s.
    public static func compute(high: [Double], low: [Double], close: [Double], period: Int = 14) throws -> [Double] {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try CCI(period: period)
        return _Batch.run(&state, high: high, low: low, close: close) {
            $0.update(high: $1, low: $2, close: $3)
        }
    }
}
