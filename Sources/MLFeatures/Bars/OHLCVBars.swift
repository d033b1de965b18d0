import MLCore

/// A series of price bars: open, high, low, close and volume per bar (row), with an optional
/// timestamp column. The input of ``IndicatorColumn``, ``FeatureSet`` and ``OHLCVValidator``.
///
/// Prices and volumes are `Double`s in the input's units; a missing value is NaN. The
/// timestamp column is kept as read (integers, decimals or ISO-8601 text) so that outputs can
/// repeat it unchanged; ``seconds(at:)`` reads it as seconds since the Unix epoch.
public struct OHLCVBars: Sendable, Equatable {
    /// The names of the columns bars are read from.
    public struct ColumnNames: Sendable, Hashable {
        /// The timestamp column; `nil` reads no timestamps.
        public var timestamp: String?
        /// Price and volume columns.
        public var open, high, low, close, volume: String

        /// `timestamp,open,high,low,close,volume`, as TA-Lib's fixtures and most exports name them.
        public static let standard = ColumnNames(
            timestamp: "timestamp", open: "open", high: "high", low: "low", close: "close", volume: "volume"
        )

        /// Names for each column.
        public init(timestamp: String?, open: String, high: String, low: String, close: String, volume: String) {
            self.timestamp = timestamp
            self.open = open
            self.high = high
            self.low = low
            self.close = close
            self.volume = volume
        }
    }

    /// The timestamp column as read (any type), or `nil`.
    public let timestamps: Column?
    /// Opening prices, one per bar.
    public let open: [Double]
    /// Highest prices.
    public let high: [Double]
    /// Lowest prices.
    public let low: [Double]
    /// Closing prices.
    public let close: [Double]
    /// Traded volumes.
    public let volume: [Double]

    /// The number of bars.
    public var count: Int { close.count }

    /// Bars from arrays of equal length.
    /// - Throws: ``FeatureError`` `.invalidInput` naming the first series (or `timestamps`)
    ///   whose length differs from `close`'s.
    public init(
        timestamps: Column? = nil, open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]
    ) throws {
        try FeatureError.requireSameLength(
            close.count,
            ["open": open.count, "high": high.count, "low": low.count, "volume": volume.count,
             "timestamps": timestamps?.count ?? close.count]
        )
        self.timestamps = timestamps
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// The inputs a bar series can have, as named in `required`: `timestamp`, `open`, `high`,
    /// `low`, `close`, `volume`.
    public static let allInputs: Set<String> = ["timestamp", "open", "high", "low", "close", "volume"]

    /// Bars from the columns of `table` named by `names`; numeric columns of any type are
    /// widened to `Double` (missing → NaN). An input not in `required` may be absent: a series
    /// is then all NaN, the timestamps `nil`.
    /// - Throws: ``FeatureError`` `.invalidInput` naming (`argument`) a required column that is
    ///   absent, or a price or volume column that is not numeric.
    public init(table: Table, names: ColumnNames = .standard, required: Set<String> = allInputs) throws {
        func absent(_ input: String, _ name: String) -> FeatureError {
            FeatureError(
                .invalidInput,
                "no such \(input) column (columns: \(table.names.prefix(12).joined(separator: ", ")))", argument: name)
        }
        func numeric(_ input: String, _ name: String) throws -> [Double] {
            guard let column = table[name] else {
                guard !required.contains(input) else { throw absent(input, name) }
                return [Double](repeating: .nan, count: table.rowCount)
            }
            guard let values = column.doubleValues else {
                throw FeatureError(.invalidInput, "is a text column; prices and volumes must be numbers", argument: name)
            }
            return values
        }
        let timestamps = names.timestamp.flatMap { table[$0] }
        if let name = names.timestamp, timestamps == nil, required.contains("timestamp") { throw absent("timestamp", name) }
        try self.init(
            timestamps: timestamps, open: numeric("open", names.open), high: numeric("high", names.high),
            low: numeric("low", names.low), close: numeric("close", names.close), volume: numeric("volume", names.volume)
        )
    }

    /// Bars read from a CSV file with a header (columns named by `names`, others ignored).
    /// - Throws: `DataFormatError` when the file cannot be read or parsed; ``FeatureError``
    ///   `.invalidInput` as ``init(table:names:)``.
    public init(contentsOfCSV path: String, names: ColumnNames = .standard) throws {
        let table = try CSVReader().read(contentsOf: path)
        try self.init(table: table, names: names)
    }

    /// The timestamp of bar `index` in seconds since 1970-01-01T00:00:00Z, or `nil` when there
    /// is no timestamp column or the value is missing or unreadable. `index` must be in
    /// `0..<count`.
    public func seconds(at index: Int) -> Double? {
        timestamps.flatMap { EventTime.seconds($0, row: index) }
    }

    /// The SHA-256 of the bars' values (``ContentHasher`` kind `"mlops-ohlcv-v1"`: if there are
    /// timestamps, column `timestamp` as seconds since the epoch — NaN where missing or
    /// unreadable —, then open, high, low, close and volume as `Double`s): the same instants and
    /// values give the same hash however a file formatted them (`1704067200` or
    /// `2024-01-01T00:00:00Z`, `100` or `100.0`).
    public var contentHash: ContentHash {
        var hasher = ContentHasher(kind: "mlops-ohlcv-v1")
        if timestamps != nil {
            hasher.combineColumn(named: "timestamp", (0..<count).map { seconds(at: $0) ?? .nan })
        }
        hasher.combineColumn(named: "open", open)
        hasher.combineColumn(named: "high", high)
        hasher.combineColumn(named: "low", low)
        hasher.combineColumn(named: "close", close)
        hasher.combineColumn(named: "volume", volume)
        return hasher.finalize()
    }
}
