import MLCore

/// Reads a ``Column``'s values the ways the checks need them: as text, as numbers, as timestamps.
enum _ColumnValues {
    /// The text of row `row` (0-based): the field for text columns, the shortest form of a number
    /// (`7`, `2.5`) otherwise, `""` when missing.
    static func text(_ column: Column, _ row: Int) -> String {
        switch column {
        case .string(let v): v[row] ?? ""
        case .int(let v): v[row].map { String($0) } ?? ""
        case .double(let v): v[row].isNaN ? "" : number(v[row])
        case .float(let v): v[row].isNaN ? "" : number(Double(v[row]))
        }
    }

    /// The column as text values (`nil` missing); numbers in their shortest form.
    static func texts(_ column: Column) -> [String?] {
        switch column {
        case .string(let v): v
        case .int(let v): v.map { $0.map { String($0) } }
        case .double(let v): v.map { $0.isNaN ? nil : number($0) }
        case .float(let v): v.map { $0.isNaN ? nil : number(Double($0)) }
        }
    }

    /// `value` without a trailing `.0` when it is a whole number below 2⁵³ (`7`, `2.5`, `1e+300`).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The column as numbers (NaN missing); text is read with `Double(_:)` after trimming spaces.
    /// - Throws: ``FeatureError`` `.invalidValue` naming the first row whose text is not a number.
    static func numbers(_ column: Column, name: String, keyPath: String, source: String?) throws -> [Double] {
        guard case .string(let texts) = column else { return column.doubleValues ?? [] }
        var values = [Double](repeating: .nan, count: texts.count)
        for (row, text) in texts.enumerated() {
            guard let text else { continue }
            guard let value = Double(text.trimmedOfSpaces), !value.isNaN else {
                throw FeatureError(
                    .invalidValue, "data row \(row + 1): '\(text)' is not a number", path: source, key: keyPath,
                    field: name)
            }
            values[row] = value
        }
        return values
    }

    /// The column as timestamps in seconds since the epoch (NaN missing): numbers are epoch
    /// seconds, text is parsed by ``_CheckTimestamp``.
    /// - Throws: ``FeatureError`` `.invalidValue` naming the first row that is not a finite
    ///   timestamp.
    static func timestamps(_ column: Column, name: String, keyPath: String, source: String?) throws -> [Double] {
        func invalid(_ row: Int, _ text: String) -> FeatureError {
            FeatureError(
                .invalidValue,
                "data row \(row + 1): '\(text)' is not a timestamp (epoch seconds, YYYY-MM-DD, or "
                    + "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM])", path: source, key: keyPath, field: name)
        }
        switch column {
        case .string(let texts):
            var values = [Double](repeating: .nan, count: texts.count)
            for (row, text) in texts.enumerated() {
                guard let text else { continue }
                guard let value = _CheckTimestamp.parse(text), value.isFinite else { throw invalid(row, text) }
                values[row] = value
            }
            return values
        default:
            let values = column.doubleValues ?? []
            if let row = values.firstIndex(where: { $0.isInfinite }) { throw invalid(row, text(column, row)) }
            return values
        }
    }
}
