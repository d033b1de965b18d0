/// Bollinger bands, TA-Lib's `BBANDS` with a simple moving average (`matype` 0).
///
/// middle = SMA(`period`); σ = population standard deviation (divisor `period`) of the same
/// values, computed as TA-Lib does from running sums: σ² = Σx²/n − middle², and σ = 0 when
/// σ² < 1e-8; upper = middle + `deviationsUp`·σ, lower = middle − `deviationsDown`·σ.
///
/// Lookback `period − 1`. Streaming and batch forms are bit-identical.
public struct BollingerBands: Sendable, Hashable, Codable {
    /// One bar's bands, in price units.
    public struct Output: Sendable, Hashable, Codable {
        /// middle + deviationsUp·σ.
        public var upper: Double
        /// The SMA.
        public var middle: Double
        /// middle − deviationsDown·σ.
        public var lower: Double
    }

    /// The three band series of a batch, each as long as the input, NaN before the lookback.
    public struct Series: Sendable, Hashable {
        /// Upper band per bar.
        public var upper: [Double]
        /// Middle band (SMA) per bar.
        public var middle: [Double]
        /// Lower band per bar.
        public var lower: [Double]
    }

    /// Values in the window, ≥ 2.
    public var period: Int { _period.value }
    private let _period: _Period
    /// Standard deviations above the middle band (TA-Lib `nbdevup`).
    public let deviationsUp: Double
    /// Standard deviations below the middle band (TA-Lib `nbdevdn`).
    public let deviationsDown: Double
    private var window: _Ring
    private var total = 0.0
    private var totalOfSquares = 0.0

    /// - Throws: ``FeatureError`` `.invalidParameter` naming `period` unless in 2...100,000, or
    ///   `deviationsUp`/`deviationsDown` unless finite.
    public init(period: Int = 20, deviationsUp: Double = 2, deviationsDown: Double = 2) throws {
        try FeatureError.requirePeriod(period, "period", minimum: 2)
        for (name, value) in [("deviationsUp", deviationsUp), ("deviationsDown", deviationsDown)]
        where !value.isFinite {
            throw FeatureError(.invalidParameter, "must be finite, got \(value)", field: name)
        }
        self.init(unchecked: period, deviationsUp: deviationsUp, deviationsDown: deviationsDown)
    }

    init(unchecked period: Int, deviationsUp: Double, deviationsDown: Double) {
        _period = _Period(period)
        self.deviationsUp = deviationsUp
        self.deviationsDown = deviationsDown
        window = _Ring(capacity: period)
    }

    /// Outputs undefined before the first: `period − 1`.
    public var lookback: Int { period - 1 }

    /// Takes the next value; returns the bands, or nil during the lookback. O(1).
    @discardableResult
    public mutating func update(_ x: Double) -> Output? {
        total += x
        totalOfSquares += x * x
        window.push(x)
        guard window.isFull else { return nil }
        let n = Double(window.capacity)
        let oldest = window.oldest
        let middle = total / n
        total -= oldest
        var variance = totalOfSquares / n
        totalOfSquares -= oldest * oldest
        variance -= middle * middle
        let deviation = _isZeroOrNegative(variance) ? 0 : variance.squareRoot()
        return Output(
            upper: middle + deviation * deviationsUp, middle: middle, lower: middle - deviation * deviationsDown
        )
    }

    /// The bands of `values`.
    /// - Throws: ``FeatureError`` `.invalidParameter` as ``init(period:deviationsUp:deviationsDown:)``.
    public static func compute(
        _ values: [Double], period: Int = 20, deviationsUp: Double = 2, deviationsDown: Double = 2
    ) throws -> Series {
        var state = try BollingerBands(period: period, deviationsUp: deviationsUp, deviationsDown: deviationsDown)
        let empty = [Double](repeating: .nan, count: values.count)
        var series = Series(upper: empty, middle: empty, lower: empty)
        values.withUnsafeBufferPointer { x in
            for i in 0..<x.count {
                guard let out = state.update(x[i]) else { continue }
                series.upper[i] = out.upper
                series.middle[i] = out.middle
                series.lower[i] = out.lower
            }
        }
        return series
    }
}
