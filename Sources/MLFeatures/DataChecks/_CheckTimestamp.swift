/// Timestamps of the data checks as seconds since 1970-01-01T00:00:00Z (a `Double`), read by
/// ``EventTime`` — the one parser for event, bar and data-check times (epoch seconds, or ISO-8601
/// `YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z|±HH:MM|±HHMM|±HH]`, no zone = UTC, years 1677–2262) — and
/// printed back in ISO-8601 for messages.
enum _CheckTimestamp {
    /// The seconds since the epoch of `text`, or `nil` when ``EventTime`` cannot read it.
    static func parse(_ text: some StringProtocol) -> Double? {
        EventTime.nanoseconds(parsing: String(text)).map(EventTime.seconds(nanoseconds:))
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
