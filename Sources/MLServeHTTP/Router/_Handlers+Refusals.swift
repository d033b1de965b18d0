import Hummingbird
import MLServe
import NIOCore

/// How the front refuses a request: one ``_ServeHTTPError`` per kind of problem, counted
/// (``_RefusedRequests``) where the engine did not count it, and 5xx detail logged, never sent.
extension _Handlers {
    /// 503 `not_ready`.
    var notReady: _ServeHTTPError {
        _ServeHTTPError(status: .serviceUnavailable, code: "not_ready", message: "the model is not loaded and warmed yet")
    }

    /// 401 `unauthorized`, with `WWW-Authenticate: Bearer`.
    var unauthorized: _ServeHTTPError {
        _ServeHTTPError(
            status: .unauthorized, code: "unauthorized", message: "a valid bearer token is required",
            headers: [.wwwAuthenticate: "Bearer"])
    }

    /// 500 `internal`.
    var internalError: _ServeHTTPError {
        _ServeHTTPError(status: .internalServerError, code: "internal", message: "internal error")
    }

    /// The request's body, at most `limit` (default ``maxBody``) bytes.
    func collect(_ request: Request, limit: Int? = nil) async throws(_ServeHTTPError) -> ByteBuffer {
        let maxBody = limit ?? self.maxBody
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
            refusals.count("body_too_large")
            throw _ServeHTTPError(
                status: .contentTooLarge, code: "body_too_large", message: "the body has \(length) bytes; the limit is \(maxBody)")
        }
        do {
            return try await request.body.collect(upTo: maxBody)
        } catch is NIOTooManyBytesError {
            refusals.count("body_too_large")
            throw _ServeHTTPError(
                status: .contentTooLarge, code: "body_too_large", message: "the body exceeds the limit of \(maxBody) bytes")
        } catch {
            // Not a size problem: the body ended early or could not be decoded.
            refusals.count("invalid_request")
            throw _ServeHTTPError(status: .badRequest, code: "invalid_request", message: "the request body could not be read")
        }
    }

    /// A body the parser refused: counted, with its status and code.
    func refusal(_ problem: _ParseFailure) -> _ServeHTTPError {
        let (status, code): (HTTPResponse.Status, String) =
            switch problem.kind {
            case .syntax: (.badRequest, "invalid_json")
            case .shape: (.unprocessableContent, "invalid_input")
            case .nonNumeric: (.unprocessableContent, "non_numeric_value")
            case .featureCount: (.unprocessableContent, "feature_count_mismatch")
            case .tooManyRows: (.contentTooLarge, "batch_too_large")
            }
        refusals.count(code)
        return _ServeHTTPError(status: status, code: code, message: problem.message)
    }

    /// An engine error (already counted by the engine) as the client sees it: 4xx with the
    /// engine's message; 5xx with a generic one, the detail logged.
    func refusal(_ e: ServeError) -> _ServeHTTPError {
        let status: HTTPResponse.Status
        switch e.code {
        case .invalidRequest: status = .badRequest
        case .invalidInput, .featureCountMismatch: status = .unprocessableContent
        case .batchTooLarge: status = .contentTooLarge
        case .notReady: return notReady
        case .notFound: status = .notFound
        case .invalidConfiguration, .loadFailed, .modelError:
            // 5xx never leaks internals: the detail is for the operator's log, not the client.
            logger.error("internal failure", metadata: ["code": "\(e.code.rawValue)", "detail": "\(e.message)"])
            return e.code == .modelError
                ? _ServeHTTPError(
                    status: .internalServerError, code: "model_error", message: "the model could not score this request")
                : _ServeHTTPError(
                    status: .internalServerError, code: "reload_failed",
                    message: "the model could not be loaded; the previous one is still served"
                        + (e.reason.map { ": " + $0 } ?? ""))
        }
        return _ServeHTTPError(status: status, code: e.code.rawValue, message: e.message)
    }
}
