import MLCore

extension EntityAggregation {
    /// The features of every event of a table, in the table's row order.
    ///
    /// Reads the entity column (`Int`, `String` or numbers), the time column (see ``EventTime``:
    /// integers or decimals are epoch seconds, text ISO-8601), the value column (numbers; missing is
    /// NaN) and, when `distinct` is requested, the category column (`Int`, `String` or numbers;
    /// missing categories are not counted).
    ///
    /// - Returns: `table.rowCount × featureCount`, row `i` the features of row `i` (columns named
    ///   by ``featureNames(value:)`` with `value`), NaN for missing.
    /// - Throws: ``FeatureError``: `.missingColumn` (field: the name) for a column the table lacks;
    ///   `.invalidParameter` (field `category`) when `distinct` is requested without a category
    ///   column; `.invalidInput` (field: the column, index: the 0-based row, the message the
    ///   1-based row) for a missing entity, a missing or unreadable time, or a value that is not a
    ///   number.
    public func compute(
        _ table: Table, entity: String, time: String, value: String, category: String? = nil
    ) throws -> Matrix<Double> {
        try features(table, entity: entity, time: time, value: value, category: category).matrix()
    }

    /// As ``compute(_:entity:time:value:category:)``, without reordering the result into a matrix:
    /// for writing features out (``FeatureCSVWriter``) or reading a few rows.
    /// - Throws: as ``compute(_:entity:time:value:category:)``.
    public func features(
        _ table: Table, entity: String, time: String, value: String, category: String? = nil
    ) throws -> EventFeatures {
        func column(_ name: String) throws -> Column {
            guard let column = table[name] else {
                let names = table.names.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
                throw FeatureError(.missingColumn, "no column named '\(name)' (columns: \(names))", field: name)
            }
            return column
        }
        let entities = try column(entity)
        let times = try EventTime.nanoseconds(from: column(time), name: time)
        let values = try Self.numbers(column(value), name: value)
        let categories = try category.map { try column($0) }
        if needsCategory && categories == nil {
            throw FeatureError(.invalidParameter, "the aggregation 'distinct' needs a category column", field: "category")
        }
        return try features(entities: entities, times: times, values: values, categories: categories, entityName: entity)
    }

    /// The features of every event, in input order (the batch form).
    ///
    /// Groups the events by entity, orders each entity's events by (time, input position), runs
    /// the streaming form's per-entity state over them and writes each event's features back to
    /// its input row — so the result equals pushing each entity's events, in that order, into an
    /// ``EntityAggregator``, bit for bit. Events may come in any order; O(n) plus a sort of the
    /// entities whose events are not already in time order.
    ///
    /// - Parameters:
    ///   - entities: one key per event (`Int`, `String`, or numbers compared by value).
    ///   - times: nanoseconds since the epoch (``EventTime``), one per event.
    ///   - values: one per event; NaN is missing.
    ///   - categories: one per event for `distinct` (`Int`, `String` or numbers; missing not
    ///     counted); ignored otherwise.
    /// - Returns: `n × featureCount`, row `i` the features of event `i`, NaN for missing.
    /// - Throws: ``FeatureError`` `.invalidInput` for arrays of different lengths (argument: the
    ///   array) or a missing entity (field: `entityName`, index: the row); `.invalidParameter`
    ///   (field `category`) when `distinct` is requested without categories.
    public func compute(
        entities: Column, times: [Int64], values: [Double], categories: Column? = nil, entityName: String = "entity"
    ) throws -> Matrix<Double> {
        try features(entities: entities, times: times, values: values, categories: categories, entityName: entityName).matrix()
    }

    /// As ``compute(entities:times:values:categories:entityName:)``, without reordering the result
    /// into a matrix.
    /// - Throws: as ``compute(entities:times:values:categories:entityName:)``.
    public func features(
        entities: Column, times: [Int64], values: [Double], categories: Column? = nil, entityName: String = "entity"
    ) throws -> EventFeatures {
        let n = times.count
        try FeatureError.requireSameLength(
            n, ["entities": entities.count, "values": values.count, "categories": categories?.count ?? n])
        if needsCategory && categories == nil {
            throw FeatureError(.invalidParameter, "the aggregation 'distinct' needs categories", field: "category")
        }
        let (codes, entityCount) = try _EntityCodes.make(entities, name: entityName)
        let categoryCodes: [Int?] = needsCategory ? categories.map(_EntityCodes.categories) ?? [] : []
        let (order, starts) = _EntityCodes.groupedOrder(codes, entityCount: entityCount, times: times)

        // Gather the events in computation order (entity by entity, each in time order), so one
        // state, reused for every entity, runs over contiguous memory and writes sequentially.
        var groupedTimes = [Int64](repeating: 0, count: n)
        var groupedValues = [Double](repeating: 0, count: n)
        var groupedCategories = [Int?](repeating: nil, count: needsCategory ? n : 0)
        var positions = [Int](repeating: 0, count: n)
        for (p, row) in order.enumerated() {
            groupedTimes[p] = times[row]
            groupedValues[p] = values[row]
            if needsCategory { groupedCategories[p] = categoryCodes[row] }
            positions[row] = p
        }
        let width = featureCount
        var storage = [Double](repeating: .nan, count: n * width)
        var state = _EntityState<Int>(self)
        for e in 0..<entityCount {
            state.removeAll()
            for p in starts[e]..<starts[e + 1] {
                state.push(
                    time: groupedTimes[p], value: groupedValues[p], category: needsCategory ? groupedCategories[p] : nil,
                    aggregation: self, into: &storage, at: p * width)
            }
        }
        return EventFeatures(rowCount: n, featureCount: width, storage: storage, positions: positions)
    }

    /// A numeric column's values as `Double`; for a text column, the row of the first field that
    /// is not a number.
    static func numbers(_ column: Column, name: String) throws -> [Double] {
        if let values = column.doubleValues { return values }
        guard case .string(let texts) = column else { return [] }
        var out = [Double](repeating: .nan, count: texts.count)
        for (row, text) in texts.enumerated() {
            guard let text else { continue }
            guard let x = Double(text.trimmingSpaces()) else {
                throw FeatureError(.invalidInput, "row \(row + 1): '\(text)' is not a number", field: name, index: row)
            }
            out[row] = x
        }
        return out
    }
}

/// Dense integer codes for entity and category columns, and the grouped event order.
enum _EntityCodes {
    /// A code in `0..<count` per row, numbered in order of first appearance.
    /// - Throws: ``FeatureError`` `.invalidInput` for a missing entity.
    static func make(_ column: Column, name: String) throws -> (codes: [Int32], count: Int) {
        func missing(_ row: Int) -> FeatureError {
            FeatureError(.invalidInput, "row \(row + 1): missing entity", field: name, index: row)
        }
        var codes = [Int32](repeating: 0, count: column.count)
        switch column {
        case .int(let keys):
            var table: [Int: Int32] = [:]
            for (row, key) in keys.enumerated() {
                guard let key else { throw missing(row) }
                codes[row] = code(key, &table)
            }
            return (codes, table.count)
        case .string(let keys):
            var table: [String: Int32] = [:]
            for (row, key) in keys.enumerated() {
                guard let key else { throw missing(row) }
                codes[row] = code(key, &table)
            }
            return (codes, table.count)
        case .double, .float:
            var table: [Double: Int32] = [:]
            for (row, key) in (column.doubleValues ?? []).enumerated() {
                guard !key.isNaN else { throw missing(row) }
                codes[row] = code(key, &table)
            }
            return (codes, table.count)
        }
    }

    @inline(__always)
    private static func code<Key: Hashable>(_ key: Key, _ table: inout [Key: Int32]) -> Int32 {
        if let code = table[key] { return code }
        let code = Int32(truncatingIfNeeded: table.count)
        table[key] = code
        return code
    }

    /// A category per row as an `Int` (integers as they are, text and numbers numbered by first
    /// appearance), nil for missing.
    static func categories(_ column: Column) -> [Int?] {
        switch column {
        case .int(let values): return values
        case .string(let values):
            var table: [String: Int] = [:]
            return values.map { $0.map { number($0, &table) } }
        case .double, .float:
            var table: [Double: Int] = [:]
            return (column.doubleValues ?? []).map { $0.isNaN ? nil : number($0, &table) }
        }
    }

    private static func number<Key: Hashable>(_ key: Key, _ table: inout [Key: Int]) -> Int {
        if let code = table[key] { return code }
        table[key] = table.count
        return table.count - 1
    }

    /// The rows grouped by entity (entities in order of first appearance, a counting sort), each
    /// entity's rows ordered by (time, row).
    static func groupedOrder(_ codes: [Int32], entityCount: Int, times: [Int64]) -> (order: [Int], starts: [Int]) {
        var starts = [Int](repeating: 0, count: entityCount + 1)
        for c in codes { starts[Int(c) + 1] += 1 }
        for e in 0..<entityCount { starts[e + 1] += starts[e] }
        var next = starts
        var order = [Int](repeating: 0, count: codes.count)
        for (row, c) in codes.enumerated() {
            order[next[Int(c)]] = row
            next[Int(c)] += 1
        }
        for e in 0..<entityCount {
            let range = starts[e]..<starts[e + 1]
            var sorted = true
            var p = range.lowerBound + 1
            while p < range.upperBound {
                if times[order[p]] < times[order[p - 1]] {
                    sorted = false
                    break
                }
                p += 1
            }
            if !sorted {
                order[range].sort { (times[$0], $0) < (times[$1], $1) }
            }
        }
        return (order, starts)
    }
}
