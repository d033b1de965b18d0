import Synchronization

/// A ``FeatureStoreBackend`` in memory: for tests and throw-away stores. Safe from any thread.
public final class InMemoryFeatureStoreBackend: FeatureStoreBackend {
    private struct State {
        var views: [String: StoredFeatureView] = [:]
        var segments: [String: [(StoredSegment, [[UInt8]])]] = [:]
        var nextSegment: Int64 = 1
        var online: [String: [String: OnlineRecord]] = [:]
        var history: [FeatureStoreHistoryEntry] = []
    }

    private let state = Mutex(State())

    public init() {}

    public func views() throws -> [StoredFeatureView] {
        state.withLock { $0.views.values.sorted { $0.view.name < $1.view.name } }
    }

    public func saveView(_ view: FeatureView) throws {
        state.withLock { s in
            s.views[view.name] = StoredFeatureView(view: view, materializedUntil: s.views[view.name]?.materializedUntil)
        }
    }

    public func setMaterializedUntil(_ time: Int64, view: String) throws {
        state.withLock { $0.views[view]?.materializedUntil = time }
    }

    public func segments(view: String) throws -> [StoredSegment] {
        state.withLock { ($0.segments[view] ?? []).map(\.0) }
    }

    public func appendSegment(
        view: String, version: String, rows: Int, pieces: [[UInt8]], replacing: [Int64]
    ) throws -> Int64 {
        state.withLock { s in
            let id = s.nextSegment
            s.nextSegment += 1
            let removed = Set(replacing)
            var list = (s.segments[view] ?? []).filter { !removed.contains($0.0.id) }
            list.append(
                (StoredSegment(id: id, version: version, rows: rows, bytes: pieces.reduce(0) { $0 + $1.count }, pieces: pieces.count), pieces))
            s.segments[view] = list
            return id
        }
    }

    public func readSegment(id: Int64, pieces range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let pieces = state.withLock { s in s.segments.values.lazy.flatMap { $0 }.first { $0.0.id == id }?.1 } ?? []
        for piece in pieces[range.clamped(to: pieces.indices)] { try piece.withUnsafeBytes(body) }
    }

    public func writeOnline(view: String, records: [OnlineRecord]) throws -> Int {
        state.withLock { s in
            var table = s.online[view] ?? [:]
            var written = 0
            for record in records {
                if let old = table[record.entity], !record.isAtLeastAsRecent(as: old) { continue }
                table[record.entity] = record
                written += 1
            }
            s.online[view] = table
            return written
        }
    }

    public func readOnline(view: String, entities: [String]) throws -> [OnlineRecord?] {
        state.withLock { s in
            let table = s.online[view] ?? [:]
            return entities.map { table[$0] }
        }
    }

    public func onlineEntities(view: String) throws -> [String] {
        state.withLock { ($0.online[view] ?? [:]).keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    public func appendHistory(_ entry: FeatureStoreHistoryEntry) throws {
        state.withLock { $0.history.append(entry) }
    }

    public func history(view: String?) throws -> [FeatureStoreHistoryEntry] {
        state.withLock { s in view.map { v in s.history.filter { $0.view == v } } ?? s.history }
    }
}
