/// Simple moving average, TA-Lib's `SMA`: the mean of the last `period` values.
///
/// Arithmetic as TA-Lib: one running sum (the new value added, the sum divided by `period`, then
/// the value leaving the window subtracted), so results match TA-Lib's running-sum rounding, which
/// differs from a fresh window mean by up to ~1e-12 relative.
///
/// Lookback `period − 1`. Streaming and batch forms are bit-identical:
/// ```swift
/// var sma = try SMA(period: 3)
/// sma.update(1); sma.update(2)    // nil, nil
/// sma.update(3)                   // 2.0
/// try SMA.compute([1, 2, 3, 4], period: 3)   // [nan, nan, 2, 3]
/// ```
/// NaN inputs propagate into every later output (as in TA-Lib).
public struct SMA: Sendable, Hashable, Codable {
    /// Values averaged, ≥ 1 (1 copies the input, as TA-Lib 0.8).
    public var period: Int { _period.value }
    private let _period: _Period
    private var window: _Ring
    private var total = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 1 ≤ `period` ≤ 100,000.
    public init(period: Int) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 1)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) {
        _period = _Period(period)
        window = _Ring(capacity: period)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next value; returns the average of the last `period` values, or nil while fewer
    /// have been seen. O(1), no allocation.
    @discardableResult
    public mutating func update(_ value: Double) -> Double? {
        total += value
        window.push(value)
        guard window.isFull else { return nil }
        let mean = total / Double(window.capacity)
        total -= window.oldest
        return mean
    }

    /// The SMA of `values`: same length, NaN for the first ``lookback`` entries (all NaN when
    /// `values` is shorter than `period`).
    /// - Throws: ``FeatureError`` `.invalidParameter` for a period outside 1...100,000.
    public static func compute(_ values: [Double], period: Int) throws -> [Double] {
        var state = try SMA(period: period)
        return _Batch.run(&state, values) { $0.update($1) }
    }
}
