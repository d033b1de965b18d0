import ArgumentParser
import MLFeatures

/// The input column names of the `features` commands (default `timestamp,open,high,low,close,volume`).
struct OHLCVColumnOptions: ParsableArguments {
    @Option(name: .customLong("time"), help: "Timestamp column (epoch seconds or ISO-8601), copied to the output.")
    var timestamp = "timestamp"
    @Option(help: "Open price column.") var open = "open"
    @Option(help: "High price column.") var high = "high"
    @Option(help: "Low price column.") var low = "low"
    @Option(help: "Close price column.") var close = "close"
    @Option(help: "Volume column.") var volume = "volume"

    var names: OHLCVBars.ColumnNames {
        OHLCVBars.ColumnNames(timestamp: timestamp, open: open, high: high, low: low, close: close, volume: volume)
    }
}
