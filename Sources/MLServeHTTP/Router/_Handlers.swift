import Hummingbird
import Logging
import MLServe
import NIOCore
import Prometheus

/// A JSON answer: status and body (`Content-Type: application/json`).
struct _JSONAnswer: Sendable {
    var status: HTTPResponse.Status
    var body: ByteBuffer
}

/// What every path of the HTTP front answers with: the router's handlers (here and in the
/// `_Handlers+…` files) and the fast paths (``scoreBody(_:)``). One instance per server,
/// shared by every connection; every value a request needs is computed once, here.
struct _Handlers: Sendable {
    let engine: ScoringEngine
    let prometheus: PrometheusCollectorRegistry?
    let options: ServeHTTPOptions
    /// Where the detail of internal failures goes, on every path.
    let logger: Logger
    /// The body limit in force (``ServeHTTPOptions/maxBodyBytes`` or `limits.max_body_bytes`).
    let maxBody: Int
    /// Whether `POST /v1/score` can be answered without awaiting (no micro-batching), so the
    /// fast paths may answer it on the event loop.
    let answersInline: Bool
    /// Requests refused before they reach the engine.
    let refusals: _RefusedRequests

    /// - Parameter serverLogger: the server's logger, used when `options` names none.
    init(engine: ScoringEngine, prometheus: PrometheusCollectorRegistry?, options: ServeHTTPOptions, serverLogger: Logger? = nil) {
        self.engine = engine
        self.prometheus = prometheus
        self.options = options
        self.logger = options.logger ?? serverLogger ?? Logger(label: "mlserve")
        self.maxBody = options.bodyLimit(engine.configuration)
        self.answersInline = engine.configuration.microBatching == nil
        self.refusals = _RefusedRequests(engine: engine)
    }

    /// Built once: every JSON answer shares the same header storage.
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    // MARK: scoring

    /// `POST /v1/score` on the router.
    func score(_ request: Request) async throws(_ServeHTTPError) -> Response {
        guard engine.featureCount != nil, engine.isReady else { throw notReady }
        let body = try await collect(request)
        if answersInline { return response(scoreBody(body)) }
        let parsed = try parseSingle(body)
        do {
            let requestID = parsed.requestID ?? RequestID.make()
            let result = try await engine.submit(parsed.features, id: parsed.id, requestID: requestID)
            return response(_JSONAnswer(status: .ok, body: _ResponseEncoder.single(result, requestID: requestID)))
        } catch {
            throw refusal(error)
        }
    }

    /// The answer to a `POST /v1/score` body when no micro-batching is configured: scored in
    /// place. The router's handler and both fast paths answer with it.
    func scoreBody(_ body: ByteBuffer) -> _JSONAnswer {
        do throws(_ServeHTTPError) {
            guard engine.featureCount != nil, engine.isReady else { throw notReady }
            let parsed = try parseSingle(body)
            let requestID = parsed.requestID ?? RequestID.make()
            let result: ScoreResult
            do {
                result = try engine.score(parsed.features, id: parsed.id, requestID: requestID)
            } catch {
                throw refusal(error)
            }
            return _JSONAnswer(status: .ok, body: _ResponseEncoder.single(result, requestID: requestID))
        } catch {
            return error.answer
        }
    }

    /// A single-row body, parsed, with its `request_id` checked.
    func parseSingle(_ body: ByteBuffer) throws(_ServeHTTPError) -> _ParsedScoreRequest {
        guard let featureCount = engine.featureCount else { throw notReady }
        let parsed: _ParsedScoreRequest
        do {
            parsed = try body.withUnsafeReadableBytes { raw throws(_ParseFailure) in
                try _ScoreRequestParser.parseSingle(raw, expectedFeatures: featureCount)
            }
        } catch {
            throw refusal(error)
        }
        try checkRequestID(parsed)
        return parsed
    }

    /// Refuses (400) a client-supplied `request_id` that breaks ``MLServe/RequestID``'s rule.
    /// Every scoring path (router, inline and raw fast paths, batch) checks the parsed body
    /// with this one function.
    func checkRequestID(_ parsed: _ParsedScoreRequest) throws(_ServeHTTPError) {
        guard let id = parsed.requestID else { return }
        do {
            try RequestID.validate(id)
        } catch {
            refusals.count(error.code.rawValue)
            throw _ServeHTTPError(status: .badRequest, code: error.code.rawValue, message: error.message)
        }
    }

    /// `POST /v1/score/batch`.
    func scoreBatch(_ request: Request) async throws(_ServeHTTPError) -> Response {
        guard let featureCount = engine.featureCount, engine.isReady else { throw notReady }
        let body = try await collect(request)
        let parsed: _ParsedScoreRequest
        let maxRows = engine.configuration.limits.maxBatchRows
        do {
            parsed = try body.withUnsafeReadableBytes { raw throws(_ParseFailure) in
                try _ScoreRequestParser.parseBatch(raw, expectedFeatures: featureCount, maxRows: maxRows)
            }
        } catch {
            throw refusal(error)
        }
        try checkRequestID(parsed)
        do {
            let requestID = parsed.requestID ?? RequestID.make()
            let result = try parsed.features.withUnsafeBufferPointer { x throws(ServeError) in
                try engine.scoreBatch(x, rowCount: parsed.rowCount, id: parsed.id, requestID: requestID)
            }
            return response(_JSONAnswer(status: .ok, body: _ResponseEncoder.batch(result, requestID: requestID)))
        } catch {
            throw refusal(error)
        }
    }

    /// A JSON answer as a router response.
    func response(_ answer: _JSONAnswer) -> Response {
        Response(status: answer.status, headers: Self.jsonHeaders, body: ResponseBody(byteBuffer: answer.body))
    }

    /// A JSON response from text.
    func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        response(_JSONAnswer(status: status, body: ByteBuffer(string: text)))
    }
}
