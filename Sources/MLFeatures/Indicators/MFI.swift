/// Money flow index, TA-Lib's `MFI`.
///
/// Typical price tp = (high + low + close) / 3, raw money flow tp·volume, counted as positive when
/// tp rose from the previous bar, negative when it fell, neither when equal. Over the last
/// `period` flows (running sums, as TA-Lib), MFI = 100·P/(P + N), and 0 when P + N < 1
/// (TA-Lib's own threshold). Values in [0, 100].
///
/// Lookback `period`. Streaming and batch forms are bit-identical.
public struct MFI: Sendable, Hashable, Codable {
    /// Flows summed, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    private var positive: _Ring
    private var negative: _Ring
    private var started = false
    private var previousTypical = 0.0
    private var positiveSum = 0.0
    private var negativeSum = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 2 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        _period = _Period(period)
        positive = _Ring(capacity: period)
        negative = _Ring(capacity: period)
    }

    /// Outputs undefined before the first: `period`.
    public var lookback: Int { period }

    /// Takes the next bar; returns the MFI (0…100), or nil during the lookback. O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double? {
        let typical = (high + low + close) / 3.0
        guard started else {
            started = true
            previousTypical = typical
            return nil
        }
        let full = positive.isFull
        if full {
            positiveSum -= positive.oldest
            negativeSum -= negative.oldest
        }
        let change = typical - previousTypical
        previousTypical = typical
        let flow = typical * volume
        if change < 0 {
            negative.push(flow)
            negativeSum += flow
            positive.push(0)
        } else if change > 0 {
            positive.push(flow)
            positiveSum += flow
            negative.push(0)
        } else {
            positive.push(0)
            negative.push(0)
        }
        guard positive.isFull else { return nil }
        let total = positiveSum + negativeSum
        return total < 1.0 ? 0.0 : 100.0 * (positiveSum / total)
    }

    /// The MFI of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming `low`,
    ///   `close` or `volume` when the lengths differ from `high`'s.
    public static func compute(
        high: [Double], low: [Double], close: [Double], volume: [Double], period: Int = 14
    ) throws -> [Double] {
        try FeatureError.requireSameLength(
            high.count, ["low": low.count, "close": close.count, "volume": volume.count]
        )
        var state = try MFI(period: period)
        return high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    volume.withUnsafeBufferPointer { v in
                        _Batch.run(c.count) { state.update(high: h[$0], low: l[$0], close: c[$0], volume: v[$0]) }
                    }
                }
            }
        }
    }
}
