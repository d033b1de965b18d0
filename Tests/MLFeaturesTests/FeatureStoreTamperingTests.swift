import Foundation
import GRDB
import MLCore
import Testing

@testable import MLFeatures

/// A store file changed behind the store's back — a definition edited without its version, an
/// online record of the wrong size, a segment piece cut short — is refused with `.storage`.
@Suite struct FeatureStoreTamperingTests {
    static func store(_ path: String) throws -> FeatureStore {
        let store = try FeatureStore.open(path, create: true, options: .init(clock: { 10_000_000_000 }))
        try store.apply(FeatureView(name: "v", entity: "id", features: [FeatureField(name: "x")], ttlSeconds: 60))
        try store.ingest(FeatureRows(entities: ["a", "b"], eventTimes: [1_000_000_000, 2_000_000_000], values: [1, 2], width: 1), into: "v")
        try store.materialize(view: "v")
        return store
    }

    @Test func editedRowsAreRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fs-tamper-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        _ = try Self.store(path)
        let db = try DatabaseQueue(path: path)
        try db.write { db in
            try db.execute(sql: "UPDATE fs_views SET definition = replace(definition, '\"ttl_seconds\":60', '\"ttl_seconds\":99')")
        }
        var error = #expect(throws: FeatureError.self) { try FeatureStore.open(path).views() }
        #expect(error?.code == .storage)
        #expect(error?.message.contains("does not hash to its recorded version") == true, "\(String(describing: error))")

        _ = try Self.store(path + "2")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + "2" + suffix) } }
        let db2 = try DatabaseQueue(path: path + "2")
        try db2.write { db in
            try db.execute(sql: "UPDATE fs_online SET feature_values = x'0102' WHERE entity = 'a'")
            try db.execute(sql: "UPDATE fs_segments SET row_count = 9223372036854775807")
        }
        let reopened = try FeatureStore.open(path + "2", options: .init(clock: { 10_000_000_000 }))
        // A row count the blobs cannot hold is only a capacity hint: the read goes on.
        #expect(try reopened.retrieve(view: "v", entities: ["a"], times: [5_000_000_000]).values == [1])
        try db2.write { db in try db.execute(sql: "UPDATE fs_segment_pieces SET data = substr(data, 1, 40)") }
        error = #expect(throws: FeatureError.self) { try reopened.get(view: "v", entities: ["a"]) }
        #expect(error?.code == .storage)
        error = #expect(throws: FeatureError.self) { try reopened.retrieve(view: "v", entities: ["a"], times: [5_000_000_000]) }
        #expect(error?.code == .storage)
        #expect(try reopened.get(view: "v", entities: ["b"]).first?.values == [2])
    }
}
