import ArgumentParser
import MLCore
import MLFeatures

/// `mlctl features indicators --input ohlcv.csv --output ind.csv --columns sma_20,rsi_14,…`.
struct FeaturesIndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "TA-Lib indicators over OHLCV bars, one column per name (the name is the spec).",
        discussion: """
            A column name is the indicator, the output, then the parameters in TA-Lib's order: sma_20, ema_9, \
            wma_10, rsi_14, roc_10, rocp_10, ret_5, logret_1, macd_12_26_9, macd_signal_12_26_9, \
            macd_hist_12_26_9, bb_upper_20_2 (or bb_lower_10_1.5_2.5), bb_middle_20_2, atr_14, natr_14, adx_14, \
            plus_di_14, minus_di_14, willr_14, cci_20, mfi_14, stoch_slowk_5_3_3, stoch_slowd_5_3_3, obv. \
            Output: the timestamp column then the named columns; rows in each lookback are empty. \
            An unknown name or a bad parameter is exit 2.
            """
    )

    @Option(help: "OHLCV CSV with a header.") var input: String
    @Option(help: "Output CSV.") var output: String
    @Option(help: "Comma-separated column names (indicator specs).") var columns: String
    @OptionGroup var inputColumns: OHLCVColumnOptions

    func run() throws {
        let specs = try IndicatorColumn.list(columns)
        let table = try CSVReader().read(contentsOf: input)
        try CSVWriter().write(try IndicatorColumn.table(specs, from: table, names: inputColumns.names), to: output)
    }
}
