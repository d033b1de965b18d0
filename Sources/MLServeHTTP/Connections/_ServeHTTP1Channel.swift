import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with the scoring fast paths (``_ScoreFastPaths``): one
/// before the HTTP/1 decoder and one after it. Everything they do not answer reaches the
/// router exactly as with a plain `HTTP1Channel`. In front of everything, the connection's
/// idle and read timeouts (``_ConnectionDeadlineHandler``); right after the decoder, the
/// connection's state for every decoded request (``_ConnectionStateHandler``: progress,
/// `Connection: close`); over `max_connections`, a new connection is closed at once.
struct _ServeHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let handlers: _Handlers
    let connections: _ConnectionPolicy

    var responder: HTTPChannelHandler.Responder { inner.responder }

    init(responder: @escaping HTTPChannelHandler.Responder, handlers: _Handlers, connections: _ConnectionPolicy) {
        self.handlers = handlers
        self.connections = connections
        self.inner = HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [
                _ConnectionStateHandler(), _ScoreFastPaths.afterDecoder(handlers),
            ]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            // Over `max_connections`: closed as soon as it is active (the pipeline is still set
            // up, so Hummingbird sees an ordinary connection that ends at once).
            guard connections.admit() else {
                try channel.pipeline.syncOperations.addHandler(_CloseOnActiveHandler(), position: .first)
                return inner.setup(channel: channel, logger: logger)
            }
            channel.closeFuture.whenComplete { [connections] _ in connections.release() }
            // First: the idle and read timeouts see every byte, whichever path answers.
            let deadlines = _ConnectionDeadlineHandler(policy: connections)
            try channel.pipeline.syncOperations.addHandler(deadlines, position: .first)
            // Reads stop while the socket cannot take more output: a client that sends requests
            // but never reads the answers cannot make the server queue answers without bound
            // (the fast paths answer outside Hummingbird's own back-pressure).
            let backPressure = BackPressureHandler()
            try channel.pipeline.syncOperations.addHandler(backPressure, position: .after(deadlines))
            try _ScoreFastPaths.addBeforeDecoder(handlers, to: channel, after: backPressure)
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
    /// HTTP/1 with the scoring fast paths and the connection limits of ``_ServeHTTP1Channel``.
    static func _serveHTTP1(handlers: _Handlers, connections: _ConnectionPolicy) -> HTTPServerBuilder {
        .init { responder in _ServeHTTP1Channel(responder: responder, handlers: handlers, connections: connections) }
    }
}
