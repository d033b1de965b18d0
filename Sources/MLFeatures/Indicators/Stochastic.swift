/// Slow stochastic oscillator, TA-Lib's `STOCH` with simple moving averages (`slowk_matype` and
/// `slowd_matype` 0).
///
/// fast %K = (close − LL) / ((HH − LL) / 100) over the last `fastKPeriod` bars (HH the highest
/// high, LL the lowest low; 0 when HH = LL), in TA-Lib's order of operations;
/// slow %K = SMA(fast %K, `slowKPeriod`); slow %D = SMA(slow %K, `slowDPeriod`).
/// Both outputs are in [0, 100] and start together.
///
/// Lookback `(fastK − 1) + (slowK − 1) + (slowD − 1)`: 8 for (5, 3, 3). Streaming and batch forms
/// are bit-identical.
public struct Stochastic: Sendable, Hashable, Codable {
    /// One bar's outputs, in percent.
    public struct Output: Sendable, Hashable, Codable {
        /// SMA of fast %K.
        public var slowK: Double
        /// SMA of slow %K.
        public var slowD: Double
    }

    /// The output series of a batch, each as long as the input, NaN before the lookback.
    public struct Series: Sendable, Hashable {
        /// Slow %K per bar.
        public var slowK: [Double]
        /// Slow %D per bar.
        public var slowD: [Double]
    }

    /// Bars in the high/low window, ≥ 1.
    public var fastKPeriod: Int { _fastKPeriod.value }
    private let _fastKPeriod: _Period
    /// SMA period of fast %K, ≥ 1.
    public var slowKPeriod: Int { _slowKPeriod.value }
    private let _slowKPeriod: _Period
    /// SMA period of slow %K, ≥ 1.
    public var slowDPeriod: Int { _slowDPeriod.value }
    private let _slowDPeriod: _Period
    private var highest: _RollingExtreme
    private var lowest: _RollingExtreme
    private var warmup = 0  // bars seen, up to fastKPeriod − 1
    private var slowK: SMA
    private var slowD: SMA

    /// - Throws: ``FeatureError`` `.invalidParameter` naming `fastKPeriod`, `slowKPeriod` or
    ///   `slowDPeriod` unless in 1...100,000 (TA-Lib's ranges).
    public init(fastKPeriod: Int = 5, slowKPeriod: Int = 3, slowDPeriod: Int = 3) throws {
        try FeatureError.requirePeriod(fastKPeriod, "fastKPeriod", minimum: 1)
        try FeatureError.requirePeriod(slowKPeriod, "slowKPeriod", minimum: 1)
        try FeatureError.requirePeriod(slowDPeriod, "slowDPeriod", minimum: 1)
        self.init(unchecked: fastKPeriod, slowKPeriod, slowDPeriod)
    }

    init(unchecked fastKPeriod: Int, _ slowKPeriod: Int, _ slowDPeriod: Int) {
        _fastKPeriod = _Period(fastKPeriod)
        _slowKPeriod = _Period(slowKPeriod)
        _slowDPeriod = _Period(slowDPeriod)
        highest = _RollingExtreme(capacity: fastKPeriod, tracksMaximum: true)
        lowest = _RollingExtreme(capacity: fastKPeriod, tracksMaximum: false)
        slowK = SMA(unchecked: slowKPeriod)
        slowD = SMA(unchecked: slowDPeriod)
    }

    /// Outputs undefined before the first: `(fastK − 1) + (slowK − 1) + (slowD − 1)`.
    public var lookback: Int { (fastKPeriod - 1) + (slowKPeriod - 1) + (slowDPeriod - 1) }

    /// Takes the next bar; returns slow %K and %D, or nil during the lookback. Amortized O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        let hh = highest.push(high)
        let ll = lowest.push(low)
        if warmup < fastKPeriod - 1 {
            warmup += 1
            return nil
        }
        let diff = (hh - ll) / 100.0
        let fastK = diff != 0.0 ? (close - ll) / diff : 0.0
        guard let k = slowK.update(fastK), let d = slowD.update(k) else { return nil }
        return Output(slowK: k, slowD: d)
    }

    /// The slow stochastic of a series of bars.
    /// - Throws: ``FeatureError`` `.invalidParameter` for a bad period; `.invalidInput` naming `low`
    ///   or `close` when the lengths differ from `high`'s.
    public static func compute(
        high: [Double], low: [Double], close: [Double], fastKPeriod: Int = 5, slowKPeriod: Int = 3, slowDPeriod: Int = 3
    ) throws -> Series {
        try FeatureError.requireSameLength(high.count, ["low": low.count, "close": close.count])
        var state = try Stochastic(fastKPeriod: fastKPeriod, slowKPeriod: slowKPeriod, slowDPeriod: slowDPeriod)
        let empty = [Double](repeating: .nan, count: close.count)
        var series = Series(slowK: empty, slowD: empty)
        high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    for i in 0..<c.count {
                        guard let out = state.update(high: h[i], low: l[i], close: c[i]) else { continue }
                        series.slowK[i] = out.slowK
                        series.slowD[i] = out.slowD
                    }
                }
            }
        }
        return series
    }
}
