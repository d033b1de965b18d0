import FoundationEssentials

/// Feedback on earlier requests, queued for the prediction sink.
extension ScoringEngine {
    /// Queues the actual outcome of an earlier request for the prediction sink. The write
    /// happens on the log's task, after every prediction queued before it; a repeated report
    /// for the same request is kept as history by the registry sink (the latest one is joined).
    /// - Throws: ``ServeError`` `.invalidRequest` / `.invalidInput` when the report breaks a
    ///   ``Feedback`` limit; `.notFound` when no prediction log is configured; `.notReady`
    ///   when the log's queue is full (counted as `feedback_dropped`; retry later).
    public func recordFeedback(requestID: String, outcome: Double?, label: String?) throws(ServeError) {
        let feedback = try Feedback(
            requestID: requestID, outcome: outcome, label: label, timestamp: Date().timeIntervalSince1970)
        guard let log else { throw ServeError(.notFound, "no prediction log is configured") }
        guard log.enqueue(feedback) else {
            throw ServeError(.notReady, "the prediction log is full; the feedback was not queued")
        }
    }

    /// Writes every queued prediction and feedback report now (tests and embedders that
    /// read the sink right after scoring; the log's task does this every `flush_interval_ms`).
    public func flushPredictionLog() {
        log?.flush()
    }
}
