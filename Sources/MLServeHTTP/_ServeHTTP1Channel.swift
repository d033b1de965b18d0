import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with the scoring fast paths in front: a
/// ``_RawScoreHandler`` first in the pipeline (before the HTTP/1 decoder) and an
/// ``_InlineScoreHandler`` after the decoder. Everything they do not answer reaches the
/// router exactly as with a plain `HTTP1Channel`.
struct _ServeHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let handlers: _Handlers

    var responder: HTTPChannelHandler.Responder { inner.responder }

    init(responder: @escaping HTTPChannelHandler.Responder, handlers: _Handlers) {
        self.handlers = handlers
        self.inner = HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [_InlineScoreHandler(handlers: handlers)]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            // Reads stop while the socket cannot take more output: a client that sends requests
            // but never reads the answers cannot make the server queue answers without bound
            // (the fast paths answer outside Hummingbird's own back-pressure).
            let backPressure = BackPressureHandler()
            try channel.pipeline.syncOperations.addHandler(backPressure, position: .first)
            try channel.pipeline.syncOperations.addHandler(_RawScoreHandler(handlers: handlers), position: .after(backPressure))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with the scoring fast paths of ``_ServeHTTP1Channel``.
    static func _serveHTTP1(handlers: _Handlers) -> HTTPServerBuilder {
        .init { responder in _ServeHTTP1Channel(responder: responder, handlers: handlers) }
    }
}
