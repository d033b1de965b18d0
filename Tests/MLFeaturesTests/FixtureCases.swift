import MLFeatures
import Testing

/// One indicator configuration of the TA-Lib fixture: its batch form, its streaming form (with an
/// optional checkpoint), the fixture columns of its outputs (in order) and its declared lookback.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    var fixture = IndicatorFixture.daily400
    let columns: [String]
    let lookback: Int
    let batch: @Sendable (IndicatorFixture) throws -> [[Double]]
    let stream: @Sendable (IndicatorFixture, _ checkpoint: Int?) throws -> [[Double]]

    var testDescription: String { columns.joined(separator: "+") }

    /// Every indicator of the fixture that MLFeatures implements.
    static let all: [FixtureCase] =
        [9, 20, 50, 200].map(sma) + [9, 20, 50, 200].map(ema) + [14, 21].map(rsi) + [10, 20].map(roc)
        + [1, 5, 10, 20].map(simpleReturn) + [macd, bollinger, atr, obv, adx, stochastic]
        + extra

    /// The cases of `ind_daily_400_extra`.
    static let extra: [FixtureCase] = [
        single("wma_10", try! WMA(period: 10), lookback: 9, in: .daily400Extra, batch: { try WMA.compute($0, period: 10) }) { $0.update($1) },
        single("wma_30", try! WMA(period: 30), lookback: 29, in: .daily400Extra, batch: { try WMA.compute($0, period: 30) }) { $0.update($1) },
        single("ema_2", try! EMA(period: 2), lookback: 1, in: .daily400Extra, batch: { try EMA.compute($0, period: 2) }) { $0.update($1) },
        single("rsi_2", try! RSI(period: 2), lookback: 2, in: .daily400Extra, batch: { try RSI.compute($0, period: 2) }) { $0.update($1) },
        single("rocp_10", try! ROCP(period: 10), lookback: 10, in: .daily400Extra, batch: { try ROCP.compute($0, period: 10) }) { $0.update($1) },
        single("roc_1", try! ROC(period: 1), lookback: 1, in: .daily400Extra, batch: { try ROC.compute($0, period: 1) }) { $0.update($1) },
        bars("natr_14", try! NATR(period: 14), lookback: 14, batch: { try NATR.compute(high: $0, low: $1, close: $2, period: 14) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        bars("atr_1", try! ATR(period: 1), lookback: 1, batch: { try ATR.compute(high: $0, low: $1, close: $2, period: 1) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        bars("atr_5", try! ATR(period: 5), lookback: 5, batch: { try ATR.compute(high: $0, low: $1, close: $2, period: 5) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        bars("willr_14", try! WilliamsR(period: 14), lookback: 13, batch: { try WilliamsR.compute(high: $0, low: $1, close: $2, period: 14) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        bars("cci_14", try! CCI(period: 14), lookback: 13, batch: { try CCI.compute(high: $0, low: $1, close: $2, period: 14) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        bars("cci_20", try! CCI(period: 20), lookback: 19, batch: { try CCI.compute(high: $0, low: $1, close: $2, period: 20) }) {
            $0.update(high: $1, low: $2, close: $3)
        },
        FixtureCase(
            fixture: .daily400Extra, columns: ["mfi_14"], lookback: 14,
            batch: { f in [try MFI.compute(high: f.high, low: f.low, close: f.close, volume: f.volume, period: 14)] },
            stream: { f, checkpoint in
                try streamed(try MFI(period: 14), count: f.count, outputs: 1, checkpoint: checkpoint) { s, i in
                    [s.update(high: f.high[i], low: f.low[i], close: f.close[i], volume: f.volume[i]) ?? .nan]
                }
            }
        ),
        directional(["plus_di_14", "minus_di_14"], period: 14, lookback: 14, fixture: .daily400Extra, picked: [0, 1]),
        directional(["adx_5"], period: 5, lookback: 9, fixture: .daily400Extra, picked: [2]),
        macdCase(5, 35, 5, fixture: .daily400Extra, suffix: "5_35_5"),
        bollingerCase(10, 1.5, 2.5, fixture: .daily400Extra, suffix: "10_1.5_2.5"),
        stochasticCase(14, 3, 5, fixture: .daily400Extra, suffix: "14_3_5"),
    ]

    /// A one-output indicator of high, low and close in `ind_daily_400_extra`.
    static func bars<S: Codable & Sendable>(
        _ column: String, _ state: S, lookback: Int,
        batch: @escaping @Sendable ([Double], [Double], [Double]) throws -> [Double],
        _ update: @escaping @Sendable (inout S, Double, Double, Double) -> Double?
    ) -> FixtureCase {
        FixtureCase(
            fixture: .daily400Extra, columns: [column], lookback: lookback,
            batch: { [try batch($0.high, $0.low, $0.close)] },
            stream: { f, checkpoint in
                try streamed(state, count: f.count, outputs: 1, checkpoint: checkpoint) { s, i in
                    [update(&s, f.high[i], f.low[i], f.close[i]) ?? .nan]
                }
            }
        )
    }

    /// ADX's outputs `picked` (0 +DI, 1 −DI, 2 ADX) as the fixture columns `columns`.
    static func directional(
        _ columns: [String], period: Int, lookback: Int, fixture: IndicatorFixture, picked: [Int]
    ) -> FixtureCase {
        FixtureCase(
            fixture: fixture, columns: columns, lookback: lookback,
            batch: { f in
                let s = try ADX.compute(high: f.high, low: f.low, close: f.close, period: period)
                let all = [s.plusDI, s.minusDI, s.adx]
                return picked.map { all[$0] }
            },
            stream: { f, checkpoint in
                let all = try streamed(try ADX(period: period), count: f.count, outputs: 3, checkpoint: checkpoint) { s, i in
                    let o = s.update(high: f.high[i], low: f.low[i], close: f.close[i])
                    return [o?.plusDI ?? .nan, o?.minusDI ?? .nan, o?.adx ?? .nan]
                }
                return picked.map { all[$0] }
            }
        )
    }

    static func single<S: Codable & Sendable>(
        _ column: String, _ state: S, lookback: Int, in fixture: IndicatorFixture = .daily400,
        batch: @escaping @Sendable ([Double]) throws -> [Double],
        _ update: @escaping @Sendable (inout S, Double) -> Double?
    ) -> FixtureCase {
        FixtureCase(
            fixture: fixture, columns: [column], lookback: lookback, batch: { [try batch($0.close)] },
            stream: { f, checkpoint in
                try streamed(state, count: f.count, outputs: 1, checkpoint: checkpoint) { s, i in
                    [update(&s, f.close[i]) ?? .nan]
                }
            }
        )
    }

    static func sma(_ n: Int) -> FixtureCase {
        single("sma_\(n)", try! SMA(period: n), lookback: n - 1, batch: { try SMA.compute($0, period: n) }) {
            $0.update($1)
        }
    }

    static func ema(_ n: Int) -> FixtureCase {
        single("ema_\(n)", try! EMA(period: n), lookback: n - 1, batch: { try EMA.compute($0, period: n) }) {
            $0.update($1)
        }
    }

    static func rsi(_ n: Int) -> FixtureCase {
        single("rsi_\(n)", try! RSI(period: n), lookback: n, batch: { try RSI.compute($0, period: n) }) {
            $0.update($1)
        }
    }

    static func roc(_ n: Int) -> FixtureCase {
        single("roc_\(n)", try! ROC(period: n), lookback: n, batch: { try ROC.compute($0, period: n) }) {
            $0.update($1)
        }
    }

    static func simpleReturn(_ n: Int) -> FixtureCase {
        single(
            "ret_\(n)", try! SimpleReturn(periods: n), lookback: n,
            batch: { try SimpleReturn.compute($0, periods: n) }
        ) { $0.update($1) }
    }

    static let macd = macdCase(12, 26, 9, fixture: .daily400, suffix: "12_26_9")

    static func macdCase(_ fast: Int, _ slow: Int, _ signal: Int, fixture: IndicatorFixture, suffix: String) -> FixtureCase {
        FixtureCase(
            fixture: fixture, columns: ["macd_\(suffix)", "macd_signal_\(suffix)", "macd_hist_\(suffix)"],
            lookback: slow + signal - 2,
            batch: { f in
                let s = try MACD.compute(f.close, fastPeriod: fast, slowPeriod: slow, signalPeriod: signal)
                return [s.macd, s.signal, s.histogram]
            },
            stream: { f, checkpoint in
                let initial = try MACD(fastPeriod: fast, slowPeriod: slow, signalPeriod: signal)
                return try streamed(initial, count: f.count, outputs: 3, checkpoint: checkpoint) { s, i in
                    guard let o = s.update(f.close[i]) else { return [.nan, .nan, .nan] }
                    return [o.macd, o.signal, o.histogram]
                }
            }
        )
    }

    static let bollinger = bollingerCase(20, 2, 2, fixture: .daily400, suffix: "20_2")

    static func bollingerCase(_ n: Int, _ up: Double, _ down: Double, fixture: IndicatorFixture, suffix: String) -> FixtureCase {
        FixtureCase(
            fixture: fixture, columns: ["bb_upper_\(suffix)", "bb_middle_\(suffix)", "bb_lower_\(suffix)"],
            lookback: n - 1,
            batch: { f in
                let s = try BollingerBands.compute(f.close, period: n, deviationsUp: up, deviationsDown: down)
                return [s.upper, s.middle, s.lower]
            },
            stream: { f, checkpoint in
                let initial = try BollingerBands(period: n, deviationsUp: up, deviationsDown: down)
                return try streamed(initial, count: f.count, outputs: 3, checkpoint: checkpoint) { s, i in
                    guard let o = s.update(f.close[i]) else { return [.nan, .nan, .nan] }
                    return [o.upper, o.middle, o.lower]
                }
            }
        )
    }

    static let adx = directional(["adx_14"], period: 14, lookback: 27, fixture: .daily400, picked: [2])
    static let stochastic = stochasticCase(5, 3, 3, fixture: .daily400, suffix: "5_3_3")

    static func stochasticCase(_ k: Int, _ sk: Int, _ sd: Int, fixture: IndicatorFixture, suffix: String) -> FixtureCase {
        FixtureCase(
            fixture: fixture, columns: ["stoch_slowk_\(suffix)", "stoch_slowd_\(suffix)"], lookback: k + sk + sd - 3,
            batch: { f in
                let s = try Stochastic.compute(
                    high: f.high, low: f.low, close: f.close, fastKPeriod: k, slowKPeriod: sk, slowDPeriod: sd
                )
                return [s.slowK, s.slowD]
            },
            stream: { f, checkpoint in
                let initial = try Stochastic(fastKPeriod: k, slowKPeriod: sk, slowDPeriod: sd)
                return try streamed(initial, count: f.count, outputs: 2, checkpoint: checkpoint) { s, i in
                    guard let o = s.update(high: f.high[i], low: f.low[i], close: f.close[i]) else { return [.nan, .nan] }
                    return [o.slowK, o.slowD]
                }
            }
        )
    }

    static let atr = FixtureCase(
        columns: ["atr_14"], lookback: 14,
        batch: { f in [try ATR.compute(high: f.high, low: f.low, close: f.close, period: 14)] },
        stream: { f, checkpoint in
            try streamed(try ATR(period: 14), count: f.count, outputs: 1, checkpoint: checkpoint) { s, i in
                [s.update(high: f.high[i], low: f.low[i], close: f.close[i]) ?? .nan]
            }
        }
    )

    static let obv = FixtureCase(
        columns: ["obv"], lookback: 0,
        batch: { f in [try OBV.compute(close: f.close, volume: f.volume)] },
        stream: { f, checkpoint in
            try streamed(OBV(), count: f.count, outputs: 1, checkpoint: checkpoint) { s, i in
                [s.update(close: f.close[i], volume: f.volume[i])]
            }
        }
    )
}
