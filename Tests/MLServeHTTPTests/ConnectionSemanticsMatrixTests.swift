import Foundation
import Logging
import MLServe
import MLServeHTTP
import MLTesting
import Synchronization
import Testing

/// The three paths a `POST /v1/score` can take on a live server: framed before the HTTP/1
/// decoder, answered right after it, or by the router.
enum ScorePath: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Plain: framed and answered before the decoder.
    case raw
    /// A query string sends the request to the decoder; the inline handler answers it.
    case inline
    /// Chunked: only the router takes it.
    case router

    var testDescription: String { rawValue }

    /// `body` posted to `/v1/score` on this path, with `extraHeaders` (each ending in `\r\n`).
    func request(_ body: String, extraHeaders: String = "") -> String {
        switch self {
        case .raw:
            return rawScoreRequest(body, extraHeaders: extraHeaders)
        case .inline:
            return rawScoreRequest(body, extraHeaders: extraHeaders, path: "/v1/score?via=decoder")
        case .router:
            let hex = String(body.utf8.count, radix: 16)
            return "POST /v1/score HTTP/1.1\r\nHost: x\r\n\(extraHeaders)Transfer-Encoding: chunked\r\n\r\n\(hex)\r\n\(body)\r\n0\r\n\r\n"
        }
    }
}

/// One matrix for the connection and error semantics of the HTTP front, run over all three
/// paths: they must answer alike whichever one a request takes.
@Suite(.serialized) struct ConnectionSemanticsMatrixTests {
    static let valid = featuresBody([Double?](repeating: 0.5, count: 8))

    /// Each spelling of a close request.
    static let closeValues = ["close", "Close", "keep-alive, CLOSE"]

    @Test(arguments: ScorePath.allCases, ConnectionSemanticsMatrixTests.closeValues)
    func connectionCloseIsAnsweredSaidAndClosed(path: ScorePath, value: String) async throws {
        try await withLiveServer { port, _ in try await offCooperativePool {
            let connection = try RawHTTPConnection(port: port)
            // A second request right behind the closing one is never answered.
            try connection.send(path.request(Self.valid, extraHeaders: "Connection: \(value)\r\n") + path.request(Self.valid))
            let responses = try connection.responses(2)
            #expect(responses.map(\.status) == [200], "\(path) \(value)")
            #expect(responses.first?.headers["connection"] == "close", "\(path) \(value): \(responses.first?.headers ?? [:])")
            #expect(try connection.waitForClose(), "\(path) \(value)")
        } }
    }

    @Test(arguments: ScorePath.allCases)
    func keptAliveConnectionsAnswerEveryRequestWithoutClosing(path: ScorePath) async throws {
        try await withLiveServer { port, _ in try await offCooperativePool {
            let connection = try RawHTTPConnection(port: port)
            for _ in 0..<5 {
                try connection.send(path.request(Self.valid, extraHeaders: "Connection: keep-alive\r\n"))
                let response = try #require(try connection.responses(1).first)
                #expect(response.status == 200, "\(path)")
                #expect(response.headers["connection"] == nil, "\(path)")
            }
            #expect(!connection.closedByServer, "\(path)")
        } }
    }

    @Test(arguments: ScorePath.allCases)
    func refusalsHaveTheSameStatusCodeAndCountOnEveryPath(path: ScorePath) async throws {
        var configuration = ServeConfiguration.singleFile(Fixtures.xgbBinary)
        configuration.limits.maxBodyBytes = 300
        let cases: [(body: String, status: Int, code: String)] = [
            ("{not json", 400, "invalid_json"),
            (#"{"features":[1,2]}"#, 422, "feature_count_mismatch"),
            (#"{"features":[1,2,3,4,5,6,7,"x"]}"#, 422, "non_numeric_value"),
            (#"{"rows":[[1,2,3,4,5,6,7,8]]}"#, 422, "invalid_input"),
            (#"{"features":[1,2,3,4,5,6,7,8],"request_id":"no spaces"}"#, 400, "invalid_request"),
            (#"{"features":[1,2,3,4,5,6,7,8],"pad":""# + String(repeating: "p", count: 400) + #""}"#, 413, "body_too_large"),
        ]
        try await ServingHarness.withLiveServer(configuration) { server in
            for (body, status, code) in cases {
                let before = Self.errors(server.metricsText(), type: code)
                let response = try await offCooperativePool {
                    let connection = try RawHTTPConnection(port: server.port)
                    try connection.send(path.request(body))
                    return try connection.responses(1).first
                }
                #expect(response?.status == status, "\(path) \(code): \(response?.body ?? "no answer")")
                #expect(errorCode(response?.body ?? "") == code, "\(path) \(code)")
                #expect(response?.headers["content-type"] == "application/json", "\(path) \(code)")
                #expect(Self.errors(server.metricsText(), type: code) == before + 1, "\(path) \(code) counted")
            }
        }
    }

    @Test(arguments: ScorePath.allCases)
    func internalFailuresAreLoggedToTheLoggerGivenToTheServer(path: ScorePath) async throws {
        // The detail of a 5xx goes to the server's logger (`ServeServer.application(logger:)`),
        // not to a default one; a reload of a broken file is the 5xx any server can be driven to.
        let messages = CapturedLog()
        var logger = Logger(label: "matrix") { _ in CapturingLogHandler(log: messages) }
        logger.logLevel = .info
        let (directory, served) = try Self.copyOfTheModel()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ServingHarness.withLiveServer(.singleFile(served), options: ServeHTTPOptions(adminToken: "t"), logger: logger) {
            server in
            try Data("not a model".utf8).write(to: URL(fileURLWithPath: served))
            let reload = try await offCooperativePool {
                let connection = try RawHTTPConnection(port: server.port)
                try connection.send("POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: 0\r\n\r\n")
                return try connection.responses(1).first
            }
            #expect(reload?.status == 500)
            #expect(errorCode(reload?.body ?? "") == "reload_failed")
            #expect(messages.lines.contains { $0.contains("internal failure") && $0.contains("load_failed") }, "\(messages.lines)")
            // The scoring paths still answer with the old model, and log nothing.
            let failures = { messages.lines.filter { $0.contains("internal failure") }.count }
            let count = failures()
            let score = try await offCooperativePool {
                let connection = try RawHTTPConnection(port: server.port)
                try connection.send(path.request(Self.valid))
                return try connection.responses(1).first
            }
            #expect(score?.status == 200, "\(path)")
            #expect(failures() == count, "\(path)")
        }
    }

    /// The sum of `mlserve_errors_total` samples of error type `type`.
    static func errors(_ metrics: String, type: String) -> Double {
        metrics.split(separator: "\n")
            .filter { $0.hasPrefix("mlserve_errors_total{") && $0.contains(#"type="\#(type)""#) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
    }

    /// A scratch folder holding a copy of the fixture model: (folder, model path).
    static func copyOfTheModel() throws -> (String, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let served = directory.appendingPathComponent("model.json")
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.xgbBinary)).write(to: served)
        return (directory.path, served.path)
    }
}

/// Log lines kept in memory.
final class CapturedLog: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

/// A log handler that keeps `message metadata` lines in a ``CapturedLog``.
struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (metadata.merging(event.metadata ?? [:]) { $1 }).map { "\($0.key)=\($0.value)" }.sorted()
        log.append("\(event.message) \(fields.joined(separator: " "))")
    }
}
