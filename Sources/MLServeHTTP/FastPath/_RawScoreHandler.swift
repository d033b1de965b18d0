import Hummingbird
import NIOCore
import NIOHTTP1

/// Answers plain `POST /v1/score` requests straight from the received bytes, first in each
/// connection's pipeline (before swift-nio's HTTP/1 decoder), writing the response bytes
/// itself.
///
/// Why: with the answer given on the event loop (``_InlineScoreHandler``), the general HTTP/1
/// machinery — llhttp callbacks, `HTTPRequestHead` and `HTTPFields` built and converted, the
/// response head converted and encoded — was a quarter of the server's instructions per
/// request. A request this handler frames (``_RawScoreRequest``: complete, plain, within the
/// body limit) is answered with the same bytes the router's handler would send (both use
/// ``_Handlers/scoreBody(_:)``), with `Content-Type`, `Content-Length` and `Date`.
///
/// The first bytes it does not frame switch the connection to pass-through for good: from
/// there the decoder sees every byte, starting at a request boundary, and the usual pipeline
/// (``_InlineScoreHandler``, then the router) answers. Requests are answered in the order they
/// arrive, since each is answered before the next is read.
final class _RawScoreHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let handlers: _Handlers
    private var passThrough: Bool
    private var needsFlush = false
    /// Set once this handler has closed the output (`Connection: close`): later input is dropped.
    private var closing = false
    private var date = _HTTPDateCache()

    init(handlers: _Handlers) {
        self.handlers = handlers
        self.passThrough = !handlers.answersInline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing || !context.channel.isActive { return }
        if passThrough {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        let maxBody = handlers.maxBody
        var answered = false
        while buffer.readableBytes > 0 {
            guard let request = buffer.withUnsafeReadableBytes({ _RawScoreRequest.parse($0, maxBody: maxBody) }),
                let body = buffer.getSlice(at: buffer.readerIndex + request.headerLength, length: request.bodyLength)
            else {
                passThrough = true
                flushIfNeeded(context)
                if answered { reportAnswered(context, leftover: true) }
                context.fireChannelRead(wrapInboundOut(buffer))
                return
            }
            buffer.moveReaderIndex(forwardBy: request.headerLength + request.bodyLength)
            let response = encode(handlers.scoreBody(body), close: request.close, allocator: context.channel.allocator)
            answered = true
            if request.close {
                // `Connection: close` (``_ConnectionClose``): the output closes after this answer.
                closing = true
                needsFlush = false
                context.write(wrapOutboundOut(response), promise: nil)
                reportAnswered(context, leftover: false)
                _ConnectionClose.closeOutput(context)
                return
            }
            context.write(wrapOutboundOut(response), promise: nil)
            needsFlush = true
        }
        if answered { reportAnswered(context, leftover: false) }
    }

    /// Tells ``_ConnectionDeadlineHandler`` (before this handler) that requests were answered.
    private func reportAnswered(_ context: ChannelHandlerContext, leftover: Bool) {
        context.triggerUserOutboundEvent(_ConnectionProgress.answeredBeforeDecoder(leftover: leftover), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context)
        context.fireChannelReadComplete()
    }

    private func flushIfNeeded(_ context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
    }

    /// Status line, `Content-Type`, `Content-Length`, `Date` (and `Connection: close`), body.
    private func encode(_ answer: _JSONAnswer, close: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        // swift-nio's reason phrases, as on the responses its encoder writes.
        let reason = HTTPResponseStatus(statusCode: answer.status.code).reasonPhrase
        var out = allocator.buffer(capacity: 160 + reason.utf8.count + answer.body.readableBytes)
        out.writeStaticString("HTTP/1.1 ")
        out.writeString(String(answer.status.code))
        out.writeStaticString(" ")
        out.writeString(reason)
        out.writeStaticString("\r\nContent-Type: application/json\r\nContent-Length: ")
        out.writeString(String(answer.body.readableBytes))
        out.writeStaticString("\r\nDate: ")
        out.writeString(date.now())
        out.writeStaticString(close ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n")
        var body = answer.body
        out.writeBuffer(&body)
        return out
    }
}
