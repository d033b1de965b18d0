import MLFeatures
import Testing

/// Parameter sets other than the fixture's, on series small enough to compute by hand.
@Suite struct HandComputedTests {
    /// NaN-aware exact comparison for values that are exact in binary (or computed the same way).
    func expectSame(_ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            #expect(a.isNaN ? e.isNaN : (a - e).magnitude <= 1e-12 * max(1, e.magnitude), "[\(i)]: \(a) vs \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func smaOfThreeOverFiveValues() throws {
        expectSame(try SMA.compute([1, 2, 3, 4, 5], period: 3), [.nan, .nan, 2, 3, 4])
        #expect(try SMA(period: 3).lookback == 2)
    }

    @Test func periodOneCopiesTheInputAsTALib() throws {
        let x: [Double] = [0.1, 0.7, 0.3, 1e300, -2]
        for output in [try SMA.compute(x, period: 1), try EMA.compute(x, period: 1), try WMA.compute(x, period: 1)] {
            #expect(output.map(\.bitPattern) == x.map(\.bitPattern))
        }
    }

    @Test func emaOfThreeIsSeededWithTheMeanOfTheFirstThree() throws {
        // k = 0.5: seed (2 + 4 + 6)/3 = 4, then (10 − 4)·0.5 + 4 = 7, then (0 − 7)·0.5 + 7 = 3.5.
        expectSame(try EMA.compute([2, 4, 6, 10, 0], period: 3), [.nan, .nan, 4, 7, 3.5])
    }

    @Test func wmaOfThreeWeightsTheNewestMost() throws {
        // (1·1 + 2·2 + 3·3)/6 = 14/6; (2 + 6 + 12)/6 = 20/6; (3 + 8 + 3)/6 = 14/6.
        expectSame(try WMA.compute([1, 2, 3, 4, 1], period: 3), [.nan, .nan, 14.0 / 6, 20.0 / 6, 14.0 / 6])
    }

    @Test func rsiOfTwoUsesWilderSmoothing() throws {
        // Changes +1, −1: G = L = 0.5 → 50. Change +2: G = (0.5 + 2)/2 = 1.25, L = 0.25 → 83.33…
        // Change −1: G = 0.625, L = (0.25 + 1)/2 = 0.625 → 50.
        expectSame(try RSI.compute([1, 2, 1, 3, 2], period: 2), [.nan, .nan, 50, 100 * 1.25 / 1.5, 50])
        // No movement at all: G + L = 0 → 0, as TA-Lib.
        expectSame(try RSI.compute([5, 5, 5, 5], period: 2), [.nan, .nan, 0, 0])
    }

    @Test func rocRocpAndReturns() throws {
        expectSame(try ROC.compute([100, 110, 121, 0, 5], period: 1), [.nan, 10, 10, -100, 0])  // 0 base → 0
        expectSame(try ROCP.compute([100, 110, 121, 0, 5], period: 1), [.nan, 0.1, 0.1, -1, 0])
        expectSame(try SimpleReturn.compute([100, 110, 99], periods: 1), [.nan, 110.0 / 100 - 1, 99.0 / 110 - 1])
        let logs = try LogReturn.compute([100, 200, 50], periods: 2)
        #expect(logs[0].isNaN && logs[1].isNaN && (logs[2] - (-0.6931471805599453)).magnitude < 1e-15)
    }

    @Test func macdWithSmallPeriodsAlignsTheFastEMAToTheSlowOne() throws {
        // fast 2 (k = 2/3) seeded on values 1…2 (not 0…1), slow 3 (k = 1/2) on 0…2, signal 2 (k = 2/3).
        let x: [Double] = [1, 2, 4, 8, 16]
        let s = try MACD.compute(x, fastPeriod: 2, slowPeriod: 3, signalPeriod: 2)
        // index 2: fast 3, slow 7/3 → macd 2/3. index 3: fast (8−3)·2/3 + 3 = 19/3, slow (8 − 7/3)/2 + 7/3 = 31/6
        // → macd 7/6; signal = mean(2/3, 7/6) = 11/12, hist 1/4.
        expectSame(s.macd, [.nan, .nan, .nan, 7.0 / 6, s.macd[4]])
        expectSame(s.signal, [.nan, .nan, .nan, 11.0 / 12, s.signal[4]])
        expectSame(s.histogram, [.nan, .nan, .nan, 0.25, s.histogram[4]])
        #expect(try MACD(fastPeriod: 2, slowPeriod: 3, signalPeriod: 2).lookback == 3)
        // Swapped periods behave as TA-Lib: the smaller is the fast one.
        #expect(try MACD(fastPeriod: 26, slowPeriod: 12, signalPeriod: 9).fastPeriod == 12)
    }

    @Test func bollingerBandsUsePopulationDeviation() throws {
        // Window [1, 2, 3]: mean 2, population σ = √(2/3); bands 2 ± 2σ (up) and 2 ∓ 1σ (down).
        let s = try BollingerBands.compute([1, 2, 3], period: 3, deviationsUp: 2, deviationsDown: 1)
        let sigma = (2.0 / 3).squareRoot()
        expectSame(s.middle, [.nan, .nan, 2])
        expectSame(s.upper, [.nan, .nan, 2 + 2 * sigma])
        expectSame(s.lower, [.nan, .nan, 2 - sigma])
    }

    @Test func atrNatrAndObvOnFourBars() throws {
        let high: [Double] = [10, 12, 11, 15], low: [Double] = [8, 9, 7, 12], close: [Double] = [9, 11, 8, 14]
        // TR₁ = max(3, 3, 0) = 3; TR₂ = max(4, 0, 4) = 4; TR₃ = max(3, 7, 4) = 7.
        // ATR(2): (3 + 4)/2 = 3.5, then (3.5 + 7)/2 = 5.25.
        expectSame(try ATR.compute(high: high, low: low, close: close, period: 2), [.nan, .nan, 3.5, 5.25])
        expectSame(try ATR.compute(high: high, low: low, close: close, period: 1), [.nan, 3, 4, 7])
        expectSame(try NATR.compute(high: high, low: low, close: close, period: 2), [.nan, .nan, 3.5 / 8 * 100, 5.25 / 14 * 100])
        expectSame(try OBV.compute(close: [1, 2, 2, 1], volume: [10, 20, 30, 40]), [10, 30, 30, -10])
        // TA-Lib's NATR with period 1 is the unnormalized true range.
        expectSame(try NATR.compute(high: high, low: low, close: close, period: 1), [.nan, 3, 4, 7])
    }

    @Test func williamsRAndStochasticOnThreeBars() throws {
        let high: [Double] = [10, 12, 11], low: [Double] = [8, 9, 7], close: [Double] = [9, 11, 8]
        // Window of 2 at index 1: HH 12, LL 8 → %R = (12 − 11)/((12 − 8)/−100) = −25; index 2: HH 12, LL 7 → −80.
        expectSame(try WilliamsR.compute(high: high, low: low, close: close, period: 2), [.nan, -25, -80])
        // fast %K(2) = 75, 20; slow %K = SMA(2) = 47.5; slow %D = SMA(1) = 47.5.
        let s = try Stochastic.compute(high: high, low: low, close: close, fastKPeriod: 2, slowKPeriod: 2, slowDPeriod: 1)
        expectSame(s.slowK, [.nan, .nan, 47.5])
        expectSame(s.slowD, [.nan, .nan, 47.5])
        // A flat window (HH = LL) gives 0, as TA-Lib.
        expectSame(try WilliamsR.compute(high: [5, 5], low: [5, 5], close: [5, 5], period: 2), [.nan, 0])
    }

    @Test func cciAndMfiOnThreeBars() throws {
        // Typical prices 3, 6, 9 (bars of equal high, low and close). CCI(3) at index 2: mean 6, mean
        // deviation 2 → (9 − 6)/(0.015·2) = 100.
        let tp: [Double] = [3, 6, 9]
        expectSame(try CCI.compute(high: tp, low: tp, close: tp, period: 3), [.nan, .nan, 100])
        // MFI(2): flows +6·1, −4·2 (tp 6 → 4) → 100·6/14; then +9·1 with 6 dropped → 100·9/17.
        let m: [Double] = [3, 6, 4, 9], volume: [Double] = [1, 1, 2, 1]
        expectSame(try MFI.compute(high: m, low: m, close: m, volume: volume, period: 2), [.nan, .nan, 600.0 / 14, 900.0 / 17])
    }

    @Test func adxOfTwoByHand() throws {
        // period 2. Bar 1: up 1, down −1 → +DM 1; TR 1. Bar 2: up 1, down 0 → S₊ = 1 − 0.5 + 1 = 1.5,
        // S₋ = 0, TR 2, STR = 1 − 0.5 + 2 = 2.5 → +DI 60, −DI 0, DX 100. Bar 3: up −2, down 3 → −DM 3:
        // S₊ = 0.75, S₋ = 3, TR = max(3, 2, 5) = 5, STR = 1.25 + 5 = 6.25 → +DI 12, −DI 48, DX 60.
        // First ADX (index 2·2 − 1 = 3) = (100 + 60)/2 = 80.
        let high: [Double] = [10, 11, 12, 10], low: [Double] = [9, 10, 10, 7], close: [Double] = [10, 10.5, 12, 8]
        let s = try ADX.compute(high: high, low: low, close: close, period: 2)
        expectSame(s.plusDI, [.nan, .nan, 60, 12])
        expectSame(s.minusDI, [.nan, .nan, 0, 48])
        expectSame(s.adx, [.nan, .nan, .nan, 80])
        #expect(try ADX(period: 2).lookback == 3)
    }
}
