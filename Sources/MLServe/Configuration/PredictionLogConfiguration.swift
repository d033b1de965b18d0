/// The prediction log: a bounded in-memory queue drained to a sink (the registry).
public struct PredictionLogConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// Log predictions when a sink is available (default true).
    public var enabled: Bool
    /// Records the queue holds before it drops (default 10,000).
    public var capacity: Int
    /// Most records written per flush (default 500).
    public var batchSize: Int
    /// Time between flushes, in milliseconds (default 200).
    public var flushIntervalMilliseconds: Int
    /// Keep the features themselves, not only their SHA-256 (default false).
    public var keepInputs: Bool
    /// Bytes the queued records (and feedback) may hold before new ones are dropped (default 64 MiB).
    public var maxBytes = 64 << 20

    /// Creates prediction-log settings.
    public init(
        enabled: Bool = true, capacity: Int = 10_000, batchSize: Int = 500, flushIntervalMilliseconds: Int = 200,
        keepInputs: Bool = false
    ) {
        self.enabled = enabled
        self.capacity = capacity
        self.batchSize = batchSize
        self.flushIntervalMilliseconds = flushIntervalMilliseconds
        self.keepInputs = keepInputs
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("enabled", \.enabled), _TableKey("capacity", \.capacity), _TableKey("batch_size", \.batchSize),
            _TableKey("flush_interval_ms", \.flushIntervalMilliseconds), _TableKey("keep_inputs", \.keepInputs),
            _TableKey("max_bytes", \.maxBytes),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}
