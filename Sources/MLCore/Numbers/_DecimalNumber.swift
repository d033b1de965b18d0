/// A whole text read as one decimal number, correctly rounded (``_DecimalScanner`` and
/// ``_DecimalConversion``, the standard library for the rare cases they cannot decide).
///
/// Grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, nothing before or
/// after. Callers with a stricter grammar (JSON) or extra words (`inf`, `nan`) check those
/// themselves.
package enum _DecimalNumber {
    /// The correctly rounded `Double` of `text`, or `nil` when it is not a decimal number.
    @inlinable
    package static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let decimal = wholeDecimal(text) else { return nil }
        return _DecimalConversion.double(decimal) ?? _DecimalConversion.slowDouble(text)
    }

    /// The correctly rounded `Float` of `text` (no double rounding through `Double`), or
    /// `nil` when it is not a decimal number.
    @inlinable
    package static func float(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let decimal = wholeDecimal(text) else { return nil }
        if let d = _DecimalConversion.double(decimal), let f = _DecimalConversion.float(fromCorrectlyRounded: d) {
            return f
        }
        return _DecimalConversion.slowFloat(text)
    }

    /// The scanned decimal when it spans all of `text`.
    @inlinable @inline(__always)
    package static func wholeDecimal(_ text: UnsafeBufferPointer<UInt8>) -> _ScannedDecimal? {
        guard let start = text.baseAddress else { return nil }
        var cursor = start
        let end = start + text.count
        guard let decimal = _DecimalScanner.scan(&cursor, end), cursor == end else { return nil }
        return decimal
    }
}
