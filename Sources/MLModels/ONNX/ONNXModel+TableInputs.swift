import MLCore

/// Feeding a graph from a table (a CSV file): by column name, or by position.
extension ONNXModel {
    /// Whether the graph needs named inputs: several inputs, or a string input.
    public var needsNamedInputs: Bool { graphInputs.columns.count > 1 || graphInputs.firstStringInput != nil }

    /// The graph's input values from the columns of `table`:
    /// - **by name** when every graph input of width 1 names a column (skl2onnx's one input
    ///   per DataFrame column) — other columns are ignored;
    /// - otherwise **by position**: the table's columns are the model's feature row, each input
    ///   taking its ``ONNXInput/width`` columns in ``inputs`` order (the table must have
    ///   exactly ``InputSchema/featureCount`` columns).
    ///
    /// Numeric columns feed numeric inputs (missing integers are an error for integer inputs;
    /// NaN stays NaN for float inputs); string inputs take string columns, a missing string
    /// becomes "" (an unknown category).
    /// - Throws: ``ScoringError`` `.featureCountMismatch` when neither mapping fits,
    ///   `.invalidInput` for a numeric input given text or a value it cannot hold.
    public func inputValues(from table: Table) throws -> [String: ONNXInputValues] {
        var values: [String: ONNXInputValues] = [:]
        let byName = graphInputs.columns.allSatisfy { $0.width == 1 && table.index(of: $0.name) != nil }
        if byName {
            for input in graphInputs.columns {
                values[input.name] = try Self.values(of: [try table.column(named: input.name)], for: input, names: [input.name])
            }
            return values
        }
        guard table.columnCount == schema.featureCount else {
            throw ScoringError(
                .featureCountMismatch,
                "the model's inputs (\(graphInputs.columns.map { "\($0.name)[\($0.width)]" }.joined(separator: ", "))) take \(schema.featureCount) columns, the table has \(table.columnCount) and does not name every input")
        }
        for input in graphInputs.columns {
            let range = input.offset..<(input.offset + input.width)
            values[input.name] = try Self.values(
                of: range.map { table.columns[$0] }, for: input, names: range.map { table.names[$0] })
        }
        return values
    }

    /// The graph's input values from a CSV file (header row; see ``inputValues(from:)``), with
    /// the columns that feed string inputs read as text even when they look numeric.
    /// - Throws: ``DataFormatError`` for an unreadable or malformed file; as
    ///   ``inputValues(from:)``.
    public func inputValues(contentsOfCSV path: String) throws -> (values: [String: ONNXInputValues], rowCount: Int) {
        var table = try CSVReader().read(contentsOf: path)
        let text = textColumns(in: table.names).filter { table[$0]?.type != .string }
        if !text.isEmpty {
            let schema = Dictionary(text.map { ($0, ColumnType.string) }, uniquingKeysWith: { a, _ in a })
            table = try CSVReader(schema: schema).read(contentsOf: path)
        }
        return (try inputValues(from: table), table.rowCount)
    }

    /// The table's columns that must be read as text for ``inputValues(from:)`` (string inputs
    /// fed from columns that look numeric): pass them to `CSVReader(schema:)` as `.string`.
    public func textColumns(in names: [String]) -> [String] {
        let strings = graphInputs.columns.filter { $0.type == .string }
        let byName = graphInputs.columns.allSatisfy { $0.width == 1 && names.contains($0.name) }
        if byName { return strings.map(\.name) }
        guard names.count == schema.featureCount else { return [] }
        return strings.flatMap { input in (input.offset..<(input.offset + input.width)).map { names[$0] } }
    }

    /// Row-major values of `columns` for `input` (`columns.count == input.width`).
    static func values(of columns: [Column], for input: _ONNXInputColumn, names: [String]) throws -> ONNXInputValues {
        let rows = columns.first?.count ?? 0
        let w = columns.count
        if input.type == .string {
            var out = [String](repeating: "", count: rows * w)
            for (j, column) in columns.enumerated() {
                switch column {
                case .string(let v): for r in 0..<rows { out[r * w + j] = v[r] ?? "" }
                case .int(let v): for r in 0..<rows { out[r * w + j] = v[r].map { String($0) } ?? "" }
                case .float(let v): for r in 0..<rows where !v[r].isNaN { out[r * w + j] = String(v[r]) }
                case .double(let v): for r in 0..<rows where !v[r].isNaN { out[r * w + j] = String(v[r]) }
                }
            }
            return .string(out)
        }
        var out = [Double](repeating: .nan, count: rows * w)
        for (j, column) in columns.enumerated() {
            switch column {
            case .float(let v): for r in 0..<rows { out[r * w + j] = Double(v[r]) }
            case .double(let v): for r in 0..<rows { out[r * w + j] = v[r] }
            case .int(let v): for r in 0..<rows { out[r * w + j] = v[r].map { Double($0) } ?? .nan }
            case .string:
                throw ScoringError(
                    .invalidInput, "column '\(names[j])' holds text, input '\(input.name)' takes \(input.type)", field: names[j])
            }
        }
        return input.type == .float ? .float(out.map { Float($0) }) : .double(out)
    }
}
