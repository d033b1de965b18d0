/// Timestamps of the data checks as seconds since 1970-01-01T00:00:00Z (a `Double`: exact to the
/// microsecond for dates of this millennium), parsed from the text forms the checks accept and
/// printed back in ISO-8601 for messages.
///
/// Accepted text (spaces and tabs around it are ignored):
/// - epoch seconds: an integer or decimal number (`1704153600`, `1704153600.25`, `-86400`);
/// - an ISO-8601 date `YYYY-MM-DD`, read as midnight UTC;
/// - an ISO-8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (a space may replace `T`), then
///   `Z`, an offset `±HH:MM`, `±HHMM` or `±HH`, or nothing (read as UTC).
///
/// Years are 0000–9999; month, day (for that month and year), hour 00–23, minute and second
/// 00–59 are validated (no leap second `60`, no `24:00`). Anything else is not a timestamp.
///
/// Internal for now: the event aggregations parse the same forms and the two will be folded into
/// one shared parser.
enum _CheckTimestamp {
    /// The seconds since the epoch of `text`, or `nil` when it is none of the accepted forms.
    static func parse(_ text: some StringProtocol) -> Double? {
        let trimmed = text.trimmedOfSpaces
        if let value = trimmed.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return value
        }
        return Array(trimmed.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// As ``parse(_:)`` over trimmed UTF-8 bytes.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-") { return parseISO(bytes) }
        guard !bytes.isEmpty, bytes.count <= 32 else { return nil }
        // Epoch seconds: digits with an optional sign and fraction (no exponent, inf or nan).
        var sawDigit = false
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if i != 0 { return nil }
            case UInt8(ascii: "."): continue
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The ISO-8601 forms (see the type's documentation).
    private static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var reader = _ByteReader(bytes: b)
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
            let day = reader.digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if reader.atEnd { return seconds }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { return nil }
        guard let hour = reader.digits(2), reader.skip(":"), let minute = reader.digits(2), hour <= 23, minute <= 59 else {
            return nil
        }
        var second = 0
        var fraction = 0.0
        if reader.skip(":") {
            guard let s = reader.digits(2), s <= 59 else { return nil }
            second = s
            if reader.skip(".") || reader.skip(",") {
                guard let f = reader.fraction() else { return nil }
                fraction = f
            }
        }
        seconds += Double(hour * 3_600 + minute * 60 + second) + fraction
        if reader.atEnd || reader.skip("Z") || reader.skip("z") {
            return reader.atEnd ? seconds : nil
        }
        let sign: Double
        if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = reader.digits(2), offsetHours <= 23 else { return nil }
        var offsetMinutes = 0
        if !reader.atEnd {
            _ = reader.skip(":")
            guard let m = reader.digits(2), m <= 59 else { return nil }
            offsetMinutes = m
        }
        guard reader.atEnd else { return nil }
        return seconds - sign * Double(offsetHours * 3_600 + offsetMinutes * 60)
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of `days` since 1970-01-01 (Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `seconds` as ISO-8601 UTC (`2024-01-02T03:04:05Z`, with up to 6 fraction digits when not
    /// whole); out of the years 0000–9999 or not finite, the number of seconds.
    static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= -62_167_219_200, seconds < 253_402_300_800 else { return "\(seconds) s" }
        let whole = seconds.rounded(.down)
        let days = Int((whole / 86_400).rounded(.down))
        let secondOfDay = Int(whole) - days * 86_400
        let date = civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var year = "\(date.year)"
        while year.count < 4 { year = "0" + year }
        var text = "\(year)-\(two(date.month))-\(two(date.day))T\(two(secondOfDay / 3_600)):"
            + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        let micros = Int(((seconds - whole) * 1e6).rounded())
        if micros > 0, micros < 1_000_000 {
            var digits = "\(micros)"
            while digits.count < 6 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }
}

/// A cursor over ASCII bytes for ``_CheckTimestamp``.
private struct _ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    /// Consumes `character` when it is next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Consumes exactly `count` decimal digits and returns their value.
    mutating func digits(_ count: Int) -> Int? {
        guard bytes.count - position >= count else { return nil }
        var value = 0
        for _ in 0..<count {
            let d = Int(bytes[position]) - 48
            guard d >= 0, d <= 9 else { return nil }
            value = value * 10 + d
            position += 1
        }
        return value
    }

    /// Consumes one or more digits as a fraction of a second (digits after the 9th are ignored).
    mutating func fraction() -> Double? {
        var value = 0
        var scale = 1
        var count = 0
        while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
            if count < 9 {
                value = value * 10 + Int(bytes[position]) - 48
                scale *= 10
            }
            count += 1
            position += 1
        }
        return count == 0 ? nil : Double(value) / Double(scale)
    }
}
