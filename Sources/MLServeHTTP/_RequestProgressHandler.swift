import NIOCore
import NIOHTTPTypes

/// Tells ``_ConnectionDeadlineHandler`` where the decoded requests of a connection stand:
/// placed right after the HTTP/1 decoder (before ``_InlineScoreHandler``), it sees every
/// decoded request and every answer, the inline handler's and the router's.
final class _RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: context.triggerUserOutboundEvent(_ConnectionProgress.requestStarted, promise: nil)
        case .body: break
        case .end: context.triggerUserOutboundEvent(_ConnectionProgress.requestRead, promise: nil)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd: Bool
        if case .end = unwrapOutboundIn(data) { isEnd = true } else { isEnd = false }
        context.write(data, promise: promise)
        if isEnd { context.triggerUserOutboundEvent(_ConnectionProgress.answered, promise: nil) }
    }
}
