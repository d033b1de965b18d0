import NIOCore

/// The event-loop fast paths for `POST /v1/score`: why `mlctl serve` answers a plain scoring
/// request without a Swift task per request (the measured reason for the W2 speed, see
/// `Docs/Performance.md`).
///
/// What they accept, and what they hand off:
/// - ``_RawScoreHandler``, before the HTTP/1 decoder: complete, plain `POST /v1/score`
///   requests that ``_RawScoreRequest`` frames with certainty (no query, no chunking, no
///   `Expect`/`Upgrade`, a body within the limit). At the first bytes it does not frame, the
///   connection passes to the decoder for good, at a request boundary.
/// - ``_InlineScoreHandler``, after the decoder: `POST /v1/score` with a `Content-Length`
///   within the limit and no `Expect`, when no micro-batching is configured and no earlier
///   request of the connection is still with the router.
/// - Everything else goes on to Hummingbird's router, whose `/v1/score` handler gives the
///   same answer: all three call ``_Handlers/scoreBody(_:)`` for the status and body.
///
/// What they share with the router, written once: the answers, counts and log
/// (``_Handlers``), `Connection: close` (``_ConnectionClose``), the idle and read timeouts and
/// `max_connections` (``_ConnectionDeadlineHandler``, ``_ConnectionPolicy``), installed by
/// ``_ServeHTTP1Channel`` on every connection.
enum _ScoreFastPaths {
    /// The handler that goes after the HTTP/1 decoder (Hummingbird's additional handlers).
    static func afterDecoder(_ handlers: _Handlers) -> any RemovableChannelHandler {
        _InlineScoreHandler(handlers: handlers)
    }

    /// Adds the handler that goes before the HTTP/1 decoder, after `handler`.
    static func addBeforeDecoder(_ handlers: _Handlers, to channel: any Channel, after handler: any ChannelHandler) throws {
        try channel.pipeline.syncOperations.addHandler(_RawScoreHandler(handlers: handlers), position: .after(handler))
    }
}
