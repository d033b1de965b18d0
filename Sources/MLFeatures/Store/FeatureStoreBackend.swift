/// A view as a back end stores it: its definition, and how far it has been materialized.
public struct StoredFeatureView: Sendable, Equatable {
    /// The definition.
    public var view: FeatureView
    /// The end time (ns since the epoch) of the latest materialization, nil before the first.
    public var materializedUntil: Int64?

    public init(view: FeatureView, materializedUntil: Int64?) {
        self.view = view
        self.materializedUntil = materializedUntil
    }
}

/// One batch of a view's offline rows as a back end lists it.
public struct StoredSegment: Sendable, Equatable {
    /// The back end's id for it (increasing in the order batches were written).
    public var id: Int64
    /// The view version the rows were written under.
    public var version: String
    /// The number of rows.
    public var rows: Int
    /// The stored size of its pieces, in bytes.
    public var bytes: Int
    /// The number of pieces it is stored as.
    public var pieces: Int

    public init(id: Int64, version: String, rows: Int, bytes: Int, pieces: Int) {
        self.id = id
        self.version = version
        self.rows = rows
        self.bytes = bytes
        self.pieces = pieces
    }
}

/// An entity's latest values in the online store.
public struct OnlineRecord: Sendable, Equatable {
    /// The entity key.
    public var entity: String
    /// The view version the values were written under.
    public var version: String
    /// When the values were true (ns since the epoch).
    public var eventTime: Int64
    /// When the values became known (ns since the epoch).
    public var createdTime: Int64
    /// The values, in the view's feature order (NaN = missing).
    public var values: [Double]

    public init(entity: String, version: String, eventTime: Int64, createdTime: Int64, values: [Double]) {
        self.entity = entity
        self.version = version
        self.eventTime = eventTime
        self.createdTime = createdTime
        self.values = values
    }

    /// Whether this record is at least as recent as `other`: a later event time, or the same
    /// event time and a created time no earlier (a correction replaces what it corrects).
    public func isAtLeastAsRecent(as other: OnlineRecord) -> Bool {
        (eventTime, createdTime) >= (other.eventTime, other.createdTime)
    }
}

/// One line of a store's history: what was done to which view, when, with what.
public struct FeatureStoreHistoryEntry: Sendable, Equatable, Codable {
    /// The view.
    public var view: String
    /// `apply`, `ingest`, `compact`, `materialize` or `push`.
    public var action: String
    /// When (ns since the epoch, the store's clock).
    public var at: Int64
    /// What, as text (rows, segment, version, time range…).
    public var details: [String: String]

    public init(view: String, action: String, at: Int64, details: [String: String]) {
        self.view = view
        self.action = action
        self.at = at
        self.details = details
    }
}

/// Where a ``FeatureStore`` keeps its views, offline segments, online records and history.
///
/// ``SQLiteFeatureStoreBackend`` (one file, through GRDB) is the default and
/// ``InMemoryFeatureStoreBackend`` is for tests; a shared back end (PostgreSQL) implements the
/// same requirements. All the semantics — point-in-time search, TTL, which record is newer,
/// parity — live in ``FeatureStore``; a back end only stores and returns bytes and rows, each
/// call one transaction.
public protocol FeatureStoreBackend: Sendable {
    /// Every stored view, by name.
    func views() throws -> [StoredFeatureView]
    /// Stores `view` (replacing a definition of the same name; its materialization time is kept).
    func saveView(_ view: FeatureView) throws
    /// Records that `view` was materialized up to `time`.
    func setMaterializedUntil(_ time: Int64, view: String) throws
    /// The offline segments of `view`, oldest first.
    func segments(view: String) throws -> [StoredSegment]
    /// Stores a segment of `rows` rows written under `version` as `pieces` (blobs kept in order),
    /// removing the segments `replacing` in the same transaction (compaction); returns its id.
    func appendSegment(view: String, version: String, rows: Int, pieces: [[UInt8]], replacing: [Int64]) throws -> Int64
    /// Calls `body` with pieces `pieces` of segment `id`, in order (the bytes are valid during the
    /// call only). Safe to call from several threads at once (readers run side by side).
    func readSegment(id: Int64, pieces: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
    /// Upserts `records` of `view`; a record replaces a stored one only when it is at least as recent
    /// (``OnlineRecord/isAtLeastAsRecent(as:)``). Returns how many were written.
    func writeOnline(view: String, records: [OnlineRecord]) throws -> Int
    /// The records of `entities` in `view`, in the same order (nil: none stored).
    func readOnline(view: String, entities: [String]) throws -> [OnlineRecord?]
    /// The view named `view` (nil when none) and the records of `entities` in it — what an online
    /// read needs, in one transaction (a default implementation makes two calls).
    func readOnlineWithView(_ view: String, entities: [String]) throws -> (view: StoredFeatureView?, records: [OnlineRecord?])
    /// The entity keys with an online record in `view`, in byte order.
    func onlineEntities(view: String) throws -> [String]
    /// Appends a history entry.
    func appendHistory(_ entry: FeatureStoreHistoryEntry) throws
    /// The history of `view` (every view when nil), oldest first.
    func history(view: String?) throws -> [FeatureStoreHistoryEntry]
}

extension FeatureStoreBackend {
    public func readOnlineWithView(_ view: String, entities: [String]) throws
        -> (view: StoredFeatureView?, records: [OnlineRecord?])
    {
        (try views().first { $0.view.name == view }, try readOnline(view: view, entities: entities))
    }
}
