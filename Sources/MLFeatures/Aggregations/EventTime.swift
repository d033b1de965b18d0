import MLCore

/// Event times for ``EntityAggregation``: nanoseconds since 1970-01-01T00:00:00Z as `Int64`
/// (the range 1677-09-21 … 2262-04-11, like pandas' `datetime64[ns]`).
///
/// One parsing routine for every input, so a time means the same in the batch and streaming forms:
/// - a number is **epoch seconds**: an integer (`1704164645`), or a decimal (`1704164645.25`,
///   rounded to the nearest nanosecond);
/// - text is **ISO-8601**: `YYYY-MM-DD`, optionally followed by `T` (or one space) and
///   `HH:MM[:SS[.fraction]]` (up to 9 fractional digits), optionally followed by `Z`, `±HH:MM`,
///   `±HHMM` or `±HH`. Without a zone the time is UTC. Seconds 0–59 (no leap second).
///
/// ```swift
/// EventTime.nanoseconds(parsing: "2024-01-02T03:04:05Z")        // 1704164645_000000000
/// EventTime.nanoseconds(parsing: "2024-01-02T04:04:05.5+01:00") // 1704164645_500000000
/// EventTime.nanoseconds(parsing: "1704164645")                  // 1704164645_000000000
/// ```
public enum EventTime {
    /// Nanoseconds per second.
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// `seconds` since the epoch in nanoseconds, or nil outside the representable range.
    public static func nanoseconds(seconds: Int) -> Int64? {
        let (ns, overflow) = Int64(seconds).multipliedReportingOverflow(by: nanosecondsPerSecond)
        return overflow ? nil : ns
    }

    /// Fractional `seconds` since the epoch in nanoseconds (rounded to nearest), or nil for NaN,
    /// infinities and values outside the representable range.
    public static func nanoseconds(seconds: Double) -> Int64? {
        guard seconds.isFinite, abs(seconds) < 9.2e9 else { return nil }
        let whole = seconds.rounded(.towardZero)
        let fraction = ((seconds - whole) * 1e9).rounded()
        return Int64(whole) * nanosecondsPerSecond + Int64(fraction)
    }

    /// The time written in `text` (epoch seconds or ISO-8601, see the type's documentation), or
    /// nil when it is neither or out of range. Leading and trailing spaces are ignored.
    public static func nanoseconds(parsing text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if let iso = _ISO8601.parse(slice) { return iso }
            return epochSeconds(slice)
        }
    }

    /// The times of a table column: `Int` columns are epoch seconds, `Double`/`Float` columns
    /// fractional epoch seconds, `String` columns are parsed by ``nanoseconds(parsing:)``.
    /// - Throws: ``FeatureError`` `.invalidInput` with `field` = `name` and `index` = the 0-based
    ///   row of the first missing or unparseable time (the message says the 1-based data row).
    public static func nanoseconds(from column: Column, name: String) throws -> [Int64] {
        func bad(_ row: Int, _ what: String) -> FeatureError {
            FeatureError(
                .invalidInput,
                "row \(row + 1): \(what) (expected epoch seconds or ISO-8601 like 2024-01-02T03:04:05Z)",
                field: name, index: row)
        }
        var out = [Int64](repeating: 0, count: column.count)
        switch column {
        case .int(let values):
            for (row, value) in values.enumerated() {
                guard let value else { throw bad(row, "missing time") }
                guard let ns = nanoseconds(seconds: value) else { throw bad(row, "time \(value) out of range") }
                out[row] = ns
            }
        case .double(let values):
            for (row, value) in values.enumerated() {
                guard let ns = nanoseconds(seconds: value) else {
                    throw bad(row, value.isNaN ? "missing time" : "time \(value) out of range")
                }
                out[row] = ns
            }
        case .float(let values):
            for (row, value) in values.enumerated() {
                guard let ns = nanoseconds(seconds: Double(value)) else {
                    throw bad(row, value.isNaN ? "missing time" : "time \(value) out of range")
                }
                out[row] = ns
            }
        case .string(let values):
            for (row, value) in values.enumerated() {
                guard let value else { throw bad(row, "missing time") }
                guard let ns = nanoseconds(parsing: value) else { throw bad(row, "cannot read '\(value)' as a time") }
                out[row] = ns
            }
        }
        return out
    }

    /// `[-]digits[.digits]` as epoch seconds.
    private static func epochSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var whole: Int64 = 0
        var digits = 0
        while i < bytes.count, let d = _ISO8601.digit(bytes[i]) {
            guard digits < 11 else { return nil }
            whole = whole * 10 + d
            digits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var scale: Int64 = nanosecondsPerSecond
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var fractionDigits = 0
            while i < bytes.count, let d = _ISO8601.digit(bytes[i]) {
                fractionDigits += 1
                if scale > 1 {
                    scale /= 10
                    fraction += d * scale
                } else if fractionDigits == 10, d >= 5 {
                    fraction += 1  // round half up at the nanosecond
                }
                i += 1
            }
            guard fractionDigits > 0 || digits > 0 else { return nil }
        }
        guard digits > 0, i == bytes.count, whole <= 9_200_000_000 else { return nil }
        let ns = whole * nanosecondsPerSecond + fraction
        return negative ? -ns : ns
    }
}

/// The ISO-8601 subset ``EventTime`` reads.
enum _ISO8601 {
    static func digit(_ byte: UInt8) -> Int64? {
        byte >= 0x30 && byte <= 0x39 ? Int64(byte &- 0x30) : nil
    }

    /// `count` digits at `i` as a number, advancing `i`; nil if any is not a digit.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Int64? {
        guard i + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            guard let d = digit(bytes[i]) else { return nil }
            value = value * 10 + d
            i += 1
        }
        return value
    }

    private static func expect(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ ascii: Unicode.Scalar) -> Bool {
        guard i < bytes.count, bytes[i] == UInt8(ascii: ascii) else { return false }
        i += 1
        return true
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        guard let year = number(bytes, &i, 4), expect(bytes, &i, "-"), let month = number(bytes, &i, 2),
            expect(bytes, &i, "-"), let day = number(bytes, &i, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year, month)
        else { return nil }
        var seconds = daysFromCivil(year, month, day) * 86_400
        var nanos: Int64 = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") {
            i += 1
            guard let hour = number(bytes, &i, 2), expect(bytes, &i, ":"), let minute = number(bytes, &i, 2),
                hour < 24, minute < 60
            else { return nil }
            var second: Int64 = 0
            if expect(bytes, &i, ":") {
                guard let s = number(bytes, &i, 2), s < 60 else { return nil }
                second = s
                if expect(bytes, &i, ".") || expect(bytes, &i, ",") {
                    var scale = EventTime.nanosecondsPerSecond
                    var count = 0
                    while i < bytes.count, let d = digit(bytes[i]) {
                        guard count < 9 else { return nil }
                        scale /= 10
                        nanos += d * scale
                        count += 1
                        i += 1
                    }
                    guard count > 0 else { return nil }
                }
            }
            seconds += hour * 3_600 + minute * 60 + second
            // The zone: Z, ±HH, ±HHMM, ±HH:MM (none: UTC).
            if expect(bytes, &i, "Z") || expect(bytes, &i, "z") {
            } else if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign: Int64 = bytes[i] == UInt8(ascii: "+") ? 1 : -1
                i += 1
                guard let hours = number(bytes, &i, 2), hours <= 23 else { return nil }
                var minutes: Int64 = 0
                if i < bytes.count {
                    _ = expect(bytes, &i, ":")
                    guard let m = number(bytes, &i, 2), m < 60 else { return nil }
                    minutes = m
                }
                seconds -= sign * (hours * 3_600 + minutes * 60)
            }
        }
        guard i == bytes.count else { return nil }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: EventTime.nanosecondsPerSecond)
        guard !overflow else { return nil }
        let (total, overflow2) = ns.addingReportingOverflow(nanos)
        return overflow2 ? nil : total
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
