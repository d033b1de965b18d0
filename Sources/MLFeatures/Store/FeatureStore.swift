import MLCore

/// An offline and online feature store (Feast's model, embedded): views of typed features per
/// entity, an offline history with point-in-time retrieval for training, an online store of
/// each entity's latest values for serving, materialization from one to the other with a parity
/// check, and the same TTL rule everywhere.
///
/// ```swift
/// let store = try FeatureStore.open("fs.sqlite", create: true)
/// let view = try FeatureView(name: "card_profile", entity: "card",
///                            features: [FeatureField(name: "spend_7d")], ttlSeconds: 7 * 86_400)
/// try store.apply(view)
/// try store.ingest(rows, into: "card_profile")
/// let training = try store.retrieve(view: "card_profile", requests: requests, asOfCreated: true)
/// try store.materialize(view: "card_profile")
/// let online = try store.get(view: "card_profile", entities: ["card-42"])
/// ```
///
/// **Semantics** (the same offline and online):
/// - a read at time `t` uses the entity's latest row with event time ≤ `t` (with `asOfCreated`,
///   also created time ≤ `t`, so corrections that arrived later cannot leak into training); among
///   rows with the same event time the one created last wins, then the one written last;
/// - the row is `present` when `t − event ≤ ttl`, else `expired` (its values are not returned);
///   no row is `missing`. Online reads use the store's clock as `t`.
///
/// Thread-safe (`Sendable`): the back end serializes writes; results do not depend on the number
/// of threads used.
public final class FeatureStore: Sendable {
    /// Settings of a store.
    public struct Options: Sendable {
        /// The current time in nanoseconds since the epoch (injectable for tests and replays).
        public var clock: @Sendable () -> Int64
        /// The most threads a retrieval uses (nil: every online processor).
        public var maximumThreads: Int?
        /// When an ingest leaves a view with more offline segments than this, they are merged
        /// into one (retrieval reads every segment).
        public var compactionThreshold: Int
        /// Rows per stored piece of a segment (pieces hold whole entities). Small enough (a few MB)
        /// that the buffers SQLite reads blobs into are reused rather than mapped afresh.
        public var pieceRows: Int

        public init(
            clock: @escaping @Sendable () -> Int64 = FeatureStore.systemClock, maximumThreads: Int? = nil,
            compactionThreshold: Int = 8, pieceRows: Int = 32_768
        ) {
            self.clock = clock
            self.maximumThreads = maximumThreads
            self.compactionThreshold = max(1, compactionThreshold)
            self.pieceRows = max(1, pieceRows)
        }
    }

    /// The system's real-time clock in nanoseconds since the epoch.
    public static let systemClock: @Sendable () -> Int64 = {
        let now = _Platform.wallClock()
        return Int64(now.seconds) * EventTime.nanosecondsPerSecond + Int64(now.nanoseconds)
    }

    /// Where the store keeps its data.
    public let backend: any FeatureStoreBackend
    /// The store's settings.
    public let options: Options

    /// A store over `backend`.
    public init(backend: any FeatureStoreBackend, options: Options = Options()) {
        self.backend = backend
        self.options = options
    }

    /// Opens the store at `location`: `sqlite:///path/fs.sqlite`, a plain path (SQLite), or
    /// `memory:` (a new in-memory store).
    /// - Parameter create: create the store when it does not exist (else it must).
    /// - Throws: ``FeatureError`` `.storage` when it cannot be opened, `.invalidParameter` for a
    ///   URL scheme other than `sqlite` (PostgreSQL comes with the shared back end).
    public static func open(_ location: String, create: Bool = false, options: Options = Options()) throws -> FeatureStore {
        if location == "memory:" { return FeatureStore(backend: InMemoryFeatureStoreBackend(), options: options) }
        var path = location
        if location.hasPrefix("sqlite://") {
            path = String(location.dropFirst("sqlite://".count))
        } else if let scheme = location.range(of: "://") {
            throw FeatureError(
                .invalidParameter, "unsupported store URL scheme '\(location[..<scheme.lowerBound])' (sqlite:///path or a path)",
                field: "store")
        }
        let backend = create ? try SQLiteFeatureStoreBackend.create(at: path) : try SQLiteFeatureStoreBackend(path: path)
        return FeatureStore(backend: backend, options: options)
    }

    // MARK: views

    /// Defines or updates a view. An existing view may change its TTL and source (a new version);
    /// its entity key and features (names, types, order) may change only while it holds no data.
    /// - Returns: the view's version.
    /// - Throws: ``FeatureError`` `.versionMismatch` for a change of columns over stored data.
    @discardableResult
    public func apply(_ view: FeatureView) throws -> String {
        if let old = try backend.views().first(where: { $0.view.name == view.name })?.view {
            if old == view { return view.version }
            if !old.hasSameColumns(as: view) {
                let hasData = try !backend.segments(view: view.name).isEmpty || !backend.onlineEntities(view: view.name).isEmpty
                if hasData {
                    throw FeatureError(
                        .versionMismatch,
                        "view '\(view.name)' holds data; its entity key and features cannot change (define a new view)",
                        field: view.name)
                }
            }
        }
        try backend.saveView(view)
        try record(view.name, "apply", ["version": view.version, "ttl_seconds": view.ttlSeconds.map(String.init) ?? "none"])
        return view.version
    }

    /// Every view, by name.
    public func views() throws -> [StoredFeatureView] { try backend.views() }

    /// The view named `name`.
    /// - Throws: ``FeatureError`` `.unknownView`.
    public func view(named name: String) throws -> StoredFeatureView {
        guard let stored = try backend.views().first(where: { $0.view.name == name }) else {
            throw FeatureError(.unknownView, "no view '\(name)' in the store", field: name)
        }
        return stored
    }

    /// What was done to `view` (every view when nil), oldest first.
    public func history(view: String? = nil) throws -> [FeatureStoreHistoryEntry] { try backend.history(view: view) }

    func record(_ view: String, _ action: String, _ details: [String: String]) throws {
        try backend.appendHistory(FeatureStoreHistoryEntry(view: view, action: action, at: options.clock(), details: details))
    }

    /// The indices of `names` among `view`'s features (all of them when nil).
    /// - Throws: ``FeatureError`` `.invalidParameter` naming a feature the view does not have or one listed twice.
    static func columns(_ names: [String]?, of view: FeatureView) throws -> [Int] {
        guard let names else { return Array(view.features.indices) }
        if let repeated = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
            throw FeatureError(.invalidParameter, "feature '\(names[repeated])' is asked for twice", field: names[repeated])
        }
        return try names.map { name in
            guard let index = view.features.firstIndex(where: { $0.name == name }) else {
                throw FeatureError(.invalidParameter, "view '\(view.name)' has no feature '\(name)'", field: name)
            }
            return index
        }
    }
}
