/// The length of a look-back window for ``EntityAggregation``: a whole number of seconds,
/// minutes, hours, days or weeks, written `90s`, `15m`, `2h`, `3d`, `1w`.
///
/// An event at time `t` aggregates the earlier events of its entity with times in `[t − w, t)`
/// (pandas' `rolling(w, on=time, closed='left')`). The ``label`` is the text the window was
/// written as; feature names use it (`amount_mean_2h`).
///
/// ```swift
/// let day = try AggregationWindow(parsing: "24h")
/// day.seconds      // 86400
/// day.label        // "24h"
/// ```
public struct AggregationWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The window length in seconds (≥ 1).
    public let seconds: Int64
    /// How the window is written in feature names (`2h`, `30d`).
    public let label: String

    /// The longest window accepted: 100 years, so that times and lengths in nanoseconds stay far
    /// inside `Int64`.
    public static let maximumSeconds: Int64 = _DurationText.maximumSeconds

    /// Parses `<integer><unit>` with unit `s`, `m`, `h`, `d` or `w` (seconds, minutes, hours,
    /// days of 86,400 s, weeks of 7 days); the label is the text as given.
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `window`) for another shape, a zero
    ///   or negative length, or a window longer than ``maximumSeconds``.
    public init(parsing text: String) throws {
        let shape = text.utf8.dropLast().allSatisfy { (48...57).contains($0) } && text.count >= 2
            && _DurationText.secondsPerUnit[text.last ?? " "] != nil
        guard shape else {
            throw FeatureError(
                .invalidParameter,
                "'\(text)' is not a window: write a whole number and a unit s, m, h, d or w (90s, 15m, 2h, 3d, 1w)",
                field: "window")
        }
        guard let seconds = _DurationText.seconds(Substring(text)), seconds >= 1 else {
            throw FeatureError(
                .invalidParameter, "'\(text)' must be at least 1 second and at most 100 years", field: "window")
        }
        self.seconds = seconds
        self.label = text
    }

    /// A window of `seconds`, labelled in the largest unit that divides it (`7200` → `2h`).
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `window`) unless
    ///   `1 ≤ seconds ≤ maximumSeconds`.
    public init(seconds: Int64) throws {
        guard seconds >= 1, seconds <= Self.maximumSeconds else {
            throw FeatureError(
                .invalidParameter, "must be at least 1 second and at most 100 years, got \(seconds) s", field: "window")
        }
        self.seconds = seconds
        let units: [(Character, Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)]
        let unit = units.first { seconds % $0.1 == 0 }
        self.label = unit.map { "\(seconds / $0.1)\($0.0)" } ?? "\(seconds)s"
    }

    /// Parses a comma-separated list (`1h,24h,7d`), in order.
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `window`) for an empty list, a bad
    ///   window, or a label that repeats.
    public static func list(parsing text: String) throws -> [AggregationWindow] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingSpaces()
        }
        guard !text.isEmpty, !parts.isEmpty else {
            throw FeatureError(.invalidParameter, "no windows given", field: "window")
        }
        return try parts.map { try AggregationWindow(parsing: $0) }
    }

    /// The length in nanoseconds (the unit of ``EventTime``).
    var nanoseconds: Int64 { seconds * 1_000_000_000 }

    public var description: String { label }

    private enum CodingKeys: String, CodingKey { case seconds, label }

    /// Decodes and validates a window (a tampered value throws instead of overflowing later).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let seconds = try c.decode(Int64.self, forKey: .seconds)
        guard seconds >= 1, seconds <= Self.maximumSeconds else {
            throw DecodingError.dataCorruptedError(
                forKey: .seconds, in: c, debugDescription: "window length out of range: \(seconds) s")
        }
        self.seconds = seconds
        self.label = try c.decode(String.self, forKey: .label)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
