import Hummingbird
import NIOCore

/// `Connection: close`, the same on every path: a request whose `Connection` field contains
/// `close` (ASCII, any case) is answered with `Connection: close`, then the connection's
/// output is closed once that answer is sent, and nothing the client sends after it is read.
///
/// Decoded requests (the inline fast path and the router) get this from
/// ``_ConnectionStateHandler``; the raw fast path, which answers before the decoder, applies
/// the same rule to the bytes it frames (``_RawScoreRequest/close``) and the same close here.
enum _ConnectionClose {
    /// Whether a decoded request asks to close the connection after its answer.
    static func isRequested(by request: HTTPRequest) -> Bool {
        guard let value = request.headerFields[.connection] else { return false }
        return value.lowercased().contains("close")
    }

    /// Closes the connection's output after everything written so far is sent (a half-close:
    /// a full close would drop answers still queued for a slow reader).
    static func closeOutput(_ context: ChannelHandlerContext) {
        context.flush()
        context.close(mode: .output, promise: nil)
    }
}
