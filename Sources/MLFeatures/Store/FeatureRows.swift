import MLCore

/// Rows to store in a ``FeatureView``: for each row the entity key, the event time (when the
/// values were true), the created time (when the row became known; late-arriving corrections
/// have a created time after their event time), and one value per feature (NaN = missing).
///
/// Times are nanoseconds since the epoch (``EventTime``). Rows may come in any order.
public struct FeatureRows: Sendable {
    /// The entity key of each row.
    public let entities: [String]
    /// The event time of each row, nanoseconds since the epoch.
    public let eventTimes: [Int64]
    /// The created time of each row, nanoseconds since the epoch.
    public let createdTimes: [Int64]
    /// `count × width` values, row-major, in the view's feature order.
    public let values: [Double]
    /// Values per row (the view's feature count).
    public let width: Int

    /// The number of rows.
    public var count: Int { entities.count }

    /// Rows from arrays.
    /// - Parameter createdTimes: nil: each row's event time (the row was known when it happened).
    /// - Throws: ``FeatureError`` `.invalidInput` when the arrays' lengths do not fit together or an
    ///   entity key is longer than 1,024 bytes.
    public init(
        entities: [String], eventTimes: [Int64], createdTimes: [Int64]? = nil, values: [Double], width: Int
    ) throws {
        guard width > 0, width <= FeatureView.maximumFeatures else {
            throw FeatureError(.invalidInput, "width \(width) is not 1...\(FeatureView.maximumFeatures)", argument: "width")
        }
        try FeatureError.requireSameLength(
            entities.count, ["eventTimes": eventTimes.count, "createdTimes": createdTimes?.count ?? entities.count])
        let (expected, overflow) = entities.count.multipliedReportingOverflow(by: width)
        guard !overflow, values.count == expected else {
            throw FeatureError(
                .invalidInput, "has \(values.count) values, expected \(entities.count) rows × \(width)",
                argument: "values")
        }
        if let row = entities.firstIndex(where: { $0.utf8.count > 1_024 }) {
            throw FeatureError(.invalidInput, "entity key longer than 1024 bytes", field: "entity", index: row)
        }
        self.entities = entities
        self.eventTimes = eventTimes
        self.createdTimes = createdTimes ?? eventTimes
        self.values = values
        self.width = width
    }

    /// The rows of `table` for `view`: the entity key from column `entity` (text or integers), the
    /// event time from `time`, the created time from `created` (else the event time), and each of
    /// the view's features from the column of the same name.
    ///
    /// Times are read as ``EventTime`` reads them (epoch seconds or ISO-8601). Values must fit
    /// their feature's type: numbers for `float64` (empty = missing), whole numbers within ±2⁵³
    /// for `int64`, 0/1 or `true`/`false` for `bool`.
    /// - Throws: ``FeatureError`` `.missingColumn` naming a column that is not in the table,
    ///   `.invalidInput` for a missing entity key or an unreadable time (`field` the column,
    ///   `index` the 0-based row), `.typeMismatch` for a value of the wrong type.
    public init(table: Table, view: FeatureView, entity: String, time: String, created: String? = nil) throws {
        let entities = try Self.keys(table, column: entity)
        let events = try EventTime.nanoseconds(from: Self.column(table, time), name: time)
        let createdTimes = try created.map { try EventTime.nanoseconds(from: Self.column(table, $0), name: $0) }
        let width = view.features.count
        var values = [Double](repeating: .nan, count: table.rowCount * width)
        for (j, feature) in view.features.enumerated() {
            try Self.fill(&values, column: Self.column(table, feature.name), feature: feature, offset: j, width: width)
        }
        try self.init(entities: entities, eventTimes: events, createdTimes: createdTimes, values: values, width: width)
    }

    static func column(_ table: Table, _ name: String) throws -> Column {
        guard let column = table[name] else {
            throw FeatureError(.missingColumn, "no column '\(name)' in the input", field: name)
        }
        return column
    }

    /// The entity keys of `column` as text (integers in decimal).
    static func keys(_ table: Table, column name: String) throws -> [String] {
        func missing(_ row: Int) -> FeatureError {
            FeatureError(.invalidInput, "row \(row + 1): missing entity key", field: name, index: row)
        }
        switch try column(table, name) {
        case .string(let texts):
            var out: [String] = []
            out.reserveCapacity(texts.count)
            for (row, text) in texts.enumerated() {
                guard let text, !text.isEmpty else { throw missing(row) }
                out.append(text)
            }
            return out
        case .int(let numbers):
            var out: [String] = []
            out.reserveCapacity(numbers.count)
            for (row, number) in numbers.enumerated() {
                guard let number else { throw missing(row) }
                out.append(String(number))
            }
            return out
        case .double, .float:
            throw FeatureError(
                .invalidInput, "entity keys must be text or integers, not decimals (read the column as text)",
                field: name)
        }
    }

    private static func fill(
        _ values: inout [Double], column: Column, feature: FeatureField, offset: Int, width: Int
    ) throws {
        func bad(_ row: Int, _ what: String) -> FeatureError {
            FeatureError(
                .typeMismatch, "row \(row + 1): \(what) is not a \(feature.type.rawValue) value", field: feature.name,
                index: row)
        }
        func check(_ x: Double, _ row: Int) throws -> Double {
            guard !x.isNaN else { return x }
            switch feature.type {
            case .float64: return x
            case .int64:
                guard x == x.rounded(.towardZero), x.magnitude <= 9_007_199_254_740_992 else { throw bad(row, "\(x)") }
                return x
            case .bool:
                guard x == 0 || x == 1 else { throw bad(row, "\(x)") }
                return x
            }
        }
        switch column {
        case .double(let xs): for (row, x) in xs.enumerated() { values[row * width + offset] = try check(x, row) }
        case .float(let xs): for (row, x) in xs.enumerated() { values[row * width + offset] = try check(Double(x), row) }
        case .int(let xs):
            for (row, x) in xs.enumerated() {
                guard let x else { continue }
                values[row * width + offset] = try check(Double(x), row)
            }
        case .string(let texts):
            for (row, text) in texts.enumerated() {
                guard let text else { continue }
                switch (feature.type, text.lowercased()) {
                case (.bool, "true"): values[row * width + offset] = 1
                case (.bool, "false"): values[row * width + offset] = 0
                default: throw bad(row, "'\(text.prefix(32))'")
                }
            }
        }
    }
}
