import MLCore
import FoundationEssentials
import GRDB

/// One row of the append-only audit log.
///
/// Each row's ``hash`` is the SHA-256 of its canonical content, which includes
/// ``previousHash``, the hash of the row before it (64 zeros for the first row): editing,
/// inserting or deleting any row breaks the chain. The table `audit_chain_head` holds the
/// row count and last hash, updated in the same transaction, so deleting the last rows is
/// detected too.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1, 2, 3… without gaps.
    public var seq: Int
    /// When the mutation happened.
    public var at: RegistryTimestamp
    /// Who acted.
    public var actor: String
    /// `init`, `register`, `alias`, `alias_remove`, `rollback`, `promote`, `archive`, `delete`,
    /// `evidence`, `experiment`, `run`, `run_finish`, `deployment`, `deployment_update`.
    public var action: String
    /// The model's name, when the row concerns one.
    public var model: String?
    /// The version number.
    public var version: Int?
    /// Whether a failed gate was overridden.
    public var forced: Bool
    /// Why, as given (an override's reason for forced moves).
    public var reason: String?
    /// Action-specific detail (hashes, from/to versions, gate failures).
    public var details: RegistryJSON
    /// The previous row's `hash` (64 zeros for the first row).
    public var previousHash: String
    /// SHA-256 (hex) of this row's canonical content.
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, model, version, forced, reason, details, hash
        case previousHash = "prev_hash"
    }
}

/// The result of ``ModelRegistry/verifyAuditLog()``.
public struct AuditVerification: Sendable, Hashable, Codable {
    /// One thing found wrong.
    public struct Problem: Sendable, Hashable, Codable {
        /// The row involved, when one is.
        public var seq: Int?
        /// What is wrong, in words.
        public var message: String
    }

    /// `true` when every row's hash, every link and the chain head agree.
    public var intact: Bool
    /// Rows read.
    public var rowCount: Int
    /// The row count and last hash recorded in the chain head.
    public var headRowCount: Int
    /// The chain head's last hash: keep it elsewhere to detect a rewritten chain.
    public var headHash: String
    /// What is wrong (at most 100 listed), empty when intact.
    public var problems: [Problem]

    enum CodingKeys: String, CodingKey {
        case intact, problems
        case rowCount = "row_count"
        case headRowCount = "head_row_count"
        case headHash = "head_hash"
    }
}

/// Appending to and verifying the hash-chained audit log.
///
/// Canonical content of a row: the line `mlregistry-audit-v1`, then one line per column in
/// the order `seq, at, actor, action, model, version, forced, reason, details, prev_hash`,
/// each typed: `n` (NULL), `i:<decimal>` (integer), `r:<decimal>` (real),
/// `t:<UTF-8 byte count>:<text>` (text), `b:<byte count>:<hex>` (blob).
enum _AuditLog {
    static let columns = "seq, at, actor, action, model, version, forced, reason, details, prev_hash"

    static func canonical(_ values: [DatabaseValue]) -> String {
        var out = "mlregistry-audit-v1"
        for value in values {
            out += "\n"
            switch value.storage {
            case .null: out += "n"
            case .int64(let i): out += "i:\(i)"
            case .double(let d): out += "r:\(d)"
            case .string(let s): out += "t:\(s.utf8.count):" + s
            case .blob(let data): out += "b:\(data.count):" + _SHA256Hex.hex(data)
            }
        }
        return out
    }

    /// Appends one row; call inside the mutation's write transaction.
    static func append(
        _ db: Database, at: RegistryTimestamp, actor: String, action: String, model: String?, version: Int?,
        forced: Bool = false, reason: String?, details: [String: RegistryJSON]
    ) throws {
        guard let head = try Row.fetchOne(db, sql: "SELECT row_count, last_hash FROM audit_chain_head WHERE id = 1")
        else {
            throw RegistryError(.corruptRecord, "the audit chain head is missing", context: ["table": "audit_chain_head"])
        }
        let reader = _RowReader(head, "audit_chain_head")
        let count = try reader.int("row_count")
        let previous = try reader.text("last_hash")
        guard count >= 0, count < Int(Int32.max) * 1024 else {
            throw reader.corrupt("row_count", "a plausible row count")
        }
        let detailsText = RegistryJSON.object(details).canonicalText
        let values: [DatabaseValue] = [
            (count + 1).databaseValue, at.millisecondsSince1970.databaseValue, actor.databaseValue,
            action.databaseValue, model.databaseValue, version.databaseValue, (forced ? 1 : 0).databaseValue,
            reason.databaseValue, detailsText.databaseValue, previous.databaseValue,
        ]
        let hash = _SHA256Hex.digest(ofText: canonical(values))
        try db.execute(
            sql: "INSERT INTO audit_log (\(columns), hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: StatementArguments(values + [hash.databaseValue]))
        try db.execute(
            sql: "UPDATE audit_chain_head SET row_count = ?, last_hash = ? WHERE id = 1", arguments: [count + 1, hash])
    }

    static func verify(_ db: Database) throws -> AuditVerification {
        var problems: [AuditVerification.Problem] = []
        func problem(_ seq: Int?, _ message: String) {
            if problems.count < 100 { problems.append(.init(seq: seq, message: message)) }
        }
        var headCount = -1
        var headHash = ""
        if let head = try Row.fetchOne(db, sql: "SELECT row_count, last_hash FROM audit_chain_head WHERE id = 1") {
            let r = _RowReader(head, "audit_chain_head")
            if let c = try? r.int("row_count"), let h = try? r.text("last_hash") {
                headCount = c
                headHash = h
            } else {
                problem(nil, "the chain head row is malformed")
            }
        } else {
            problem(nil, "the chain head row is missing")
        }
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns), hash FROM audit_log ORDER BY seq")
        var expectedSeq = 1
        var previous = _Schema.genesisHash
        var rows = 0
        var broken = false
        while let row = try cursor.next() {
            rows += 1
            let values: [DatabaseValue] = (0..<10).map { row[$0] as DatabaseValue }
            let seqValue = row[0] as DatabaseValue
            let seq: Int? = if case .int64(let s) = seqValue.storage { Int(exactly: s) } else { nil }
            if let seq, seq != expectedSeq {
                problem(seq, seq > expectedSeq ? "rows \(expectedSeq)…\(seq - 1) are missing" : "row out of order")
                broken = true
            }
            let storedPrevious: String? = if case .string(let s) = values[9].storage { s } else { nil }
            if storedPrevious != previous {
                problem(seq, "prev_hash does not match the hash of the row before")
                broken = true
            }
            let storedHash: String? = if case .string(let s) = (row[10] as DatabaseValue).storage { s } else { nil }
            if storedHash != _SHA256Hex.digest(ofText: canonical(values)) {
                problem(seq, "row content does not match its hash (edited)")
                broken = true
            }
            previous = storedHash ?? ""
            // Wrapping: a hostile seq of Int.max must not trap; the next row then mismatches.
            expectedSeq = (seq ?? expectedSeq) &+ 1
        }
        if headCount >= 0 {
            if rows != headCount {
                problem(nil, "the log has \(rows) rows but the chain head records \(headCount) (rows deleted or added)")
                broken = true
            } else if previous != headHash {
                problem(nil, "the last row's hash differs from the chain head")
                broken = true
            }
        } else {
            broken = true
        }
        return AuditVerification(
            intact: !broken, rowCount: rows, headRowCount: max(headCount, 0), headHash: headHash, problems: problems)
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let r = _RowReader(row, "audit_log")
        return AuditEntry(
            seq: try r.int("seq"), at: try r.time("at"), actor: try r.text("actor"), action: try r.text("action"),
            model: try r.optionalText("model"), version: try r.optionalInt("version"), forced: try r.bool("forced"),
            reason: try r.optionalText("reason"), details: try r.json("details"),
            previousHash: try r.text("prev_hash"), hash: try r.text("hash"))
    }
}
