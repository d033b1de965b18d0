import MLCore

/// One indicator output named the way a column header names it: the indicator, the output,
/// then the parameters in TA-Lib's order, joined by `_` — `sma_20`, `rsi_14`,
/// `macd_signal_12_26_9`, `bb_upper_14_2.5`, `stoch_slowd_14_3_4`, `obv`, `ret_5`.
///
/// | name | indicator (TA-Lib) | parameters, defaults |
/// |---|---|---|
/// | `sma_N`, `ema_N`, `wma_N` | ``SMA``, ``EMA``, ``WMA`` of close | period 30 |
/// | `rsi_N` | ``RSI`` of close | period 14 |
/// | `roc_N`, `rocp_N` | ``ROC`` (percent), ``ROCP`` (fraction) of close | period 10 |
/// | `ret_K`, `logret_K` | ``SimpleReturn``, ``LogReturn`` of close | periods 1 |
/// | `macd_F_S_G`, `macd_signal_F_S_G`, `macd_hist_F_S_G` | ``MACD`` of close | 12, 26, 9 |
/// | `bb_upper_N_K`, `bb_middle_N_K`, `bb_lower_N_K`, or `…_N_UP_DOWN` | ``BollingerBands`` of close (one K: both deviations) | 5, 2 (TA-Lib's) |
/// | `atr_N`, `natr_N` | ``ATR``, ``NATR`` | period 14 |
/// | `adx_N`, `plus_di_N`, `minus_di_N` | ``ADX`` and its directional indicators | period 14 |
/// | `willr_N`, `cci_N` | ``WilliamsR``, ``CCI`` | period 14 |
/// | `mfi_N` | ``MFI`` | period 14 |
/// | `stoch_slowk_FK_SK_SD`, `stoch_slowd_FK_SK_SD` | ``Stochastic`` (SMA smoothing) | 5, 3, 3 |
/// | `obv` | ``OBV`` | — |
///
/// Trailing parameters may be left out (TA-Lib's defaults apply). Periods are decimal integers;
/// band deviations are any finite decimals.
///
/// ```swift
/// let column = try IndicatorColumn("bb_upper_14_2.5")
/// column.lookback                       // 13
/// let values = try column.compute(bars) // bars.count values, NaN for the first 13
/// ```
public struct IndicatorColumn: Sendable, Hashable, CustomStringConvertible {
    /// The column name, as given.
    public let name: String
    let indicator: _IndicatorSpec

    /// Parses `name`.
    /// - Throws: ``FeatureError`` `.unknownIndicator` (field: the name) when no indicator has
    ///   that name; `.invalidParameter` (field: the name) for a parameter that is not a number
    ///   of the right kind, too many parameters, or one outside the indicator's range.
    public init(_ name: String) throws {
        self.name = name
        indicator = try _IndicatorSpec(parsing: name)
    }

    /// Outputs undefined before the first (TA-Lib's lookback for this output).
    public var lookback: Int { indicator.lookback }

    public var description: String { name }

    /// The input series it reads: some of `high`, `low`, `close`, `volume`.
    public var inputs: [String] { indicator.inputs }

    /// The indicator over `bars`: `bars.count` values, NaN for the first ``lookback`` (all NaN
    /// when there are fewer bars).
    public func compute(_ bars: OHLCVBars) throws -> [Double] {
        try indicator.compute(bars)
    }

    /// Parses a comma-separated list of names (spaces around names are ignored).
    /// - Throws: as ``init(_:)``; `.invalidParameter` (field `columns`) for an empty list or a
    ///   name given twice.
    public static func list(_ text: String) throws -> [IndicatorColumn] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            String(part.drop(while: { $0 == " " }).dropLast(part.reversed().prefix(while: { $0 == " " }).count))
        }
        guard !names.isEmpty, !names.contains("") else {
            throw FeatureError(.invalidParameter, "an empty column name in '\(text.prefix(200))'", field: "columns")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw FeatureError(.invalidParameter, "column '\(name.prefix(100))' is listed twice", field: "columns")
        }
        return try names.map(IndicatorColumn.init)
    }

    /// `columns` computed over the bars of `table`: a table with the timestamp column (as read,
    /// when `names.timestamp` is in `table`) followed by one `Double` column per indicator,
    /// NaN (an empty CSV field) during each lookback. Only the price and volume columns the
    /// indicators read must be present.
    /// - Throws: ``FeatureError`` `.invalidInput` naming a required column that is absent or not numeric.
    public static func table(_ columns: [IndicatorColumn], from table: Table, names: OHLCVBars.ColumnNames = .standard) throws -> Table {
        let bars = try OHLCVBars(table: table, names: names, required: Set(columns.flatMap(\.inputs)))
        var out: [(name: String, column: Column)] = []
        if let name = names.timestamp, let timestamps = bars.timestamps { out.append((name, timestamps)) }
        for column in columns { out.append((column.name, .double(try column.compute(bars)))) }
        return try Table(out)
    }
}
