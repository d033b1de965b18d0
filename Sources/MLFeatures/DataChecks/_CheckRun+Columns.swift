import MLCore

/// The column tests: one pass over the column each.
extension _CheckRun {
    mutating func result(of check: ColumnCheck) throws -> DataCheckResult {
        let column = try column(check.column, keyPath: check.keyPath)
        let rows = table.rowCount
        var failing = _Examples()
        let message: (Int) -> String
        switch check.kind {
        case .notNull:
            for row in 0..<rows where column.isMissing(at: row) { failing.add(row: row, value: "") }
            message = { $0 == 0 ? "no missing values" : "\($0) of \(rows) rows are missing" }
        case .unique:
            let texts = try texts(check.column, keyPath: check.keyPath)
            var duplicatedValues = 0
            Self.findRepeats(texts, into: &failing, repeatedValues: &duplicatedValues)
            let repeated = duplicatedValues
            message = {
                $0 == 0
                    ? "every value is distinct"
                    : "\($0) of \(rows) rows share \(repeated) repeated value\(repeated == 1 ? "" : "s")"
            }
        case .acceptedValues(let accepted):
            let allowed = Set(accepted)
            for (row, value) in try texts(check.column, keyPath: check.keyPath).enumerated() {
                if let value, !allowed.contains(value) { failing.add(row: row, value: value) }
            }
            let list = accepted.count <= 10
                ? accepted.joined(separator: ", ") : accepted.prefix(10).joined(separator: ", ") + ", …"
            message = { $0 == 0 ? "every value is one of [\(list)]" : "\($0) of \(rows) rows hold a value not in [\(list)]" }
        case .range(let low, let high):
            let values = try _ColumnValues.numbers(column, name: check.column, keyPath: check.keyPath, source: source)
            let lower = low ?? -.infinity
            let upper = high ?? .infinity
            for (row, value) in values.enumerated() where value < lower || value > upper {
                failing.add(row: row, value: _ColumnValues.text(column, row))
            }
            let bounds = Self.describe(low: low, high: high)
            message = { $0 == 0 ? "every value is \(bounds)" : "\($0) of \(rows) rows are not \(bounds)" }
        case .relationships(let file, let field):
            let keys = try keySet(file: file, field: field, keyPath: check.keyPath)
            for (row, value) in try texts(check.column, keyPath: check.keyPath).enumerated() {
                if let value, !keys.contains(value) { failing.add(row: row, value: value) }
            }
            message = {
                $0 == 0 ? "every value is in \(file) column '\(field)'"
                    : "\($0) of \(rows) rows hold a value not found in \(file) column '\(field)'"
            }
        }
        return DataCheckResult(
            name: check.name, column: check.column, severity: check.severity,
            status: failing.count == 0 ? .pass : DataCheckStatus(failedAt: check.severity), failingRows: failing.count,
            examples: failing.items, message: message(failing.count))
    }

    /// Every row whose (non-missing) value occurs more than once, in one pass: the first row of a
    /// value is remembered, and counted when the value comes again.
    static func findRepeats(_ texts: [String?], into failing: inout _Examples, repeatedValues: inout Int) {
        /// The value's first row, or -1 once that row has been counted.
        var firstRow: [String: Int] = [:]
        firstRow.reserveCapacity(texts.count)
        for (row, text) in texts.enumerated() {
            guard let text else { continue }
            if let first = firstRow[text] {
                if first >= 0 {
                    failing.insert(row: first, value: text)
                    firstRow[text] = -1
                    repeatedValues += 1
                }
                failing.insert(row: row, value: text)
            } else {
                firstRow[text] = row
            }
        }
    }

    /// `in [0, 100]`, `≥ 0`, `≤ 100`.
    static func describe(low: Double?, high: Double?) -> String {
        switch (low, high) {
        case let (low?, high?): "in [\(_ColumnValues.number(low)), \(_ColumnValues.number(high))]"
        case let (low?, nil): "≥ \(_ColumnValues.number(low))"
        case let (nil, high?): "≤ \(_ColumnValues.number(high))"
        case (nil, nil): "any number"
        }
    }
}
