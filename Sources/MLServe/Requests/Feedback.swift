/// One reported outcome of an earlier request, checked and ready to queue.
///
/// Limits (a body that breaks one is refused with HTTP 400 `invalid_request` naming the
/// field): `request_id` follows ``RequestID/validateReference(_:field:)``; `label` is at
/// most ``maxLabelBytes`` bytes; `outcome` is finite; at least one of the two is given.
public struct Feedback: Sendable, Equatable {
    /// Longest label, in UTF-8 bytes.
    public static let maxLabelBytes = 256
    /// Largest `POST /v1/feedback` body, in bytes (the engine's `max_body_bytes` applies when smaller).
    public static let maxBodyBytes = 16 << 10

    /// The request the outcome belongs to.
    public let requestID: String
    /// The actual numeric outcome.
    public let outcome: Double?
    /// The actual label.
    public let label: String?
    /// Seconds since 1970 when the outcome was reported.
    public let timestamp: Double

    /// Checks and creates a feedback record.
    /// - Throws: ``ServeError`` `.invalidRequest` naming the field that breaks a limit;
    ///   `.invalidInput` when neither `outcome` nor `label` is given.
    public init(requestID: String, outcome: Double?, label: String?, timestamp: Double) throws(ServeError) {
        try RequestID.validateReference(requestID)
        if let outcome, !outcome.isFinite {
            throw ServeError(.invalidRequest, "'outcome' must be a finite number")
        }
        if let label, label.utf8.count > Self.maxLabelBytes {
            throw ServeError(.invalidRequest, "'label' is longer than \(Self.maxLabelBytes) bytes")
        }
        guard outcome != nil || label != nil else {
            throw ServeError(.invalidInput, "give 'outcome' or 'label'")
        }
        self.requestID = requestID
        self.outcome = outcome
        self.label = label
        self.timestamp = timestamp
    }
}
