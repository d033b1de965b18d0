/// Ages and delays written as a whole number and a unit (`30s`, `90m`, `36h`, `2d`, `1w`),
/// parsed for the data checks (`warn_after`, `error_after`, `max_delay`, `tolerance`).
///
/// The notation is ``_DurationText``'s, the same as aggregation windows'.
enum _CheckAge {
    static var maximumSeconds: Int64 { _DurationText.maximumSeconds }

    /// The duration of `text` (`<digits><unit>`, surrounding spaces allowed), or `nil` when it is
    /// not of that form, has no unit, or exceeds 100 years.
    static func parse(_ text: String) -> Duration? {
        _DurationText.seconds(Substring(text.trimmedOfSpaces)).map { .seconds($0) }
    }

    /// Whole seconds of `duration` (as built by ``parse(_:)``, or by a caller: fractions dropped).
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `seconds` in the two largest units, for messages: `3d 4h`, `36m 10s`, `0s`; negative ages
    /// (a timestamp after now) get a minus sign.
    static func describe(seconds value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let sign = value < 0 ? "-" : ""
        var rest = Int64(min(abs(value), Double(maximumSeconds) * 100).rounded(.down))
        var parts: [String] = []
        for (unit, scale) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where parts.count < 2 {
            let count = rest / scale
            rest -= count * scale
            if count > 0 || (!parts.isEmpty) { parts.append("\(count)\(unit)") }
        }
        return sign + (parts.isEmpty ? "0s" : parts.joined(separator: " "))
    }

    /// `duration` as written in a configuration: the largest unit that divides it (`2d`, `36h`).
    static func describe(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        for (unit, scale) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds != 0 && seconds % scale == 0 {
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }
}
