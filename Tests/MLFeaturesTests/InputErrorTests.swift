import Foundation
import MLCore
import MLFeatures
import Testing

/// Bad parameters throw a typed error naming the parameter; empty, short and mismatched inputs
/// never trap.
@Suite struct InputErrorTests {
    func expectInvalidParameter(_ field: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error for a bad \(field)", sourceLocation: sourceLocation)
        } catch let error as FeatureError {
            #expect(error.code == .invalidParameter, sourceLocation: sourceLocation)
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func periodsBelowTALibsMinimumThrow() {
        expectInvalidParameter("period") { _ = try SMA(period: 0) }
        expectInvalidParameter("period") { _ = try SMA.compute([1, 2], period: -3) }
        expectInvalidParameter("period") { _ = try EMA(period: 0) }
        expectInvalidParameter("period") { _ = try WMA(period: 0) }
        expectInvalidParameter("period") { _ = try RSI(period: 1) }
        expectInvalidParameter("period") { _ = try ROC(period: 0) }
        expectInvalidParameter("period") { _ = try ROCP(period: 0) }
        expectInvalidParameter("periods") { _ = try SimpleReturn(periods: 0) }
        expectInvalidParameter("periods") { _ = try LogReturn(periods: -1) }
        expectInvalidParameter("fastPeriod") { _ = try MACD(fastPeriod: 1) }
        expectInvalidParameter("slowPeriod") { _ = try MACD(slowPeriod: 0) }
        expectInvalidParameter("signalPeriod") { _ = try MACD(signalPeriod: 0) }
        expectInvalidParameter("period") { _ = try BollingerBands(period: 1) }
        expectInvalidParameter("deviationsUp") { _ = try BollingerBands(deviationsUp: .nan) }
        expectInvalidParameter("deviationsDown") { _ = try BollingerBands(deviationsDown: .infinity) }
        expectInvalidParameter("period") { _ = try ATR(period: 0) }
        expectInvalidParameter("period") { _ = try NATR(period: 0) }
        expectInvalidParameter("period") { _ = try SMA(period: 100_001) }
        expectInvalidParameter("period") { _ = try WilliamsR(period: 1) }
        expectInvalidParameter("period") { _ = try CCI(period: 1) }
        expectInvalidParameter("period") { _ = try MFI(period: 1) }
        expectInvalidParameter("period") { _ = try ADX(period: 1) }
        expectInvalidParameter("fastKPeriod") { _ = try Stochastic(fastKPeriod: 0) }
        expectInvalidParameter("slowKPeriod") { _ = try Stochastic(slowKPeriod: 0) }
        expectInvalidParameter("slowDPeriod") { _ = try Stochastic(slowDPeriod: 0) }
    }

    @Test func emptyAndTooShortInputsGiveAllNaN() throws {
        for input in [[], [1.0], [1, 2, 3]] as [[Double]] {
            let outputs: [[Double]] = [
                try SMA.compute(input, period: 5), try EMA.compute(input, period: 5), try WMA.compute(input, period: 5),
                try RSI.compute(input, period: 5), try ROC.compute(input, period: 5), try ROCP.compute(input, period: 5),
                try SimpleReturn.compute(input, periods: 5), try LogReturn.compute(input, periods: 5),
                try MACD.compute(input).macd, try MACD.compute(input).histogram,
                try BollingerBands.compute(input).upper,
                try ATR.compute(high: input, low: input, close: input), try NATR.compute(high: input, low: input, close: input),
                try WilliamsR.compute(high: input, low: input, close: input), try CCI.compute(high: input, low: input, close: input),
                try MFI.compute(high: input, low: input, close: input, volume: input),
                try ADX.compute(high: input, low: input, close: input).adx,
                try ADX.compute(high: input, low: input, close: input).plusDI,
                try Stochastic.compute(high: input, low: input, close: input).slowD,
            ]
            for output in outputs {
                #expect(output.count == input.count)
                #expect(output.allSatisfy { $0.isNaN })
            }
            #expect(try OBV.compute(close: input, volume: input).count == input.count)
        }
    }

    @Test func seriesOfDifferentLengthsThrowNamingTheSeries() {
        do {
            _ = try ATR.compute(high: [1, 2, 3], low: [1, 2], close: [1, 2, 3])
            Issue.record("no error")
        } catch let error as FeatureError {
            #expect(error.code == .invalidInput && error.argument == "low", "\(error)")
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: FeatureError.self) { try OBV.compute(close: [1], volume: []) }
        #expect(throws: FeatureError.self) { try MFI.compute(high: [1], low: [1], close: [1], volume: []) }
        #expect(throws: FeatureError.self) { try Stochastic.compute(high: [1], low: [1], close: []) }
        #expect(throws: FeatureError.self) { try ADX.compute(high: [], low: [1], close: [1]) }
    }

    @Test func aTamperedCheckpointThrowsInsteadOfTrapping() throws {
        // A valid checkpoint decodes; one with a ring index out of range, or a period that would
        // overflow the lookback arithmetic, throws.
        let valid = #"{"_period":3,"window":{"storage":[1,2,3],"next":0,"count":3},"total":5}"#
        #expect(try JSONDecoder().decode(SMA.self, from: Data(valid.utf8)).period == 3)
        let badIndex = #"{"_period":3,"window":{"storage":[1,2,3],"next":7,"count":3},"total":6}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SMA.self, from: Data(badIndex.utf8)) }
        var adx = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(try ADX(period: 14))) as? [String: Any] ?? [:]
        adx["_period"] = Int.max
        let tampered = try JSONSerialization.data(withJSONObject: adx)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ADX.self, from: tampered) }
        var stochastic = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(try Stochastic())) as? [String: Any] ?? [:]
        stochastic["_fastKPeriod"] = 0
        let tampered2 = try JSONSerialization.data(withJSONObject: stochastic)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Stochastic.self, from: tampered2) }
    }
}
