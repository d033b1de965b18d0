import Hummingbird
import NIOCore

/// A refused request on the router path: status, code and message, rendered by Hummingbird
/// (as an `HTTPResponseError`) as `{"error":{"code","message"}}` with
/// `Content-Type: application/json`. The fast paths give the same bytes through ``answer``.
struct _ServeHTTPError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    /// Fields beyond `Content-Type` (`WWW-Authenticate` on a 401).
    var headers: HTTPFields = [:]

    /// The status and JSON body, for the paths that write their own responses.
    var answer: _JSONAnswer { _JSONAnswer(status: status, body: _ResponseEncoder.error(code: code, message: message)) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        rendered
    }

    /// The response Hummingbird sends.
    var rendered: Response {
        var fields = _Handlers.jsonHeaders
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: answer.body))
    }
}
