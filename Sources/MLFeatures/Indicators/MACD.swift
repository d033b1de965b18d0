/// Moving average convergence/divergence, TA-Lib's `MACD` (EMA smoothing).
///
/// slow = EMA(`slowPeriod`) seeded on values 0…slow − 1; fast = EMA(`fastPeriod`) seeded on
/// values slow − fast…slow − 1 — TA-Lib aligns the fast EMA's start to the slow one's, so both
/// first exist at index slow − 1 (not at fast − 1). macd = fast − slow; signal = EMA(`signalPeriod`)
/// of macd, seeded with the mean of its first `signalPeriod` values; histogram = macd − signal.
/// If `slowPeriod < fastPeriod` the two are swapped, as TA-Lib does.
///
/// Lookback `(slow − 1) + (signal − 1)`: 33 for (12, 26, 9); all three outputs start there.
/// Streaming and batch forms are bit-identical.
public struct MACD: Sendable, Hashable, Codable {
    /// One bar's three outputs, in price units.
    public struct Output: Sendable, Hashable, Codable {
        /// fast EMA − slow EMA.
        public var macd: Double
        /// EMA of ``macd``.
        public var signal: Double
        /// ``macd`` − ``signal``.
        public var histogram: Double
    }

    /// The three output series of a batch, each as long as the input, NaN before the lookback.
    public struct Series: Sendable, Hashable {
        /// fast EMA − slow EMA per bar.
        public var macd: [Double]
        /// EMA of ``macd`` per bar.
        public var signal: [Double]
        /// ``macd`` − ``signal`` per bar.
        public var histogram: [Double]
    }

    /// Fast EMA period (after the swap, ≤ ``slowPeriod``).
    public var fastPeriod: Int { _fastPeriod.value }
    private let _fastPeriod: _Period
    /// Slow EMA period.
    public var slowPeriod: Int { _slowPeriod.value }
    private let _slowPeriod: _Period
    /// Signal EMA period.
    public var signalPeriod: Int { _signalPeriod.value }
    private let _signalPeriod: _Period
    private var fast: EMA
    private var slow: EMA
    private var signal: EMA
    private var skipped = 0  // values not fed to the fast EMA yet, up to slow − fast

    /// - Throws: ``FeatureError`` `.invalidParameter` naming `fastPeriod` or `slowPeriod` unless in
    ///   2...100,000, or `signalPeriod` unless in 1...100,000 (TA-Lib's ranges).
    public init(fastPeriod: Int = 12, slowPeriod: Int = 26, signalPeriod: Int = 9) throws {
        try FeatureError.requirePeriod(fastPeriod, "fastPeriod", minimum: 2)
        try FeatureError.requirePeriod(slowPeriod, "slowPeriod", minimum: 2)
        try FeatureError.requirePeriod(signalPeriod, "signalPeriod", minimum: 1)
        self.init(unchecked: fastPeriod, slowPeriod, signalPeriod)
    }

    init(unchecked fastPeriod: Int, _ slowPeriod: Int, _ signalPeriod: Int) {
        _fastPeriod = _Period(Swift.min(fastPeriod, slowPeriod))
        _slowPeriod = _Period(Swift.max(fastPeriod, slowPeriod))
        _signalPeriod = _Period(signalPeriod)
        fast = EMA(unchecked: _fastPeriod.value)
        slow = EMA(unchecked: _slowPeriod.value)
        signal = EMA(unchecked: signalPeriod)
    }

    /// Outputs undefined before the first: `(slowPeriod − 1) + (signalPeriod − 1)`.
    public var lookback: Int { (slowPeriod - 1) + (signalPeriod - 1) }

    /// Takes the next value; returns the three outputs, or nil during the lookback. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Output? {
        let slowValue = slow.update(x)
        if skipped < slowPeriod - fastPeriod {
            skipped += 1
            return nil
        }
        let fastValue = fast.update(x)
        guard let slowValue, let fastValue else { return nil }
        let macd = fastValue - slowValue
        guard let signalValue = signal.update(macd) else { return nil }
        return Output(macd: macd, signal: signalValue, histogram: macd - signalValue)
    }

    /// MACD of `values`.
    /// - Throws: ``FeatureError`` `.invalidParameter` as ``init(fastPeriod:slowPeriod:signalPeriod:)``.
    public static func compute(
        _ values: [Double], fastPeriod: Int = 12, slowPeriod: Int = 26, signalPeriod: Int = 9
    ) throws -> Series {
        var state = try MACD(fastPeriod: fastPeriod, slowPeriod: slowPeriod, signalPeriod: signalPeriod)
        var series = Series(macd: [], signal: [], histogram: [])
        series.macd = [Double](repeating: .nan, count: values.count)
        series.signal = series.macd
        series.histogram = series.macd
        values.withUnsafeBufferPointer { x in
            for i in 0..<x.count {
                guard let out = state.update(x[i]) else { continue }
                series.macd[i] = out.macd
                series.signal[i] = out.signal
                series.histogram[i] = out.histogram
            }
        }
        return series
    }
}
