import Foundation
import GRDB
import MLRegistry
import Testing

/// Edits a registry file directly, as someone with write access to it could.
enum TamperTool {
    static func execute(_ path: String, _ sql: String, _ arguments: [String]) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \"\(trigger)\"")
            }
            try db.execute(sql: sql, arguments: StatementArguments(arguments))
        }
    }
}

@Suite struct AuditLogTests {
    func populated() throws -> TestRegistry {
        let t = try TestRegistry()
        for _ in 0..<4 { try t.register(evidence: TestRegistry.passing) }
        try t.registry.setAlias("champion", model: "fraud", version: 2)
        try t.registry.setAlias("champion", model: "fraud", version: 3, override: GateOverride(reason: "why not"))
        try t.registry.transition(model: "fraud", version: 1, to: .archived)
        return t
    }

    @Test func everyMutationAppendsOneChainedRow() throws {
        let t = try populated()
        let result = try t.registry.verifyAuditLog()
        #expect(result.intact && result.problems.isEmpty)
        // init + 4 registrations + 2 alias moves + 1 archive
        #expect(result.rowCount == 8 && result.headRowCount == 8)
        let entries = try t.registry.auditLog(limit: 100).reversed().map { $0 }
        #expect(entries.map(\.action) == ["init", "register", "register", "register", "register", "alias", "alias", "archive"])
        #expect(entries.first?.previousHash == String(repeating: "0", count: 64))
        for (a, b) in zip(entries, entries.dropFirst()) { #expect(b.previousHash == a.hash) }
        #expect(entries.last?.hash == result.headHash)
    }

    @Test func appendOnlyTriggersRefuseEditsThroughSQLite() throws {
        let t = try populated()
        let queue = try DatabaseQueue(path: t.registry.path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log WHERE seq = 2") } }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE audit_log SET reason = 'x' WHERE seq = 2") }
        }
        #expect(try t.registry.verifyAuditLog().intact)
    }

    @Test(arguments: [
        "UPDATE audit_log SET reason = 'tampered' WHERE seq = 4",
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 7",
        "UPDATE audit_log SET version = 4 WHERE seq = 7",
        "UPDATE audit_log SET version = '3x' WHERE seq = 7",
        "UPDATE audit_log SET forced = 1 WHERE seq = 6",
        "UPDATE audit_log SET details = '{}' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 3",
        "DELETE FROM audit_log WHERE seq = 8",
        "DELETE FROM audit_log WHERE seq >= 6",
        "DELETE FROM audit_log",
        "UPDATE audit_chain_head SET row_count = 7",
        "DELETE FROM audit_chain_head",
        "INSERT INTO audit_log SELECT seq + 100, at, actor, action, model, version, forced, reason, details, hash, hash FROM audit_log WHERE seq = 8",
    ])
    func anyEditOrDeletionIsDetected(sql: String) throws {
        let t = try populated()
        try TamperTool.execute(t.registry.path, sql, [])
        let result = try t.registry.verifyAuditLog()
        #expect(!result.intact, "not detected: \(sql)")
        #expect(!result.problems.isEmpty)
    }

    @Test func recomputingOneRowWithoutTheRestIsStillDetected() throws {
        let t = try populated()
        // Edit row 4 and give it a self-consistent hash: the next row's link breaks.
        try TamperTool.execute(t.registry.path, "UPDATE audit_log SET reason = 'x', hash = ? WHERE seq = 4", [
            String(repeating: "ab", count: 32)
        ])
        #expect(try !t.registry.verifyAuditLog().intact)
    }
}
