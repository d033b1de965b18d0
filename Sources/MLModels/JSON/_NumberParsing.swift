import MLCore

/// Decimal text → `Double` / `Float` / `Int64`, correctly rounded, over raw bytes.
///
/// Model files hold millions of numbers and `Double(String)` needs a `String` per number, so
/// the digits go through MLCore's decimal scanner (``_DecimalNumber``: Clinger's fast path,
/// Eisel–Lemire, the standard library for the rest). Grammar: the decimal grammar
/// `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`, plus `inf`, `infinity`, `nan` (any case,
/// signed) which LightGBM may print. Invalid text returns nil; nothing traps.
enum _NumberParsing {
    /// `inf`, `infinity` or `nan` (any case, after an optional sign), or `nil` for other text.
    private static func special(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if p[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < end else { return nil }
        let c0 = p[i] | 0x20
        guard c0 == UInt8(ascii: "i") || c0 == UInt8(ascii: "n") else { return nil }
        let word = String(decoding: UnsafeBufferPointer(rebasing: p[i..<end]), as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return .nan }
        return nil
    }

    /// The correctly rounded `Double` of the text `p[start ..< end]`, or nil if it is not a number.
    static func double(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard start >= 0, start < end, end <= p.count else { return nil }
        if let value = _DecimalNumber.double(UnsafeBufferPointer(rebasing: p[start..<end])) { return value }
        return special(p, start, end)
    }

    /// The correctly rounded `Float` of the text (no double rounding through `Double`).
    static func float(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Float? {
        guard start >= 0, start < end, end <= p.count else { return nil }
        if let value = _DecimalNumber.float(UnsafeBufferPointer(rebasing: p[start..<end])) { return value }
        return special(p, start, end).map { Float($0) }
    }

    /// The integer value of the text, accepting `12`, `-3`, `12.0`, `1e3` when integral and in range.
    static func integer(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard start >= 0, start < end, end <= p.count else { return nil }
        // Plain integers (the common case) without going through floating point.
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var value: Int64 = 0
        var plain = i < end
        while i < end {
            let c = p[i]
            guard c >= 0x30, c <= 0x39 else {
                plain = false
                break
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(c &- 0x30))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        if plain { return negative ? -value : value }
        guard let d = double(p, start, end), d.isFinite, d.rounded() == d,
            d >= -9.2e18, d <= 9.2e18
        else { return nil }
        return Int64(d)
    }
}

extension _NumberParsing {
    /// `double` over the bytes of a `String`/`Substring`.
    static func double(_ text: Substring) -> Double? {
        var copy = text
        return copy.withUTF8 { double($0, 0, $0.count) }
    }

    static func float(_ text: Substring) -> Float? {
        var copy = text
        return copy.withUTF8 { float($0, 0, $0.count) }
    }

    static func integer(_ text: Substring) -> Int64? {
        var copy = text
        return copy.withUTF8 { integer($0, 0, $0.count) }
    }
}
