import MLCore

extension EventTime {
    /// The time of row `row` (in range) of `column` in seconds since the epoch, read as
    /// ``nanoseconds(from:name:)`` reads it, or nil when it is missing, unreadable or out of range.
    static func seconds(_ column: Column, row: Int) -> Double? {
        let value: Int64? =
            switch column {
            case .int(let v): v[row].flatMap { Self.nanoseconds(seconds: $0) }
            case .double(let v): Self.nanoseconds(seconds: v[row])
            case .float(let v): Self.nanoseconds(seconds: Double(v[row]))
            case .string(let v): v[row].flatMap { Self.nanoseconds(parsing: $0) }
            }
        return value.map(seconds(nanoseconds:))
    }

    /// `nanoseconds` as seconds, whole seconds and the fraction converted apart so that
    /// `…T00:00:00.25Z` is exactly `….25` (a single `Double(ns) / 1e9` rounds the 61-bit count first).
    static func seconds(nanoseconds: Int64) -> Double {
        let (whole, fraction) = nanoseconds.quotientAndRemainder(dividingBy: nanosecondsPerSecond)
        return Double(whole) + Double(fraction) / Double(nanosecondsPerSecond)
    }
}
