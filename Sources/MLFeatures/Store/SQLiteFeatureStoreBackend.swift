import FoundationEssentials
import GRDB
import MLCore
import Synchronization

/// A ``FeatureStoreBackend`` in one SQLite file (GRDB, WAL mode): the embedded default.
///
/// Tables: `fs_views` (definition JSON, version, materialization time), `fs_segments` and
/// `fs_segment_pieces` (offline rows as encoded blobs, pieces of whole entities),
/// `fs_online` (one row per view and entity, values as a little-endian Float64 blob) and
/// `fs_history`. Every call is one transaction; readers never block the writer.
///
/// The file is input like any other: a value of the wrong type, a blob that does not decode or a
/// definition that does not validate throws ``FeatureError`` `.storage` naming the table, never traps.
public final class SQLiteFeatureStoreBackend: FeatureStoreBackend {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    /// Decoded definitions by version: a read decodes a view's JSON once, not on every call.
    private let decodedViews = Mutex<[String: FeatureView]>([:])

    /// Creates the store at `path` (and its tables), or opens the one there.
    /// - Throws: ``FeatureError`` `.storage` when the file cannot be created or is not a SQLite database.
    public static func create(at path: String) throws -> SQLiteFeatureStoreBackend {
        try SQLiteFeatureStoreBackend(path: path, create: true)
    }

    /// Opens the store at `path`, which must exist and hold a feature store.
    /// - Throws: ``FeatureError`` `.storage` when there is no file, it is not a SQLite database, or
    ///   it holds no feature store.
    public convenience init(path: String) throws {
        try self.init(path: path, create: false)
    }

    private init(path: String, create: Bool) throws {
        guard !path.isEmpty else { throw FeatureError(.storage, "the store path is empty") }
        if !create && !_Platform.isRegularFile(path) {
            throw FeatureError(.storage, "no feature store (create one with 'mlctl features store init')", path: path)
        }
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.label = "MLFeatures.store"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Read segments through a memory map (no read() call and kernel copy per page).
            try db.execute(sql: "PRAGMA mmap_size = 2147418112")
        }
        pool = try Self.mapping(path) { try DatabasePool(path: path, configuration: config) }
        let migrator = Self.migrator
        try Self.mapping(path) {
            if !create {
                let known = try pool.read { db in try db.tableExists("fs_views") }
                guard known else {
                    throw FeatureError(
                        .storage, "holds no feature store (create one with 'mlctl features store init')", path: path)
                }
            }
            if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) { try migrator.migrate(pool) }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("feature-store-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fs_views (
                        name TEXT PRIMARY KEY NOT NULL,
                        version TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        materialized_until INTEGER
                    );
                    CREATE TABLE fs_segments (
                        id INTEGER PRIMARY KEY,
                        view TEXT NOT NULL,
                        version TEXT NOT NULL,
                        row_count INTEGER NOT NULL
                    );
                    CREATE INDEX fs_segments_by_view ON fs_segments(view, id);
                    CREATE TABLE fs_segment_pieces (
                        segment_id INTEGER NOT NULL,
                        piece INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (segment_id, piece)
                    ) WITHOUT ROWID;
                    CREATE TABLE fs_online (
                        view TEXT NOT NULL,
                        entity TEXT NOT NULL,
                        version TEXT NOT NULL,
                        event_time INTEGER NOT NULL,
                        created_time INTEGER NOT NULL,
                        feature_values BLOB NOT NULL,
                        PRIMARY KEY (view, entity)
                    ) WITHOUT ROWID;
                    CREATE TABLE fs_history (
                        id INTEGER PRIMARY KEY,
                        view TEXT NOT NULL,
                        action TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        details TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }

    // MARK: views

    public func views() throws -> [StoredFeatureView] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT name, version, definition, materialized_until FROM fs_views ORDER BY name"))
                .map(storedView)
        }
    }

    /// A `fs_views` row as a view (its definition decoded once per version, and checked against it).
    private func storedView(_ row: Row) throws -> StoredFeatureView {
        let version = try Self.text(row, "version", "fs_views")
        let materialized = try Self.optionalInt64(row, "materialized_until", "fs_views")
        if let view = decodedViews.withLock({ $0[version] }) {
            return StoredFeatureView(view: view, materializedUntil: materialized)
        }
        let definition = try Self.text(row, "definition", "fs_views")
        let view: FeatureView
        do {
            view = try JSONDecoder().decode(FeatureView.self, from: Data(definition.utf8))
        } catch {
            throw FeatureError(.storage, "fs_views.definition does not decode as a view: \(error)", path: path)
        }
        guard view.version == version else {
            throw FeatureError(
                .storage, "fs_views: the definition of '\(view.name)' does not hash to its recorded version", path: path)
        }
        decodedViews.withLock { $0[version] = view }
        return StoredFeatureView(view: view, materializedUntil: materialized)
    }

    public func readOnlineWithView(_ view: String, entities: [String]) throws
        -> (view: StoredFeatureView?, records: [OnlineRecord?])
    {
        try read { db in
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT name, version, definition, materialized_until FROM fs_views WHERE name = ?"),
                arguments: [view])
            guard let row else { return (nil, []) }
            return (try storedView(row), try readOnline(db, view: view, entities: entities))
        }
    }

    public func saveView(_ view: FeatureView) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO fs_views (name, version, definition) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET version = excluded.version, definition = excluded.definition
                    """, arguments: [view.name, view.version, view.canonicalJSON])
        }
    }

    public func setMaterializedUntil(_ time: Int64, view: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE fs_views SET materialized_until = ? WHERE name = ?", arguments: [time, view])
        }
    }

    // MARK: offline

    public func segments(view: String) throws -> [StoredSegment] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, version, row_count,
                        (SELECT COALESCE(SUM(length(data)), 0) FROM fs_segment_pieces WHERE segment_id = id) AS bytes,
                        (SELECT COUNT(*) FROM fs_segment_pieces WHERE segment_id = id) AS pieces
                    FROM fs_segments WHERE view = ? ORDER BY id
                    """, arguments: [view])
                .map { row in
                    StoredSegment(
                        id: try Self.int64(row, "id", "fs_segments"), version: try Self.text(row, "version", "fs_segments"),
                        rows: Int(clamping: try Self.int64(row, "row_count", "fs_segments")),
                        bytes: Int(clamping: try Self.int64(row, "bytes", "fs_segments")),
                        pieces: Int(clamping: try Self.int64(row, "pieces", "fs_segments")))
                }
        }
    }

    public func appendSegment(
        view: String, version: String, rows: Int, pieces: [[UInt8]], replacing: [Int64]
    ) throws -> Int64 {
        try write { db in
            for id in replacing {
                try db.execute(sql: "DELETE FROM fs_segment_pieces WHERE segment_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM fs_segments WHERE id = ?", arguments: [id])
            }
            try db.execute(
                sql: "INSERT INTO fs_segments (view, version, row_count) VALUES (?, ?, ?)", arguments: [view, version, rows])
            let id = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: "INSERT INTO fs_segment_pieces (segment_id, piece, data) VALUES (?, ?, ?)")
            for (k, piece) in pieces.enumerated() {
                try statement.execute(arguments: [id, k, Data(piece)])
            }
            return id
        }
    }

    public func readSegment(id: Int64, pieces: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT data FROM fs_segment_pieces WHERE segment_id = ? AND piece >= ? AND piece < ? ORDER BY piece",
                arguments: [id, pieces.lowerBound, pieces.upperBound])
            while let row = try cursor.next() {
                try row.withUnsafeData(atIndex: 0) { data in
                    guard let data else {
                        throw FeatureError(.storage, "fs_segment_pieces.data of segment \(id) is not a blob", path: path)
                    }
                    try data.withUnsafeBytes(body)
                }
            }
        }
    }

    // MARK: online

    public func writeOnline(view: String, records: [OnlineRecord]) throws -> Int {
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO fs_online (view, entity, version, event_time, created_time, feature_values)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(view, entity) DO UPDATE SET
                        version = excluded.version, event_time = excluded.event_time,
                        created_time = excluded.created_time, feature_values = excluded.feature_values
                    WHERE excluded.event_time > fs_online.event_time
                       OR (excluded.event_time = fs_online.event_time AND excluded.created_time >= fs_online.created_time)
                    """)
            var written = 0
            for record in records {
                let blob = record.values.withUnsafeBytes { Data($0) }
                try statement.execute(
                    arguments: [view, record.entity, record.version, record.eventTime, record.createdTime, blob])
                written += db.changesCount
            }
            return written
        }
    }

    public func readOnline(view: String, entities: [String]) throws -> [OnlineRecord?] {
        try read { db in try readOnline(db, view: view, entities: entities) }
    }

    private func readOnline(_ db: Database, view: String, entities: [String]) throws -> [OnlineRecord?] {
        let statement = try db.cachedStatement(
            sql: "SELECT version, event_time, created_time, feature_values FROM fs_online WHERE view = ? AND entity = ?")
        return try entities.map { entity in
            guard let row = try Row.fetchOne(statement, arguments: [view, entity]) else { return nil }
            let values = try row.withUnsafeData(atIndex: 3) { data -> [Double] in
                guard let data, data.count % 8 == 0 else {
                    throw FeatureError(.storage, "fs_online.feature_values of '\(entity)' is not a Float64 blob", path: path)
                }
                return data.withUnsafeBytes { raw in
                    (0..<(raw.count / 8)).map { (k: Int) -> Double in
                        Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)))
                    }
                }
            }
            return OnlineRecord(
                entity: entity, version: try Self.text(row, "version", "fs_online"),
                eventTime: try Self.int64(row, "event_time", "fs_online"),
                createdTime: try Self.int64(row, "created_time", "fs_online"), values: values)
        }
    }

    public func onlineEntities(view: String) throws -> [String] {
        let keys = try read { db in
            try Row.fetchAll(db, sql: "SELECT entity FROM fs_online WHERE view = ?", arguments: [view]).map {
                try Self.text($0, "entity", "fs_online")
            }
        }
        return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: history

    public func appendHistory(_ entry: FeatureStoreHistoryEntry) throws {
        let details = String(decoding: try JSONEncoder.sorted.encode(entry.details), as: UTF8.self)
        try write { db in
            try db.execute(
                sql: "INSERT INTO fs_history (view, action, at, details) VALUES (?, ?, ?, ?)",
                arguments: [entry.view, entry.action, entry.at, details])
        }
    }

    public func history(view: String?) throws -> [FeatureStoreHistoryEntry] {
        try read { db in
            let rows =
                if let view {
                    try Row.fetchAll(db, sql: "SELECT * FROM fs_history WHERE view = ? ORDER BY id", arguments: [view])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM fs_history ORDER BY id")
                }
            return try rows.map { row in
                let text = try Self.text(row, "details", "fs_history")
                guard let details = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
                    throw FeatureError(.storage, "fs_history.details is not a JSON object of texts", path: path)
                }
                return FeatureStoreHistoryEntry(
                    view: try Self.text(row, "view", "fs_history"), action: try Self.text(row, "action", "fs_history"),
                    at: try Self.int64(row, "at", "fs_history"), details: details)
            }
        }
    }

    // MARK: plumbing

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapping(path) { try pool.read(body) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.mapping(path) { try pool.write(body) }
    }

    private static func mapping<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FeatureError {
            throw error.at(path: path)
        } catch let error as DatabaseError {
            let message =
                error.resultCode == .SQLITE_NOTADB
                ? "not a SQLite database" : "SQLite error \(error.resultCode.rawValue): \(error.message ?? "")"
            throw FeatureError(.storage, message, path: path)
        } catch {
            throw FeatureError(.storage, "\(error)", path: path)
        }
    }

    private static func text(_ row: Row, _ column: String, _ table: String) throws -> String {
        let value: (any DatabaseValueConvertible)? = row[column]
        guard let text = value as? String else { throw FeatureError(.storage, "\(table).\(column) is not text") }
        return text
    }

    private static func int64(_ row: Row, _ column: String, _ table: String) throws -> Int64 {
        guard let value = try optionalInt64(row, column, table) else {
            throw FeatureError(.storage, "\(table).\(column) is NULL")
        }
        return value
    }

    private static func optionalInt64(_ row: Row, _ column: String, _ table: String) throws -> Int64? {
        let value: (any DatabaseValueConvertible)? = row[column]
        switch value {
        case nil: return nil
        case let v as Int64: return v
        default: throw FeatureError(.storage, "\(table).\(column) is not an integer")
        }
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys (stable text for hashing and history).
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
