import Synchronization

/// Counts of the prediction log (predictions, and the feedback that shares its queue).
public struct PredictionLogStatistics: Sendable, Equatable, Codable {
    /// Records accepted into the queue.
    public var enqueued: Int
    /// Records the sink wrote (or skipped as unloggable).
    public var written: Int
    /// Records dropped because the queue was full (in records or in bytes).
    public var dropped: Int
    /// Records the sink refused, one by one after a failed batch.
    public var failed: Int
    /// Records waiting in the queue now.
    public var pending: Int
    /// Bytes the queued entries (records and feedback) hold now (see `prediction_log.max_bytes`).
    public var pendingBytes: Int
    /// Feedback reports accepted into the queue.
    public var feedbackEnqueued: Int
    /// Feedback reports the sink wrote.
    public var feedbackWritten: Int
    /// Feedback reports dropped because the queue was full (the client was answered 503).
    public var feedbackDropped: Int
    /// Feedback reports the sink refused (e.g. no logged prediction has the request id).
    public var feedbackFailed: Int

    enum CodingKeys: String, CodingKey {
        case enqueued, written, dropped, failed, pending
        case pendingBytes = "pending_bytes"
        case feedbackEnqueued = "feedback_enqueued"
        case feedbackWritten = "feedback_written"
        case feedbackDropped = "feedback_dropped"
        case feedbackFailed = "feedback_failed"
    }
}

/// The log's counters.
final class _LogCounts: Sendable {
    let enqueued = Atomic<Int>(0)
    let written = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let feedbackEnqueued = Atomic<Int>(0)
    let feedbackWritten = Atomic<Int>(0)
    let feedbackDropped = Atomic<Int>(0)
    let feedbackFailed = Atomic<Int>(0)

    func snapshot(pending: Int, pendingBytes: Int) -> PredictionLogStatistics {
        PredictionLogStatistics(
            enqueued: enqueued.load(ordering: .relaxed), written: written.load(ordering: .relaxed),
            dropped: dropped.load(ordering: .relaxed), failed: failed.load(ordering: .relaxed), pending: pending,
            pendingBytes: pendingBytes, feedbackEnqueued: feedbackEnqueued.load(ordering: .relaxed),
            feedbackWritten: feedbackWritten.load(ordering: .relaxed),
            feedbackDropped: feedbackDropped.load(ordering: .relaxed),
            feedbackFailed: feedbackFailed.load(ordering: .relaxed))
    }
}
