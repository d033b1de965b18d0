/// Point-in-time aggregations of an event stream per entity (a card, a customer): for each event,
/// statistics of the same entity's **strictly earlier** events in look-back windows, and the
/// time since the entity's previous event.
///
/// This value is the configuration; run it over a whole table with
/// ``compute(entities:times:values:categories:)`` (the batch form) or event by event with an
/// ``EntityAggregator`` (the streaming form). Both run the same per-entity state code, so their
/// results are bit-identical.
///
/// **Semantics** (pandas' `groupby(entity).rolling(w, on=time, closed='left')`):
/// - the window of an event at time `t` is `[t − w, t)`: events of the same entity at the same
///   instant do not see each other, and the event never sees itself;
/// - the previous event for `seconds_since_last` follows time order, and input order among equal
///   times (the second of two events at the same second gets 0); an entity's first event has it
///   missing;
/// - an empty window gives `count` 0, `sum` 0, `distinct` 0 and the others missing (NaN);
///   `std` needs two values.
///
/// **Features**, per event, in this order: for each window (in the order given), for each
/// aggregate (in the order given) one value; then `seconds_since_last` when ``recency`` is set.
/// ``featureNames(value:)`` names them `{value}_{aggregate}_{window}`, e.g. `amount_mean_24h`.
///
/// **Numerics.** Sums and means use pandas' compensated (Kahan) add/remove running sums, the
/// variance its add/remove Welford updates, in the same order (removals before additions; a
/// fresh start when the window shares no event with the previous one); the variance is
/// recomputed over the window when a removal cancels most of it. Results match pandas within
/// 1e-9 relative. `min`/`max` are exact (monotonic deques, amortized O(1)).
///
/// ```swift
/// let spec = try EntityAggregation(windows: [.init(parsing: "1h"), .init(parsing: "24h")],
///                                  aggregates: [.count, .mean, .max], recency: true)
/// spec.featureNames(value: "amount")
/// // amount_count_1h, amount_mean_1h, amount_max_1h, amount_count_24h, …, seconds_since_last
/// ```
public struct EntityAggregation: Sendable, Hashable, Codable {
    /// The look-back windows, in output order.
    public let windows: [AggregationWindow]
    /// The statistics computed in every window, in output order.
    public let aggregates: [EntityAggregate]
    /// Whether to add `seconds_since_last` (seconds since the entity's previous event) last.
    public let recency: Bool

    /// The name of the recency feature.
    public static let recencyName = "seconds_since_last"

    /// - Throws: ``FeatureError`` `.invalidParameter`: no windows (field `window`), a window label
    ///   given twice (field `window`), or an aggregate given twice (field `aggregation`). No
    ///   aggregates is allowed when ``recency`` is set (only `seconds_since_last` is computed).
    public init(windows: [AggregationWindow], aggregates: [EntityAggregate], recency: Bool = false) throws {
        if !aggregates.isEmpty && windows.isEmpty {
            throw FeatureError(.invalidParameter, "aggregations need at least one window", field: "window")
        }
        if aggregates.isEmpty && !recency {
            throw FeatureError(.invalidParameter, "nothing to compute: no aggregations and no recency", field: "aggregation")
        }
        var labels: Set<String> = []
        for window in windows where !labels.insert(window.label).inserted {
            throw FeatureError(.invalidParameter, "window '\(window.label)' is given twice", field: "window")
        }
        var seen: Set<EntityAggregate> = []
        for aggregate in aggregates where !seen.insert(aggregate).inserted {
            throw FeatureError(.invalidParameter, "aggregation '\(aggregate)' is given twice", field: "aggregation")
        }
        self.windows = windows
        self.aggregates = aggregates
        self.recency = recency
    }

    /// The number of features per event: `windows.count × aggregates.count` (+ 1 with recency).
    public var featureCount: Int { windows.count * aggregates.count + (recency ? 1 : 0) }

    /// Whether an aggregate needs each event's category (`distinct`).
    public var needsCategory: Bool { aggregates.contains(.distinct) }

    /// The feature names in output order: `{value}_{aggregate}_{window}` for each window and
    /// aggregate, then ``recencyName`` when ``recency`` is set.
    public func featureNames(value: String) -> [String] {
        var names: [String] = []
        names.reserveCapacity(featureCount)
        for window in windows {
            for aggregate in aggregates { names.append("\(value)_\(aggregate.rawValue)_\(window.label)") }
        }
        if recency { names.append(Self.recencyName) }
        return names
    }

    private enum CodingKeys: String, CodingKey { case windows, aggregates, recency }

    /// Decodes and validates as ``init(windows:aggregates:recency:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                windows: c.decode([AggregationWindow].self, forKey: .windows),
                aggregates: c.decode([EntityAggregate].self, forKey: .aggregates),
                recency: c.decode(Bool.self, forKey: .recency))
        } catch let error as FeatureError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
