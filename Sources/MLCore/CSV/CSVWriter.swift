/// Writes a ``Table`` (or a ``Matrix`` with column names) as CSV with a header row.
///
/// ```swift
/// try CSVWriter().write(table, to: "out.csv")
/// let text = try CSVWriter().string(from: matrix, columnNames: ["p0", "p1"])
/// ```
///
/// What it writes, so that ``CSVReader`` reads the same table back:
/// - missing values (NaN, `nil`) as empty fields;
/// - `Double` and `Float` values in the shortest text that reads back to the same bits
///   (Swift's `description`: `0.1`, `1e-05`, `-0.0`, `inf`; no locale), `Float` columns with
///   `Float`'s shortest text, so read them back as `Float` (schema `.float` or
///   ``CSVReader/NumericType/float``) to get the same bits;
/// - `Int` values as decimal integers;
/// - every non-missing `String` value quoted (a quote doubled), so text that looks like a
///   number or a missing token stays text; header names are quoted only when they contain
///   the delimiter, a quote, CR or LF.
///
/// Records end with ``lineEnding``, including the last. A table without columns is written
/// as nothing at all (an empty file, which ``CSVReader`` rejects as having no header).
public struct CSVWriter: Sendable {
    /// The line terminator.
    public enum LineEnding: String, Sendable, Hashable, Codable {
        /// `\n`.
        case lf = "\n"
        /// `\r\n` (RFC 4180's).
        case crlf = "\r\n"
    }

    /// The field separator: one ASCII character other than `"`, CR, LF and the characters
    /// of written numbers (`0-9`, `+`, `-`, `.`, `e`, `E`, `i`, `n`, `f`).
    public var delimiter: Unicode.Scalar
    /// The line terminator.
    public var lineEnding: LineEnding

    /// A writer with the given delimiter and line ending.
    public init(delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .lf) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
    }

    /// The CSV bytes (UTF-8) of `table`.
    /// - Throws: ``DataFormatError`` with code `.unsupported` for an invalid ``delimiter``.
    public func bytes(from table: Table) throws -> [UInt8] {
        var sink = _CSVByteSink(descriptor: nil)
        try encode(table, into: &sink)
        return sink.buffer
    }

    /// The CSV text of `table`.
    /// - Throws: as ``bytes(from:)``.
    public func string(from table: Table) throws -> String {
        String(decoding: try bytes(from: table), as: UTF8.self)
    }

    /// Writes `table` to the file at `path` (created or truncated), streaming in blocks.
    /// - Throws: ``DataFormatError`` with code `.io` (and `path`) when the file cannot be
    ///   written, `.unsupported` for an invalid ``delimiter``.
    public func write(_ table: Table, to path: String) throws {
        try _CSVByteSink.writingFile(at: path) { (sink) throws(DataFormatError) in try encode(table, into: &sink) }
    }

    /// The CSV bytes of a matrix: one column per matrix column, headed by `columnNames`.
    /// - Throws: ``DataFormatError`` with code `.schema` when `columnNames.count` differs
    ///   from `matrix.columns` or a name repeats, `.unsupported` for an invalid ``delimiter``.
    public func bytes<Scalar: MatrixScalar>(from matrix: Matrix<Scalar>, columnNames: [String]) throws -> [UInt8] {
        var sink = _CSVByteSink(descriptor: nil)
        try encode(matrix, columnNames: columnNames, into: &sink)
        return sink.buffer
    }

    /// The CSV text of a matrix; see ``bytes(from:columnNames:)``.
    public func string<Scalar: MatrixScalar>(from matrix: Matrix<Scalar>, columnNames: [String]) throws -> String {
        String(decoding: try bytes(from: matrix, columnNames: columnNames), as: UTF8.self)
    }

    /// Writes a matrix to the file at `path`; see ``bytes(from:columnNames:)`` and ``write(_:to:)``.
    public func write<Scalar: MatrixScalar>(_ matrix: Matrix<Scalar>, columnNames: [String], to path: String) throws {
        try _CSVByteSink.writingFile(at: path) { (sink) throws(DataFormatError) in
            try encode(matrix, columnNames: columnNames, into: &sink)
        }
    }

    // MARK: - Encoding

    private func encode(_ table: Table, into sink: inout _CSVByteSink) throws(DataFormatError) {
        let d = try validatedDelimiter()
        guard !table.names.isEmpty else { return }
        try writeHeader(table.names, delimiter: d, into: &sink)
        // Unpack the columns once: matching the enum per cell would retain its array each time.
        var doubles: [[Double]] = []
        var floats: [[Float]] = []
        var ints: [[Int?]] = []
        var strings: [[String?]] = []
        var plan: [(type: ColumnType, index: Int)] = []
        for column in table.columns {
            switch column {
            case .double(let v): plan.append((.double, doubles.count)); doubles.append(v)
            case .float(let v): plan.append((.float, floats.count)); floats.append(v)
            case .int(let v): plan.append((.int, ints.count)); ints.append(v)
            case .string(let v): plan.append((.string, strings.count)); strings.append(v)
            }
        }
        for row in 0..<table.rowCount {
            for (c, cell) in plan.enumerated() {
                if c > 0 { sink.append(d) }
                switch cell.type {
                case .double: sink.appendNumber(doubles[cell.index][row])
                case .float: sink.appendNumber(floats[cell.index][row])
                case .int: if let x = ints[cell.index][row] { sink.appendInteger(x) }
                case .string: if let s = strings[cell.index][row] { sink.appendQuoted(s) }
                }
            }
            try endLine(&sink)
        }
    }

    private func encode<Scalar: MatrixScalar>(
        _ matrix: Matrix<Scalar>, columnNames: [String], into sink: inout _CSVByteSink
    ) throws(DataFormatError) {
        let d = try validatedDelimiter()
        guard columnNames.count == matrix.columns else {
            throw DataFormatError(.schema, "\(columnNames.count) column names for a matrix with \(matrix.columns) columns")
        }
        guard !columnNames.isEmpty else { return }
        try writeHeader(columnNames, delimiter: d, into: &sink)
        if let m = matrix as? Matrix<Double> {
            try encodeRows(m.elements, columns: m.columns, delimiter: d, into: &sink)
        } else if let m = matrix as? Matrix<Float> {
            try encodeRows(m.elements, columns: m.columns, delimiter: d, into: &sink)
        } else {
            try encodeRows(matrix.elements.map { Double($0) }, columns: matrix.columns, delimiter: d, into: &sink)
        }
    }

    private func encodeRows<Scalar: BinaryFloatingPoint & TextOutputStreamable>(
        _ elements: [Scalar], columns: Int, delimiter d: UInt8, into sink: inout _CSVByteSink
    ) throws(DataFormatError) {
        var start = 0
        while start < elements.count {
            for c in 0..<columns {
                if c > 0 { sink.append(d) }
                sink.appendNumber(elements[start + c])
            }
            try endLine(&sink)
            start += columns
        }
    }

    private func writeHeader(_ names: [String], delimiter d: UInt8, into sink: inout _CSVByteSink) throws(DataFormatError) {
        var seen: Set<String> = []
        for (c, name) in names.enumerated() {
            guard seen.insert(name).inserted else {
                throw DataFormatError(.schema, "duplicate column name", column: c + 1, field: name)
            }
            if c > 0 { sink.append(d) }
            let needsQuotes = name.utf8.contains {
                $0 == d || $0 == _Byte.quote || $0 == _Byte.carriageReturn || $0 == _Byte.lineFeed
            }
            if needsQuotes { sink.appendQuoted(name) } else { sink.append(name) }
        }
        try endLine(&sink)
    }

    private func endLine(_ sink: inout _CSVByteSink) throws(DataFormatError) {
        if lineEnding == .crlf { sink.append(_Byte.carriageReturn) }
        sink.append(_Byte.lineFeed)
        try sink.flushIfFull()
    }

    private func validatedDelimiter() throws(DataFormatError) -> UInt8 {
        let forbidden = "\"\r\n0123456789+-.eEinf"
        guard delimiter.isASCII, !forbidden.unicodeScalars.contains(delimiter) else {
            throw DataFormatError(
                .unsupported,
                "delimiter must be one ASCII character that cannot appear in a number, a quote or a line end, got '\(delimiter)'")
        }
        return UInt8(truncatingIfNeeded: delimiter.value)
    }
}
