/// The typed values of one chunk of records.
struct _ChunkResult {
    var accumulators: [_ColumnAccumulator]
    var rows: Int
}

/// Parses the records of one chunk of CSV bytes into typed columns.
///
/// All pointer work of the CSV reader happens here and in `+Fields`: the input is one
/// buffer that outlives the parser, `p` never passes `end`, and every read is guarded by a
/// `p < end` test. A chunk starts at a record start and ends at a record end (or the end of
/// the input). Nothing here traps on any input: malformed bytes become ``_CSVIssue``s.
struct _UnsafeCSVChunkParser {
    let configuration: _CSVConfiguration
    let delimiter: UInt8
    /// The start of the whole input, for byte offsets in issues.
    let base: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var p: UnsafePointer<UInt8>
    var recordStart: UnsafePointer<UInt8>
    let powersOfTen: UnsafePointer<Double>
    let powersOfFive: UnsafePointer<UInt64>
    var rows = 0

    /// Parses `input[range]` (non-empty `input`) starting from `accumulators`.
    static func parse(
        _ input: UnsafeBufferPointer<UInt8>, range: Range<Int>, accumulators: [_ColumnAccumulator],
        configuration: _CSVConfiguration
    ) -> Result<_ChunkResult, _CSVIssue> {
        var accumulators = accumulators
        let rows = estimatedRows(input, range, columns: configuration.columnCount)
        for i in accumulators.indices { accumulators[i].reserve(rows: rows) }
        var failure: _CSVIssue?
        var parsedRows = 0
        withParser(input, range: range, configuration: configuration) { parser in
            accumulators.withUnsafeMutableBufferPointer { columns in
                do throws(_CSVIssue) {
                    try parser.parseRecords(columns)
                } catch {
                    failure = error
                }
            }
            parsedRows = parser.rows
        }
        if let failure { return .failure(failure) }
        return .success(_ChunkResult(accumulators: accumulators, rows: parsedRows))
    }

    /// About 10% more than the number of records in `input[range]`, from the line feeds in
    /// 64 KiB samples at its start, middle and end, and never more than a record per
    /// `columns` bytes (the least a record of that many fields takes, so the most a valid
    /// input of that size can hold). Reserving that up front avoids regrowing (copying and
    /// page-faulting) large column arrays; reserved pages that are never written cost no memory.
    static func estimatedRows(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, columns: Int) -> Int {
        let window = 1 << 16
        let starts =
            range.count <= 3 * window
            ? [range.lowerBound] : [range.lowerBound, range.lowerBound + range.count / 2, range.upperBound - window]
        var sampled = 0
        var lineFeeds = 0
        for start in starts {
            let sample = input[start..<min(range.upperBound, start + window)]
            sampled += sample.count
            lineFeeds += sample.reduce(0) { $0 + ($1 == _Byte.lineFeed ? 1 : 0) }
        }
        let most = range.count / max(columns, 1) + 1
        guard lineFeeds > 0, sampled > 0 else { return min(16, most) }
        let estimate = Int(Double(range.count) * Double(lineFeeds) / Double(sampled) * 1.1) + 16
        return min(estimate, most)
    }

    /// Calls `body` with a parser over `input[range]`.
    static func withParser<R, E: Error>(
        _ input: UnsafeBufferPointer<UInt8>, range: Range<Int>, configuration: _CSVConfiguration,
        _ body: (inout _UnsafeCSVChunkParser) throws(E) -> R
    ) throws(E) -> R {
        guard let base = input.baseAddress, range.lowerBound >= 0, range.upperBound <= input.count else {
            preconditionFailure("internal error: chunk \(range) outside input of \(input.count) bytes")
        }
        let tens = _DecimalConversion.exactPowersOfTen
        let fives = _powersOfFive128
        return try tens.withUnsafeBufferPointer { (tensBuffer) throws(E) -> R in
            try fives.withUnsafeBufferPointer { (fivesBuffer) throws(E) -> R in
                guard let tensBase = tensBuffer.baseAddress, let fivesBase = fivesBuffer.baseAddress else {
                    preconditionFailure("internal error: empty constant table")
                }
                var parser = _UnsafeCSVChunkParser(
                    configuration: configuration, delimiter: configuration.delimiter, base: base,
                    end: base + range.upperBound, p: base + range.lowerBound,
                    recordStart: base + range.lowerBound, powersOfTen: tensBase, powersOfFive: fivesBase)
                return try body(&parser)
            }
        }
    }

    /// Parses records until the end of the chunk.
    mutating func parseRecords(_ columns: UnsafeMutableBufferPointer<_ColumnAccumulator>) throws(_CSVIssue) {
        let n = configuration.columnCount
        while p < end {
            recordStart = p
            var c = 0
            while true {
                try parseField(column: c, &columns[c])
                if c &+ 1 < n {
                    guard p < end, p.pointee == delimiter else { throw tooFewFields(c &+ 1) }
                    p += 1
                    c &+= 1
                } else {
                    try endRecord()
                    break
                }
            }
            rows &+= 1
        }
    }

    /// Parses the header record into names and leaves `p` at the first data record.
    mutating func parseHeader() throws(_CSVIssue) -> [String] {
        recordStart = p
        var names: [String] = []
        while true {
            let field = try scanField(column: names.count)
            names.append(try text(field, column: names.count))
            guard p < end, p.pointee == delimiter else { break }
            p += 1
        }
        try skipLineEnd()
        return names
    }

    /// Moves past the line end after the last field of a record.
    @inline(__always)
    mutating func endRecord() throws(_CSVIssue) {
        guard p < end else { return }
        if p.pointee == delimiter { throw tooManyFields() }
        try skipLineEnd()
    }

    @inline(__always)
    mutating func skipLineEnd() throws(_CSVIssue) {
        guard p < end else { return }
        let b = p.pointee
        if b == _Byte.lineFeed {
            p += 1
        } else if b == _Byte.carriageReturn && p + 1 < end && p[1] == _Byte.lineFeed {
            p += 2
        } else {
            throw issue(.malformed, "expected the end of the line", column: nil)
        }
    }

    /// Parses one field into its column.
    @inline(__always)
    mutating func parseField(column c: Int, _ column: inout _ColumnAccumulator) throws(_CSVIssue) {
        switch column.kind {
        case .double:
            if let start = scanNumberInPlace() {
                column.doubles.append(toDouble(start.decimal, start.bytes))
            } else if atEmptyMissingField() {
                column.doubles.append(.nan)
            } else {
                try parseGeneralField(column: c, &column)
            }
        case .float:
            if let start = scanNumberInPlace() {
                column.floats.append(toFloat(start.decimal, start.bytes))
            } else if atEmptyMissingField() {
                column.floats.append(.nan)
            } else {
                try parseGeneralField(column: c, &column)
            }
        case .int:
            if let start = scanNumberInPlace() {
                try appendNumber(start.decimal, start.bytes, to: &column, column: c)
            } else if atEmptyMissingField() {
                column.ints.append(nil)
            } else {
                try parseGeneralField(column: c, &column)
            }
        case .string:
            let field = try scanField(column: c)
            if !field.isQuoted && isMissingText(field) {
                column.strings.append(nil)
            } else {
                column.strings.append(try text(field, column: c))
            }
        case .deferredText:
            _ = try scanField(column: c)
        case .undetermined:
            try parseGeneralField(column: c, &column)
        }
    }

    /// Whether `p` is at an empty field (followed by a delimiter or LF) that counts as missing.
    @inline(__always)
    func atEmptyMissingField() -> Bool {
        guard p < end, configuration.missing.includesEmpty else { return false }
        let b = p.pointee
        return b == delimiter || b == _Byte.lineFeed
    }

    /// The slow path for one field: scan it whole, classify it, update the column's kind.
    mutating func parseGeneralField(column c: Int, _ column: inout _ColumnAccumulator) throws(_CSVIssue) {
        let field = try scanField(column: c)
        let kind = classify(field)
        switch column.kind {
        case .undetermined:
            switch kind {
            case .missing:
                column.leadingMissing += 1
                if field.isQuoted { column.sawQuotedMissing = true }
            case .number(let decimal, let bytes) where !field.isQuoted:
                column.leaveUndetermined(for: firstNumericKind(decimal))
                try appendNumber(decimal, bytes, to: &column, column: c)
            case .number, .text:
                if column.sawQuotedMissing {
                    column.deferText()
                } else {
                    column.leaveUndetermined(for: .string)
                    column.strings.append(try text(field, column: c))
                }
            }
        case .int, .double, .float:
            switch kind {
            case .missing:
                appendMissing(to: &column)
            case .number(let decimal, let bytes) where !field.isQuoted || column.isFixed:
                try appendNumber(decimal, bytes, to: &column, column: c)
            case .number, .text:
                if column.isFixed {
                    throw typeMismatch(field.bytes, column: c, expected: column.kind)
                }
                column.deferText()
            }
        case .string:
            if !field.isQuoted && isMissingText(field) {
                column.strings.append(nil)
            } else {
                column.strings.append(try text(field, column: c))
            }
        case .deferredText:
            break
        }
    }

    /// The kind an inferred column takes at its first number.
    @inline(__always)
    func firstNumericKind(_ decimal: _ScannedDecimal?) -> _ColumnAccumulator.Kind {
        switch configuration.numericType {
        case .float: return .float
        case .double: return .double
        case .inferred:
            guard let decimal, _DecimalConversion.int(decimal) != nil, !isNegativeZero(decimal) else {
                return .double
            }
            return .int
        }
    }

    /// `-0` (and `-00`…) is kept as floating point so its sign survives.
    @inline(__always)
    func isNegativeZero(_ d: _ScannedDecimal) -> Bool { d.isNegative && d.mantissa == 0 && d.isExact }

    @inline(__always)
    func appendMissing(to column: inout _ColumnAccumulator) {
        switch column.kind {
        case .int: column.ints.append(nil)
        case .double: column.doubles.append(.nan)
        case .float: column.floats.append(.nan)
        case .string: column.strings.append(nil)
        case .undetermined: column.leadingMissing += 1
        case .deferredText: break
        }
    }

    /// Appends a number to a numeric column, promoting `int` to `double` when inferring.
    @inline(__always)
    mutating func appendNumber(
        _ decimal: _ScannedDecimal?, _ bytes: UnsafeBufferPointer<UInt8>, to column: inout _ColumnAccumulator,
        column c: Int
    ) throws(_CSVIssue) {
        switch column.kind {
        case .double:
            column.doubles.append(toDouble(decimal, bytes))
        case .float:
            column.floats.append(toFloat(decimal, bytes))
        case .int:
            if let decimal, let value = _DecimalConversion.int(decimal),
                column.isFixed || !isNegativeZero(decimal)
            {
                column.ints.append(value)
            } else if column.isFixed {
                throw typeMismatch(bytes, column: c, expected: .int)
            } else {
                column.promoteIntToDouble()
                column.doubles.append(toDouble(decimal, bytes))
            }
        case .string, .undetermined, .deferredText:
            preconditionFailure("internal error: number appended to a \(column.kind) column")
        }
    }

    @inline(__always)
    func toDouble(_ decimal: _ScannedDecimal?, _ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        if let decimal, let v = _DecimalConversion.double(decimal, powersOfTen: powersOfTen, powersOfFive: powersOfFive) {
            return v
        }
        return _DecimalConversion.slowDouble(bytes) ?? .nan
    }

    @inline(__always)
    func toFloat(_ decimal: _ScannedDecimal?, _ bytes: UnsafeBufferPointer<UInt8>) -> Float {
        if let decimal,
            let d = _DecimalConversion.double(decimal, powersOfTen: powersOfTen, powersOfFive: powersOfFive),
            let f = _DecimalConversion.float(fromCorrectlyRounded: d)
        {
            return f
        }
        return _DecimalConversion.slowFloat(bytes) ?? .nan
    }
}
