import FoundationEssentials
import Hummingbird
import Logging
import MLServe
import NIOCore
import Prometheus

/// Options of the HTTP front that are not engine configuration.
public struct ServeHTTPOptions: Sendable {
    /// The bearer token `POST /admin/reload` requires; `nil` disables the route (403).
    public var adminToken: String?
    /// The bearer token `POST /v1/feedback` requires (`mlctl serve`: `MLSERVE_FEEDBACK_TOKEN`);
    /// `nil` leaves the route open.
    public var feedbackToken: String?
    /// Where the detail of an internal failure goes (the client gets a generic message and a
    /// code); default: a logger labelled `mlserve`.
    public var logger: Logger?

    /// Creates options.
    public init(adminToken: String? = nil, feedbackToken: String? = nil, logger: Logger? = nil) {
        self.adminToken = adminToken
        self.feedbackToken = feedbackToken
        self.logger = logger
    }
}

/// The routes of DESIGN §10 over a ``MLServe/ScoringEngine``.
///
/// | route | |
/// |---|---|
/// | `POST /v1/score` | `{"features":[…],"id":…,"request_id":…}` → `{"score","label","model","version","route","request_id"}` |
/// | `POST /v1/score/batch` | `{"rows":[[…],…]}` → `{"scores":[…],"labels":[…],"model","version","route","request_id"}` |
/// | `POST /v1/feedback` | `{"request_id":…,"outcome":…,"label":…}` → 202, queued; bearer token when configured |
/// | `GET /v1/models` | the variants, their versions and routes (sources with `expose_model_sources`) |
/// | `GET /health/live`, `/health/ready`, `/v2/health/live`, `/v2/health/ready` | 200 or 503 |
/// | `GET /metrics` | Prometheus text |
/// | `POST /admin/reload` | `Authorization: Bearer <token>`; optional `?route=NAME` |
///
/// Errors are `{"error":{"code":…,"message":…}}`: 400 `invalid_json`, `invalid_request` (a
/// field breaks its rule, e.g. `request_id`; the message names it); 422 `invalid_input`,
/// `feature_count_mismatch`, `non_numeric_value`; 413 `body_too_large`, `batch_too_large`;
/// 401/403 on admin, 401 on feedback; 503 `not_ready`; 500 `internal`, `model_error`,
/// `reload_failed` with no detail (the detail is logged).
public enum ServeRouter {
    /// Builds the router.
    /// - Parameters:
    ///   - engine: a started engine (readiness follows ``MLServe/ScoringEngine/isReady``).
    ///   - prometheus: the registry `GET /metrics` exports (the one the engine's metrics
    ///     factory writes to); `nil` serves an empty page.
    public static func make(
        engine: ScoringEngine, prometheus: PrometheusCollectorRegistry?, options: ServeHTTPOptions = .init()
    ) -> Router<BasicRequestContext> {
        make(handlers: _Handlers(engine: engine, prometheus: prometheus, options: options))
    }

    static func make(handlers: _Handlers) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: _JSONErrorMiddleware())
        router.post("/v1/score") { request, _ in await handlers.score(request) }
        router.post("/v1/score/batch") { request, _ in await handlers.scoreBatch(request) }
        router.post("/v1/feedback") { request, _ in await handlers.feedback(request) }
        router.get("/v1/models") { _, _ in handlers.models() }
        for prefix in ["/health", "/v2/health"] {
            router.get("\(prefix)/live") { _, _ in handlers.json(.ok, #"{"status":"live"}"#) }
            router.get("\(prefix)/ready") { _, _ in handlers.ready() }
        }
        router.get("/metrics") { _, _ in handlers.metrics() }
        router.post("/admin/reload") { request, _ in handlers.reload(request) }
        return router
    }
}

/// A JSON answer: status and body (`Content-Type: application/json`).
struct _JSONAnswer: Sendable {
    var status: HTTPResponse.Status
    var body: ByteBuffer
}

struct _Handlers: Sendable {
    let engine: ScoringEngine
    let prometheus: PrometheusCollectorRegistry?
    let options: ServeHTTPOptions

    var logger: Logger { options.logger ?? Logger(label: "mlserve") }

    var maxBody: Int { engine.configuration.limits.maxBodyBytes }

    func score(_ request: Request) async -> Response {
        guard engine.featureCount != nil, engine.isReady else { return notReady() }
        let body: ByteBuffer
        switch await collect(request) {
        case .success(let b): body = b
        case .failure(let response): return response
        }
        if answersInline {
            let answer = scoreBody(body)
            return buffer(answer.status, answer.body)
        }
        let parsed: _ParsedScoreRequest
        switch parseSingle(body) {
        case .success(let p): parsed = p
        case .failure(let answer): return buffer(answer.status, answer.body)
        }
        do {
            let requestID = parsed.requestID ?? engine.makeRequestID()
            let result = try await engine.submit(parsed.features, id: parsed.id, requestID: requestID)
            return buffer(.ok, _ResponseEncoder.single(result, requestID: requestID))
        } catch {
            let answer = serveErrorAnswer(error)
            return buffer(answer.status, answer.body)
        }
    }

    /// Whether `POST /v1/score` can be answered without awaiting (no micro-batching), so
    /// ``_InlineScoreHandler`` may answer it on the event loop.
    var answersInline: Bool { engine.configuration.microBatching == nil }

    /// The answer to a `POST /v1/score` body when no micro-batching is configured: scored in
    /// place. The router's handler and ``_InlineScoreHandler`` both answer with it.
    func scoreBody(_ body: ByteBuffer) -> _JSONAnswer {
        guard engine.featureCount != nil, engine.isReady else { return notReadyAnswer() }
        let parsed: _ParsedScoreRequest
        switch parseSingle(body) {
        case .success(let p): parsed = p
        case .failure(let answer): return answer
        }
        do {
            let requestID = parsed.requestID ?? engine.makeRequestID()
            let result = try engine.score(parsed.features, id: parsed.id, requestID: requestID)
            return _JSONAnswer(status: .ok, body: _ResponseEncoder.single(result, requestID: requestID))
        } catch {
            return serveErrorAnswer(error)
        }
    }

    enum ParsedSingle {
        case success(_ParsedScoreRequest)
        case failure(_JSONAnswer)
    }

    func parseSingle(_ body: ByteBuffer) -> ParsedSingle {
        guard let featureCount = engine.featureCount else { return .failure(notReadyAnswer()) }
        let parsed: _ParsedScoreRequest
        do {
            parsed = try body.withUnsafeReadableBytes { raw throws(_ParseFailure) in
                try _ScoreRequestParser.parseSingle(raw, expectedFeatures: featureCount)
            }
        } catch {
            return .failure(parseFailureAnswer(error))
        }
        if let refused = refusedRequestID(parsed) { return .failure(refused) }
        return .success(parsed)
    }

    /// The 400 answer for a client-supplied `request_id` that breaks ``MLServe/RequestID``'s
    /// rule, or `nil` when there is none or it is acceptable. Every scoring path (router,
    /// inline and raw fast paths, batch) checks the parsed body with this one function.
    func refusedRequestID(_ parsed: _ParsedScoreRequest) -> _JSONAnswer? {
        guard let id = parsed.requestID else { return nil }
        do {
            try RequestID.validate(id)
            return nil
        } catch {
            engine.recordError(type: error.code.rawValue)
            return failureAnswer(.badRequest, error.code.rawValue, error.message)
        }
    }

    func scoreBatch(_ request: Request) async -> Response {
        guard let featureCount = engine.featureCount, engine.isReady else { return notReady() }
        let body: ByteBuffer
        switch await collect(request) {
        case .success(let b): body = b
        case .failure(let response): return response
        }
        let parsed: _ParsedScoreRequest
        let maxRows = engine.configuration.limits.maxBatchRows
        do {
            parsed = try body.withUnsafeReadableBytes { raw throws(_ParseFailure) in
                try _ScoreRequestParser.parseBatch(raw, expectedFeatures: featureCount, maxRows: maxRows)
            }
        } catch {
            return parseFailure(error)
        }
        if let refused = refusedRequestID(parsed) { return buffer(refused.status, refused.body) }
        do {
            let requestID = parsed.requestID ?? engine.makeRequestID()
            let result = try parsed.features.withUnsafeBufferPointer { x throws(ServeError) in
                try engine.scoreBatch(x, rowCount: parsed.rowCount, id: parsed.id, requestID: requestID)
            }
            return buffer(.ok, _ResponseEncoder.batch(result, requestID: requestID))
        } catch {
            return serveError(error)
        }
    }

    struct FeedbackBody: Decodable {
        var requestID: String?
        var id: String?
        var outcome: Double?
        var label: String?

        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case id, outcome, label
        }
    }

    /// `POST /v1/feedback`: checked (token, sizes, request id), then queued for the
    /// prediction sink — 202 `{"status":"queued"}`; the write happens off the request path.
    func feedback(_ request: Request) async -> Response {
        if let token = options.feedbackToken, !token.isEmpty, !presentsBearer(request, token) {
            return unauthorized()
        }
        let body: ByteBuffer
        switch await collect(request, limit: min(maxBody, Feedback.maxBodyBytes)) {
        case .success(let b): body = b
        case .failure(let response): return response
        }
        let decoded: FeedbackBody
        do {
            decoded = try JSONDecoder().decode(FeedbackBody.self, from: Data(body.readableBytesView))
        } catch DecodingError.dataCorrupted {
            return failure(.badRequest, "invalid_json", "the body is not valid JSON")
        } catch {
            return failure(.unprocessableContent, "invalid_input", "expected {\"request_id\": string, \"outcome\": number, \"label\": string}")
        }
        guard let id = decoded.requestID ?? decoded.id else {
            return failure(.unprocessableContent, "invalid_input", "'request_id' is required")
        }
        do {
            try engine.recordFeedback(requestID: id, outcome: decoded.outcome, label: decoded.label)
            return json(.accepted, #"{"status":"queued"}"#)
        } catch {
            // `.notReady` here is the log's full queue, not the model: say so.
            if error.code == .notReady { return failure(.serviceUnavailable, "queue_full", error.message) }
            return serveError(error)
        }
    }

    struct ModelsBody: Encodable {
        var models: [ModelInfo]
        var policy: String
        var rollout: RolloutStatus?
        var shadow: ShadowStatistics
        var predictionLog: PredictionLogStatistics?

        enum CodingKeys: String, CodingKey {
            case models, policy, rollout, shadow
            case predictionLog = "prediction_log"
        }
    }

    /// The models as clients see them: without sources unless `expose_model_sources` is set.
    func listedModels(_ models: [ModelInfo]) -> [ModelInfo] {
        engine.configuration.exposeModelSources ? models : models.map { $0.redactingSource() }
    }

    func models() -> Response {
        let body = ModelsBody(
            models: listedModels(engine.models()), policy: engine.configuration.routing.policy.rawValue, rollout: engine.rolloutStatus,
            shadow: engine.shadowStatistics, predictionLog: engine.predictionLogStatistics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(body) else { return internalError() }
        return bytes(.ok, Array(data))
    }

    func ready() -> Response {
        engine.isReady ? json(.ok, #"{"status":"ready"}"#) : json(.serviceUnavailable, #"{"status":"not_ready"}"#)
    }

    func metrics() -> Response {
        var out: [UInt8] = []
        prometheus?.emit(into: &out)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: out)))
    }

    func reload(_ request: Request) -> Response {
        guard let token = options.adminToken, !token.isEmpty else {
            return failure(.forbidden, "forbidden", "reload is disabled: no admin token is configured")
        }
        guard presentsBearer(request, token) else { return unauthorized() }
        let route = request.uri.queryParameters.get("route")
        do {
            let models = listedModels(try engine.reload(route: route))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let data = try? encoder.encode(["models": models]) else { return internalError() }
            return bytes(.ok, Array(data))
        } catch {
            return serveError(error)
        }
    }

    // MARK: helpers

    /// Whether the request carries `Authorization: Bearer <token>`, compared in constant time.
    func presentsBearer(_ request: Request, _ token: String) -> Bool {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        return header.hasPrefix(prefix)
            && _constantTimeEquals(Array(header.utf8.dropFirst(prefix.utf8.count)), Array(token.utf8))
    }

    func unauthorized() -> Response {
        Response(
            status: .unauthorized,
            headers: [.contentType: "application/json", .wwwAuthenticate: "Bearer"],
            body: ResponseBody(
                byteBuffer: _ResponseEncoder.error(code: "unauthorized", message: "a valid bearer token is required")))
    }

    enum Collected {
        case success(ByteBuffer)
        case failure(Response)
    }

    func collect(_ request: Request, limit: Int? = nil) async -> Collected {
        let maxBody = limit ?? self.maxBody
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
            engine.recordError(type: "body_too_large")
            return .failure(failure(.contentTooLarge, "body_too_large", "the body has \(length) bytes; the limit is \(maxBody)"))
        }
        do {
            return .success(try await request.body.collect(upTo: maxBody))
        } catch is NIOTooManyBytesError {
            engine.recordError(type: "body_too_large")
            return .failure(failure(.contentTooLarge, "body_too_large", "the body exceeds the limit of \(maxBody) bytes"))
        } catch {
            // Not a size problem: the body ended early or could not be decoded.
            engine.recordError(type: "invalid_request")
            return .failure(failure(.badRequest, "invalid_request", "the request body could not be read"))
        }
    }

    func parseFailure(_ problem: _ParseFailure) -> Response {
        let answer = parseFailureAnswer(problem)
        return buffer(answer.status, answer.body)
    }

    func parseFailureAnswer(_ problem: _ParseFailure) -> _JSONAnswer {
        let (status, code): (HTTPResponse.Status, String) =
            switch problem.kind {
            case .syntax: (.badRequest, "invalid_json")
            case .shape: (.unprocessableContent, "invalid_input")
            case .nonNumeric: (.unprocessableContent, "non_numeric_value")
            case .featureCount: (.unprocessableContent, "feature_count_mismatch")
            case .tooManyRows: (.contentTooLarge, "batch_too_large")
            }
        engine.recordError(type: code)
        return failureAnswer(status, code, problem.message)
    }

    func serveError(_ e: ServeError) -> Response {
        let answer = serveErrorAnswer(e)
        return buffer(answer.status, answer.body)
    }

    func serveErrorAnswer(_ e: ServeError) -> _JSONAnswer {
        let status: HTTPResponse.Status
        switch e.code {
        case .invalidRequest: status = .badRequest
        case .invalidInput, .featureCountMismatch, .nonNumericValue: status = .unprocessableContent
        case .batchTooLarge: status = .contentTooLarge
        case .notReady: return notReadyAnswer()
        case .notFound: status = .notFound
        case .unauthorized: status = .unauthorized
        case .invalidConfiguration, .loadFailed, .modelError:
            // 5xx never leaks internals: the detail is for the operator's log, not the client.
            logger.error("internal failure", metadata: ["code": "\(e.code.rawValue)", "detail": "\(e.message)"])
            return e.code == .modelError
                ? failureAnswer(.internalServerError, "model_error", "the model could not score this request")
                : failureAnswer(
                    .internalServerError, "reload_failed",
                    "the model could not be loaded; the previous one is still served"
                        + (e.reason.map { ": " + $0 } ?? ""))
        }
        return failureAnswer(status, e.code.rawValue, e.message)
    }

    func notReadyAnswer() -> _JSONAnswer {
        failureAnswer(.serviceUnavailable, "not_ready", "the model is not loaded and warmed yet")
    }

    func failureAnswer(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> _JSONAnswer {
        _JSONAnswer(status: status, body: _ResponseEncoder.error(code: code, message: message))
    }

    func notReady() -> Response {
        let answer = notReadyAnswer()
        return buffer(answer.status, answer.body)
    }

    func internalError() -> Response {
        failure(.internalServerError, "internal", "internal error")
    }

    func failure(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        buffer(status, _ResponseEncoder.error(code: code, message: message))
    }

    func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        bytes(status, Array(text.utf8))
    }

    func bytes(_ status: HTTPResponse.Status, _ body: [UInt8]) -> Response {
        buffer(status, ByteBuffer(bytes: body))
    }

    func buffer(_ status: HTTPResponse.Status, _ body: ByteBuffer) -> Response {
        Response(status: status, headers: _Handlers.jsonHeaders, body: ResponseBody(byteBuffer: body))
    }

    /// Built once: every JSON answer shares the same header storage.
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]
}

/// Renders what the router itself refuses (unknown path, wrong method) and anything thrown
/// past a handler as `{"error":{"code","message"}}`; a 5xx says nothing about internals.
struct _JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let status = error.status
            let code: String
            switch status {
            case .notFound: code = "not_found"
            case .methodNotAllowed: code = "method_not_allowed"
            case .contentTooLarge: code = "body_too_large"
            default: code = status.code >= 500 ? "internal" : "bad_request"
            }
            let message = status.code >= 500 ? "internal error" : "\(request.method) \(request.uri.path): \(status.reasonPhrase)"
            return Response(
                status: status, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: _ResponseEncoder.error(code: code, message: message)))
        } catch {
            return Response(
                status: .internalServerError, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: _ResponseEncoder.error(code: "internal", message: "internal error")))
        }
    }
}

/// Compares a presented secret with the expected one in time that depends only on the
/// expected secret's length, not on where the first difference is.
func _constantTimeEquals(_ presented: [UInt8], _ expected: [UInt8]) -> Bool {
    var difference: UInt8 = presented.count == expected.count ? 0 : 1
    for k in 0..<expected.count {
        let p = k < presented.count ? presented[k] : 0
        difference |= p ^ expected[k]
    }
    return difference == 0
}
