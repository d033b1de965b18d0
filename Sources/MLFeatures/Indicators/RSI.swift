/// Relative strength index, TA-Lib's `RSI` (Wilder smoothing, unstable period 0, non-Metastock).
///
/// Changes dₜ = xₜ − xₜ₋₁. The average gain G and loss L start as the simple means of the first
/// `period` changes (d₁…dₙ, so the first output is at index `period`); then, per bar,
/// `G = (G·(period − 1) + gain) / period` (likewise L), in TA-Lib's order (multiply, add, divide).
/// RSI = 100·G/(G + L), and 0 when |G + L| < 1e-8 (TA-Lib's `TA_IS_ZERO`). Values in [0, 100].
///
/// Lookback `period`. Streaming and batch forms are bit-identical.
/// ```swift
/// try RSI.compute([1, 2, 1, 3], period: 2)   // [nan, nan, 50, 83.33…]
/// ```
public struct RSI: Sendable, Hashable, Codable {
    /// Smoothing period, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    private var previous = 0.0
    private var changes = -1  // changes seen, saturating at `period`; −1 before the first value
    private var gain = 0.0
    private var loss = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 2 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) { _period = _Period(period) }

    /// Outputs undefined before the first: `period`.
    public var lookback: Int { period }

    /// Takes the next value; returns the RSI (0…100), or nil during the first `period` values. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        let change = x - previous
        previous = x
        if changes < 0 {
            changes = 0
            return nil
        }
        let n = Double(period)
        if changes < period {
            if change < 0 { loss -= change } else { gain += change }
            changes += 1
            guard changes == period else { return nil }
            loss /= n
            gain /= n
            return index
        }
        loss *= Double(period - 1)
        gain *= Double(period - 1)
        if change < 0 { loss -= change } else { gain += change }
        loss /= n
        gain /= n
        return index
    }

    private var index: Double {
        let total = gain + loss
        return _isZero(total) ? 0 : 100.0 * (gain / total)
    }

    /// The RSI of `values`: same length, NaN for the first ``lookback`` entries.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 2...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try RSI(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
