/// Directional movement, TA-Lib's `ADX`, `PLUS_DI` and `MINUS_DI` in one pass (Wilder
/// smoothing, unstable period 0).
///
/// Per bar from the second: up = highₜ − highₜ₋₁, down = lowₜ₋₁ − lowₜ; −DM = down when
/// down > 0 and up < down, else +DM = up when up > 0 and up > down; TR the true range. The sums
/// S₊, S₋ and STR start over bars 1…period − 1, then each bar `S = S − S/period + value`.
/// +DI = 100·S₊/STR, −DI = 100·S₋/STR (both 0 when |STR| < 1e-8), first at index `period`.
/// DX = 100·|−DI − +DI|/(−DI + +DI); the first ADX, at index 2·period − 1, is the mean of the
/// `period` DX values before it, then `adx = (adx·(period − 1) + DX) / period`. As in TA-Lib, a bar
/// whose STR or DI sum is below 1e-8 adds no DX (the ADX keeps its value).
///
/// Lookbacks: `period` for the DIs, `2·period − 1` for ADX (27 for 14). Streaming and batch forms
/// are bit-identical.
public struct ADX: Sendable, Hashable, Codable {
    /// One bar's outputs; nil while that output is in its lookback.
    public struct Output: Sendable, Hashable, Codable {
        /// +DI, percent.
        public var plusDI: Double?
        /// −DI, percent.
        public var minusDI: Double?
        /// ADX, percent.
        public var adx: Double?
    }

    /// The output series of a batch, each as long as the input, NaN before its lookback.
    public struct Series: Sendable, Hashable {
        /// +DI per bar (NaN before index `period`).
        public var plusDI: [Double]
        /// −DI per bar (NaN before index `period`).
        public var minusDI: [Double]
        /// ADX per bar (NaN before index `2·period − 1`).
        public var adx: [Double]
    }

    /// Smoothing period, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    private var bars = 0  // bars seen, saturating at 2·period
    private var previousHigh = 0.0
    private var previousLow = 0.0
    private var previousClose = 0.0
    private var plusDM = 0.0
    private var minusDM = 0.0
    private var trueRange = 0.0
    private var sumDX = 0.0
    private var value = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` (field `period`) unless 2 ≤ `period` ≤ 100,000.
    public init(period: Int = 14) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        self.init(unchecked: period)
    }

    init(unchecked period: Int) { _period = _Period(period) }

    /// Outputs of ADX undefined before the first: `2·period − 1`.
    public var lookback: Int { 2 * period - 1 }
    /// Outputs of +DI and −DI undefined before the first: `period`.
    public var directionalIndicatorLookback: Int { period }

    /// Takes the next bar; returns the DIs from index `period` and the ADX from `2·period − 1`,
    /// or nil before index `period`. O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        defer {
            previousHigh = high
            previousLow = low
            previousClose = close
        }
        let index = bars
        if bars < 2 * period { bars += 1 }
        if index == 0 { return nil }
        let up = high - previousHigh
        let down = previousLow - low
        let range = _trueRange(high: high, low: low, previousClose: previousClose)
        let n = Double(period)
        if index < period {
            if down > 0 && up < down { minusDM += down } else if up > 0 && up > down { plusDM += up }
            trueRange += range
            return nil
        }
        minusDM -= minusDM / n
        plusDM -= plusDM / n
        if down > 0 && up < down { minusDM += down } else if up > 0 && up > down { plusDM += up }
        trueRange = trueRange - trueRange / n + range
        var output = Output()
        var dx: Double?
        if _isZero(trueRange) {
            output.plusDI = 0
            output.minusDI = 0
        } else {
            let minus = 100.0 * (minusDM / trueRange)
            let plus = 100.0 * (plusDM / trueRange)
            output.plusDI = plus
            output.minusDI = minus
            let sum = minus + plus
            if !_isZero(sum) { dx = 100.0 * ((minus - plus).magnitude / sum) }
        }
        if index < 2 * period - 1 {
            if let dx { sumDX += dx }
            return output
        }
        if index == 2 * period - 1 {
            if let dx { sumDX += dx }
            value = sumDX / n
        } else if let dx {
            value = (value * Double(period - 1) + dx) / n
        }
        output.adx = value
        return output
    }

    /// +DI, −DI and ADX of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming `low`
    ///   or `close` when the lengths differ from `high`'s.
    public static func compute(high: [Double], low: [Double], close: [Double], period: Int = 14) throws -> Series {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try ADX(period: period)
        let empty = [Double](repeating: .nan, count: close.count)
        var series = Series(plusDI: empty, minusDI: empty, adx: empty)
        high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    for i in 0..<c.count {
                        guard let out = state.update(high: h[i], low: l[i], close: c[i]) else { continue }
                        series.plusDI[i] = out.plusDI ?? .nan
                        series.minusDI[i] = out.minusDI ?? .nan
                        series.adx[i] = out.adx ?? .nan
                    }
                }
            }
        }
        return series
    }
}
