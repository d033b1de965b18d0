import MLCore
import GRDB

/// The result of ``ModelRegistry/checkConsistency(verifyHashes:)``.
public struct ConsistencyReport: Sendable, Hashable, Codable {
    /// Versions recorded.
    public var versionCount: Int
    /// `"name@version"` of versions whose artifact file is missing.
    public var missingArtifacts: [String]
    /// `"name@version"` of versions whose artifact bytes differ from the recorded hash
    /// (only checked with `verifyHashes`).
    public var corruptArtifacts: [String]
    /// Stored artifacts no version refers to (left by a process killed between storing the
    /// file and committing the version, or by deleted versions). Harmless; listed for cleanup.
    public var unreferencedArtifacts: [String]
    /// Models whose version numbers are not distinct, or exceed the model's last number.
    public var badNumbering: [String]
    /// The audit chain check.
    public var audit: AuditVerification
    /// SQLite's `PRAGMA integrity_check` and `foreign_key_check` findings, empty when fine.
    public var sqliteProblems: [String]

    /// No missing or corrupt artifact, numbering sound, audit intact, SQLite clean.
    public var isConsistent: Bool {
        missingArtifacts.isEmpty && corruptArtifacts.isEmpty && badNumbering.isEmpty && audit.intact
            && sqliteProblems.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case audit
        case versionCount = "version_count"
        case missingArtifacts = "missing_artifacts"
        case corruptArtifacts = "corrupt_artifacts"
        case unreferencedArtifacts = "unreferenced_artifacts"
        case badNumbering = "bad_numbering"
        case sqliteProblems = "sqlite_problems"
        case isConsistent = "consistent"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versionCount = try c.decode(Int.self, forKey: .versionCount)
        missingArtifacts = try c.decode([String].self, forKey: .missingArtifacts)
        corruptArtifacts = try c.decode([String].self, forKey: .corruptArtifacts)
        unreferencedArtifacts = try c.decode([String].self, forKey: .unreferencedArtifacts)
        badNumbering = try c.decode([String].self, forKey: .badNumbering)
        audit = try c.decode(AuditVerification.self, forKey: .audit)
        sqliteProblems = try c.decode([String].self, forKey: .sqliteProblems)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(versionCount, forKey: .versionCount)
        try c.encode(missingArtifacts, forKey: .missingArtifacts)
        try c.encode(corruptArtifacts, forKey: .corruptArtifacts)
        try c.encode(unreferencedArtifacts, forKey: .unreferencedArtifacts)
        try c.encode(badNumbering, forKey: .badNumbering)
        try c.encode(audit, forKey: .audit)
        try c.encode(sqliteProblems, forKey: .sqliteProblems)
        try c.encode(isConsistent, forKey: .isConsistent)
    }

    init(
        versionCount: Int, missingArtifacts: [String], corruptArtifacts: [String], unreferencedArtifacts: [String],
        badNumbering: [String], audit: AuditVerification, sqliteProblems: [String]
    ) {
        self.versionCount = versionCount
        self.missingArtifacts = missingArtifacts
        self.corruptArtifacts = corruptArtifacts
        self.unreferencedArtifacts = unreferencedArtifacts
        self.badNumbering = badNumbering
        self.audit = audit
        self.sqliteProblems = sqliteProblems
    }
}

extension ModelRegistry {
    /// Verifies the audit log's hash chain and its head: any edited, inserted or deleted
    /// row (including the last) makes the result not ``AuditVerification/intact``.
    ///
    /// A hash chain without a secret detects edits made without recomputing every later hash
    /// and the head; for protection against a writer who does, keep ``AuditVerification/headHash``
    /// somewhere else (a CI log, a signed release note) and compare.
    public func verifyAuditLog() throws -> AuditVerification {
        try read { db in try _AuditLog.verify(db) }
    }

    /// Audit rows, newest first (`limit` of them), optionally of one model.
    public func auditLog(model name: String? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try read { db in
            if let name {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_log WHERE model = ? ORDER BY seq DESC LIMIT ?",
                    arguments: [name, max(0, limit)]
                ).map(_AuditLog.entry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [max(0, limit)])
                .map(_AuditLog.entry)
        }
    }

    /// Checks that the database and the artifact store agree: every version's artifact
    /// exists (and hashes right, with `verifyHashes`), version numbers are distinct and
    /// within each model's counter, the audit chain is intact, and SQLite finds no
    /// corruption or dangling foreign key.
    public func checkConsistency(verifyHashes: Bool = true) throws -> ConsistencyReport {
        let (rows, badNumbering, audit, sqliteProblems) = try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.name, v.version, v.artifact_sha256 FROM model_versions v
                    JOIN registered_models m ON m.id = v.model_id ORDER BY m.name, v.version
                    """
            ).map { row -> (String, Int, String) in
                let r = _RowReader(row, "model_versions")
                return (try r.text("name"), try r.int("version"), try r.text("artifact_sha256"))
            }
            let bad = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.name FROM registered_models m JOIN model_versions v ON v.model_id = m.id
                    GROUP BY m.id HAVING COUNT(*) != COUNT(DISTINCT v.version) OR MAX(v.version) > m.last_version
                    """
            ).map { try _RowReader($0, "registered_models").text("name") }
            var problems: [String] = []
            for row in try Row.fetchAll(db, sql: "PRAGMA integrity_check") {
                let value = row[0] as DatabaseValue
                if case .string(let text) = value.storage {
                    if text != "ok" { problems.append(text) }
                } else {
                    problems.append(value.description)
                }
            }
            if !(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")).isEmpty {
                problems.append("dangling foreign keys")
            }
            return (rows, bad, try _AuditLog.verify(db), problems)
        }
        var missing: [String] = []
        var corrupt: [String] = []
        for (name, version, sha) in rows {
            let label = "\(name)@\(version)"
            if !_Platform.isRegularFile(store.path(forSHA256: sha)) {
                missing.append(label)
            } else if verifyHashes {
                do { try store.verify(sha256: sha) } catch { corrupt.append(label) }
            }
        }
        let referenced = Set(rows.map { $0.2 })
        let unreferenced = store.storedDigests().subtracting(referenced).sorted()
        return ConsistencyReport(
            versionCount: rows.count, missingArtifacts: missing, corruptArtifacts: corrupt,
            unreferencedArtifacts: unreferenced, badNumbering: badNumbering, audit: audit, sqliteProblems: sqliteProblems)
    }

    /// Removes temporary files that killed processes left in the artifact store's `tmp`
    /// folder, if older than `seconds` (default one hour, so running registrations keep
    /// theirs). Returns how many were removed.
    @discardableResult
    public func removeStaleTemporaryFiles(olderThan seconds: Int = 3600) -> Int {
        store.removeStaleTemporaries(olderThan: seconds)
    }
}
