import Hummingbird
import MLServe
import NIOCore
import NIOHTTPTypes

/// Answers `POST /v1/score` on the event loop that decoded it, inside Hummingbird's HTTP/1
/// pipeline (an additional channel handler, after HTTP decoding and before Hummingbird's
/// request handling); every other request passes through to the router untouched.
///
/// Why: scoring one row takes ~20 µs of CPU and never waits, so handing each request to a
/// Swift task on the cooperative pool and its answer back to the event loop (what a router
/// handler costs) was most of the server's per-request work besides the model. The answer is
/// the same bytes the router's `/v1/score` handler writes (both call ``_Handlers/scoreBody(_:)``).
///
/// Taken only when the answer can be given in place: `POST` to `/v1/score` with a
/// `Content-Length` within the body limit, no `Expect`, no micro-batching (which awaits),
/// and no earlier request of the connection still being answered by the router (so
/// pipelined answers keep their order). A request while shutting down is still answered;
/// the quiesce event is passed on after it.
final class _InlineScoreHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        case idle
        /// Reading the body of a request this handler answers.
        case collecting(body: ByteBuffer)
        /// Passing a request's parts to the router.
        case forwarding
    }

    private let handlers: _Handlers
    private var state = State.idle
    /// Requests passed to the router whose response `.end` has not been written yet.
    private var forwardedInFlight = 0
    private var needsFlush = false
    private var quiesceAfterAnswer = false
    private var date = _HTTPDateCache()

    init(handlers: _Handlers) {
        self.handlers = handlers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Closed (graceful shutdown): whatever the decoder still delivers is dropped. (After a
        // `Connection: close` request, ``_ConnectionStateHandler`` passes nothing more on.)
        guard context.channel.isActive else { return }
        switch unwrapInboundIn(data) {
        case .head(let request):
            if case .idle = state, forwardedInFlight == 0, let length = inlineBodyLength(request) {
                // Room for what has arrived, not for what the client announces.
                state = .collecting(body: context.channel.allocator.buffer(capacity: min(length, 1 << 16)))
            } else {
                state = .forwarding
                forwardedInFlight += 1
                context.fireChannelRead(data)
            }
        case .body(var part):
            if case .collecting(var body) = state {
                state = .idle  // drop the reference while appending: no copy-on-write
                body.writeBuffer(&part)
                state = .collecting(body: body)
            } else {
                context.fireChannelRead(data)
            }
        case .end:
            if case .collecting(let body) = state {
                state = .idle
                answer(body, context: context)
            } else {
                state = .idle
                context.fireChannelRead(data)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), forwardedInFlight > 0 {
            forwardedInFlight -= 1
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, case .collecting = state {
            // Answer the request being read first; the connection closes after it.
            quiesceAfterAnswer = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// The body length when this request is answered here, else `nil`.
    private func inlineBodyLength(_ request: HTTPRequest) -> Int? {
        guard request.method == .post, let path = request.path,
            path == "/v1/score" || path.hasPrefix("/v1/score?"),
            handlers.answersInline,
            request.headerFields[.expect] == nil, request.headerFields[.transferEncoding] == nil,
            let text = request.headerFields[.contentLength], let length = Int(Self.trimmingWhitespace(text)),
            length >= 0, length <= handlers.maxBody
        else { return nil }
        return length
    }

    /// A field value without surrounding spaces and tabs: swift-nio keeps a value's trailing
    /// whitespace, which llhttp ignored when it framed the body (and so does the raw framer).
    private static func trimmingWhitespace(_ text: String) -> Substring {
        var value = Substring(text)
        while let c = value.last, c == " " || c == "\t" { value.removeLast() }
        while let c = value.first, c == " " || c == "\t" { value.removeFirst() }
        return value
    }

    /// Writes the answer; `Connection: close` is added, and the output closed after it, by
    /// ``_ConnectionStateHandler`` (before this handler), as for the router's answers.
    private func answer(_ body: ByteBuffer, context: ChannelHandlerContext) {
        let answer = handlers.scoreBody(body)
        var fields = _Handlers.jsonHeaders
        fields[.contentLength] = String(answer.body.readableBytes)
        fields[.date] = date.now()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
        needsFlush = true
        if quiesceAfterAnswer {
            quiesceAfterAnswer = false
            context.flush()
            needsFlush = false
            context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }
}
