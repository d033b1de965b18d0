/// A problem found while parsing, located by byte offset; turned into a
/// ``DataFormatError`` (with a 1-based line number and the header name) only when thrown
/// to the caller, so the hot loop never counts lines.
struct _CSVIssue: Error {
    var code: DataFormatError.Code
    var message: String
    /// Byte offset (from the start of the input) of the record where the problem is.
    var recordOffset: Int
    /// 0-based field index, when the problem is in one field.
    var column: Int?

    /// The public error: line = 1 + the number of line feeds before the record.
    func error(in input: UnsafeBufferPointer<UInt8>, names: [String]) -> DataFormatError {
        var line = 1
        let stop = min(max(recordOffset, 0), input.count)
        for i in 0..<stop where input[i] == _Byte.lineFeed { line += 1 }
        var field: String?
        if let column, column >= 0, column < names.count { field = names[column] }
        return DataFormatError(code, message, line: line, column: column.map { $0 + 1 }, field: field)
    }
}

/// The bytes of one field: `start..<end` is its content (without surrounding quotes).
struct _FieldSpan {
    var start: UnsafePointer<UInt8>
    var end: UnsafePointer<UInt8>
    /// Whether the field was enclosed in quotes.
    var isQuoted: Bool
    /// Whether the content holds `""` pairs that stand for one quote each.
    var hasEscapedQuotes: Bool

    var count: Int { end - start }
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: end - start) }
}

/// The texts that mean "missing" (compared byte for byte, after trimming spaces and tabs).
struct _MissingTokens: Sendable {
    private let tokens: [[UInt8]]
    /// `startsToken[b]` is true when some non-empty token starts with byte `b`.
    private let startsToken: [Bool]
    /// Whether the empty text is missing.
    let includesEmpty: Bool

    init(_ values: Set<String>) {
        tokens = values.sorted().map { Array($0.utf8) }.filter { !$0.isEmpty }
        var starts = [Bool](repeating: false, count: 256)
        for token in tokens { if let first = token.first { starts[Int(first)] = true } }
        startsToken = starts
        includesEmpty = values.contains("")
    }

    /// Whether a field starting with `byte` could be a non-empty token.
    @inline(__always)
    func mayStart(with byte: UInt8) -> Bool { startsToken[Int(byte)] }

    /// Whether `bytes` is one of the tokens.
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return includesEmpty }
        guard startsToken[Int(first)] else { return false }
        for token in tokens where token.count == bytes.count && token.elementsEqual(bytes) { return true }
        return false
    }
}

/// What the parser needs to know, shared read-only by all chunks.
struct _CSVConfiguration: Sendable {
    let delimiter: UInt8
    let columnCount: Int
    /// The type forced by the schema, per column; `nil` to infer.
    let schemaTypes: [ColumnType?]
    let numericType: CSVReader.NumericType
    let missing: _MissingTokens
}
