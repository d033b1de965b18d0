/// How much a failing data check matters.
///
/// A failing `error` check fails the run (`mlctl data check` exits 1); a failing `warn` check is
/// reported and does not. In the tests file a check's `severity:` is `warn` or `error` (the
/// default).
public enum DataCheckSeverity: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Reported, does not fail the run.
    case warn
    /// Fails the run.
    case error

    public var description: String { rawValue }
}

/// The outcome of one data check.
public enum DataCheckStatus: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The check held.
    case pass
    /// The check failed at `warn` level.
    case warn
    /// The check failed at `error` level.
    case error

    /// The status of a check that failed at `severity`.
    public init(failedAt severity: DataCheckSeverity) {
        self = severity == .warn ? .warn : .error
    }

    public var description: String { rawValue }
}
