import MLServe

/// The result of a bounded HTTP load test (`mlctl loadtest`), and the checks it is judged by.
///
/// Latencies are milliseconds from the moment a request was due (with `--rate`, its slot in
/// the schedule, so a stalled server is not hidden by fewer requests: no coordinated
/// omission) to the end of its response.
public struct LoadTestReport: Sendable, Codable, Equatable, _KeyTableCodable {
    /// The target URL.
    public var url: String
    /// Concurrent connections.
    public var connections: Int
    /// Measured wall time, seconds.
    public var durationSeconds: Double
    /// Requests completed (any status) or failed.
    public var requests: Int
    /// Requests that failed: transport errors and non-2xx statuses.
    public var errors: Int
    /// Completed requests per second.
    public var requestsPerSecond: Double
    /// Latency percentiles, milliseconds.
    public var p50Milliseconds: Double
    public var p90Milliseconds: Double
    public var p95Milliseconds: Double
    public var p99Milliseconds: Double
    public var maxMilliseconds: Double
    /// Responses by HTTP status (`"200"`, …; `"error"` for transport failures).
    public var statusCounts: [String: Int]
    /// The checks run and their outcome.
    public var checks: [LoadTestCheck]

    /// Errors per request (0 when no request was made).
    public var errorRate: Double { requests == 0 ? 0 : Double(errors) / Double(requests) }

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Creates a report with no checks.
    public init(
        url: String, connections: Int, durationSeconds: Double, requests: Int, errors: Int, p50Milliseconds: Double,
        p90Milliseconds: Double, p95Milliseconds: Double, p99Milliseconds: Double, maxMilliseconds: Double,
        statusCounts: [String: Int]
    ) {
        self.url = url
        self.connections = connections
        self.durationSeconds = durationSeconds
        self.requests = requests
        self.errors = errors
        self.requestsPerSecond = durationSeconds > 0 ? Double(requests) / durationSeconds : 0
        self.p50Milliseconds = p50Milliseconds
        self.p90Milliseconds = p90Milliseconds
        self.p95Milliseconds = p95Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.maxMilliseconds = maxMilliseconds
        self.statusCounts = statusCounts
        self.checks = []
    }

    /// Runs the threshold checks and, with a baseline, the p95 regression check; stores them
    /// in ``checks``.
    /// - Parameters:
    ///   - baseline: an earlier report of the same test.
    ///   - tolerance: the allowed relative p95 increase over the baseline (0.10 = 10 %).
    public mutating func evaluate(_ thresholds: LoadTestThresholds, baseline: LoadTestReport? = nil, tolerance: Double = 0.10) {
        var checks: [LoadTestCheck] = []
        checks.append(LoadTestCheck(name: "requests", limit: 1, value: Double(requests), passed: requests > 0))
        if let p95 = thresholds.p95Milliseconds {
            checks.append(LoadTestCheck(name: "p95_ms", limit: p95, value: p95Milliseconds, passed: p95Milliseconds <= p95))
        }
        if let p99 = thresholds.p99Milliseconds {
            checks.append(LoadTestCheck(name: "p99_ms", limit: p99, value: p99Milliseconds, passed: p99Milliseconds <= p99))
        }
        if let e = thresholds.maxErrorRate {
            checks.append(LoadTestCheck(name: "error_rate", limit: e, value: errorRate, passed: errorRate <= e))
        }
        if let baseline {
            let limit = baseline.p95Milliseconds * (1 + tolerance)
            checks.append(
                LoadTestCheck(
                    name: "p95_vs_baseline_ms", limit: limit, value: p95Milliseconds, passed: p95Milliseconds <= limit))
        }
        self.checks = checks
    }

    // The report's JSON keys (``MLServe/_KeyTableCodable``): `p95_ms` is required (a
    // baseline without it is no baseline), the others default to 0 / empty when absent.
    package static var defaults: Self {
        LoadTestReport(
            url: "", connections: 0, durationSeconds: 0, requests: 0, errors: 0, p50Milliseconds: 0, p90Milliseconds: 0,
            p95Milliseconds: 0, p99Milliseconds: 0, maxMilliseconds: 0, statusCounts: [:])
    }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("url", \.url), _TableKey("connections", \.connections), _TableKey("duration_s", \.durationSeconds),
            _TableKey("requests", \.requests), _TableKey("errors", \.errors), _TableKey(written: "error_rate", \.errorRate),
            _TableKey("req_per_s", \.requestsPerSecond), _TableKey("p50_ms", \.p50Milliseconds),
            _TableKey("p90_ms", \.p90Milliseconds), _TableKey("p95_ms", \.p95Milliseconds, required: true),
            _TableKey("p99_ms", \.p99Milliseconds), _TableKey("max_ms", \.maxMilliseconds),
            _TableKey("status_counts", \.statusCounts), _TableKey("checks", \.checks), _TableKey(written: "passed", \.passed),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}

/// Limits a load test must stay within; `nil` means not checked.
public struct LoadTestThresholds: Sendable, Equatable {
    /// Highest acceptable p95 latency, milliseconds.
    public var p95Milliseconds: Double?
    /// Highest acceptable p99 latency, milliseconds.
    public var p99Milliseconds: Double?
    /// Highest acceptable error rate (0…1).
    public var maxErrorRate: Double?

    /// Creates thresholds.
    public init(p95Milliseconds: Double? = nil, p99Milliseconds: Double? = nil, maxErrorRate: Double? = nil) {
        self.p95Milliseconds = p95Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.maxErrorRate = maxErrorRate
    }
}

/// One check of a load test.
public struct LoadTestCheck: Sendable, Codable, Equatable {
    /// `requests`, `p95_ms`, `p99_ms`, `error_rate` or `p95_vs_baseline_ms`.
    public var name: String
    /// The limit.
    public var limit: Double
    /// The measured value.
    public var value: Double
    /// Whether the value is within the limit.
    public var passed: Bool

    /// Creates a check.
    public init(name: String, limit: Double, value: Double, passed: Bool) {
        self.name = name
        self.limit = limit
        self.value = value
        self.passed = passed
    }
}
