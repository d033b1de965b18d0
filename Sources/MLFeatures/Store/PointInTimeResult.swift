/// The answer to a point-in-time retrieval: per request (in request order), the selected
/// features' values (NaN when not `present`), the status, and the event time of the row used.
public struct PointInTimeResult: Sendable {
    /// The feature names, in column order.
    public let features: [String]
    /// `requestCount × features.count` values, row-major (NaN unless the status is `present`;
    /// a present row may itself hold missing values).
    public let values: [Double]
    /// Per request.
    public let statuses: [FeatureStatus]
    /// Per request, the event time (ns) of the row found, nil when `missing` (set for `expired`).
    public let eventTimes: [Int64?]

    /// The number of requests.
    public var count: Int { statuses.count }

    /// The share of requests answered `present` (0 for no requests).
    public var hitRate: Double {
        statuses.isEmpty ? 0 : Double(statuses.lazy.filter { $0 == .present }.count) / Double(statuses.count)
    }

    /// Requests per status.
    public var statusCounts: [FeatureStatus: Int] {
        var out: [FeatureStatus: Int] = [.present: 0, .expired: 0, .missing: 0]
        for status in statuses { out[status, default: 0] += 1 }
        return out
    }

    /// The values of request `row`.
    public func values(ofRequest row: Int) -> ArraySlice<Double> {
        values[(row * features.count)..<((row + 1) * features.count)]
    }
}

/// An entity's values as an online read returns them.
public struct OnlineFeatureValues: Sendable, Equatable {
    /// The entity key.
    public let entity: String
    /// The selected features' values (NaN unless `present`).
    public let values: [Double]
    /// The status of each value (all the same for one view's row).
    public let statuses: [FeatureStatus]
    /// The event time (ns) of the stored row, nil when none.
    public let eventTime: Int64?
}

/// What an ingest stored.
public struct IngestReport: Sendable, Equatable, Codable {
    /// The view.
    public let view: String
    /// The version the rows were written under.
    public let version: String
    /// Rows stored.
    public let rows: Int
    /// Distinct entities among them.
    public let entities: Int
    /// Offline segments of the view after the ingest (1 after a compaction).
    public let segments: Int
}

/// What a materialization wrote to the online store.
public struct MaterializationReport: Sendable, Equatable, Codable {
    /// The view.
    public let view: String
    /// The start of the window (ns, exclusive), nil for a full materialization.
    public let start: Int64?
    /// The time materialized to (ns).
    public let end: Int64
    /// Entities whose point-in-time row at `end` was considered.
    public let entities: Int
    /// Online records written (older rows never replace newer ones).
    public let written: Int
}

/// The outcome of an offline/online parity check.
public struct ParityReport: Sendable, Equatable, Codable {
    /// One entity whose online values differ from the offline point-in-time read.
    public struct Mismatch: Sendable, Equatable, Codable {
        /// The entity key.
        public let entity: String
        /// The first differing feature, or `event_time` / `version` / `row` (present on one side only).
        public let field: String
        /// The online value as text.
        public let online: String
        /// The offline value as text.
        public let offline: String
    }

    /// The view.
    public let view: String
    /// The time compared at (the latest materialization's end, ns).
    public let at: Int64
    /// Entities compared.
    public let checked: Int
    /// The entities that differ (at most 100 listed; ``mismatchCount`` counts all).
    public let mismatches: [Mismatch]
    /// How many entities differ.
    public let mismatchCount: Int

    /// Whether every compared entity agrees.
    public var passed: Bool { mismatchCount == 0 }
}
