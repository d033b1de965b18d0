/// The streaming state behind ``FeatureSet/technicalV1``: every indicator the 29 features use,
/// fed one bar at a time. The batch form runs this same state over the bars, so batch and
/// streaming outputs are bit-identical.
struct _TechnicalV1State: Sendable, Hashable, Codable {
    static let featureCount = 29

    private var sma9 = SMA(unchecked: 9), sma20 = SMA(unchecked: 20)
    private var sma50 = SMA(unchecked: 50), sma200 = SMA(unchecked: 200)
    private var bands = BollingerBands(unchecked: 20, deviationsUp: 2, deviationsDown: 2)
    private var volume20 = _BarMoments(capacity: 20), volume50 = _BarMoments(capacity: 50)
    private var rsi14 = RSI(unchecked: 14), rsi21 = RSI(unchecked: 21)
    private var roc10 = ROC(unchecked: 10), roc20 = ROC(unchecked: 20)
    private var macd = MACD(unchecked: 12, 26, 9)
    private var adx = ADX(unchecked: 14)
    private var atr = ATR(unchecked: 14)
    private var return1 = SimpleReturn(unchecked: 1)
    private var volatility20 = _BarMoments(capacity: 20), volatility50 = _BarMoments(capacity: 50)
    private var stochastic = Stochastic(unchecked: 5, 3, 3)
    private var obv = OBV()
    private var obvEMA = EMA(unchecked: 20)
    private var return5 = SimpleReturn(unchecked: 5), return10 = SimpleReturn(unchecked: 10)
    private var return20 = SimpleReturn(unchecked: 20)

    /// Takes the next bar and writes the 29 features, in ``FeatureSet/technicalV1``'s order, to
    /// `out[0..<29]` (NaN where a feature is still in its lookback).
    mutating func update(
        high: Double, low: Double, close: Double, volume: Double, into out: UnsafeMutablePointer<Double>
    ) {
        let nan = Double.nan
        func normalized(_ average: Double?) -> Double { average.map { close / $0 - 1 } ?? nan }
        out[0] = normalized(sma9.update(close))
        out[1] = normalized(sma20.update(close))
        out[2] = normalized(sma50.update(close))
        out[3] = normalized(sma200.update(close))
        if let band = bands.update(close) {
            let width = band.upper - band.lower
            out[4] = width == 0 ? 0.5 : (close - band.lower) / width
            out[5] = width / band.middle
        } else {
            out[4] = nan
            out[5] = nan
        }
        out[6] = Self.zScore(volume, volume20.update(volume))
        out[7] = Self.zScore(volume, volume50.update(volume))
        out[8] = rsi14.update(close) ?? nan
        out[9] = rsi21.update(close) ?? nan
        out[10] = roc10.update(close) ?? nan
        out[11] = roc20.update(close) ?? nan
        if let m = macd.update(close) {
            out[12] = m.macd
            out[13] = m.signal
            out[14] = m.histogram
        } else {
            out[12] = nan
            out[13] = nan
            out[14] = nan
        }
        let directional = adx.update(high: high, low: low, close: close)
        out[15] = directional?.adx ?? nan
        out[16] = directional?.plusDI ?? nan
        out[17] = directional?.minusDI ?? nan
        out[18] = atr.update(high: high, low: low, close: close) ?? nan
        if let r = return1.update(close) {
            out[19] = volatility20.update(r)?.deviation ?? nan
            out[20] = volatility50.update(r)?.deviation ?? nan
            out[25] = r
        } else {
            out[19] = nan
            out[20] = nan
            out[25] = nan
        }
        let k = stochastic.update(high: high, low: low, close: close)
        out[21] = k?.slowK ?? nan
        out[22] = k?.slowD ?? nan
        let balance = obv.update(close: close, volume: volume)
        out[23] = balance
        out[24] = obvEMA.update(balance) ?? nan
        out[26] = return5.update(close) ?? nan
        out[27] = return10.update(close) ?? nan
        out[28] = return20.update(close) ?? nan
    }

    /// (x − mean)/σ over the window, 0 when σ = 0 (a constant window), NaN during the lookback.
    private static func zScore(_ x: Double, _ moments: (mean: Double, deviation: Double)?) -> Double {
        guard let moments else { return .nan }
        return moments.deviation == 0 ? 0 : (x - moments.mean) / moments.deviation
    }
}
