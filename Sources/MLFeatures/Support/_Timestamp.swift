import MLCore

/// Reads timestamps as seconds since 1970-01-01T00:00:00Z: integers and decimals as epoch
/// seconds, text as ISO-8601 (`2024-01-02`, `2024-01-02T03:04:05`, `2024-01-02 03:04:05.25Z`,
/// `2024-01-02T03:04:05+02:00`; no zone means UTC). Calendar arithmetic is proleptic Gregorian
/// over years 0001…9999, so no text can overflow it.
enum _Timestamp {
    /// The seconds of `text`, or nil when it is neither a number nor ISO-8601.
    static func seconds(_ text: Substring) -> Double? {
        let trimmed = text.trimmingSpaces
        if let number = Double(trimmed), number.isFinite { return number }
        return iso8601(Array(trimmed.utf8))
    }

    /// The seconds of row `row` of `column`, or nil when missing or unreadable.
    static func seconds(_ column: Column, row: Int) -> Double? {
        switch column {
        case .int(let v): v[row].map(Double.init)
        case .double(let v): v[row].isFinite ? v[row] : nil
        case .float(let v): v[row].isFinite ? Double(v[row]) : nil
        case .string(let v): v[row].flatMap { seconds(Substring($0)) }
        }
    }

    private static func iso8601(_ b: [UInt8]) -> Double? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var value = 0
            for k in i..<(i + n) {
                let d = Int(b[k]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            i += n
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), year >= 1, expect(UInt8(ascii: "-")), let month = digits(2), (1...12).contains(month),
            expect(UInt8(ascii: "-")), let day = digits(2), (1...daysIn(month, year)).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        guard i < b.count else { return seconds }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else {
            return nil
        }
        var second = 0.0
        if expect(UInt8(ascii: ":")) {
            guard let whole = digits(2), whole <= 60 else { return nil }
            second = Double(whole)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var scale = 0.1
                let start = i
                while i < b.count, (48...57).contains(b[i]) {
                    second += Double(Int(b[i]) - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        guard i < b.count else { return seconds }
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return i == b.count ? seconds : nil }
        let sign: Double
        if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let offsetMinutes = i < b.count ? digits(2) : 0
        guard let offsetMinutes, offsetMinutes < 60, i == b.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's civil-days
    /// method, re-derived: shift the year to start in March so the leap day comes last).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
