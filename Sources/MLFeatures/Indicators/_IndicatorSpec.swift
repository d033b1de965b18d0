/// A parsed ``IndicatorColumn`` name: which indicator, which output, which parameters.
enum _IndicatorSpec: Sendable, Hashable {
    enum MACDOutput: Sendable, Hashable { case macd, signal, histogram }
    enum BandOutput: Sendable, Hashable { case upper, middle, lower }
    enum DirectionalOutput: Sendable, Hashable { case adx, plusDI, minusDI }
    enum StochasticOutput: Sendable, Hashable { case slowK, slowD }

    case sma(Int), ema(Int), wma(Int), rsi(Int), roc(Int), rocp(Int), simpleReturn(Int), logReturn(Int)
    case macd(fast: Int, slow: Int, signal: Int, MACDOutput)
    case bollinger(period: Int, up: Double, down: Double, BandOutput)
    case atr(Int), natr(Int), willr(Int), cci(Int), mfi(Int), obv
    case directional(Int, DirectionalOutput)
    case stochastic(fastK: Int, slowK: Int, slowD: Int, StochasticOutput)

    /// Prefix → (parameter kinds with defaults, builder). Longest prefixes are tried first.
    private static let prefixes: [(String, [Double], @Sendable ([Double]) -> _IndicatorSpec)] = [
        ("sma", [30], { .sma(Int($0[0])) }), ("ema", [30], { .ema(Int($0[0])) }), ("wma", [30], { .wma(Int($0[0])) }),
        ("rsi", [14], { .rsi(Int($0[0])) }), ("roc", [10], { .roc(Int($0[0])) }), ("rocp", [10], { .rocp(Int($0[0])) }),
        ("ret", [1], { .simpleReturn(Int($0[0])) }), ("logret", [1], { .logReturn(Int($0[0])) }),
        ("macd", [12, 26, 9], { .macd(fast: Int($0[0]), slow: Int($0[1]), signal: Int($0[2]), .macd) }),
        ("macd_signal", [12, 26, 9], { .macd(fast: Int($0[0]), slow: Int($0[1]), signal: Int($0[2]), .signal) }),
        ("macd_hist", [12, 26, 9], { .macd(fast: Int($0[0]), slow: Int($0[1]), signal: Int($0[2]), .histogram) }),
        ("atr", [14], { .atr(Int($0[0])) }), ("natr", [14], { .natr(Int($0[0])) }),
        ("adx", [14], { .directional(Int($0[0]), .adx) }), ("plus_di", [14], { .directional(Int($0[0]), .plusDI) }),
        ("minus_di", [14], { .directional(Int($0[0]), .minusDI) }),
        ("willr", [14], { .willr(Int($0[0])) }), ("cci", [14], { .cci(Int($0[0])) }), ("mfi", [14], { .mfi(Int($0[0])) }),
        ("obv", [], { _ in .obv }),
        ("stoch_slowk", [5, 3, 3], { .stochastic(fastK: Int($0[0]), slowK: Int($0[1]), slowD: Int($0[2]), .slowK) }),
        ("stoch_slowd", [5, 3, 3], { .stochastic(fastK: Int($0[0]), slowK: Int($0[1]), slowD: Int($0[2]), .slowD) }),
    ]
    private static let bands: [(String, BandOutput)] = [
        ("bb_upper", .upper), ("bb_middle", .middle), ("bb_lower", .lower),
    ]

    init(parsing name: String) throws {
        let tokens = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // The indicator is the longest run of leading tokens that names one; the rest are parameters.
        for split in stride(from: Swift.min(tokens.count, 2), through: 1, by: -1) {
            let prefix = tokens[0..<split].joined(separator: "_")
            let parameters = Array(tokens[split...])
            if let (_, band) = Self.bands.first(where: { $0.0 == prefix }) {
                self = try Self.bollinger(name, parameters, band)
                try check(name)
                return
            }
            guard let (_, defaults, build) = Self.prefixes.first(where: { $0.0 == prefix }) else { continue }
            guard parameters.count <= defaults.count else {
                throw FeatureError(
                    .invalidParameter, "\(prefix) takes at most \(defaults.count) parameter(s), got \(parameters.count)",
                    field: name)
            }
            var values = defaults
            for (k, text) in parameters.enumerated() {
                guard let period = Int(text), text.first != "+" else {
                    throw FeatureError(.invalidParameter, "parameter \(k + 1) ('\(text.prefix(40))') is not a whole number", field: name)
                }
                guard (0...100_000).contains(period) else {
                    throw FeatureError(.invalidParameter, "parameter \(k + 1) must be in 1...100000, got \(period)", field: name)
                }
                values[k] = Double(period)
            }
            self = build(values)
            try check(name)
            return
        }
        throw FeatureError(
            .unknownIndicator,
            "no indicator is named like this; names are sma_N, ema_N, wma_N, rsi_N, roc_N, rocp_N, ret_K, logret_K, "
                + "macd[_signal|_hist]_F_S_G, bb_upper|middle|lower_N_K[_K], atr_N, natr_N, adx_N, plus_di_N, minus_di_N, "
                + "willr_N, cci_N, mfi_N, stoch_slowk|slowd_FK_SK_SD, obv",
            field: String(name.prefix(100)))
    }

    private static func bollinger(_ name: String, _ parameters: [String], _ band: BandOutput) throws -> _IndicatorSpec {
        guard parameters.count <= 3 else {
            throw FeatureError(.invalidParameter, "bollinger bands take at most 3 parameters, got \(parameters.count)", field: name)
        }
        var period = 5
        if let text = parameters.first {
            guard let value = Int(text), text.first != "+", (0...100_000).contains(value) else {
                throw FeatureError(.invalidParameter, "the period ('\(text.prefix(40))') is not a whole number in 2...100000", field: name)
            }
            period = value
        }
        var deviations: [Double] = []
        for text in parameters.dropFirst() {
            guard let value = Double(text), value.isFinite, text.first != "+" else {
                throw FeatureError(.invalidParameter, "the deviation '\(text.prefix(40))' is not a finite number", field: name)
            }
            deviations.append(value)
        }
        let up = deviations.first ?? 2
        return .bollinger(period: period, up: up, down: deviations.count > 1 ? deviations[1] : up, band)
    }

    /// Creates the indicator once so its own range checks run; rethrows naming the column.
    private func check(_ name: String) throws {
        do {
            _ = try compute(try OHLCVBars(open: [], high: [], low: [], close: [], volume: []))
        } catch let error as FeatureError {
            throw FeatureError(error.code, "\(error.field.map { "\($0): " } ?? "")\(error.message)", field: name)
        }
    }

    /// The input series the indicator reads.
    var inputs: [String] {
        switch self {
        case .sma, .ema, .wma, .rsi, .roc, .rocp, .simpleReturn, .logReturn, .macd, .bollinger: ["close"]
        case .atr, .natr, .willr, .cci, .directional, .stochastic: ["high", "low", "close"]
        case .mfi: ["high", "low", "close", "volume"]
        case .obv: ["close", "volume"]
        }
    }

    var lookback: Int {
        switch self {
        case .sma(let n), .ema(let n), .wma(let n): n - 1
        case .rsi(let n), .roc(let n), .rocp(let n), .simpleReturn(let n), .logReturn(let n): n
        case .macd(let fast, let slow, let signal, _): (Swift.max(fast, slow) - 1) + (signal - 1)
        case .bollinger(let n, _, _, _): n - 1
        case .atr(let n), .natr(let n), .mfi(let n): n
        case .willr(let n), .cci(let n): n - 1
        case .obv: 0
        case .directional(let n, let output): output == .adx ? 2 * n - 1 : n
        case .stochastic(let fastK, let slowK, let slowD, _): (fastK - 1) + (slowK - 1) + (slowD - 1)
        }
    }

    func compute(_ bars: OHLCVBars) throws -> [Double] {
        let (h, l, c, v) = (bars.high, bars.low, bars.close, bars.volume)
        switch self {
        case .sma(let n): return try SMA.compute(c, period: n)
        case .ema(let n): return try EMA.compute(c, period: n)
        case .wma(let n): return try WMA.compute(c, period: n)
        case .rsi(let n): return try RSI.compute(c, period: n)
        case .roc(let n): return try ROC.compute(c, period: n)
        case .rocp(let n): return try ROCP.compute(c, period: n)
        case .simpleReturn(let n): return try SimpleReturn.compute(c, periods: n)
        case .logReturn(let n): return try LogReturn.compute(c, periods: n)
        case .macd(let fast, let slow, let signal, let output):
            let series = try MACD.compute(c, fastPeriod: fast, slowPeriod: slow, signalPeriod: signal)
            switch output {
            case .macd: return series.macd
            case .signal: return series.signal
            case .histogram: return series.histogram
            }
        case .bollinger(let n, let up, let down, let output):
            let series = try BollingerBands.compute(c, period: n, deviationsUp: up, deviationsDown: down)
            switch output {
            case .upper: return series.upper
            case .middle: return series.middle
            case .lower: return series.lower
            }
        case .atr(let n): return try ATR.compute(high: h, low: l, close: c, period: n)
        case .natr(let n): return try NATR.compute(high: h, low: l, close: c, period: n)
        case .willr(let n): return try WilliamsR.compute(high: h, low: l, close: c, period: n)
        case .cci(let n): return try CCI.compute(high: h, low: l, close: c, period: n)
        case .mfi(let n): return try MFI.compute(high: h, low: l, close: c, volume: v, period: n)
        case .obv: return try OBV.compute(close: c, volume: v)
        case .directional(let n, let output):
            let series = try ADX.compute(high: h, low: l, close: c, period: n)
            switch output {
            case .adx: return series.adx
            case .plusDI: return series.plusDI
            case .minusDI: return series.minusDI
            }
        case .stochastic(let fastK, let slowK, let slowD, let output):
            let series = try Stochastic.compute(
                high: h, low: l, close: c, fastKPeriod: fastK, slowKPeriod: slowK, slowDPeriod: slowD)
            return output == .slowK ? series.slowK : series.slowD
        }
    }
}
