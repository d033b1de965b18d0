import Logging
import MLServe

/// Options of the HTTP front that are not engine configuration: tokens, the body limit, and
/// where the detail of internal failures is logged. What the front counts (refused requests
/// in `mlserve_requests_total` and `mlserve_errors_total`) and the request ids it makes
/// (``MLServe/RequestID/make()``) are its own too; the engine only scores.
public struct ServeHTTPOptions: Sendable {
    /// The bearer token `POST /admin/reload` requires; `nil` disables the route (403).
    public var adminToken: String?
    /// The bearer token `POST /v1/feedback` requires (`mlctl serve`: `MLSERVE_FEEDBACK_TOKEN`);
    /// `nil` leaves the route open.
    public var feedbackToken: String?
    /// Where the detail of an internal failure goes (the client gets a generic message and a
    /// code); default: the server's logger (``ServeServer/application(engine:prometheus:host:port:options:logger:onServerRunning:)``'s
    /// `logger`), or a logger labelled `mlserve` for a bare ``ServeRouter``.
    public var logger: Logger?
    /// Largest request body in bytes; default: the configuration's `limits.max_body_bytes`.
    /// Clamped to ``MLServe/LimitsConfiguration/bodyBytesRange`` (1 byte … 2 GiB).
    public var maxBodyBytes: Int?

    /// Creates options.
    public init(adminToken: String? = nil, feedbackToken: String? = nil, logger: Logger? = nil, maxBodyBytes: Int? = nil) {
        self.adminToken = adminToken
        self.feedbackToken = feedbackToken
        self.logger = logger
        self.maxBodyBytes = maxBodyBytes
    }

    /// The body limit in force for `configuration`.
    func bodyLimit(_ configuration: ServeConfiguration) -> Int {
        let range = LimitsConfiguration.bodyBytesRange
        return min(max(maxBodyBytes ?? configuration.limits.maxBodyBytes, range.lowerBound), range.upperBound)
    }
}
