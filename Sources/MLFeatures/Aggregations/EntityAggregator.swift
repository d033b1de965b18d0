/// The streaming form of an ``EntityAggregation``: push an event, get its features.
///
/// Keeps one state per entity, bounded by the longest window: the events inside it (plus those
/// at the entity's latest instant), each window's running statistics, and the previous event's
/// time. A value type and `Codable`: encode it (e.g. with `JSONEncoder`) to checkpoint a stream
/// and decode it to resume; the resumed stream gives the same features bit for bit, and the same
/// as the batch form ``EntityAggregation/compute(entities:times:values:categories:)``.
///
/// Each entity's events must come in time order (equal times are fine and keep their push order);
/// different entities may interleave freely.
///
/// ```swift
/// var aggregator = EntityAggregator<String, String>(try EntityAggregation(
///     windows: [.init(parsing: "24h")], aggregates: [.count, .mean], recency: true))
/// let t = EventTime.nanoseconds(parsing: "2024-01-02T03:04:05Z")!
/// try aggregator.push(entity: "card-1", time: t, value: 12.5)           // [0, nan, nan]
/// try aggregator.push(entity: "card-1", time: t + 60_000_000_000, value: 7) // [1, 12.5, 60]
/// ```
///
/// - Entity: the entity key (card number, customer id).
/// - Category: the categorical column counted by ``EntityAggregate/distinct`` (use `Int` or
///   `String`; it is ignored unless `distinct` is requested).
public struct EntityAggregator<Entity: Hashable & Codable & Sendable, Category: Hashable & Codable & Sendable>:
    Sendable, Codable
{
    /// The windows, aggregates and recency computed.
    public let aggregation: EntityAggregation
    private var states: [Entity: _EntityState<Category>] = [:]

    /// An aggregator that has seen no events.
    public init(_ aggregation: EntityAggregation) {
        self.aggregation = aggregation
    }

    /// The number of entities with state.
    public var entityCount: Int { states.count }

    /// Takes the next event of `entity` and writes its ``EntityAggregation/featureCount`` features
    /// (NaN for missing) into `features` from `offset` (the buffer must hold them).
    ///
    /// - Parameters:
    ///   - time: nanoseconds since the epoch (see ``EventTime``).
    ///   - value: the event's value; NaN is a missing value (skipped by the statistics).
    ///   - category: the event's category for `distinct` (nil: missing).
    /// - Throws: ``FeatureError`` `.outOfOrder` (nothing changes) when `time` is earlier than the
    ///   entity's previous event; `index` is the number of events the entity has had.
    ///   `.invalidInput` (argument `features`) when the buffer is too short from `offset`.
    public mutating func push(
        entity: Entity, time: Int64, value: Double, category: Category? = nil, into features: inout [Double], at offset: Int = 0
    ) throws {
        guard offset >= 0, features.count - offset >= aggregation.featureCount else {
            throw FeatureError(
                .invalidInput, "needs \(aggregation.featureCount) values from offset \(offset), has \(features.count)",
                argument: "features")
        }
        var state = states.removeValue(forKey: entity) ?? _EntityState(aggregation)
        defer { states[entity] = state }
        if let last = state.lastTime, time < last {
            throw FeatureError(
                .outOfOrder,
                "event at \(time) ns is earlier than the entity's previous event at \(last) ns; push each entity's events in time order",
                index: state.eventCount)
        }
        state.push(time: time, value: value, category: category, aggregation: aggregation, into: &features, at: offset)
    }

    /// Takes the next event of `entity` and returns its features (see
    /// ``push(entity:time:value:category:into:at:)``).
    /// - Throws: ``FeatureError`` `.outOfOrder` when `time` is earlier than the entity's previous event.
    @discardableResult
    public mutating func push(entity: Entity, time: Int64, value: Double, category: Category? = nil) throws -> [Double] {
        var features = [Double](repeating: .nan, count: aggregation.featureCount)
        try push(entity: entity, time: time, value: value, category: category, into: &features)
        return features
    }

    /// Forgets the entities whose last event is before `time` (nanoseconds): their windows are
    /// empty for any later event, and only their `seconds_since_last` would change (it becomes
    /// missing, as for a new entity). Bounds memory for streams with many one-off entities.
    /// - Returns: the number of entities forgotten.
    @discardableResult
    public mutating func forgetEntities(idleSince time: Int64) -> Int {
        let before = states.count
        states = states.filter { ($0.value.lastTime ?? .min) >= time }
        return before - states.count
    }

    private enum CodingKeys: String, CodingKey { case aggregation, entities, states }

    /// Encodes the configuration and every entity's state (entities and states as two arrays in
    /// the same order).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(aggregation, forKey: .aggregation)
        let pairs = Array(states)
        try c.encode(pairs.map(\.key), forKey: .entities)
        try c.encode(pairs.map(\.value), forKey: .states)
    }

    /// Decodes a checkpoint and validates every state against the configuration.
    /// - Throws: `DecodingError.dataCorrupted` for inconsistent or tampered state.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        aggregation = try c.decode(EntityAggregation.self, forKey: .aggregation)
        let entities = try c.decode([Entity].self, forKey: .entities)
        let values = try c.decode([_EntityState<Category>].self, forKey: .states)
        guard entities.count == values.count, values.allSatisfy({ $0.isConsistent(with: aggregation) }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "inconsistent entity aggregation state"))
        }
        var states: [Entity: _EntityState<Category>] = [:]
        for (entity, state) in zip(entities, values) {
            guard states.updateValue(state, forKey: entity) == nil else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "entity \(entity) appears twice"))
            }
        }
        self.states = states
    }
}
