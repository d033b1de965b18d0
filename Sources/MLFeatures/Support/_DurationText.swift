/// The one reading of durations written as a whole number and a unit — `90s`, `15m`, `36h`, `2d`,
/// `1w` (seconds, minutes, hours, days of 86,400 s, weeks of 7 days; no calendar or DST) — shared
/// by aggregation windows and data-check ages.
enum _DurationText {
    /// Seconds per unit.
    static let secondsPerUnit: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// The longest duration accepted: 100 years (of 366 days), so times and lengths in nanoseconds
    /// stay far inside `Int64` and no sum or product can overflow.
    static let maximumSeconds: Int64 = 100 * 366 * 86_400

    /// The seconds of `text` (`<digits><unit>`, no sign, no spaces inside), or nil when it is not of
    /// that form or longer than ``maximumSeconds``. Zero is allowed (callers that need a positive
    /// length check it).
    static func seconds(_ text: Substring) -> Int64? {
        guard let unit = text.last, let scale = secondsPerUnit[unit] else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 12, digits.utf8.allSatisfy({ (48...57).contains($0) }),
            let count = Int64(digits)
        else { return nil }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, seconds <= maximumSeconds else { return nil }
        return seconds
    }
}
