import MLCore

/// A point in time as the registry stores it: whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Printed as UTC ISO 8601 with milliseconds (`2026-03-01T09:30:00.250Z`), and encoded that
/// way in JSON. Formatting and parsing are locale-free and do not use Foundation's date
/// formatters.
///
/// Why not FoundationEssentials' `Date.ISO8601FormatStyle` (used for whole-second stamps
/// such as `EnvironmentSnapshot`'s): what this type must keep is (1) exact milliseconds —
/// the style formats a `Date` (binary seconds since 2001) by truncating its fraction, so about
/// half of all millisecond values print 1 ms low (`…59.999Z` as `…59.998Z`); (2) the proleptic
/// Gregorian calendar for every year (the style switches to the Julian calendar before
/// 1582-10-15); (3) the lenient input forms registry users type (`2026-03-01`,
/// `2026-03-01 10:00`, zones `±HH`, `±HHMM`, `±HH:MM`, fractions after `,`, truncation past
/// milliseconds), while the style parses one fixed layout.
public struct RegistryTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z (negative before).
    public var millisecondsSince1970: Int64

    /// A timestamp at `millisecondsSince1970`.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The current time from the system's real-time clock, truncated to the millisecond.
    public static func now() -> RegistryTimestamp {
        let clock = _Platform.wallClock()
        return RegistryTimestamp(millisecondsSince1970: Int64(clock.seconds) * 1000 + Int64(clock.nanoseconds) / 1_000_000)
    }

    /// What a date without a time of day stands for when parsed.
    public enum DateOnlyMeaning: Sendable {
        /// `2026-03-01` is `2026-03-01T00:00:00.000Z`.
        case startOfDay
        /// `2026-03-01` is `2026-03-01T23:59:59.999Z`: "on March 1" includes moves made that day.
        case endOfDay
    }

    /// Parses ISO 8601: `YYYY-MM-DD`, or a date and time `YYYY-MM-DDTHH:MM[:SS[.fff…]]`
    /// (`T` or a space) with an optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM` (none means UTC).
    /// Fractions beyond milliseconds are truncated. Returns `nil` for anything else,
    /// including out-of-range fields (month 13, 25:00, February 30).
    ///
    /// - Parameter dateOnly: what a bare date means (default: its first millisecond).
    public init?(iso8601 text: String, dateOnly: DateOnlyMeaning = .startOfDay) {
        var p = _Scanner(Array(text.utf8))
        guard let year = p.digits(4), p.take(UInt8(ascii: "-")), let month = p.digits(2),
            p.take(UInt8(ascii: "-")), let day = p.digits(2),
            (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        if p.atEnd {
            let start = days * 86_400_000
            self.millisecondsSince1970 = dateOnly == .startOfDay ? start : start + 86_399_999
            return
        }
        guard p.take(UInt8(ascii: "T")) || p.take(UInt8(ascii: "t")) || p.take(UInt8(ascii: " ")),
            let hour = p.digits(2), p.take(UInt8(ascii: ":")), let minute = p.digits(2),
            hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var millis: Int64 = 0
        if p.take(UInt8(ascii: ":")) {
            guard let s = p.digits(2), s < 60 else { return nil }
            second = s
            if p.take(UInt8(ascii: ".")) || p.take(UInt8(ascii: ",")) {
                var count = 0
                while let d = p.digit() {
                    if count < 3 { millis = millis * 10 + d }
                    count += 1
                }
                guard count > 0 else { return nil }
                for _ in min(count, 3)..<3 { millis *= 10 }
            }
        }
        var offsetMinutes: Int64 = 0
        if p.take(UInt8(ascii: "Z")) || p.take(UInt8(ascii: "z")) {
        } else if let sign = p.sign() {
            guard let oh = p.digits(2), oh < 24 else { return nil }
            var om: Int64 = 0
            if !p.atEnd {
                _ = p.take(UInt8(ascii: ":"))
                guard let m = p.digits(2), m < 60 else { return nil }
                om = m
            }
            offsetMinutes = sign * (oh * 60 + om)
        }
        guard p.atEnd else { return nil }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        self.millisecondsSince1970 = seconds * 1000 + millis
    }

    /// UTC ISO 8601 with milliseconds, e.g. `2026-03-01T09:30:00.250Z`.
    public var iso8601: String {
        let ms = millisecondsSince1970
        let (daysRaw, msOfDayRaw) = ms.quotientAndRemainder(dividingBy: 86_400_000)
        let days = msOfDayRaw < 0 ? daysRaw - 1 : daysRaw
        let msOfDay = msOfDayRaw < 0 ? msOfDayRaw + 86_400_000 : msOfDayRaw
        let (y, m, d) = Self.civilFromDays(days)
        let h = msOfDay / 3_600_000
        let mi = (msOfDay / 60_000) % 60
        let s = (msOfDay / 1000) % 60
        let f = msOfDay % 1000
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))T\(Self.pad(h, 2)):\(Self.pad(mi, 2)):"
            + "\(Self.pad(s, 2)).\(Self.pad(f, 3))Z"
    }

    public var description: String { iso8601 }

    public static func < (a: RegistryTimestamp, b: RegistryTimestamp) -> Bool {
        a.millisecondsSince1970 < b.millisecondsSince1970
    }

    /// Decodes an ISO 8601 string (see ``init(iso8601:dateOnly:)``).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = RegistryTimestamp(iso8601: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
        }
        self = value
    }

    /// Encodes ``iso8601``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    // MARK: civil calendar (H. Hinnant's algorithms, proleptic Gregorian)

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A tiny byte scanner for the timestamp grammar.
private struct _Scanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { index >= bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func digit() -> Int64? {
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
        index += 1
        return Int64(bytes[index - 1] - 48)
    }

    mutating func digits(_ count: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<count {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }

    mutating func sign() -> Int64? {
        if take(UInt8(ascii: "+")) { return 1 }
        if take(UInt8(ascii: "-")) { return -1 }
        return nil
    }
}
