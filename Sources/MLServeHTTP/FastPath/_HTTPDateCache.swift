import MLCore

/// The `Date` header value (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`),
/// formatted at most once per second: one per connection handler, used on its event loop only.
struct _HTTPDateCache {
    private var second = -1
    private var text = ""

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The current time as an HTTP date.
    mutating func now() -> String {
        let seconds = _Platform.wallClock().seconds
        if seconds != second {
            second = seconds
            text = Self.format(secondsSince1970: seconds)
        }
        return text
    }

    /// Formats `secondsSince1970` (UTC) as an IMF-fixdate.
    static func format(secondsSince1970 seconds: Int) -> String {
        guard let parts = _Platform.utcParts(secondsSince1970: seconds),
            days.indices.contains(parts.weekday), months.indices.contains(parts.month)
        else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[parts.weekday]), \(two(parts.day)) \(months[parts.month]) \(parts.year) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }
}
