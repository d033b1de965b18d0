/// Request limits.
public struct LimitsConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// Most rows in one batch request (default 1000).
    public var maxBatchRows: Int

    // HTTP (MLServeHTTP applies these on every path, the fast paths included; the engine
    // does not read them).
    /// Largest request body in bytes, 1…2^31 (default 8 MiB; a 1,000-row × 50-feature batch
    /// is ~0.5 MB).
    public var maxBodyBytes: Int
    /// Seconds a connection may wait with no request in progress before it is closed
    /// (default 60).
    public var idleTimeoutSeconds: Double
    /// Seconds from a request's first byte to its last before the connection is closed: a
    /// client trickling bytes cannot keep it open (default 30).
    public var readTimeoutSeconds: Double
    /// Connections open at once; beyond it, new ones are closed at once (default 10,000).
    public var maxConnections: Int

    /// Creates limits.
    public init(
        maxBatchRows: Int = 1000, maxBodyBytes: Int = 8 << 20,
        idleTimeoutSeconds: Double = 60, readTimeoutSeconds: Double = 30, maxConnections: Int = 10_000
    ) {
        self.maxBatchRows = maxBatchRows
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.maxConnections = maxConnections
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("max_batch_rows", \.maxBatchRows), _TableKey("max_body_bytes", \.maxBodyBytes),
            _TableKey("idle_timeout_seconds", \.idleTimeoutSeconds),
            _TableKey("read_timeout_seconds", \.readTimeoutSeconds), _TableKey("max_connections", \.maxConnections),
        ]
    }

    /// What `max_body_bytes` may be: at least one byte, at most 2 GiB.
    public static let bodyBytesRange = 1...(1 << 31)

    /// Timeouts: more than 0 and at most a day; at least one connection; a body of 1 byte … 2 GiB.
    package func rangeProblem() -> (key: String, message: String)? {
        if !Self.bodyBytesRange.contains(maxBodyBytes) {
            return ("max_body_bytes", "max_body_bytes must be in 1…2147483648 (2 GiB)")
        }
        for (key, value) in [("idle_timeout_seconds", idleTimeoutSeconds), ("read_timeout_seconds", readTimeoutSeconds)]
        where !(value > 0 && value <= 86_400) {
            return (key, "\(key) must be more than 0 and at most 86400 seconds")
        }
        if maxConnections < 1 { return ("max_connections", "max_connections must be at least 1") }
        return nil
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}
