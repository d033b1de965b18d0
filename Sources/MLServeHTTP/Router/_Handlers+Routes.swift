import FoundationEssentials
import Hummingbird
import MLServe
import NIOCore

/// The routes besides scoring: feedback, models, health, metrics, reload.
extension _Handlers {
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
    func feedback(_ request: Request) async throws(_ServeHTTPError) -> Response {
        if let token = options.feedbackToken, !token.isEmpty, !presentsBearer(request, token) {
            throw unauthorized
        }
        let body = try await collect(request, limit: min(maxBody, Feedback.maxBodyBytes))
        let decoded: FeedbackBody
        do {
            decoded = try JSONDecoder().decode(FeedbackBody.self, from: Data(body.readableBytesView))
        } catch DecodingError.dataCorrupted {
            throw _ServeHTTPError(status: .badRequest, code: "invalid_json", message: "the body is not valid JSON")
        } catch {
            throw _ServeHTTPError(
                status: .unprocessableContent, code: "invalid_input",
                message: "expected {\"request_id\": string, \"outcome\": number, \"label\": string}")
        }
        guard let id = decoded.requestID ?? decoded.id else {
            throw _ServeHTTPError(status: .unprocessableContent, code: "invalid_input", message: "'request_id' is required")
        }
        do {
            try engine.recordFeedback(requestID: id, outcome: decoded.outcome, label: decoded.label)
            return json(.accepted, #"{"status":"queued"}"#)
        } catch {
            // `.notReady` here is the log's full queue, not the model: say so.
            if error.code == .notReady {
                throw _ServeHTTPError(status: .serviceUnavailable, code: "queue_full", message: error.message)
            }
            throw refusal(error)
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

    /// `GET /v1/models`.
    func models() throws(_ServeHTTPError) -> Response {
        let body = ModelsBody(
            models: listedModels(engine.models()), policy: engine.configuration.routing.policy.rawValue,
            rollout: engine.rolloutStatus, shadow: engine.shadowStatistics, predictionLog: engine.predictionLogStatistics)
        return try sortedJSON(body)
    }

    /// `GET …/ready`.
    func ready() -> Response {
        engine.isReady ? json(.ok, #"{"status":"ready"}"#) : json(.serviceUnavailable, #"{"status":"not_ready"}"#)
    }

    /// `GET /metrics`: Prometheus text.
    func metrics() -> Response {
        var out: [UInt8] = []
        prometheus?.emit(into: &out)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: out)))
    }

    /// `POST /admin/reload[?route=NAME]`.
    func reload(_ request: Request) throws(_ServeHTTPError) -> Response {
        guard let token = options.adminToken, !token.isEmpty else {
            throw _ServeHTTPError(status: .forbidden, code: "forbidden", message: "reload is disabled: no admin token is configured")
        }
        guard presentsBearer(request, token) else { throw unauthorized }
        let route = request.uri.queryParameters.get("route")
        let models: [ModelInfo]
        do {
            models = listedModels(try engine.reload(route: route))
        } catch {
            throw refusal(error)
        }
        return try sortedJSON(["models": models])
    }

    /// `value` as JSON with sorted keys (200).
    private func sortedJSON(_ value: some Encodable) throws(_ServeHTTPError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { throw internalError }
        return response(_JSONAnswer(status: .ok, body: ByteBuffer(bytes: data)))
    }

    /// Whether the request carries `Authorization: Bearer <token>`, compared in constant time.
    func presentsBearer(_ request: Request, _ token: String) -> Bool {
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        return header.hasPrefix(prefix)
            && _constantTimeEquals(Array(header.utf8.dropFirst(prefix.utf8.count)), Array(token.utf8))
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
