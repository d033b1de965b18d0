import Hummingbird

/// Renders what the router itself refuses (unknown path, wrong method) and anything thrown
/// past a handler as `{"error":{"code","message"}}` (a ``_ServeHTTPError``, which Hummingbird
/// renders); a 5xx says nothing about internals. The handlers' own refusals pass unchanged.
struct _JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as _ServeHTTPError {
            throw error
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
            throw _ServeHTTPError(status: status, code: code, message: message)
        } catch {
            throw _ServeHTTPError(status: .internalServerError, code: "internal", message: "internal error")
        }
    }
}
