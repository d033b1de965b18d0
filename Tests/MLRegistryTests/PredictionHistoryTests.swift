import Foundation
import GRDB
@testable import MLRegistry
import MLTesting
import Testing

/// Client-chosen request ids and repeated feedback: nothing is refused, nothing overwritten.
@Suite struct PredictionHistoryTests {
    @Test func repeatedRequestIDsAreAllLoggedInOneBatch() throws {
        let t = try TestRegistry()
        try t.register()
        let batch = (0..<30).map { i in
            PredictionRecord(requestID: i % 3 == 0 ? "same" : "r\(i)", name: "fraud", version: 1, output: .number(Double(i)))
        }
        try t.registry.logPredictions(batch)
        try t.registry.logPredictions(Array(batch.prefix(5)))
        let logged = try t.registry.predictions(model: "fraud", version: 1, limit: 1000)
        #expect(logged.count == 35)
        #expect(logged.filter { $0.requestID == "same" }.count == 12)
        #expect(Set(logged.map(\.output)) == Set((0..<30).map { RegistryJSON.number(Double($0)) }))
    }

    @Test func secondFeedbackIsHistoryAndTheLatestIsJoined() throws {
        let t = try TestRegistry()
        try t.register()
        try t.registry.logPredictions([PredictionRecord(requestID: "r1", name: "fraud", version: 1, output: .number(0.7))])
        try t.registry.recordFeedback(requestID: "r1", outcome: .object(["label": .string("legit")]))
        try t.registry.recordFeedback(requestID: "r1", outcome: .object(["label": .string("fraud")]))
        let history = try t.registry.feedbackHistory(requestID: "r1")
        #expect(history.map(\.outcome) == [.object(["label": .string("legit")]), .object(["label": .string("fraud")])])
        #expect(history[0].recordedAt < history[1].recordedAt)
        #expect(try t.registry.predictions(model: "fraud", version: 1).first?.outcome == .object(["label": .string("fraud")]))
        #expect(try t.registry.feedbackHistory(requestID: "r2").isEmpty)
        let latest = try DatabaseQueue(path: t.registry.path).read { db in
            try String.fetchAll(db, sql: "SELECT outcome FROM feedback_latest WHERE request_id = 'r1'")
        }
        #expect(latest == [#"{"label":"fraud"}"#])
    }

    /// A registry written by the first schema (request ids unique) is upgraded on open:
    /// its predictions are kept and repeated ids are accepted afterwards.
    @Test func aVersionOneRegistryIsMigratedKeepingItsPredictions() throws {
        let dir = ScratchDirectory()
        let path = dir.file("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: _Schema.v1)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
            try db.execute(sql: "INSERT INTO registered_models VALUES (1, 'fraud', 1, 0, 'old')")
            try db.execute(
                sql: """
                    INSERT INTO model_versions (id, model_id, version, artifact_sha256, artifact_size, metrics, evidence,
                        stage, created_at, created_by) VALUES (1, 1, 1, 'abc', 1, '{}', '{}', 'none', 0, 'old')
                    """)
            try db.execute(
                sql: "INSERT INTO predictions (request_id, version_id, output, timestamp) VALUES ('r1', 1, '0.5', 7)")
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: "INSERT INTO predictions (request_id, version_id, output, timestamp) VALUES ('r1', 1, '0.6', 8)")
            }
        }
        try queue.close()
        _ = try ModelRegistry(path: path, options: .init(durability: .normal))
        let after = try DatabaseQueue(path: path)
        try after.write { db in
            try db.execute(
                sql: "INSERT INTO predictions (request_id, version_id, output, timestamp) VALUES ('r1', 1, '0.6', 8)")
        }
        let rows = try after.read { db in
            try Row.fetchAll(db, sql: "SELECT id, request_id, output FROM predictions ORDER BY id")
        }
        #expect(rows.map { $0["id"] as Int } == [1, 2])
        #expect(rows.map { $0["output"] as String } == ["0.5", "0.6"])
        let migrations = try after.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(Set(migrations) == ["v1", "v2-prediction-history"])
    }
}
