import FoundationEssentials

/// Where the data checks read "now" from: the system clock, or a fixed instant for reproducible
/// runs and tests.
///
/// Freshness ages (`now - latest timestamp`) and the `future` leakage rule use it; it is read
/// once per run, so every check of a run sees the same instant.
///
/// ```swift
/// let clock = try DataCheckClock(parsing: "2024-03-01T00:00:00Z")   // or .system
/// let report = try suite.run(onFile: "t.csv", clock: clock)
/// ```
public enum DataCheckClock: Sendable, Equatable {
    /// The system's real-time clock.
    case system
    /// A fixed instant.
    case fixed(Date)

    /// A fixed clock at `text`: epoch seconds, an ISO-8601 date (midnight UTC) or date-time (with
    /// `Z` or an offset; none means UTC), the forms the checks read in data.
    /// - Throws: ``FeatureError`` `.invalidParameter` (argument `now`) when `text` is none of them.
    public init(parsing text: String) throws {
        guard let seconds = _CheckTimestamp.parse(text) else {
            throw FeatureError(
                .invalidParameter,
                "'\(text)' is not a timestamp (epoch seconds, YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM])",
                argument: "now")
        }
        self = .fixed(Date(timeIntervalSince1970: seconds))
    }

    /// The current instant of this clock.
    public var now: Date {
        switch self {
        case .system: Date()
        case .fixed(let date): date
        }
    }
}
