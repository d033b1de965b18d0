import Foundation
import MLCore
import MLFeatures
import MLTesting
import Testing

/// Column names as indicator specs: every fixture column through ``IndicatorColumn/table``,
/// parameters other than the fixtures', defaults, and the errors.
@Suite struct IndicatorColumnTests {
    @Test(arguments: ["indicators/ind_daily_400", "indicators/ind_daily_400_extra"])
    func everyFixtureColumnByItsName(_ folder: String) throws {
        let fixture = try IndicatorFixture(folder: folder)
        let input = try CSVReader().read(contentsOf: fixtures.path("\(folder)/ohlcv.csv"))
        let names = fixture.expected.header.filter { $0 != "timestamp" }
        let columns = try names.map(IndicatorColumn.init)
        let table = try IndicatorColumn.table(columns, from: input)
        #expect(table.names == ["timestamp"] + names)
        #expect(table["timestamp"] == input["timestamp"])  // copied as read (integers stay integers)
        for column in columns {
            let values = try #require(table[column.name]?.doubleValues)
            try expectMatchesFixture(values, column: column.name, lookback: column.lookback, in: fixture)
        }
    }

    @Test func namesMeanTheirParameters() throws {
        let bars = IndicatorFixture.daily400
        let ohlcv = try OHLCVBars(open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume)
        func same(_ name: String, _ direct: [Double], sourceLocation: SourceLocation = #_sourceLocation) throws {
            expectBitIdentical(try IndicatorColumn(name).compute(ohlcv), direct, name, sourceLocation: sourceLocation)
        }
        try same("bb_lower_14_2.5", try BollingerBands.compute(bars.close, period: 14, deviationsUp: 2.5, deviationsDown: 2.5).lower)
        try same("bb_lower_14_1_3", try BollingerBands.compute(bars.close, period: 14, deviationsUp: 1, deviationsDown: 3).lower)
        try same("bb_upper", try BollingerBands.compute(bars.close, period: 5).upper)  // TA-Lib's defaults 5, 2, 2
        try same("stoch_slowd_14_3_4",
            try Stochastic.compute(high: bars.high, low: bars.low, close: bars.close, fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 4).slowD)
        try same("macd_hist_5_35", try MACD.compute(bars.close, fastPeriod: 5, slowPeriod: 35, signalPeriod: 9).histogram)
        try same("sma", try SMA.compute(bars.close, period: 30))
        try same("rsi", try RSI.compute(bars.close, period: 14))
        try same("logret_3", try LogReturn.compute(bars.close, periods: 3))
        try same("minus_di_9", try ADX.compute(high: bars.high, low: bars.low, close: bars.close, period: 9).minusDI)
        try same("mfi_7", try MFI.compute(high: bars.high, low: bars.low, close: bars.close, volume: bars.volume, period: 7))
        #expect(try IndicatorColumn("stoch_slowd_14_3_4").lookback == 13 + 2 + 3)
        #expect(try IndicatorColumn("adx_14").lookback == 27)
        #expect(try IndicatorColumn("plus_di_14").lookback == 14)
        #expect(try IndicatorColumn("macd_signal_12_26_9").lookback == 33)
        #expect(try IndicatorColumn("obv").inputs == ["close", "volume"])
    }

    @Test(arguments: [
        ("foo", FeatureErrorCode.unknownIndicator), ("sma20", .unknownIndicator), ("bb_top_20_2", .unknownIndicator),
        ("sma_x", .invalidParameter), ("sma_0", .invalidParameter), ("sma_", .invalidParameter),
        ("sma_2.5", .invalidParameter), ("rsi_1", .invalidParameter), ("sma_99999999999999999999", .invalidParameter),
        ("bb_upper_20_nan", .invalidParameter), ("bb_upper_20_inf", .invalidParameter), ("bb_upper_1_2", .invalidParameter),
        ("macd_12_26_9_1", .invalidParameter), ("obv_5", .invalidParameter), ("sma_-5", .invalidParameter),
        ("stoch_slowk_0_3_3", .invalidParameter),
    ])
    func badNamesThrowNamingTheColumn(_ name: String, _ code: FeatureErrorCode) {
        #expect {
            _ = try IndicatorColumn(name)
        } throws: { error in
            guard let error = error as? FeatureError else { return false }
            return error.code == code && error.field == name
        }
    }

    @Test func listsAndMissingInputs() throws {
        #expect(try IndicatorColumn.list(" sma_5 , ema_3").map(\.name) == ["sma_5", "ema_3"])
        #expect { _ = try IndicatorColumn.list("sma_5,,ema_3") } throws: { ($0 as? FeatureError)?.field == "columns" }
        #expect { _ = try IndicatorColumn.list("sma_5,sma_5") } throws: { ($0 as? FeatureError)?.field == "columns" }
        // Close-only indicators need only a close column; ATR needs high and low.
        let closes = try CSVReader().read(string: "t,close\n1,10\n2,11\n3,12\n")
        let names = OHLCVBars.ColumnNames(timestamp: "t", open: "open", high: "high", low: "low", close: "close", volume: "volume")
        let table = try IndicatorColumn.table(try IndicatorColumn.list("sma_2"), from: closes, names: names)
        #expect(table["sma_2"]?.doubleValues?.dropFirst() == [10.5, 11.5])
        #expect {
            _ = try IndicatorColumn.table(try IndicatorColumn.list("atr_2"), from: closes, names: names)
        } throws: { ($0 as? FeatureError)?.argument == "high" }
        let text = try CSVReader().read(string: "t,close\n1,a\n")
        #expect {
            _ = try IndicatorColumn.table(try IndicatorColumn.list("sma_2"), from: text, names: names)
        } throws: { ($0 as? FeatureError)?.argument == "close" }
    }
}
