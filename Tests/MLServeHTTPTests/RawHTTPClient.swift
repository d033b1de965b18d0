import MLServe
import MLServeHTTP
import MLTesting

/// `POST /v1/score` as wrk sends it.
func rawScoreRequest(_ body: String, extraHeaders: String = "", path: String = "/v1/score") -> String {
    RawHTTPConnection.scoreRequest(body, extraHeaders: extraHeaders, path: path)
}

/// Runs the real server (`ServeServer.application`, fast paths included) on an ephemeral
/// loopback port while `body` runs, then shuts it down gracefully: MLTesting's
/// ``ServingHarness``, with the admin token these tests use.
func withLiveServer(
    _ configuration: ServeConfiguration = .singleFile(Fixtures.xgbBinary), token: String? = "s3cret",
    _ body: @Sendable (Int, ScoringEngine) async throws -> Void
) async throws {
    try await ServingHarness.withLiveServer(configuration, options: ServeHTTPOptions(adminToken: token)) { server in
        try await body(server.port, server.engine)
    }
}
