import MLCore

/// The values of one graph input for a batch: `rows × width` elements, row-major.
public enum ONNXInputValues: Sendable, Equatable {
    case float([Float])
    case double([Double])
    case int64([Int64])
    case int32([Int32])
    case string([String])

    /// Number of elements.
    public var count: Int {
        switch self {
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .int64(let v): return v.count
        case .int32(let v): return v.count
        case .string(let v): return v.count
        }
    }

    /// `float`, `double`, `int64`, `int32` or `string`.
    public var elementType: String {
        switch self {
        case .float: return "float"
        case .double: return "double"
        case .int64: return "int64"
        case .int32: return "int32"
        case .string: return "string"
        }
    }
}

/// Scoring with values by input name: graphs with several inputs, string inputs included.
extension ONNXModel {
    /// Scores `rowCount` rows given as one value array per graph input (``inputs``; each
    /// `rowCount × width` elements, row-major) and returns labels and scores as
    /// ``predictWithLabels(_:options:)`` does. Numbers are converted to the input's numeric
    /// type (integers from finite, in-range values; fractions truncated as numpy's `astype`);
    /// a string input takes strings only.
    /// - Throws: ``ScoringError`` `.invalidInput` for a missing or unknown input name, a type
    ///   the input cannot take, or a value an integer input cannot hold; `.invalidShape` for a
    ///   wrong element count, or when the graph fails on these values.
    public func predictWithLabels(
        inputs values: [String: ONNXInputValues], rowCount: Int, options: PredictionOptions = .default
    ) throws -> ONNXPrediction {
        try check(options)
        guard rowCount >= 0 else { throw ScoringError(.invalidShape, "negative row count \(rowCount)") }
        let known = Set(graphInputs.columns.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw ScoringError(
                .invalidInput, "the graph has no input '\(unknown)'; its inputs are \(graphInputs.columns.map(\.name).joined(separator: ", "))",
                field: unknown)
        }
        var fed: [(column: _ONNXInputColumn, values: ONNXInputValues)] = []
        for column in graphInputs.columns {
            guard let v = values[column.name] else {
                throw ScoringError(.invalidInput, "no values for input '\(column.name)' (\(column.type))", field: column.name)
            }
            let (need, overflow) = rowCount.multipliedReportingOverflow(by: column.width)
            guard !overflow, v.count == need else {
                throw ScoringError(
                    .invalidShape, "input '\(column.name)' needs \(rowCount) rows × \(column.width) values, got \(v.count)",
                    field: column.name)
            }
            guard (column.type == .string) == (v.elementType == "string") else {
                throw ScoringError(
                    .invalidInput, "input '\(column.name)' takes \(column.type) values, got \(v.elementType)", field: column.name)
            }
            fed.append((column, v))
        }
        let feeds = fed
        return try labeledPrediction(rows: rowCount, threads: options.threads) { chunk, context in
            for (column, v) in feeds {
                var t = _ONNXTensor()
                swap(&t, &context.values[column.slot])
                defer { swap(&t, &context.values[column.slot]) }
                try t.reset(column.type, shape: column.shape(rows: chunk.count))
                let lo = chunk.lowerBound * column.width
                let hi = chunk.upperBound * column.width
                try Self.fill(&t, column, from: v, lo..<hi)
            }
        }
    }

    /// Writes `values[range]` into the tensor `t` of `column`'s type, converting numbers.
    static func fill(_ t: inout _ONNXTensor, _ column: _ONNXInputColumn, from values: ONNXInputValues, _ range: Range<Int>) throws {
        func number(_ i: Int) -> Double {
            switch values {
            case .float(let v): return Double(v[i])
            case .double(let v): return v[i]
            case .int64(let v): return Double(v[i])
            case .int32(let v): return Double(v[i])
            case .string: return .nan
            }
        }
        func integer(_ i: Int, limit: Double) throws -> Int64 {
            switch values {
            case .int64(let v) where limit > 3e9: return v[i]
            case .int32(let v): return Int64(v[i])
            default:
                let d = number(i)
                guard d.isFinite, abs(d) < limit else {
                    throw ScoringError(
                        .invalidInput, "value \(i / column.width) of input '\(column.name)' (\(d)) cannot be fed to \(column.type)",
                        field: column.name, index: i / column.width)
                }
                return Int64(d)
            }
        }
        let base = range.lowerBound
        switch column.type {
        case .float:
            if case .float(let v) = values {
                t.f32.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = v[i] } }
            } else {
                t.f32.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = Float(number(i)) } }
            }
        case .double:
            t.f64.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = number(i) } }
        case .int64:
            try t.i64.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = try integer(i, limit: 9.2e18) } }
        case .int32:
            try t.i32.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = Int32(try integer(i, limit: 2.1e9)) } }
        case .string:
            if case .string(let v) = values {
                t.strings.withUnsafeMutableBufferPointer { d in for i in range { d[i - base] = v[i] } }
            }
        default:
            throw ScoringError(.invalidInput, "input '\(column.name)' has type \(column.type), which cannot be fed")
        }
    }
}
