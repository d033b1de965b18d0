import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The connection's semantics for every decoded request, whichever handler answers it (the
/// inline fast path or the router): placed right after the HTTP/1 decoder (before
/// ``_InlineScoreHandler``), it sees every decoded request and every answer.
///
/// - Progress: tells ``_ConnectionDeadlineHandler`` when a request is being read, has been
///   read, and has been answered (its idle and read timeouts).
/// - `Connection: close` (``_ConnectionClose``): the answer to the request that asked gets
///   `Connection: close`, the output closes after it, and later input is dropped.
final class _ConnectionStateHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Request heads read.
    private var started = 0
    /// Answers (`.end` parts) written.
    private var answered = 0
    /// The number (from 1) of the first request that asked to close the connection.
    private var closeAfter: Int?
    /// The request that asked to close has been read: what follows is never answered.
    private var inputDone = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if inputDone { return }
        switch unwrapInboundIn(data) {
        case .head(let request):
            started += 1
            if closeAfter == nil, _ConnectionClose.isRequested(by: request) { closeAfter = started }
            context.triggerUserOutboundEvent(_ConnectionProgress.requestStarted, promise: nil)
        case .body:
            break
        case .end:
            context.triggerUserOutboundEvent(_ConnectionProgress.requestRead, promise: nil)
            if closeAfter == started { inputDone = true }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        guard closeAfter == answered + 1 else {
            context.write(data, promise: promise)
            if case .end = part { answerWritten(context) }
            return
        }
        // The answer to the request that asked to close.
        switch part {
        case .head(var response):
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.write(data, promise: promise)
            answerWritten(context)
            _ConnectionClose.closeOutput(context)
        }
    }

    private func answerWritten(_ context: ChannelHandlerContext) {
        answered += 1
        context.triggerUserOutboundEvent(_ConnectionProgress.answered, promise: nil)
    }
}
