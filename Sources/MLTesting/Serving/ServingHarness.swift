import Logging
import MLRegistry
import MLServe
import MLServeHTTP
import Prometheus
import ServiceLifecycle

/// The in-process serving harness: a started ``MLServe/ScoringEngine`` with its own
/// Prometheus registry, or the whole HTTP server (`ServeServer.application`, fast paths
/// included) on an ephemeral loopback port, for tests — ours and an embedding service's.
///
/// ```swift
/// try await ServingHarness.withLiveServer(.singleFile("model.json")) { server in
///     let status = try await offCooperativePool {
///         let connection = try RawHTTPConnection(port: server.port)
///         try connection.send(RawHTTPConnection.scoreRequest(#"{"features":[0.1,0.2]}"#))
///         return try connection.responses(1).first?.status
///     }
///     #expect(status == 200)
///     #expect(server.metricsText().contains("mlserve_requests_total"))
/// }
/// ```
public enum ServingHarness {
    /// A started engine whose metrics go to its own Prometheus registry (with the serving
    /// buckets of `ServeMetrics`).
    /// - Parameters:
    ///   - registry: for variants loaded from a registry (and the default prediction sink).
    ///   - predictionSink: where the prediction log goes.
    /// - Throws: ``MLServe/ServeError`` from the engine's initializer or ``MLServe/ScoringEngine/start()``.
    public static func startedEngine(
        _ configuration: ServeConfiguration, registry: ModelRegistry? = nil, predictionSink: (any PredictionSink)? = nil
    ) throws -> ServedEngine {
        let prometheus = PrometheusCollectorRegistry()
        let engine = try ScoringEngine(
            configuration: configuration, registry: registry,
            metricsFactory: ServeMetrics.prometheusFactory(registry: prometheus), predictionSink: predictionSink)
        try engine.start()
        return ServedEngine(engine: engine, prometheus: prometheus)
    }

    /// Runs the HTTP server over a started engine on `127.0.0.1`, on a port the system picks,
    /// while `body` runs; then stops it gracefully (it stops accepting, answers what it has
    /// accepted, and shuts the engine down), and returns what `body` returned.
    ///
    /// The server is stopped with a graceful shutdown, never by cancelling it: cancelling
    /// drops connections accepted but not yet handled, which swift-nio traps on. A server
    /// still running 10 s after being asked to stop is cancelled.
    /// - Parameters:
    ///   - options: tokens, body limit, logger (default: no tokens).
    ///   - logger: the server's logger (default: one that logs only critical messages).
    /// - Throws: what the engine throws when it starts, ``RawHTTPError/noPort`` when the
    ///   server stops before it listens, and what `body` throws.
    public static func withLiveServer<T: Sendable>(
        _ configuration: ServeConfiguration, registry: ModelRegistry? = nil, predictionSink: (any PredictionSink)? = nil,
        options: ServeHTTPOptions = .init(), logger: Logger? = nil, _ body: @Sendable (LiveServer) async throws -> T
    ) async throws -> T {
        let served = try startedEngine(configuration, registry: registry, predictionSink: predictionSink)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let log = logger ?? quietLogger
        let app = ServeServer.application(
            engine: served.engine, prometheus: served.prometheus, host: "127.0.0.1", port: 0, options: options,
            logger: log, onServerRunning: { continuation.yield($0) })
        let services = ServiceGroup(configuration: .init(services: [app], logger: log))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw RawHTTPError.noPort }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(LiveServer(port: port, served: served)))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            group.addTask { try await Task.sleep(for: .seconds(10)) }
            _ = try? await group.next()
            group.cancelAll()
            return try result.get()
        }
    }

    /// A logger that writes critical messages only (a stopping server logs per connection).
    static var quietLogger: Logger {
        var quiet = Logger(label: "serving-harness")
        quiet.logLevel = .critical
        return quiet
    }
}

/// A started engine and the Prometheus registry its metrics go to.
public struct ServedEngine: Sendable {
    /// The engine, started.
    public let engine: ScoringEngine
    /// Where the engine's metrics go.
    public let prometheus: PrometheusCollectorRegistry

    /// The metrics now, in the Prometheus text format (what `GET /metrics` serves).
    public func metricsText() -> String {
        var bytes: [UInt8] = []
        prometheus.emit(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A running server of ``ServingHarness/withLiveServer(_:registry:predictionSink:options:logger:_:)``.
public struct LiveServer: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    /// The engine behind it, and its metrics.
    public let served: ServedEngine

    /// The engine behind the server.
    public var engine: ScoringEngine { served.engine }

    /// The metrics now, in the Prometheus text format.
    public func metricsText() -> String { served.metricsText() }
}

extension RawHTTPConnection {
    /// A `POST` of `body` as `application/json` (as wrk sends it), to `path` (default
    /// `/v1/score`), with `extraHeaders` (each ending in `\r\n`) before `Content-Length`.
    public static func scoreRequest(_ body: String, extraHeaders: String = "", path: String = "/v1/score") -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\(extraHeaders)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}
