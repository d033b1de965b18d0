import GRDB

/// One reported outcome of a logged prediction.
public struct FeedbackRecord: Sendable, Hashable {
    /// The request it belongs to.
    public var requestID: String
    /// The outcome as reported (`{"outcome": …, "label": …}` from the serving sink).
    public var outcome: RegistryJSON
    /// When it was recorded.
    public var recordedAt: RegistryTimestamp
}

extension ModelRegistry {
    /// Records the actual outcome of a logged prediction, joined by request id. Reports are
    /// history, never overwritten: a second report for the same request is a new row, and
    /// the latest one (``feedbackHistory(requestID:)``'s last; the `feedback_latest` view in
    /// SQL) is the one ``predictions(model:version:limit:)`` joins.
    /// - Throws: `.notFound` when no prediction has this request id.
    public func recordFeedback(requestID: String, outcome: RegistryJSON, at time: RegistryTimestamp? = nil) throws {
        let time = time ?? now()
        try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM predictions WHERE request_id = ?", arguments: [requestID]) == nil {
                throw RegistryError(
                    .notFound, "no logged prediction with request id '\(requestID)'", context: ["request_id": requestID])
            }
            try db.execute(
                sql: "INSERT INTO feedback (request_id, outcome, recorded_at) VALUES (?, ?, ?)",
                arguments: [requestID, outcome.canonicalText, time.millisecondsSince1970])
        }
    }

    /// Every outcome reported for `requestID`, oldest first (empty when there is none).
    public func feedbackHistory(requestID: String) throws -> [FeedbackRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT request_id, outcome, recorded_at FROM feedback WHERE request_id = ? ORDER BY id",
                arguments: [requestID]
            ).map { row in
                let r = _RowReader(row, "feedback")
                return FeedbackRecord(
                    requestID: try r.text("request_id"), outcome: try r.json("outcome"), recordedAt: try r.time("recorded_at"))
            }
        }
    }
}
