/// What a field holds, for a numeric column.
enum _FieldClass {
    /// A missing token (after trimming spaces and tabs), or a NaN spelled another way.
    case missing
    /// A number; the decimal is `nil` when only the standard library reads it (`inf`,
    /// hexadecimal). `bytes` is the trimmed text.
    case number(_ScannedDecimal?, UnsafeBufferPointer<UInt8>)
    /// Anything else.
    case text
}

extension _UnsafeCSVChunkParser {
    /// Scans a whole number at `p` that ends the field; on success moves `p` to the
    /// field's terminator. Returns `nil` (leaving `p`) for anything else, including a field
    /// that starts like a missing token.
    @inline(__always)
    mutating func scanNumberInPlace() -> (decimal: _ScannedDecimal, bytes: UnsafeBufferPointer<UInt8>)? {
        guard p < end else { return nil }
        let b = p.pointee
        guard b &- _Byte.zero <= 9 || b == _Byte.minus || b == _Byte.dot || b == _Byte.plus,
            !configuration.missing.mayStart(with: b)
        else { return nil }
        var q = p
        guard let decimal = _DecimalScanner.scan(&q, end) else { return nil }
        if q < end {
            let t = q.pointee
            guard t == delimiter || t == _Byte.lineFeed
                || (t == _Byte.carriageReturn && q + 1 < end && q[1] == _Byte.lineFeed)
            else { return nil }
        }
        let bytes = UnsafeBufferPointer(start: p, count: q - p)
        p = q
        return (decimal, bytes)
    }

    /// Scans one field at `p` and leaves `p` at its terminator (delimiter, line end or end).
    /// - Throws: `.malformed` for a quote that is never closed, a character after a closing
    ///   quote, a quote inside an unquoted field, or a carriage return without line feed.
    @inline(__always)
    mutating func scanField(column c: Int) throws(_CSVIssue) -> _FieldSpan {
        if p < end && p.pointee == _Byte.quote {
            let start = p + 1
            var q = start
            var escaped = false
            while true {
                guard let hit = _Platform.firstByte(_Byte.quote, in: q, count: end - q) else {
                    throw issue(.malformed, "quoted field is not closed before the end of the input", column: c)
                }
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self))
                if at + 1 < end && at[1] == _Byte.quote {
                    escaped = true
                    q = at + 2
                    continue
                }
                q = at
                break
            }
            p = q + 1
            if p < end {
                let b = p.pointee
                if b != delimiter && b != _Byte.lineFeed
                    && !(b == _Byte.carriageReturn && p + 1 < end && p[1] == _Byte.lineFeed)
                {
                    throw issue(
                        .malformed,
                        "unexpected character after a closing quote (a quote inside a quoted field must be doubled)",
                        column: c)
                }
            }
            return _FieldSpan(start: start, end: q, isQuoted: true, hasEscapedQuotes: escaped)
        }
        let start = p
        while p < end {
            let b = p.pointee
            if b == delimiter || b == _Byte.lineFeed || b == _Byte.carriageReturn || b == _Byte.quote { break }
            p += 1
        }
        if p < end {
            let b = p.pointee
            if b == _Byte.quote {
                throw issue(
                    .malformed, "quote inside an unquoted field (quote the whole field and double the quote)",
                    column: c)
            }
            if b == _Byte.carriageReturn && !(p + 1 < end && p[1] == _Byte.lineFeed) {
                throw issue(.malformed, "carriage return not followed by a line feed", column: c)
            }
        }
        return _FieldSpan(start: start, end: p, isQuoted: false, hasEscapedQuotes: false)
    }

    /// The field's text without surrounding spaces and tabs (unless they are the delimiter).
    @inline(__always)
    func trimmed(_ field: _FieldSpan) -> UnsafeBufferPointer<UInt8> {
        var s = field.start
        var e = field.end
        while s < e && (s.pointee == _Byte.space || s.pointee == _Byte.tab) && s.pointee != delimiter { s += 1 }
        while e > s && (e[-1] == _Byte.space || e[-1] == _Byte.tab) && e[-1] != delimiter { e -= 1 }
        return UnsafeBufferPointer(start: s, count: e - s)
    }

    /// Whether the field is a missing token.
    @inline(__always)
    func isMissingText(_ field: _FieldSpan) -> Bool {
        !field.hasEscapedQuotes && configuration.missing.contains(trimmed(field))
    }

    /// Classifies a field for a numeric column (quoting is judged by the caller).
    func classify(_ field: _FieldSpan) -> _FieldClass {
        if field.hasEscapedQuotes { return .text }
        let bytes = trimmed(field)
        if configuration.missing.contains(bytes) { return .missing }
        guard let start = bytes.baseAddress else { return .text }
        var q = start
        let end = start + bytes.count
        if let decimal = _DecimalScanner.scan(&q, end), q == end { return .number(decimal, bytes) }
        // What else `Double(_: String)` reads: [+-] then inf, infinity, nan, nan(…), 0x….
        var first = start
        if first < end && (first.pointee == _Byte.minus || first.pointee == _Byte.plus) { first += 1 }
        guard first < end else { return .text }
        let lower = first.pointee | 0x20
        guard lower == UInt8(ascii: "i") || lower == UInt8(ascii: "n") || first.pointee == _Byte.zero,
            let value = _DecimalConversion.slowDouble(bytes)
        else { return .text }
        return value.isNaN ? .missing : .number(nil, bytes)
    }

    /// The field's text, with `""` pairs turned into `"`.
    /// - Throws: `.malformed` when the bytes are not valid UTF-8.
    func text(_ field: _FieldSpan, column c: Int) throws(_CSVIssue) -> String {
        if !field.hasEscapedQuotes {
            if let s = String(validating: field.bytes, as: UTF8.self) { return s }
        } else {
            var out: [UInt8] = []
            out.reserveCapacity(field.count)
            var q = field.start
            while q < field.end {
                let b = q.pointee
                out.append(b)
                q += b == _Byte.quote ? 2 : 1
            }
            if let s = String(validating: out, as: UTF8.self) { return s }
        }
        throw issue(.malformed, "text is not valid UTF-8", column: c)
    }

    func issue(_ code: DataFormatError.Code, _ message: String, column: Int?) -> _CSVIssue {
        _CSVIssue(code: code, message: message, recordOffset: recordStart - base, column: column)
    }

    func tooFewFields(_ found: Int) -> _CSVIssue {
        let n = configuration.columnCount
        return issue(
            .raggedRow, "record has \(found) field\(found == 1 ? "" : "s"), the header has \(n)", column: found)
    }

    /// Counts the extra fields of a record that has too many (`p` at the delimiter after field n).
    mutating func tooManyFields() -> _CSVIssue {
        let n = configuration.columnCount
        var count = n
        while p < end && p.pointee == delimiter {
            p += 1
            count += 1
            guard (try? scanField(column: count - 1)) != nil else { break }
        }
        return issue(.raggedRow, "record has \(count) fields, the header has \(n)", column: n)
    }

    func typeMismatch(_ bytes: UnsafeBufferPointer<UInt8>, column c: Int, expected: _ColumnAccumulator.Kind)
        -> _CSVIssue
    {
        var shown = String(decoding: bytes.prefix(40), as: UTF8.self)
        if bytes.count > 40 { shown += "…" }
        let type: ColumnType =
            switch expected {
            case .int: .int
            case .float: .float
            case .string, .undetermined, .deferredText: .string
            case .double: .double
            }
        return issue(.typeMismatch, "cannot read '\(shown)' as \(type) (the schema's type for this column)", column: c)
    }
}
