/// Micro-batching: single-row requests wait up to `max_delay_ms` to be scored together.
public struct MicroBatchingConfiguration: Sendable, Codable, Equatable, _KeyTableCodable {
    /// Rows scored together at most (default 32).
    public var maxBatchSize: Int
    /// Longest a row waits for companions, in milliseconds (default 2).
    public var maxDelayMilliseconds: Double
    /// Latency budget in milliseconds: a row not scored within it is answered with the
    /// fallback (reason `timeout`) (default 50).
    public var budgetMilliseconds: Double

    /// Creates micro-batching settings.
    public init(maxBatchSize: Int = 32, maxDelayMilliseconds: Double = 2, budgetMilliseconds: Double = 50) {
        self.maxBatchSize = maxBatchSize
        self.maxDelayMilliseconds = maxDelayMilliseconds
        self.budgetMilliseconds = budgetMilliseconds
    }

    // The serve.yaml keys, all optional (``_KeyTableCodable``).
    package static var defaults: Self { Self() }

    package static var keys: [_TableKey<Self>] {
        [
            _TableKey("max_batch_size", \.maxBatchSize), _TableKey("max_delay_ms", \.maxDelayMilliseconds),
            _TableKey("budget_ms", \.budgetMilliseconds),
        ]
    }

    public init(from decoder: any Decoder) throws { try self.init(keyTable: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeKeyTable(to: encoder) }
}
