/// Every data check's result for one table, in the order of the tests file: `row_count`, the
/// column checks, `freshness`, then the `leakage` rules.
///
/// JSON (stable keys): `{"passed": bool, "errors": n, "warnings": n, "rows": n, "source": path
/// or null, "now": ISO-8601, "checks": [DataCheckResult…]}` where `errors` and `warnings`
/// count the checks that failed at each level.
public struct DataCheckReport: Sendable, Hashable, Codable {
    /// The data file checked, when the table came from one.
    public var source: String?
    /// The number of data rows.
    public var rowCount: Int
    /// The instant the ages were measured against, ISO-8601 UTC.
    public var now: String
    /// One result per check.
    public var results: [DataCheckResult]

    /// A report.
    public init(source: String?, rowCount: Int, now: String, results: [DataCheckResult]) {
        self.source = source
        self.rowCount = rowCount
        self.now = now
        self.results = results
    }

    /// True when no check failed at `error` level (warnings do not fail a run).
    public var passed: Bool { errorCount == 0 }
    /// The number of checks that failed at `error` level.
    public var errorCount: Int { results.count(where: { $0.status == .error }) }
    /// The number of checks that failed at `warn` level.
    public var warningCount: Int { results.count(where: { $0.status == .warn }) }
    /// The results that did not pass.
    public var failures: [DataCheckResult] { results.filter { !$0.passed } }

    /// One line: `2 errors, 1 warning in 9 checks on 1000 rows`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errorCount, "error")), \(plural(warningCount, "warning")) in "
            + "\(plural(results.count, "check")) on \(plural(rowCount, "row"))"
    }

    enum CodingKeys: String, CodingKey {
        case passed, errors, warnings, rows, source, now, checks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        rowCount = try c.decode(Int.self, forKey: .rows)
        now = try c.decode(String.self, forKey: .now)
        results = try c.decode([DataCheckResult].self, forKey: .checks)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(errorCount, forKey: .errors)
        try c.encode(warningCount, forKey: .warnings)
        try c.encode(rowCount, forKey: .rows)
        try c.encode(source, forKey: .source)
        try c.encode(now, forKey: .now)
        try c.encode(results, forKey: .checks)
    }
}
